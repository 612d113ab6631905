"""A federation plan rating its CĐCS: three standards out of 100, four levels."""

import datetime as dt
from decimal import Decimal

import pytest

from campaigns.models import Criterion, Target
from campaigns.services import ratingschemes
from portal.models import OrgUnit
from tests.factories import CriterionFactory, PlanFactory

OPEN = dt.datetime(2026, 11, 10, 8, 0, tzinfo=dt.UTC)
DEADLINE = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
NOW = dt.datetime(2026, 11, 15, 9, 0, tzinfo=dt.UTC)

LEVELS = [
    {"name": "Vững mạnh xuất sắc", "min_points": Decimal(90), "floor_share": Decimal("0.5")},
    {"name": "Vững mạnh", "min_points": Decimal(80), "floor_share": Decimal("0.5")},
    {"name": "Hoàn thành nhiệm vụ", "min_points": Decimal(50), "floor_share": None},
    {"name": "Chưa hoàn thành nhiệm vụ", "min_points": Decimal(0), "floor_share": None},
]


@pytest.fixture
def fed_plan(federation):
    plan = PlanFactory(issuer=federation, year=2026)
    for order, (text, top) in enumerate(
        [("Tổ chức, hoạt động", 30), ("Chăm lo đời sống", 30), ("Thi đua", 40)], start=1
    ):
        CriterionFactory(
            plan=plan,
            text=text,
            order=order,
            kind=Criterion.Kind.POINTS,
            max_points=Decimal(top),
            target=Target.COLLECTIVE,
        )
    return plan


@pytest.fixture
def scheme(fed_plan, federation_staff, union, other_union):
    return ratingschemes.configure_rating(
        plan=fed_plan,
        actor=federation_staff,
        rated_kind=OrgUnit.Kind.GRASSROOTS_UNION,
        starts_at=OPEN,
        ends_at=DEADLINE,
        objection_days=7,
        levels=LEVELS,
    )


@pytest.fixture
def standards(fed_plan):
    return ratingschemes.standards(fed_plan)


@pytest.fixture
def assessment(scheme, union):
    return scheme.assessments.get(unit=union)


def scores(standards, *points, evidence="Có biên bản"):
    return {
        c.pk: {"points": str(p), "evidence": evidence}
        for c, p in zip(standards, points, strict=False)
    }


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
