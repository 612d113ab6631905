"""Periodic reports roll up two levels (issue 18): a CĐCS reports to its district, the
district reports to the city carrying its CĐCS's reports (on time, late, missing, not
yet due) in its frozen figures, and the city's dashboard shows both levels per
district, equal to each district's own dashboard counted from scratch."""

import datetime as dt

import pytest

from campaigns.models import Milestone, Plan
from demo.city import load_city
from demo.context import DemoContext
from portal.models import OrgUnit, User
from reports.builders.city import build_city_dashboard
from reports.builders.dashboard import Timeliness, build_dashboard
from reports.services.periodic import save_periodic_report, send_periodic_report
from reports.services.rollups import recount

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hashes(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def city_plan():
    summary = load_city(DemoContext(), districts=2, units=3, members=2)
    recount()
    return Plan.objects.select_related("issuer").get(pk=summary["plan"])


def send(milestone, unit, actor, now):
    report = save_periodic_report(
        milestone=milestone, unit=unit, actor=actor, sections={"results": "Đã triển khai"}
    )
    return send_periodic_report(report=report, actor=actor, now=now)


def due(plan) -> Milestone:
    return plan.milestones.get(kind=Milestone.Kind.PERIODIC_REPORT)


def test_periodic_reports_roll_up_cdcs_district_city(city_plan):
    d1 = OrgUnit.objects.get(code="ldld-tp-mophong-q01")
    d1_plan = Plan.objects.select_related("issuer").get(parent=city_plan, issuer=d1)
    district_due, city_due = due(d1_plan), due(city_plan)
    before = district_due.ends_at - dt.timedelta(days=1)
    after = district_due.ends_at + dt.timedelta(hours=1)

    cdcs = list(OrgUnit.objects.filter(parent=d1).order_by("code"))
    send(district_due, cdcs[0], User.objects.get(username="q01m001_01"), before)
    send(district_due, cdcs[1], User.objects.get(username="q01m002_01"), after)

    sent = send(city_due, d1, User.objects.get(username="ldld_tpmp_q01"), after)
    assert sent.figures["members"] == 6
    assert sent.figures["units_below"] == 3
    # At `after` the district's due date has passed: the third CĐCS's report is missing.
    assert sent.figures["periodic_below"] == {
        "on_time": 1,
        "late": 1,
        "missing": 1,
        "pending": 0,
    }

    order = [Timeliness.ON_TIME, Timeliness.LATE, Timeliness.MISSING, Timeliness.PENDING]
    board = build_city_dashboard(city_plan, now=after)
    assert board.has_periodic
    rows = {r.unit_name: r.figures for r in board.rows}
    one, two = rows["LĐLĐ Quận Mô Phỏng 01"], rows["LĐLĐ Quận Mô Phỏng 02"]
    # To the city (the same due date as the districts', from the same spec): district 1
    # sent after it (late), district 2 has not sent (missing).
    assert city_due.ends_at == district_due.ends_at
    assert (one.up_cells, two.up_cells) == ([0, 1, 0, 0], [0, 0, 1, 0])
    # To the districts: district 1's CĐCS sent one on time, one late, one is missing;
    # district 2's three are missing (the same due date, passed).
    assert tuple(one.periodic_below[t] for t in order) == (1, 1, 1, 0)
    assert tuple(two.periodic_below[t] for t in order) == (0, 0, 3, 0)
    assert board.totals.below_cells == [1, 1, 4, 0]
    # The same as each district's own dashboard, counted from scratch, before and after.
    for now in (before, after):
        board = build_city_dashboard(city_plan, now=now)
        for row in board.rows:
            own = build_dashboard(
                Plan.objects.select_related("issuer").get(pk=row.plan_id), now=now
            )
            assert row.figures.periodic_below == own.totals.periodic


def test_a_cdcs_report_to_its_district_carries_no_level_below(city_plan):
    d1 = OrgUnit.objects.get(code="ldld-tp-mophong-q01")
    d1_plan = Plan.objects.get(parent=city_plan, issuer=d1)
    cdcs = OrgUnit.objects.filter(parent=d1).order_by("code").first()
    sent = send(due(d1_plan), cdcs, User.objects.get(username="q01m001_01"), None)
    assert "periodic_below" not in sent.figures
    assert sent.figures["members"] == 2
