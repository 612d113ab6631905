"""The federation's dashboard: figures against the hand-counted campaign (cascade.py),
filters and sorting, query counts that do not grow with units, and who may open it."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Milestone
from nominations.models import Fund, FundMovement
from portal.models import Role
from reports.builders.dashboard import Timeliness, build_dashboard, timeliness
from reports.models import PeriodicReport
from tests.factories import (
    FederationFactory,
    MembershipFactory,
    MilestoneFactory,
    OrgUnitFactory,
    PlanFactory,
    UserFactory,
)
from tests.reports.cascade import NOW, at, build_campaign, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(federation):
    return build_campaign(federation)


def figures(row):
    c = row.counts
    return {
        "members": c.members,
        "submitted": c.submitted,
        "late": c.late,
        "missing": c.missing,
        "pending": c.pending,
        "cascaded": row.cascaded,
        "review_done": c.review_done,
        "forwarded": c.forwarded_total,
        "periodic": (c.periodic_on_time, c.periodic_late, c.periodic_missing, c.periodic_pending),
    }


def test_dashboard_rows_match_hand_counts(campaign):
    board = build_dashboard(campaign.plan, now=NOW)

    by_name = {r.unit_name: figures(r) for r in board.rows}
    assert [r.unit_name for r in board.rows] == [
        "CĐCS Trường MN Hoa Hồng",
        "CĐCS Trường MN Sen Hồng",
        "CĐCS Trường TH Hướng Dương",
    ]
    assert by_name["CĐCS Trường MN Sen Hồng"] == {
        "members": 4,
        "submitted": 2,
        "late": 1,
        "missing": 1,
        "pending": 0,
        "cascaded": True,
        "review_done": True,
        "forwarded": 1,
        "periodic": (1, 0, 0, 1),
    }
    assert by_name["CĐCS Trường MN Hoa Hồng"] == {
        "members": 3,
        "submitted": 0,
        "late": 0,
        "missing": 0,
        "pending": 0,
        "cascaded": False,
        "review_done": False,
        "forwarded": 0,
        "periodic": (0, 0, 1, 1),
    }
    assert by_name["CĐCS Trường TH Hướng Dương"] == {
        "members": 2,
        "submitted": 1,
        "late": 0,
        "missing": 0,
        "pending": 1,
        "cascaded": True,
        "review_done": False,
        "forwarded": 1,
        "periodic": (0, 1, 0, 1),
    }


def test_dashboard_totals_and_forwarded_per_title(campaign):
    board = build_dashboard(campaign.plan, now=NOW)

    t = board.totals
    assert (t.members, t.submitted, t.late, t.missing, t.pending) == (9, 3, 1, 1, 1)
    assert [c.name for c in board.title_columns] == ["Lao động tiên tiến", "Gương điển hình"]
    ldtt, gdh = board.title_columns
    assert t.forwarded == {ldtt.key: 1, gdh.key: 1}
    assert {r.unit_name: r.forwarded_for(gdh.key) for r in board.rows} == {
        "CĐCS Trường MN Hoa Hồng": 0,
        "CĐCS Trường MN Sen Hồng": 0,
        "CĐCS Trường TH Hướng Dương": 1,
    }
    assert (t.periodic_on_time, t.periodic_late, t.periodic_missing, t.periodic_pending) == (
        1,
        1,
        1,
        3,
    )
    assert [d.label for d in board.periodic_dues] == ["Báo cáo 6 tháng", "Báo cáo năm"]
    assert board.cascaded_count == 2


def test_dashboard_before_deadline_counts_nobody_missing(campaign):
    before = at(2023, 3, 23, 11, 29)

    board = build_dashboard(campaign.plan, now=before)

    senhong = next(r for r in board.rows if r.unit_name == "CĐCS Trường MN Sen Hồng")
    assert (senhong.counts.missing, senhong.counts.pending) == (0, 1)
    assert senhong.counts.periodic == {
        Timeliness.ON_TIME: 1,
        Timeliness.LATE: 0,
        Timeliness.MISSING: 0,
        Timeliness.PENDING: 1,
    }


def test_dashboard_granted_extension_is_pending_not_missing(campaign):
    from campaigns.models import DeadlineExtension

    missing_member = campaign.members["senhong"][3]
    DeadlineExtension.objects.create(
        plan=campaign.senhong_plan,
        member=missing_member,
        reason="Ốm",
        requested_at=at(2023, 3, 22),
        status=DeadlineExtension.Status.GRANTED,
        new_deadline=at(2023, 6, 10),
    )

    board = build_dashboard(campaign.plan, now=NOW)

    senhong = next(r for r in board.rows if r.unit_name == "CĐCS Trường MN Sen Hồng")
    assert (senhong.counts.missing, senhong.counts.pending) == (0, 1)


def test_dashboard_filters_search_and_sort(campaign):
    not_cascaded = build_dashboard(campaign.plan, now=NOW, status="not_cascaded")
    missing = build_dashboard(campaign.plan, now=NOW, status="missing_reports")
    periodic = build_dashboard(campaign.plan, now=NOW, status="periodic_problem")
    search = build_dashboard(campaign.plan, now=NOW, search="huong duong")
    by_members = build_dashboard(campaign.plan, now=NOW, sort="-members")

    assert [r.unit_name for r in not_cascaded.rows] == ["CĐCS Trường MN Hoa Hồng"]
    assert not_cascaded.totals.members == 3
    assert [r.unit_name for r in missing.rows] == ["CĐCS Trường MN Sen Hồng"]
    assert [r.unit_name for r in periodic.rows] == [
        "CĐCS Trường MN Hoa Hồng",
        "CĐCS Trường TH Hướng Dương",
    ]
    assert [r.unit_name for r in search.rows] == ["CĐCS Trường TH Hướng Dương"]
    assert [r.counts.members for r in by_members.rows] == [4, 3, 2]


def test_dashboard_of_a_unit_without_children_is_its_own_row(campaign):
    board = build_dashboard(campaign.senhong_plan, now=NOW)

    assert board.self_row is True
    assert [figures(r) for r in board.rows] == [
        {
            "members": 4,
            "submitted": 2,
            "late": 1,
            "missing": 1,
            "pending": 0,
            "cascaded": True,
            "review_done": True,
            "forwarded": 1,
            "periodic": (1, 0, 0, 1),
        }
    ]


def test_timeliness_at_the_deadline_is_late():
    from campaigns.deadlines import Window

    window = Window(at(2023, 3, 14), at(2023, 5, 20))

    assert timeliness(window, at(2023, 5, 19, 23, 59), NOW) is Timeliness.ON_TIME
    assert timeliness(window, at(2023, 5, 20), NOW) is Timeliness.LATE
    assert timeliness(window, None, at(2023, 5, 20)) is Timeliness.MISSING
    assert timeliness(window, None, at(2023, 5, 19)) is Timeliness.PENDING


# --- query counts ------------------------------------------------------------------------


def district(n_units: int):
    federation = FederationFactory(code=f"q{n_units}", name=f"LĐLĐ Quận {n_units}")
    plan = PlanFactory(issuer=federation, number=1)
    due = MilestoneFactory(
        plan=plan,
        kind=Milestone.Kind.PERIODIC_REPORT,
        starts_at=at(2023, 3, 14),
        ends_at=at(2023, 5, 20),
    )
    treasurer = UserFactory(username=f"q{n_units}-treasurer")
    for i in range(n_units):
        unit = OrgUnitFactory(code=f"q{n_units}-u{i}", parent=federation)
        child = PlanFactory(issuer=unit, parent=plan, number=1)
        MilestoneFactory(plan=child, starts_at=at(2023, 3, 15), ends_at=at(2023, 3, 23, 11, 30))
        for j in range(2):
            user = UserFactory(username=f"q{n_units}-u{i}-m{j}")
            MembershipFactory(user=user, unit=unit, role=Role.MEMBER)
            if j == 0:
                submit(child, user)
        PeriodicReport.objects.create(
            plan=plan,
            unit=unit,
            milestone=due,
            status=PeriodicReport.Status.SENT,
            sent_at=at(2023, 5, 1),
        )
        fund = Fund.objects.create(unit=unit, year=plan.year, opening=1_000_000)
        FundMovement.objects.create(
            fund=fund,
            kind=FundMovement.Kind.ALLOCATION,
            amount=500_000,
            on=dt.date(plan.year, 1, 2),
            created_by=treasurer,
        )
    return plan


def count_queries(plan) -> int:
    plan = type(plan).objects.select_related("issuer").get(pk=plan.pk)
    with CaptureQueriesContext(connection) as ctx:
        board = build_dashboard(plan, now=NOW)
    assert board.totals.submitted == len(board.rows)
    return len(ctx.captured_queries)


def test_dashboard_query_count_does_not_grow_with_units(db):
    one = count_queries(district(1))
    thirty = count_queries(district(30))

    assert one == thirty
    assert thirty <= 12


def test_dashboard_page_query_count_does_not_grow_with_units(client, db):
    small, large = district(1), district(30)
    staff = UserFactory(username="staff-q")
    MembershipFactory(user=staff, unit=small.issuer, role=Role.FEDERATION_STAFF)
    MembershipFactory(user=staff, unit=large.issuer, role=Role.FEDERATION_STAFF)
    client.force_login(staff)

    counts = []
    for plan in (small, large):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("reports:dashboard", args=[plan.pk]))
        assert response.status_code == 200
        assert len(response.context["funds"]) == plan.issuer.children.count()
        counts.append(len(ctx.captured_queries))

    assert counts[0] == counts[1]


def test_dashboard_shows_the_units_funds_and_their_total(client, db):
    plan = district(2)
    unit = plan.issuer.children.order_by("code").first()
    movement = FundMovement.objects.filter(fund__unit=unit).get()
    FundMovement.objects.create(
        fund=movement.fund,
        kind=FundMovement.Kind.PAYMENT,
        amount=-2_000_000,
        on=dt.date(plan.year, 8, 1),
        created_by=movement.created_by,
    )
    staff = UserFactory(username="staff-funds")
    MembershipFactory(user=staff, unit=plan.issuer, role=Role.FEDERATION_STAFF)
    client.force_login(staff)

    html = client.get(reverse("reports:dashboard", args=[plan.pk])).content.decode()

    assert reverse("nominations:fund_page", args=[unit.pk, plan.year]) in html
    assert "-500.000" in html  # 1.000.000 + 500.000 - 2.000.000
    assert "1.000.000" in html  # the total: -500.000 + 1.500.000


# --- the page and who may open it ----------------------------------------------------------


def test_dashboard_page_shows_rows_and_totals(client, campaign):
    client.force_login(campaign.staff)

    response = client.get(reverse("reports:dashboard", args=[campaign.plan.pk]))

    assert response.status_code == 200
    board = response.context["board"]
    assert [r.unit_name for r in board.rows] == [
        "CĐCS Trường MN Hoa Hồng",
        "CĐCS Trường MN Sen Hồng",
        "CĐCS Trường TH Hướng Dương",
    ]
    html = response.content.decode()
    assert "Tổng cộng" in html
    assert reverse("campaigns:plan_detail", args=[campaign.senhong_plan.pk]) in html
    assert reverse("reports:dashboard", args=[campaign.senhong_plan.pk]) in html


def test_dashboard_page_filters_by_query_string(client, campaign):
    client.force_login(campaign.staff)

    response = client.get(
        reverse("reports:dashboard", args=[campaign.plan.pk]), {"status": "not_cascaded"}
    )

    assert [r.unit_name for r in response.context["board"].rows] == ["CĐCS Trường MN Hoa Hồng"]


def test_dashboard_page_refused_to_a_unit_chair(client, campaign):
    client.force_login(campaign.chair_senhong)

    response = client.get(reverse("reports:dashboard", args=[campaign.plan.pk]))

    assert response.status_code == 403


def test_dashboard_page_of_own_plan_allowed_to_its_chair(client, campaign):
    client.force_login(campaign.chair_senhong)

    response = client.get(reverse("reports:dashboard", args=[campaign.senhong_plan.pk]))

    assert response.status_code == 200


def test_dashboard_page_hidden_from_another_district(client, campaign):
    other = FederationFactory(code="quan1", name="LĐLĐ Quận 1")
    outsider = UserFactory(username="outsider")
    MembershipFactory(user=outsider, unit=other, role=Role.FEDERATION_STAFF)
    client.force_login(outsider)

    response = client.get(reverse("reports:dashboard", args=[campaign.plan.pk]))

    assert response.status_code == 404


def test_city_dashboard_rolls_each_district_up(db):
    from portal.models import OrgUnit

    city = FederationFactory(code="tphcm", name="LĐLĐ TP", kind=OrgUnit.Kind.CITY_FEDERATION)
    district_unit = FederationFactory(code="govap2", name="LĐLĐ Gò Vấp", parent=city)
    city_plan = PlanFactory(issuer=city, number=1)
    district_plan = PlanFactory(issuer=district_unit, parent=city_plan, number=2)
    for i, (members, submitted) in enumerate(((3, 2), (2, 1))):
        unit = OrgUnitFactory(code=f"gv-u{i}", parent=district_unit)
        plan = PlanFactory(issuer=unit, parent=district_plan, number=3)
        MilestoneFactory(plan=plan, starts_at=at(2023, 3, 15), ends_at=at(2023, 3, 23, 11, 30))
        for j in range(members):
            user = UserFactory(username=f"gv-u{i}-m{j}")
            MembershipFactory(user=user, unit=unit, role=Role.MEMBER)
            if j < submitted:
                submit(plan, user)

    board = build_dashboard(
        type(city_plan).objects.select_related("issuer").get(pk=city_plan.pk), now=NOW
    )

    assert [figures(r) for r in board.rows] == [
        {
            "members": 5,
            "submitted": 3,
            "late": 0,
            "missing": 2,
            "pending": 0,
            "cascaded": True,
            "review_done": False,
            "forwarded": 0,
            "periodic": (0, 0, 0, 0),
        }
    ]
    assert board.rows[0].plan_id == district_plan.pk
    assert board.rows[0].counts.plans == 3


@pytest.mark.parametrize("pk", [1, 7, 987654321, 12345678901])
def test_reverse_id_equals_reverse(pk):
    from reports.builders.dashboard import reverse_id

    for name in ("campaigns:plan_detail", "reports:dashboard"):
        assert reverse_id(name, pk) == reverse(name, args=[pk])


def test_reverse_id_follows_the_script_prefix():
    """Resolved once per name, but not across deployments under another path."""
    from django.urls import set_script_prefix

    from reports.builders.dashboard import reverse_id

    try:
        set_script_prefix("/thidua/")
        assert reverse_id("reports:dashboard", 5) == reverse("reports:dashboard", args=[5])
        assert reverse_id("reports:dashboard", 5).startswith("/thidua/")
    finally:
        set_script_prefix("/")
    assert not reverse_id("reports:dashboard", 5).startswith("/thidua/")


def test_dashboard_page_labels_each_cell_for_phones_in_english_too(client, campaign, settings):
    """The cell labels are translated once above the rows: they must still follow the
    reader's language."""
    client.force_login(campaign.staff)
    url = reverse("reports:dashboard", args=[campaign.plan.pk])

    vi = client.get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    en = client.get(url).content.decode()

    assert vi.count('data-label="Đoàn viên"') == 3 + 1  # three rows and the totals
    assert 'data-label="Đoàn viên"' not in en
    assert en.count('data-label="Union member"') == 3 + 1
