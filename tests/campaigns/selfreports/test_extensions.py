import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from campaigns.models import DeadlineExtension
from campaigns.selectors.selfreports import own_report, personal_deadline
from campaigns.services.extensions import decide_extension, request_extension
from campaigns.services.selfreports import DeadlineError, submit_self_report
from portal.models import AuditEntry
from tests.campaigns.selfreports.conftest import BEFORE, DEADLINE, answers

pytestmark = pytest.mark.django_db

NEW_DEADLINE = DEADLINE + dt.timedelta(days=1)


def ask(plan, member, now=BEFORE):
    return request_extension(plan=plan, actor=member, reason="Con ốm, nằm viện", now=now)


def test_request_extension_is_stored_and_audited(plan, bob):
    extension = ask(plan, bob)

    assert (extension.status, extension.reason, extension.requested_at) == (
        "requested",
        "Con ốm, nằm viện",
        BEFORE,
    )
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.data["reason"]) == (
        "selfreport.extension_requested",
        "Con ốm, nằm viện",
    )


def test_request_extension_needs_a_reason(plan, bob):
    with pytest.raises(ValidationError) as refused:
        request_extension(plan=plan, actor=bob, reason="  ", now=BEFORE)

    assert refused.value.messages == ["Hãy ghi lý do xin gia hạn."]
    assert DeadlineExtension.objects.count() == 0


def test_second_open_request_refused(plan, bob):
    ask(plan, bob)

    with pytest.raises(ValidationError) as refused:
        ask(plan, bob)

    assert refused.value.messages == ["Bạn đã có một yêu cầu gia hạn đang chờ Chủ tịch quyết định."]


def test_outsider_cannot_request_extension(plan, charlie):
    with pytest.raises(PermissionDenied):
        ask(plan, charlie)


def test_chair_grants_and_member_submits_within_personal_deadline(plan, bob, alice):
    extension = ask(plan, bob)

    decide_extension(
        extension=extension, actor=alice, grant=True, new_deadline=NEW_DEADLINE, now=BEFORE
    )

    assert personal_deadline(plan, bob) == NEW_DEADLINE
    version = submit_self_report(
        report=own_report(plan, bob),
        actor=bob,
        data=answers(plan),
        now=NEW_DEADLINE - dt.timedelta(milliseconds=1),
    )
    assert (version.is_late, version.within_extension) == (False, True)
    granted = AuditEntry.objects.get(action="selfreport.extension_granted")
    assert granted.actor == alice
    assert granted.data["new_deadline"] == NEW_DEADLINE.isoformat()
    assert granted.data["member"] == bob.pk


def test_personal_deadline_still_refuses_after_it(plan, bob, alice):
    decide_extension(
        extension=ask(plan, bob), actor=alice, grant=True, new_deadline=NEW_DEADLINE, now=BEFORE
    )

    with pytest.raises(DeadlineError) as refused:
        submit_self_report(
            report=own_report(plan, bob), actor=bob, data=answers(plan), now=NEW_DEADLINE
        )

    assert "hạn chót 11h30 ngày 24/3/2023" in refused.value.messages[0]


def test_extension_does_not_help_other_members(plan, bob, erin, alice):
    decide_extension(
        extension=ask(plan, bob), actor=alice, grant=True, new_deadline=NEW_DEADLINE, now=BEFORE
    )

    with pytest.raises(DeadlineError):
        submit_self_report(
            report=own_report(plan, erin), actor=erin, data=answers(plan), now=DEADLINE
        )


def test_chair_refuses_extension(plan, bob, alice):
    extension = decide_extension(
        extension=ask(plan, bob), actor=alice, grant=False, note="Không đủ lý do", now=BEFORE
    )

    assert (extension.status, extension.new_deadline, extension.decision_note) == (
        "refused",
        None,
        "Không đủ lý do",
    )
    assert personal_deadline(plan, bob) is None
    entry = AuditEntry.objects.get(action="selfreport.extension_refused")
    assert entry.data["note"] == "Không đủ lý do"


@pytest.mark.parametrize("decider", ["bob", "dave", "federation_staff", "charlie"])
def test_only_the_chair_decides(plan, bob, dave, federation_staff, charlie, decider, request):
    extension = ask(plan, bob)

    with pytest.raises(PermissionDenied):
        decide_extension(
            extension=extension,
            actor=request.getfixturevalue(decider),
            grant=True,
            new_deadline=NEW_DEADLINE,
            now=BEFORE,
        )

    extension.refresh_from_db()
    assert extension.status == "requested"


def test_new_deadline_must_follow_the_original(plan, bob, alice):
    extension = ask(plan, bob)

    with pytest.raises(ValidationError) as refused:
        decide_extension(
            extension=extension, actor=alice, grant=True, new_deadline=DEADLINE, now=BEFORE
        )

    assert refused.value.messages == [
        "Hạn mới phải sau hạn chót chung 11h30 ngày 23/3/2023 và sau thời điểm hiện tại."
    ]
    extension.refresh_from_db()
    assert extension.status == "requested"


def test_decided_request_cannot_be_decided_again(plan, bob, alice):
    extension = decide_extension(extension=ask(plan, bob), actor=alice, grant=False, now=BEFORE)

    with pytest.raises(ValidationError) as refused:
        decide_extension(
            extension=extension, actor=alice, grant=True, new_deadline=NEW_DEADLINE, now=BEFORE
        )

    assert refused.value.messages == ["Yêu cầu gia hạn này đã được quyết định."]


@pytest.mark.parametrize(
    "new_deadline, now, message",
    [
        (None, BEFORE, "Hãy chọn hạn mới."),
        # After the original deadline but already past when the chair decides.
        (
            NEW_DEADLINE,
            NEW_DEADLINE + dt.timedelta(hours=1),
            "Hạn mới phải sau hạn chót chung 11h30 ngày 23/3/2023 và sau thời điểm hiện tại.",
        ),
    ],
)
def test_a_missing_or_past_new_deadline_is_refused(plan, bob, alice, new_deadline, now, message):
    """The limits shared with the units' extensions (check_extension_limits)."""
    extension = ask(plan, bob)
    with pytest.raises(ValidationError) as refused:
        decide_extension(
            extension=extension, actor=alice, grant=True, new_deadline=new_deadline, now=now
        )
    assert refused.value.messages == [message]
    extension.refresh_from_db()
    assert (extension.status, extension.new_deadline) == ("requested", None)
