"""The city federation's dashboard against a district's, on the same data, in one run
(issue 18: within 1.5× of the district dashboard's time, queries not growing).

Run from the repository root against a database of its own, after loading the city::

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_city DEBUG=true
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo --scale city
    .venv/bin/python bench/city.py --fill --repeat 20

``--fill`` (once) gives every district bench/dashboard.py's figures: about 80 % of each
CĐCS's members submitted (a tenth of them late), inserted in bulk, then the rolled-up
figures recounted (``rollup_figures``) as the services would have kept them. Then it
times, warm, interleaved, ``--repeat`` times each: the city builder and page (signed in as
the city's officer) and the first district's builder and page (its officer); prints the
median, p95, query counts and the ratios.
"""

import argparse
import os
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

from bench.dashboard import summary  # noqa: E402
from campaigns.models import Plan, SelfReport  # noqa: E402
from demo.city import SCALE_CITY_CODE, SCALE_STAFF_USERNAME, district_naming  # noqa: E402
from portal.models import UNION_MEMBER_ROLES, Membership, User  # noqa: E402
from reports.builders.city import build_city_dashboard  # noqa: E402
from reports.builders.dashboard import build_dashboard  # noqa: E402
from reports.services.rollups import recount  # noqa: E402


def fill(city_plan: Plan) -> None:
    now = timezone.now()
    started = time.monotonic()
    cdcs_plans = {p.issuer_id: p.pk for p in Plan.objects.filter(parent__parent=city_plan)}
    batch, total = [], 0
    for i, m in enumerate(
        Membership.objects.filter(unit_id__in=cdcs_plans, role__in=UNION_MEMBER_ROLES)
        .values_list("unit_id", "user_id")
        .distinct()
        .iterator(chunk_size=5000)
    ):
        if i % 5 == 4:
            continue
        batch.append(
            SelfReport(
                plan_id=cdcs_plans[m[0]],
                member_id=m[1],
                unit_id=m[0],
                status=SelfReport.Status.SUBMITTED,
                submitted_at=now,
                is_late=i % 10 == 3,
                version=1,
            )
        )
        if len(batch) == 5000:
            SelfReport.objects.bulk_create(batch, ignore_conflicts=True)
            total += len(batch)
            batch = []
    SelfReport.objects.bulk_create(batch, ignore_conflicts=True)
    total += len(batch)
    inserted = time.monotonic()
    written = recount()
    print(
        f"filled: {total} self-reports in {inserted - started:.1f} s; "
        f"figures recounted in {time.monotonic() - inserted:.1f} s ({written} rows written)"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fill", action="store_true")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    city_plan = Plan.objects.select_related("issuer").get(issuer__code=SCALE_CITY_CODE)
    naming = district_naming(1)
    district_plan = Plan.objects.select_related("issuer").get(
        issuer__code=naming.code, parent=city_plan
    )
    if args.fill:
        fill(city_plan)

    city_board = build_city_dashboard(city_plan)
    t = city_board.totals
    print(
        f"{connection.vendor}: city {len(city_board.rows)} districts, {t.implementing} CĐCS, "
        f"{t.members} members, {t.reported} reported ({t.late} late)"
    )
    district_board = build_dashboard(district_plan)
    print(
        f"district {naming.code}: {len(district_board.rows)} CĐCS, "
        f"{district_board.totals.members} members, {district_board.totals.reported} reported"
    )

    city_client, district_client = Client(), Client()
    city_client.force_login(User.objects.get(username=SCALE_STAFF_USERNAME))
    district_client.force_login(User.objects.get(username=naming.staff))
    city_url = reverse("reports:city_dashboard", args=[city_plan.pk])
    district_url = reverse("reports:dashboard", args=[district_plan.pk])

    def get(client, url):
        def page():
            response = client.get(url, HTTP_HOST="localhost")
            assert response.status_code == 200, response.status_code

        return page

    runs = {
        "city builder": lambda: build_city_dashboard(city_plan),
        "district builder": lambda: build_dashboard(district_plan),
        "city page": get(city_client, city_url),
        "district page": get(district_client, district_url),
    }
    for name, fn in runs.items():
        with CaptureQueriesContext(connection) as ctx:
            fn()  # also the warm-up
        print(f"{name} queries: {len(ctx.captured_queries)}")
    samples = {name: [] for name in runs}
    for _ in range(args.repeat):  # interleaved: a change in the machine's load hits all
        for name, fn in runs.items():
            start = time.perf_counter()
            fn()
            samples[name].append((time.perf_counter() - start) * 1000)
    for name, values in samples.items():
        print(summary(name, values))
    med = {name: sorted(v)[len(v) // 2] for name, v in samples.items()}
    print(
        f"ratio city / district: builder {med['city builder'] / med['district builder']:.2f}, "
        f"page {med['city page'] / med['district page']:.2f}"
    )


if __name__ == "__main__":
    main()
