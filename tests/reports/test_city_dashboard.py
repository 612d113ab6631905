"""The city federation's dashboard (issue 18): one row per district federation, added up
from the rolled-up figures; the same figures as each district's own dashboard (counted
from scratch), a query count that does not grow with districts or units, a drill-down
into each district, and who may open it. The city is the city-scale builder's
(``seed_demo --scale city``) at a tiny scale."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Plan, SelfReport, Target
from campaigns.services.selfreports import submit_self_report
from demo.city import SCALE_CITY_CODE, SCALE_STAFF_USERNAME, load_city
from demo.context import DemoContext
from portal.models import OrgUnit, Role, User
from reports.builders.city import build_city_dashboard
from reports.builders.dashboard import build_dashboard
from reports.models import UnitFigures
from reports.services.rollups import differences, recount
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

BUILDER_QUERIES = 9  # units, plans, CĐCS per district, figures, levels; periodic (4)
PAGE_QUERIES = 13  # session, user, the policy (memberships, plan), the builder


@pytest.fixture(autouse=True)
def fast_hashes(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def city(districts=3, units=2, members=4):
    summary = load_city(DemoContext(), districts=districts, units=units, members=members)
    recount()  # as seed_demo does after its bulk inserts
    return Plan.objects.select_related("issuer").get(pk=summary["plan"])


def submit(plan, member, late=False):
    criteria = {c.pk: c for c in plan.criteria.filter(target=Target.INDIVIDUAL)}
    answers = {
        pk: {"met": True, "evidence": "Giấy khen"}
        if c.kind == "met"
        else {"points": str(c.max_points), "evidence": "Giấy khen"}
        for pk, c in criteria.items()
    }
    report = SelfReport(plan=plan, member=member, unit=plan.issuer)
    return submit_self_report(report=report, actor=member, data={"answers": answers})


def cdcs_plan(k: int, i: int) -> Plan:
    return Plan.objects.select_related("issuer").get(issuer__code=f"tpmp-q{k:02d}-{i:03d}")


def test_city_builder_makes_the_cascade_and_its_rollups_equal_a_recount():
    plan = city(districts=3, units=2, members=4)

    districts = OrgUnit.objects.filter(parent=plan.issuer).order_by("code")
    assert [d.code for d in districts] == [f"{SCALE_CITY_CODE}-q0{k}" for k in (1, 2, 3)]
    assert Plan.objects.filter(parent=plan).count() == 3
    assert Plan.objects.filter(parent__parent=plan).count() == 6
    assert User.objects.filter(username__startswith="q02m").count() == 8
    assert UnitFigures.objects.filter(plan__parent__parent=plan).count() == 6
    assert differences() == []

    for k, i, member in [(1, 1, 2), (1, 2, 3), (2, 1, 1), (2, 1, 4)]:
        p = cdcs_plan(k, i)
        submit(p, User.objects.get(username=f"q{k:02d}m{i:03d}_{member:02d}"))
    assert differences() == []

    board = build_city_dashboard(plan)
    assert [(r.unit_name, r.figures.members, r.figures.submitted) for r in board.rows] == [
        ("LĐLĐ Quận Mô Phỏng 01", 8, 2),
        ("LĐLĐ Quận Mô Phỏng 02", 8, 2),
        ("LĐLĐ Quận Mô Phỏng 03", 8, 0),
    ]
    # Each row is what the district's own dashboard counts from scratch.
    for row in board.rows:
        district = build_dashboard(Plan.objects.select_related("issuer").get(pk=row.plan_id))
        t = district.totals
        assert (row.figures.members, row.figures.submitted, row.figures.late) == (
            t.members,
            t.submitted,
            t.late,
        )
        assert (row.figures.implementing, row.figures.units) == (len(district.rows), 2)
        assert row.figures.reviews_final == t.reviews_final
    assert (board.totals.members, board.totals.reported, board.totals.waiting) == (24, 4, 20)
    # The synthetic districts rate their CĐCS (demo/district.py): levels per district.
    finalised = UnitFigures.objects.filter(
        plan__parent__parent=plan, rating_level__isnull=False
    ).count()
    assert sum(board.totals.rated.values()) == finalised


@pytest.mark.parametrize("districts", [1, 5])
def test_city_dashboard_queries_do_not_grow_with_districts(districts):
    plan = city(districts=districts, units=3, members=2)
    with CaptureQueriesContext(connection) as queries:
        board = build_city_dashboard(plan)
    assert len(board.rows) == districts
    assert len(queries) == BUILDER_QUERIES


@pytest.mark.parametrize("districts", [1, 5])
def test_city_dashboard_page_queries_do_not_grow(client, districts):
    plan = city(districts=districts, units=3, members=2)
    client.force_login(User.objects.get(username=SCALE_STAFF_USERNAME))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reports:city_dashboard", args=[plan.pk]))
    assert response.status_code == 200
    assert len(queries) == PAGE_QUERIES, [q["sql"] for q in queries.captured_queries]
    text = response.content.decode()
    # Drill-down: each district links to its own dashboard.
    for district_plan in Plan.objects.filter(parent=plan):
        assert reverse("reports:dashboard", args=[district_plan.pk]) in text
    assert "Toàn thành phố" in text


def test_city_dashboard_permissions(client):
    plan = city(districts=2, units=1, members=2)
    url = reverse("reports:city_dashboard", args=[plan.pk])
    district = OrgUnit.objects.get(code=f"{SCALE_CITY_CODE}-q01")
    district_staff = User.objects.get(username="ldld_tpmp_q01")
    chair = User.objects.get(username="q01m001_01")  # chair of a CĐCS below
    elsewhere = UserFactory(username="khac")
    MembershipFactory(
        user=elsewhere,
        unit=OrgUnit.objects.create(
            code="ldld-khac", name="LĐLĐ tỉnh Khác", kind=OrgUnit.Kind.CITY_FEDERATION
        ),
        role=Role.FEDERATION_STAFF,
    )

    assert client.get(url).status_code == 302  # to the login page
    for user, status in [(district_staff, 403), (chair, 403), (elsewhere, 404)]:
        client.force_login(user)
        assert client.get(url).status_code == status, user.username
    client.force_login(User.objects.get(username=SCALE_STAFF_USERNAME))
    assert client.get(url).status_code == 200
    # The district's own plan has no city dashboard; its dashboard is open from above.
    district_plan = Plan.objects.get(parent=plan, issuer=district)
    assert client.get(reverse("reports:city_dashboard", args=[district_plan.pk])).status_code == 403
    assert client.get(reverse("reports:dashboard", args=[district_plan.pk])).status_code == 200
