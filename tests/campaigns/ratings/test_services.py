"""Unit ratings: configure, self-assess before the deadline, verify with reasons,
finalise to a level with floors, publish, object."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from campaigns import ratings
from campaigns.models import UnitAssessment
from campaigns.services import ratingschemes
from campaigns.services import unitassessments as services
from campaigns.services.selfreports import DeadlineError
from portal.models import AuditEntry, OrgUnit
from tests.campaigns.ratings.conftest import DEADLINE, LEVELS, NOW, OPEN, scores

pytestmark = pytest.mark.django_db


def test_configure_creates_an_assessment_per_rated_unit(scheme, union, other_union):
    assert [a.unit for a in scheme.assessments.all()] == [other_union, union]  # by path
    assert [lv.name for lv in scheme.levels.all()] == [lv["name"] for lv in LEVELS]
    assert AuditEntry.objects.filter(action="rating.configured").count() == 1


def test_configure_refuses_levels_out_of_order(fed_plan, federation_staff):
    with pytest.raises(ValidationError) as exc:
        ratingschemes.configure_rating(
            plan=fed_plan,
            actor=federation_staff,
            rated_kind=OrgUnit.Kind.GRASSROOTS_UNION,
            starts_at=OPEN,
            ends_at=DEADLINE,
            objection_days=7,
            levels=[LEVELS[2], LEVELS[0]],
        )
    assert "không được cao hơn mức trên nó" in exc.value.messages[0]
    assert not hasattr(fed_plan, "rating_scheme") or fed_plan.rating_scheme is None


def test_configure_refused_to_a_chair_below(fed_plan, alice):
    with pytest.raises(PermissionDenied):
        ratingschemes.configure_rating(
            plan=fed_plan,
            actor=alice,
            rated_kind=OrgUnit.Kind.GRASSROOTS_UNION,
            starts_at=OPEN,
            ends_at=DEADLINE,
            objection_days=7,
            levels=LEVELS,
        )


def test_chair_submits_with_receipt_and_self_total(assessment, standards, alice):
    version = services.submit_unit_assessment(
        assessment=assessment, actor=alice, data=scores(standards, 28, 27, 38), now=NOW
    )
    assessment.refresh_from_db()
    assert version.number == 1
    assert len(version.receipt_code) == 8
    assert assessment.status == UnitAssessment.Status.SUBMITTED
    assert assessment.self_total == Decimal("93.00")
    assert [i["points"] for i in version.snapshot["items"]] == ["28.00", "27.00", "38.00"]


def test_submit_after_deadline_keeps_draft_and_says_when(assessment, standards, alice):
    late = DEADLINE + dt.timedelta(seconds=1)
    with pytest.raises(DeadlineError) as exc:
        services.submit_unit_assessment(
            assessment=assessment, actor=alice, data=scores(standards, 10, 10, 10), now=late
        )
    assert "quá hạn chót" in exc.value.messages[0]
    assessment.refresh_from_db()
    assert assessment.status == UnitAssessment.Status.DRAFT
    assert [i.self_points for i in assessment.items.all()] == [Decimal(10)] * 3
    assert AuditEntry.objects.filter(action="unitassessment.refused_late").count() == 1


def test_submit_refuses_points_over_the_maximum(assessment, standards, alice):
    with pytest.raises(ValidationError) as exc:
        services.submit_unit_assessment(
            assessment=assessment, actor=alice, data=scores(standards, 31, 1, 1), now=NOW
        )
    assert "điểm phải từ 0 đến 30" in exc.value.messages[0]
    assert assessment.items.count() == 0


def test_submit_refuses_a_missing_standard(assessment, standards, alice):
    with pytest.raises(ValidationError) as exc:
        services.submit_unit_assessment(
            assessment=assessment, actor=alice, data=scores(standards[:2], 20, 20), now=NOW
        )
    assert exc.value.messages == ["Chưa chấm điểm tiêu chuẩn: 3."]


def test_other_unit_chair_cannot_fill(scheme, other_union, standards, alice):
    theirs = scheme.assessments.get(unit=other_union)
    with pytest.raises(PermissionDenied):
        services.save_assessment_draft(
            assessment=theirs, actor=alice, data=scores(standards, 1, 1, 1), now=NOW
        )


def test_verify_needs_a_reason_for_each_change(assessment, standards, alice, federation_staff):
    services.submit_unit_assessment(
        assessment=assessment, actor=alice, data=scores(standards, 28, 27, 38), now=NOW
    )
    data = {
        c.pk: {"points": p, "reason": ""}
        for c, p in zip(standards, ["28", "20", "38"], strict=False)
    }
    with pytest.raises(ValidationError) as exc:
        services.verify_unit_assessment(assessment=assessment, actor=federation_staff, scores=data)
    assert exc.value.messages == ["Tiêu chuẩn 2: ghi lý do khi điểm thẩm định khác điểm tự chấm."]
    data[standards[1].pk]["reason"] = "Thiếu biên bản quý 3"
    services.verify_unit_assessment(assessment=assessment, actor=federation_staff, scores=data)
    assessment.refresh_from_db()
    assert assessment.verified_total == Decimal("86.00")
    entry = AuditEntry.objects.get(action="unitassessment.verified")
    assert entry.data["items"][str(standards[1].pk)]["reason"] == "Thiếu biên bản quý 3"


def test_chair_cannot_verify_own_unit(assessment, standards, alice):
    with pytest.raises(PermissionDenied):
        services.verify_unit_assessment(
            assessment=assessment, actor=alice, scores={standards[0].pk: {"points": "30"}}
        )


def _verify_and_finalise(assessment, standards, staff, *points):
    data = {
        c.pk: {"points": str(p), "reason": "Thẩm định"}
        for c, p in zip(standards, points, strict=False)
    }
    services.verify_unit_assessment(assessment=assessment, actor=staff, scores=data)
    return services.finalise_unit_assessment(assessment=assessment, actor=staff, now=NOW)


def test_finalise_computes_the_level(assessment, standards, federation_staff):
    done = _verify_and_finalise(assessment, standards, federation_staff, 28, 27, 38)
    assert done.level.name == "Vững mạnh xuất sắc"
    assert done.status == UnitAssessment.Status.FINALISED


def test_floor_drops_a_high_total_below_vung_manh(assessment, standards, federation_staff):
    # 30 + 30 + 19 = 79 < 80 anyway; use 30 + 14 + 40 = 84 with 14 < half of 30.
    done = _verify_and_finalise(assessment, standards, federation_staff, 30, 14, 40)
    assert done.verified_total == Decimal(84)
    assert done.level.name == "Hoàn thành nhiệm vụ"


def test_finalise_names_the_unscored_standards(assessment, standards, federation_staff):
    services.verify_unit_assessment(
        assessment=assessment,
        actor=federation_staff,
        scores={standards[0].pk: {"points": "20"}},
    )
    with pytest.raises(ValidationError) as exc:
        services.finalise_unit_assessment(assessment=assessment, actor=federation_staff)
    assert exc.value.messages == ["Chưa có điểm thẩm định cho tiêu chuẩn: 2, 3."]


def test_publish_waits_for_every_unit_then_opens_objections(
    scheme, union, other_union, standards, federation_staff, alice
):
    _verify_and_finalise(
        scheme.assessments.get(unit=union), standards, federation_staff, 20, 20, 20
    )
    with pytest.raises(ValidationError) as exc:
        services.publish_ratings(scheme=scheme, actor=federation_staff, now=NOW)
    assert exc.value.messages == [f"Chưa chốt xếp loại: {other_union.name}."]
    _verify_and_finalise(
        scheme.assessments.get(unit=other_union), standards, federation_staff, 1, 1, 1
    )
    services.publish_ratings(scheme=scheme, actor=federation_staff, now=NOW)
    scheme.refresh_from_db()
    assert scheme.objections_end_at == NOW + dt.timedelta(days=7)
    mine = scheme.assessments.get(unit=union)
    services.object_to_rating(assessment=mine, actor=alice, text="Xin xem lại mục 2", now=NOW)
    with pytest.raises(ValidationError):
        services.object_to_rating(
            assessment=mine, actor=alice, text="Muộn", now=NOW + dt.timedelta(days=8)
        )
    mine.refresh_from_db()
    assert mine.objection == "Xin xem lại mục 2"


def test_configure_refused_once_a_level_is_final(
    scheme, fed_plan, assessment, standards, federation_staff
):
    _verify_and_finalise(assessment, standards, federation_staff, 20, 20, 20)
    with pytest.raises(ValidationError):
        ratingschemes.configure_rating(
            plan=fed_plan,
            actor=federation_staff,
            rated_kind=OrgUnit.Kind.GRASSROOTS_UNION,
            starts_at=OPEN,
            ends_at=DEADLINE,
            objection_days=3,
            levels=LEVELS,
        )


def test_level_rule_without_any_level_reached():
    rules = [ratings.LevelRule(1, "A", Decimal(50), None)]
    assert ratings.level_for(rules, [ratings.Scored(Decimal(100), Decimal(49))]) is None


def test_configure_refuses_a_floor_over_100_percent(fed_plan, federation_staff):
    bad = [{"name": "Vững mạnh", "min_points": Decimal(80), "floor_share": Decimal("1.5")}]
    with pytest.raises(ValidationError) as exc:
        ratingschemes.configure_rating(
            plan=fed_plan,
            actor=federation_staff,
            rated_kind=OrgUnit.Kind.GRASSROOTS_UNION,
            starts_at=OPEN,
            ends_at=DEADLINE,
            objection_days=7,
            levels=bad,
        )
    assert exc.value.messages == ["Mức 1: tỷ lệ sàn phải trên 0% và không quá 100%."]
