"""Issue 16 item 5: the federation dashboard shows each unit's rating (self-score,
verified score, level) with a query count that does not grow with units."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Criterion, Target, UnitAssessment
from campaigns.services import ratingschemes
from portal.models import OrgUnit, Role
from reports.builders.dashboard import build_dashboard
from tests.factories import CriterionFactory, MembershipFactory, UserFactory
from tests.reports.cascade import NOW
from tests.reports.test_dashboard import district

pytestmark = pytest.mark.django_db

LEVELS = [
    {"name": "Vững mạnh", "min_points": Decimal(80), "floor_share": None},
    {"name": "Hoàn thành nhiệm vụ", "min_points": Decimal(0), "floor_share": None},
]


def rated_district(n_units: int):
    plan = district(n_units)
    staff = UserFactory(username=f"staff-r{n_units}")
    MembershipFactory(user=staff, unit=plan.issuer, role=Role.FEDERATION_STAFF)
    CriterionFactory(
        plan=plan,
        kind=Criterion.Kind.POINTS,
        max_points=Decimal(100),
        target=Target.COLLECTIVE,
    )
    scheme = ratingschemes.configure_rating(
        plan=plan,
        actor=staff,
        rated_kind=OrgUnit.Kind.GRASSROOTS_UNION,
        starts_at=NOW - dt.timedelta(days=1),
        ends_at=NOW + dt.timedelta(days=1),
        objection_days=7,
        levels=LEVELS,
    )
    level = scheme.levels.get(order=1)
    UnitAssessment.objects.filter(scheme=scheme).update(
        status=UnitAssessment.Status.FINALISED,
        self_total=Decimal(90),
        verified_total=Decimal(85),
        level=level,
    )
    return plan, staff


def count_queries(plan) -> tuple[int, object]:
    plan = type(plan).objects.select_related("issuer").get(pk=plan.pk)
    with CaptureQueriesContext(connection) as ctx:
        board = build_dashboard(plan, now=NOW)
    return len(ctx.captured_queries), board


def test_dashboard_rows_carry_the_rating():
    plan, _staff = rated_district(2)
    _n, board = count_queries(plan)
    assert board.has_rating
    assert [(r.rating.self_total, r.rating.verified_total, r.rating.level) for r in board.rows] == [
        (Decimal(90), Decimal(85), "Vững mạnh"),
        (Decimal(90), Decimal(85), "Vững mạnh"),
    ]


def test_rating_query_count_same_for_1_and_30_units():
    one, _ = count_queries(rated_district(1)[0])
    thirty, board = count_queries(rated_district(30)[0])
    assert len(board.rows) == 30
    assert one == thirty


def test_dashboard_without_rating_has_no_rating_columns():
    plan = district(1)
    _n, board = count_queries(plan)
    assert not board.has_rating
    assert board.rows[0].rating is None


def test_dashboard_page_shows_levels(client):
    plan, staff = rated_district(2)
    client.force_login(staff)
    html = client.get(reverse("reports:dashboard", args=[plan.pk])).content.decode()
    assert "Xếp loại đơn vị" in html
    assert html.count("Vững mạnh") == 2
