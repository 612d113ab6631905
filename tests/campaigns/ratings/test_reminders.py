"""Units that have not submitted their self-assessment get the members' deadline
reminders: same command, same tiers, same claim-once log."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from campaigns.mail.registrations import send_deadline_reminders
from campaigns.models import ReminderLog
from campaigns.services import unitassessments as services
from campaigns.services.extensions import grant_unit_extension
from portal.models import Role, User
from tests.campaigns.ratings.conftest import DEADLINE, NOW, scores
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

H = dt.timedelta(hours=1)


@pytest.fixture
def chairs(scheme, union, other_union, alice):
    """alice chairs Sen Hồng; Hoa Hồng's chair has an address too."""
    User.objects.filter(pk=alice.pk).update(email="alice@senhong.vn")
    hoa = UserFactory(username="hoa", full_name="Ngô Thị Hoa", email="hoa@hoahong.vn")
    MembershipFactory(user=hoa, unit=other_union, role=Role.CHAIR)
    return alice, hoa


def unit_mails():
    return sorted((m.to[0], m.subject) for m in mail.outbox if "tự chấm xếp loại" in m.subject)


def test_units_not_submitted_are_reminded_once_per_tier(chairs, scheme, standards, union):
    alice, hoa = chairs
    assert send_deadline_reminders(now=DEADLINE - 73 * H).total == 0
    send_deadline_reminders(now=DEADLINE - 24 * H)
    assert [to for to, _subject in unit_mails()] == ["alice@senhong.vn", "hoa@hoahong.vn"]
    assert "17h00 ngày 20/11/2026" in mail.outbox[0].subject
    assert "CĐCS Trường MN" in mail.outbox[0].body
    # A second run (cron every 10 minutes) sends nothing again.
    mail.outbox.clear()
    assert send_deadline_reminders(now=DEADLINE - 23 * H).total == 0
    assert ReminderLog.objects.filter(kind=ReminderLog.Kind.UNIT_ASSESSMENT).count() == 2
    # Sen Hồng submits; at 2 h only Hoa Hồng is reminded.
    services.submit_unit_assessment(
        assessment=scheme.assessments.get(unit=union),
        actor=alice,
        data=scores(standards, 28, 27, 38),
        now=NOW,
    )
    send_deadline_reminders(now=DEADLINE - H)
    assert [to for to, _subject in unit_mails()] == ["hoa@hoahong.vn"]
    mail.outbox.clear()
    assert send_deadline_reminders(now=DEADLINE).total == 0  # the deadline has passed


def test_an_extended_unit_is_reminded_before_its_own_deadline(
    chairs, scheme, other_union, federation_staff
):
    grant_unit_extension(
        assessment=scheme.assessments.get(unit=other_union),
        actor=federation_staff,
        new_deadline=DEADLINE + 48 * H,
        reason="Sáp nhập trường",
        now=NOW,
    )
    send_deadline_reminders(now=DEADLINE + 47 * H)
    assert [to for to, _subject in unit_mails()] == ["hoa@hoahong.vn"]
    assert "hạn đã được gia hạn cho đơn vị" in mail.outbox[0].body
    assert ReminderLog.objects.get(kind=ReminderLog.Kind.UNIT_ASSESSMENT).tier == "ext-2h"


def test_the_command_sends_them(chairs):
    out = StringIO()
    call_command("send_deadline_reminders", now=(DEADLINE - 2 * H).isoformat(), stdout=out)
    assert "Nhắc đơn vị nộp bản tự chấm xếp loại" in out.getvalue()
    assert len(unit_mails()) == 2


def test_a_published_rating_reminds_nobody(chairs, scheme):
    scheme.published_at = NOW
    scheme.save()
    assert send_deadline_reminders(now=DEADLINE - H).total == 0


def test_a_vice_chair_is_reminded_too(chairs, union):
    """Everyone who may fill the unit's self-assessment (UNIT_LEAD_ROLES) is reminded."""
    vice = UserFactory(username="vice", full_name="Trần Văn Phó", email="pho@senhong.vn")
    MembershipFactory(user=vice, unit=union, role=Role.VICE_CHAIR)
    send_deadline_reminders(now=DEADLINE - 24 * H)
    assert [to for to, _subject in unit_mails()] == [
        "alice@senhong.vn",
        "hoa@hoahong.vn",
        "pho@senhong.vn",
    ]
