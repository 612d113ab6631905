"""After publication a rated unit objects within the window; the checking unit answers:
accept (the verified points change with the reason and the level is published again) or
reject (with the reason). The unit reads the answer; everything is audited."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from campaigns.models import UnitAssessment
from campaigns.services import unitassessments as services
from portal.models import AuditEntry, Role
from tests.campaigns.ratings.conftest import NOW, scores
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _finalise(assessment, standards, staff, *points):
    services.verify_unit_assessment(
        assessment=assessment,
        actor=staff,
        scores={
            c.pk: {"points": str(p), "reason": "Thẩm định"}
            for c, p in zip(standards, points, strict=True)
        },
    )
    services.finalise_unit_assessment(assessment=assessment, actor=staff, now=NOW)


@pytest.fixture
def published(scheme, union, other_union, standards, alice, federation_staff):
    """Sen Hồng self-scored 28/27/38, verified 28/14/38: 80 points, but 14 < half of 30
    keeps it at "Hoàn thành nhiệm vụ". Published at NOW, objections for 7 days."""
    mine = scheme.assessments.get(unit=union)
    services.submit_unit_assessment(
        assessment=mine, actor=alice, data=scores(standards, 28, 27, 38), now=NOW
    )
    _finalise(mine, standards, federation_staff, 28, 14, 38)
    _finalise(scheme.assessments.get(unit=other_union), standards, federation_staff, 10, 10, 10)
    services.publish_ratings(scheme=scheme, actor=federation_staff, now=NOW)
    mine.refresh_from_db()
    assert mine.level.name == "Hoàn thành nhiệm vụ"
    return mine


def _object(assessment, alice, now=NOW + dt.timedelta(days=1)):
    return services.object_to_rating(
        assessment=assessment, actor=alice, text="Mục 2 có biên bản quý 3", now=now
    )


def test_accepted_objection_adjusts_the_score_and_publishes_the_level_again(
    published, standards, alice, federation_staff
):
    _object(published, alice)
    done = services.answer_objection(
        assessment=published,
        actor=federation_staff,
        accept=True,
        reason="Đã nhận biên bản quý 3",
        scores={standards[1].pk: {"points": "24"}},
        now=NOW + dt.timedelta(days=2),
    )
    done.refresh_from_db()
    assert done.verified_total == Decimal(90)
    assert done.level.name == "Vững mạnh xuất sắc"
    assert done.objection_decision == UnitAssessment.ObjectionDecision.ACCEPTED
    item = done.items.get(criterion=standards[1])
    assert (item.verified_points, item.reason) == (Decimal(24), "Đã nhận biên bản quý 3")
    entry = AuditEntry.objects.get(action="unitassessment.objection_accepted")
    assert entry.data["level"] == {"from": "Hoàn thành nhiệm vụ", "to": "Vững mạnh xuất sắc"}
    assert entry.data["items"] == {str(standards[1].pk): {"from": "14.00", "to": "24"}}
    # Answered once: no second answer, no second objection.
    with pytest.raises(PermissionDenied):
        services.answer_objection(
            assessment=done, actor=federation_staff, accept=False, reason="Lần hai"
        )
    with pytest.raises(PermissionDenied):
        _object(done, alice)


def test_rejected_objection_keeps_the_level_with_the_reason(
    published, standards, alice, federation_staff
):
    _object(published, alice)
    done = services.answer_objection(
        assessment=published,
        actor=federation_staff,
        accept=False,
        reason="Biên bản quý 3 không có chữ ký",
        scores={standards[1].pk: {"points": "24"}},  # ignored when rejecting
        now=NOW + dt.timedelta(days=2),
    )
    done.refresh_from_db()
    assert done.level.name == "Hoàn thành nhiệm vụ"
    assert done.verified_total == Decimal(80)
    assert done.objection_answer == "Biên bản quý 3 không có chữ ký"
    assert AuditEntry.objects.filter(action="unitassessment.objection_rejected").count() == 1


def test_answer_needs_a_reason_and_an_accept_needs_a_change(
    published, standards, alice, federation_staff
):
    _object(published, alice)
    with pytest.raises(ValidationError) as refused:
        services.answer_objection(
            assessment=published,
            actor=federation_staff,
            accept=True,
            reason=" ",
            scores={standards[1].pk: {"points": "24"}},
        )
    assert "lý do" in refused.value.messages[0]
    with pytest.raises(ValidationError) as refused:
        services.answer_objection(
            assessment=published,
            actor=federation_staff,
            accept=True,
            reason="Đồng ý",
            scores={standards[1].pk: {"points": "14"}},
        )
    assert "ít nhất một tiêu chuẩn" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        services.answer_objection(
            assessment=published,
            actor=federation_staff,
            accept=True,
            reason="Đồng ý",
            scores={standards[1].pk: {"points": "31"}},  # over the maximum of 30
        )
    published.refresh_from_db()
    assert published.objection_decision == "" and published.verified_total == Decimal(80)
    assert not AuditEntry.objects.filter(action__startswith="unitassessment.objection_").exists()


def test_late_objection_is_refused(published, alice):
    with pytest.raises(ValidationError) as refused:
        _object(published, alice, now=NOW + dt.timedelta(days=7))
    assert "Đã hết thời gian nhận ý kiến" in refused.value.messages[0]
    published.refresh_from_db()
    assert published.objection == ""


def test_wrong_users(published, other_union, alice, bob, federation_staff):
    other_chair = UserFactory(username="chair2")
    MembershipFactory(user=other_chair, unit=other_union, role=Role.CHAIR)
    for user in (other_chair, bob, federation_staff):
        with pytest.raises(PermissionDenied):
            _object(published, user)
    with pytest.raises(PermissionDenied):  # nothing to answer yet
        services.answer_objection(
            assessment=published, actor=federation_staff, accept=False, reason="Không"
        )
    _object(published, alice)
    for user in (alice, other_chair, bob):
        with pytest.raises(PermissionDenied):
            services.answer_objection(
                assessment=published, actor=user, accept=False, reason="Tự trả lời"
            )


def test_the_unit_reads_the_answer_on_its_page(
    client, published, standards, alice, federation_staff
):
    _object(published, alice)
    url = reverse("campaigns:assessment_detail", args=[published.pk])
    client.force_login(federation_staff)
    page = client.get(url).content.decode()
    assert "Mục 2 có biên bản quý 3" in page and 'id="objection-answer-form"' in page
    form = {"action": "accept_objection", "answer": "Đã nhận biên bản quý 3"}
    form |= {f"a{c.pk}_points": p for c, p in zip(standards, ["28", "24", "38"], strict=True)}
    assert client.post(url, form).status_code == 302
    client.force_login(alice)
    page = client.get(url).content.decode()
    assert "Chấp nhận, điều chỉnh điểm" in page and "Đã nhận biên bản quý 3" in page
    assert "Vững mạnh xuất sắc" in page
    assert 'id="objection"' not in page  # answered: no second objection


def test_the_board_marks_objections_and_answers(client, published, alice, federation_staff):
    board = reverse("campaigns:rating_board", args=[published.scheme.plan.pk])
    _object(published, alice)
    client.force_login(federation_staff)
    assert "có ý kiến" in client.get(board).content.decode()
    services.answer_objection(
        assessment=published, actor=federation_staff, accept=False, reason="Giữ nguyên"
    )
    page = client.get(board).content.decode()
    assert "đã trả lời ý kiến" in page and "có ý kiến" not in page


def test_an_accepted_objection_that_changes_the_level_refreshes_the_figures(
    published, standards, alice, federation_staff, union, fed_plan
):
    from reports.models import UnitFigures
    from reports.services.rollups import differences, recount
    from tests.factories import PlanFactory

    own_plan = PlanFactory(issuer=union, parent=fed_plan, title="Kế hoạch của Sen Hồng")
    recount()
    assert UnitFigures.objects.get(plan=own_plan).rating_level_id == published.level_id
    _object(published, alice)
    done = services.answer_objection(
        assessment=published,
        actor=federation_staff,
        accept=True,
        reason="Đã nhận biên bản quý 3",
        scores={standards[1].pk: {"points": "24"}},
        now=NOW + dt.timedelta(days=2),
    )
    assert done.level.name == "Vững mạnh xuất sắc"
    assert UnitFigures.objects.get(plan=own_plan).rating_level_id == done.level_id
    assert differences() == []
