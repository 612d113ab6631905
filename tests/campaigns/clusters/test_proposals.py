"""The head proposes the cluster's best units: ordinary collective nominations of the
federation's plan, with the same gates (a failed rating is refused) and quota."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from campaigns.models import Criterion, Target
from campaigns.services import plan_parts, ratingschemes
from campaigns.services import unitassessments as ratings
from nominations.models import ClusterProposal, Nomination
from nominations.services.clusters import Pick, propose_from_cluster
from portal.models import AuditEntry, OrgUnit
from tests.campaigns.clusters.conftest import AFTER, DEADLINE, score_all
from tests.factories import CriterionFactory, TitleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(signed, chairs, union, other_union, third_union):
    score_all(
        signed,
        chairs,
        {
            union: {other_union: (35, 55), third_union: (20, 40)},
            other_union: {union: (38, 58), third_union: (22, 38)},
            third_union: {union: (36, 54), other_union: (30, 50)},
        },
    )
    return signed


def test_the_head_proposes_the_best_units(scored, chairs, union, other_union, flag, merit):
    made = propose_from_cluster(
        cluster=scored,
        actor=chairs[union],
        picks=[Pick(union, flag), Pick(other_union, merit, "Dẫn đầu phong trào.")],
        now=AFTER,
    )
    assert [(n.collective, n.title, n.status, n.plan) for n in made] == [
        (union, flag, Nomination.Status.PROPOSED, scored.plan),
        (other_union, merit, Nomination.Status.PROPOSED, scored.plan),
    ]
    assert made[0].achievements == (
        "Xếp thứ 1/3 trong Cụm thi đua các trường mầm non năm 2026, điểm chấm chéo bình quân "
        "93 (trung vị 93)."
    )
    assert made[1].achievements == "Dẫn đầu phong trào."
    proposal = ClusterProposal.objects.get(nomination=made[0])
    assert (proposal.rank, proposal.mean_total) == (1, Decimal("93.00"))
    scored.refresh_from_db()
    assert scored.proposed_at == AFTER
    assert AuditEntry.objects.filter(action="cluster.propose").count() == 1
    with pytest.raises(ValidationError) as error:
        propose_from_cluster(
            cluster=scored, actor=chairs[union], picks=[Pick(union, merit)], now=AFTER
        )
    assert error.value.messages == ["Cụm đã gửi đề nghị lúc 15:00:00 ngày 1/12/2026."]


def test_only_the_heads_chair_proposes(scored, chairs, other_union, union, flag):
    with pytest.raises(PermissionDenied):
        propose_from_cluster(
            cluster=scored, actor=chairs[other_union], picks=[Pick(union, flag)], now=AFTER
        )


def test_no_proposal_before_the_scoring_deadline(scored, chairs, union, flag):
    with pytest.raises(ValidationError) as error:
        propose_from_cluster(
            cluster=scored, actor=chairs[union], picks=[Pick(union, flag)], now=DEADLINE
        )
    assert error.value.messages == [
        "Chưa hết hạn chấm chéo (17h00 ngày 30/11/2026): chưa đề nghị được."
    ]


def test_wrong_units_and_titles_are_refused(scored, chairs, union, federation, fed_plan):
    outsider = OrgUnit.objects.create(
        code="x", name="CĐCS Trường MN Bình Minh", parent=federation, kind="grassroots_union"
    )
    personal = TitleFactory(plan=fed_plan, name="Chiến sĩ thi đua", target=Target.INDIVIDUAL)
    with pytest.raises(ValidationError) as error:
        propose_from_cluster(
            cluster=scored,
            actor=chairs[union],
            picks=[Pick(outsider, personal)],
            now=AFTER,
        )
    assert error.value.messages == [
        "CĐCS Trường MN Bình Minh không thuộc cụm này.",
        f"“Chiến sĩ thi đua” không phải danh hiệu tập thể của {fed_plan}.",
    ]
    assert not Nomination.objects.exists()


def test_a_unit_that_failed_its_rating_is_refused(
    scored, chairs, union, other_union, fed_plan, federation_staff, flag
):
    for order, top in enumerate([60, 40], start=1):
        CriterionFactory(
            plan=fed_plan,
            order=order,
            kind=Criterion.Kind.POINTS,
            max_points=Decimal(top),
            target=Target.COLLECTIVE,
        )
    now = dt.datetime.now(dt.UTC)
    scheme = ratingschemes.configure_rating(
        plan=fed_plan,
        actor=federation_staff,
        rated_kind=OrgUnit.Kind.GRASSROOTS_UNION,
        starts_at=now - dt.timedelta(days=2),
        ends_at=now + dt.timedelta(days=2),
        objection_days=3,
        levels=[
            {"name": "Vững mạnh", "min_points": Decimal(80), "floor_share": None},
            {"name": "Hoàn thành nhiệm vụ", "min_points": Decimal(0), "floor_share": None},
        ],
    )
    plan_parts.update_title(title=flag, actor=federation_staff, rating_level=scheme.levels.first())
    assessment = scheme.assessments.get(unit=other_union)
    criteria = ratingschemes.standards(fed_plan)
    ratings.verify_unit_assessment(
        assessment=assessment,
        actor=federation_staff,
        scores={criteria[0].pk: {"points": "40"}, criteria[1].pk: {"points": "20"}},
    )
    ratings.finalise_unit_assessment(assessment=assessment, actor=federation_staff)

    with pytest.raises(ValidationError) as error:
        propose_from_cluster(
            cluster=scored, actor=chairs[union], picks=[Pick(other_union, flag)], now=AFTER
        )
    assert error.value.messages == [
        "CĐCS Trường MN Hoa Hồng chưa đủ điều kiện danh hiệu “Cờ thi đua”: xếp loại “Hoàn "
        "thành nhiệm vụ”, cần “Vững mạnh” trở lên."
    ]
    assert not Nomination.objects.exists()
    scored.refresh_from_db()
    assert scored.proposed_at is None


def test_the_quota_of_a_title_holds(scored, chairs, union, other_union, flag):
    flag.quota_count = 1
    flag.save()
    with pytest.raises(ValidationError) as error:
        propose_from_cluster(
            cluster=scored,
            actor=chairs[union],
            picks=[Pick(union, flag), Pick(other_union, flag)],
            now=AFTER,
        )
    assert "Vượt chỉ tiêu danh hiệu “Cờ thi đua”" in error.value.messages[0]
    assert not Nomination.objects.exists()
