"""Item 4 of issue 16: a collective title asking for "Tổ công đoàn vững mạnh" reads the
tổ's rating; a tổ that failed it is refused, naming the level it got."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from campaigns.models import Criterion, Target
from campaigns.services import plan_parts, ratingschemes
from campaigns.services import unitassessments as ratings
from nominations.models import Nomination
from nominations.services.nominations import propose_nomination
from portal.models import OrgUnit
from tests.factories import CriterionFactory, TitleFactory

pytestmark = pytest.mark.django_db

LEVELS = [
    {"name": "Tổ công đoàn vững mạnh", "min_points": Decimal(80), "floor_share": Decimal("0.5")},
    {"name": "Hoàn thành nhiệm vụ", "min_points": Decimal(50), "floor_share": None},
    {"name": "Chưa hoàn thành nhiệm vụ", "min_points": Decimal(0), "floor_share": None},
]


@pytest.fixture
def rated_title(plan, alice, group):
    for order, top in enumerate([60, 40], start=1):
        CriterionFactory(
            plan=plan,
            order=order,
            kind=Criterion.Kind.POINTS,
            max_points=Decimal(top),
            target=Target.COLLECTIVE,
        )
    now = dt.datetime.now(dt.UTC)
    scheme = ratingschemes.configure_rating(
        plan=plan,
        actor=alice,
        rated_kind=OrgUnit.Kind.UNION_GROUP,
        starts_at=now - dt.timedelta(days=2),
        ends_at=now + dt.timedelta(days=2),
        objection_days=3,
        levels=LEVELS,
    )
    title = TitleFactory(plan=plan, name="Tổ lao động tiên tiến", target=Target.COLLECTIVE)
    return plan_parts.update_title(title=title, actor=alice, rating_level=scheme.levels.first())


def _rate(plan, group, alice, *points):
    assessment = plan.rating_scheme.assessments.get(unit=group)
    scores = {
        c.pk: {"points": str(p)} for c, p in zip(ratingschemes.standards(plan), points, strict=True)
    }
    ratings.verify_unit_assessment(assessment=assessment, actor=alice, scores=scores)
    ratings.finalise_unit_assessment(assessment=assessment, actor=alice)


def test_unrated_group_refused(bch, group, plan, rated_title):
    with pytest.raises(ValidationError) as error:
        propose_nomination(plan=plan, title=rated_title, collective=group, actor=bch[0])
    assert error.value.messages == [
        "Tổ Chồi chưa đủ điều kiện danh hiệu “Tổ lao động tiên tiến”: chưa có kết quả xếp "
        "loại “Tổ công đoàn vững mạnh” (cần từ mức này trở lên)."
    ]


def test_group_that_failed_is_refused_naming_its_level(bch, alice, group, plan, rated_title):
    _rate(plan, group, alice, 55, 15)  # 70 points, and 15 < half of 40

    with pytest.raises(ValidationError) as error:
        propose_nomination(plan=plan, title=rated_title, collective=group, actor=bch[0])
    assert error.value.messages == [
        "Tổ Chồi chưa đủ điều kiện danh hiệu “Tổ lao động tiên tiến”: xếp loại “Hoàn thành "
        "nhiệm vụ”, cần “Tổ công đoàn vững mạnh” trở lên."
    ]
    assert Nomination.objects.count() == 0


def test_group_rated_vung_manh_is_proposed(bch, alice, group, plan, rated_title):
    _rate(plan, group, alice, 50, 35)

    nomination = propose_nomination(plan=plan, title=rated_title, collective=group, actor=bch[0])
    assert nomination.collective == group


def test_rating_condition_only_on_collective_titles(plan, alice, rated_title):
    individual = TitleFactory(plan=plan, name="Lao động tiên tiến", target=Target.INDIVIDUAL)
    with pytest.raises(ValidationError):
        plan_parts.update_title(
            title=individual, actor=alice, rating_level=rated_title.rating_level
        )
