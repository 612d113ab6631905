"""The federation dashboard at district scale (DESIGN.md §7: under 150 ms).

Run from the repository root against a database of its own, after loading the district::

    export DATABASE_URL=sqlite:////tmp/bench_dash/db.sqlite3 DEBUG=true
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo --scale district
    .venv/bin/python bench/dashboard.py --fill --repeat 20

``--fill`` (once) gives the district realistic figures: about 80 % of each CĐCS's members
submitted (a tenth of them late), two periodic-report due dates on the federation plan
and a report from two thirds of the units. Then it times, warm, ``--repeat`` times each:
the builder alone, and the whole page through Django's test client (middleware, policy,
template) signed in as the district's officer; prints median, p95 and the query count.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from campaigns.models import Milestone, Plan, SelfReport  # noqa: E402
from demo.district import DISTRICT_CODE, STAFF_USERNAME  # noqa: E402
from portal.models import UNION_MEMBER_ROLES, Membership, OrgUnit, User  # noqa: E402
from reports.builders.dashboard import build_dashboard  # noqa: E402
from reports.models import PeriodicReport  # noqa: E402


def district_plan() -> Plan:
    district = OrgUnit.objects.get(code=DISTRICT_CODE)
    return Plan.objects.select_related("issuer").get(issuer=district, parent=None)


def fill(plan: Plan) -> None:
    now = timezone.now()
    child_plans = {p.issuer_id: p for p in Plan.objects.filter(parent=plan)}
    reports = []
    for i, m in enumerate(
        Membership.objects.filter(unit_id__in=child_plans, role__in=UNION_MEMBER_ROLES)
        .values("unit_id", "user_id")
        .distinct()
    ):
        if i % 5 == 4:
            continue
        reports.append(
            SelfReport(
                plan=child_plans[m["unit_id"]],
                member_id=m["user_id"],
                unit_id=m["unit_id"],
                status=SelfReport.Status.SUBMITTED,
                submitted_at=now,
                is_late=i % 10 == 3,
                version=1,
            )
        )
    SelfReport.objects.bulk_create(reports, batch_size=2000, ignore_conflicts=True)
    dues = [
        Milestone.objects.create(
            plan=plan,
            kind=Milestone.Kind.PERIODIC_REPORT,
            label=label,
            starts_at=now - timezone.timedelta(days=60),
            ends_at=now + timezone.timedelta(days=days),
        )
        for label, days in (("Báo cáo 6 tháng", -10), ("Báo cáo năm", 120))
    ]
    PeriodicReport.objects.bulk_create(
        PeriodicReport(
            plan=plan,
            unit_id=unit_id,
            milestone=dues[0],
            results="Đã triển khai",
            status=PeriodicReport.Status.SENT,
            sent_at=now - timezone.timedelta(days=12 if n % 2 else 5),
        )
        for n, unit_id in enumerate(child_plans)
        if n % 3
    )
    print(f"filled: {len(reports)} self-reports, 2 due dates, periodic reports")


def timed(fn, repeat: int) -> list[float]:
    fn()  # warm
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def summary(name: str, samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[max(0, round(len(samples) * 0.95) - 1)]
    return f"{name}: median {statistics.median(samples):.1f} ms, p95 {p95:.1f} ms, n={len(samples)}"


def stats(samples: list[float]) -> dict:
    samples = sorted(samples)
    p95 = samples[max(0, round(len(samples) * 0.95) - 1)]
    return {"median_ms": statistics.median(samples), "p95_ms": p95}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fill", action="store_true")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    plan = district_plan()
    if args.fill:
        fill(plan)
    board = build_dashboard(plan)
    t = board.totals
    print(
        f"{connection.vendor}: {len(board.rows)} units, {t.members} members, "
        f"{t.reported} reported, periodic {t.periodic_on_time}/{t.periodic_late}/"
        f"{t.periodic_missing}/{t.periodic_pending}"
    )
    with CaptureQueriesContext(connection) as ctx:
        build_dashboard(plan)
    builder_queries = len(ctx.captured_queries)
    print(f"builder queries: {builder_queries}")
    builder = timed(lambda: build_dashboard(plan), args.repeat)
    print(summary("builder", builder))

    client = Client()
    client.force_login(User.objects.get(username=STAFF_USERNAME))
    url = reverse("reports:dashboard", args=[plan.pk])

    def page():
        response = client.get(url, HTTP_HOST="localhost")
        assert response.status_code == 200, response.status_code

    with CaptureQueriesContext(connection) as ctx:
        page()
    page_queries = len(ctx.captured_queries)
    print(f"page queries: {page_queries}")
    pages = timed(page, args.repeat)
    print(summary("page", pages))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "vendor": connection.vendor,
                    "units": len(board.rows),
                    "members": t.members,
                    "repeat": args.repeat,
                    "builder": {"queries": builder_queries, **stats(builder)},
                    "page": {"queries": page_queries, **stats(pages)},
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
