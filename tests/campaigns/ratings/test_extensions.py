"""A rated unit's extension, granted by the checking unit under the rules of members'
extensions; the submit honours it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from campaigns.models import Milestone, UnitAssessment
from campaigns.services import unitassessments as services
from campaigns.services.extensions import grant_unit_extension
from campaigns.services.selfreports import DeadlineError
from portal.models import AuditEntry
from tests.campaigns.ratings.conftest import DEADLINE, NOW, scores
from tests.factories import PlanFactory

pytestmark = pytest.mark.django_db

LATE = DEADLINE + dt.timedelta(hours=2)
EXTENDED = DEADLINE + dt.timedelta(days=3)


def grant(assessment, actor, new_deadline=EXTENDED, reason="Chủ tịch đi tập huấn", now=NOW):
    return grant_unit_extension(
        assessment=assessment, actor=actor, new_deadline=new_deadline, reason=reason, now=now
    )


def test_late_submit_refused_without_and_taken_with_an_extension(
    assessment, standards, alice, federation_staff
):
    with pytest.raises(DeadlineError):
        services.submit_unit_assessment(
            assessment=assessment, actor=alice, data=scores(standards, 28, 27, 38), now=LATE
        )
    assessment.refresh_from_db()
    assert assessment.status == UnitAssessment.Status.DRAFT

    grant(assessment, federation_staff, now=LATE)
    version = services.submit_unit_assessment(
        assessment=assessment,
        actor=alice,
        data=scores(standards, 28, 27, 38),
        now=LATE + dt.timedelta(minutes=1),
    )
    assessment.refresh_from_db()
    assert assessment.status == UnitAssessment.Status.SUBMITTED
    assert (version.is_late, version.within_extension) == (False, True)
    assert assessment.within_extension
    entry = AuditEntry.objects.get(action="unitassessment.extension_granted")
    assert entry.data["new_deadline"] == EXTENDED.isoformat()
    # Past the extended deadline it is refused again.
    with pytest.raises(DeadlineError) as refused:
        services.submit_unit_assessment(
            assessment=assessment, actor=alice, data=scores(standards, 28, 27, 38), now=EXTENDED
        )
    assert "23/11/2026" in refused.value.messages[0]


def test_an_extension_is_for_one_unit_only(
    scheme, union, other_union, standards, alice, federation_staff
):
    grant(scheme.assessments.get(unit=other_union), federation_staff)
    with pytest.raises(DeadlineError):
        services.submit_unit_assessment(
            assessment=scheme.assessments.get(unit=union),
            actor=alice,
            data=scores(standards, 28, 27, 38),
            now=LATE,
        )


def test_only_the_checking_unit_grants(assessment, alice):
    with pytest.raises(PermissionDenied):
        grant(assessment, alice)
    assert not assessment.extensions.exists()


def test_plan_may_forbid_extensions(assessment, federation_staff):
    plan = assessment.scheme.plan
    plan.allows_extensions = False
    plan.save()
    with pytest.raises(ValidationError) as refused:
        grant(assessment, federation_staff)
    assert "không gia hạn" in refused.value.messages[0]
    assert not assessment.extensions.exists()


@pytest.mark.parametrize(
    "new_deadline, reason, message",
    [
        (DEADLINE, "Ốm", "phải sau hạn chót chung"),
        (None, "Ốm", "Hãy chọn hạn mới"),
        (EXTENDED, "  ", "Hãy ghi lý do gia hạn"),
        # After the scheme's deadline but already past when granted.
        (LATE, "Ốm", "sau thời điểm hiện tại"),
    ],
)
def test_bad_extension_is_refused(assessment, federation_staff, new_deadline, reason, message):
    with pytest.raises(ValidationError) as refused:
        grant(
            assessment,
            federation_staff,
            new_deadline=new_deadline,
            reason=reason,
            now=LATE + dt.timedelta(hours=1),
        )
    assert message in refused.value.messages[0]
    assert not assessment.extensions.exists()


def test_extension_stays_inside_the_parent_deadline_and_before_the_review(
    assessment, federation_staff
):
    plan = assessment.scheme.plan
    parent = PlanFactory(issuer=plan.issuer, year=2026)
    Milestone.objects.create(
        plan=parent,
        kind=Milestone.Kind.SELF_REPORT,
        label="Tự báo cáo",
        starts_at=NOW - dt.timedelta(days=30),
        ends_at=DEADLINE + dt.timedelta(days=2),
    )
    plan.parent = parent
    plan.save()
    with pytest.raises(ValidationError) as refused:
        grant(assessment, federation_staff)
    assert "kế hoạch cấp trên" in refused.value.messages[0]
    Milestone.objects.create(
        plan=plan,
        kind=Milestone.Kind.REVIEW_MEETING,
        label="Họp xét",
        starts_at=DEADLINE + dt.timedelta(days=1),
        ends_at=DEADLINE + dt.timedelta(days=1, hours=2),
    )
    with pytest.raises(ValidationError) as refused:
        grant(assessment, federation_staff, new_deadline=DEADLINE + dt.timedelta(days=1, hours=1))
    assert "họp xét" in refused.value.messages[0]
    grant(assessment, federation_staff, new_deadline=DEADLINE + dt.timedelta(hours=12))
    assert assessment.extensions.count() == 1


def test_the_due_item_names_the_ratings_step_and_the_extended_deadline(
    assessment, alice, federation_staff
):
    from campaigns.due.unitassessments import unit_assessments_due
    from portal.help import step

    (item,) = unit_assessments_due(alice, NOW)
    assert (item.step, item.due_at) == ("ratings", DEADLINE)
    grant(assessment, federation_staff)
    (item,) = unit_assessments_due(alice, NOW)
    assert (item.step, item.due_at, item.url) == (
        "ratings",
        EXTENDED,
        assessment.get_absolute_url(),
    )
    assert step(item.step).after.startswith("Khi cấp trên chốt và công bố")
