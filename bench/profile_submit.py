"""Where a submit's time goes: the three benchmark requests in one process, no server.

Run from the repository root after bench/deadline_rush.py has built its database::

    .venv/bin/python bench/profile_submit.py                # per request: queries, CPU, wall
    .venv/bin/python bench/profile_submit.py --profile c    # + cProfile (CPU clock) of c

Each request goes through the whole Django stack (middleware, session, CSRF off as in the
test client, policy) with production settings, as one member of the synthetic district,
``--count`` times after a short warm-up. It prints, per request kind, the SQL statements
of one request, the mean CPU time of this process (Python and the driver) plus that of
its PostgreSQL backend process (read from /proc: the server must run on this machine),
and the mean wall time. ``--profile`` adds a cProfile of that kind measured on the CPU
clock, sorted by cumulative time (our code) and by own time (everything).

With ``--tasks db`` (django-tasks-db installed) the receipt mail is queued, as in
production; nothing runs the queue here. It writes versions and audit entries for the
member it uses (the last plain member of
the first CĐCS) and moves that member's plan deadline a day ahead; only in the bench
database.
"""

import argparse
import cProfile
import os
import pstats
import re
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.deadline_rush import DEFAULT_DB, django_env  # noqa: E402


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("--database-url", default=DEFAULT_DB)
    p.add_argument("--count", type=int, default=200, help="requests per kind")
    p.add_argument("--profile", choices=["a", "b", "c"], help="cProfile this kind")
    p.add_argument("--top", type=int, default=35, help="rows of the profile")
    p.add_argument("--sql", action="store_true", help="print the statements of one request")
    p.add_argument(
        "--tasks",
        choices=["db", "immediate"],
        default="immediate",
        help="TASKS_BACKEND: db queues the receipt mail (production), immediate sends it "
        "inside the request",
    )
    p.add_argument(
        "--stages",
        action="store_true",
        help="split the real submit's Django CPU time and statements by stage",
    )
    args = p.parse_args(argv)
    os.environ.update(django_env(args.database_url, args.tasks))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from campaigns.models import Milestone, Plan
    from demo.district import DISTRICT_CODE
    from portal.models import Membership, OrgUnit, Role

    union = (
        OrgUnit.objects.filter(parent__code=DISTRICT_CODE, kind=OrgUnit.Kind.GRASSROOTS_UNION)
        .order_by("code")
        .first()
    )
    if union is None:
        raise SystemExit("No synthetic district here: run bench/deadline_rush.py first.")
    member = (
        Membership.objects.filter(unit=union, role=Role.MEMBER)
        .select_related("user")
        .order_by("-user__username")
        .first()
        .user
    )
    if not member.email:  # the receipt mail is part of a submit
        member.email = f"{member.username}@doanvien.bench.invalid"
        member.save(update_fields=["email"])
    plan = Plan.objects.get(issuer=union, status=Plan.Status.PUBLISHED)
    Milestone.objects.filter(plan=plan, kind=Milestone.Kind.SELF_REPORT).update(
        ends_at=timezone.now() + timedelta(days=1)
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(member)
    html = client.get(f"/ke-hoach/{plan.pk}/tu-bao-cao/").content.decode()
    data = {"narrative": "Tích cực học tập và làm theo. " * 10, "action": "submit"}
    for name in dict.fromkeys(re.findall(r'name="(c\d+_(?:met|points|evidence))"', html)):
        data[name] = {"met": "1", "points": "7.5"}.get(name.rsplit("_", 1)[1], "Minh chứng.")
    data["titles"] = re.findall(r'name="titles" value="(\d+)"', html)[:1]
    paths = {
        "a": "/bench/trivial/",
        "b": f"/bench/bare/{plan.pk}/",
        "c": f"/ke-hoach/{plan.pk}/tu-bao-cao/",
    }
    expected = {"a": 200, "b": 302, "c": 302}
    print(f"member {member.username}, plan {plan.pk}, {args.count} requests per kind")
    for kind, path in paths.items():
        for _ in range(5):
            client.post(path, data)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(path, data)
        if response.status_code != expected[kind]:
            raise SystemExit(f"{kind}: HTTP {response.status_code} from {path}")
        statements = [q["sql"] for q in queries.captured_queries]
        verbs = Counter(s.split(None, 1)[0].upper() for s in statements)
        backend = backend_pid(connection)
        wall, cpu, pg = time.perf_counter(), time.process_time(), process_cpu(backend)
        for _ in range(args.count):
            client.post(path, data)
        wall = (time.perf_counter() - wall) / args.count * 1000
        cpu = (time.process_time() - cpu) / args.count * 1000
        pg = (process_cpu(backend) - pg) / args.count * 1000
        print(
            f"{kind}: {len(statements):2d} statements ({dict(verbs)}), CPU: Django "
            f"{cpu:.2f} ms + PostgreSQL {pg:.2f} ms = {cpu + pg:.2f} ms; wall {wall:.2f} ms"
        )
        if args.sql:
            for s in statements:
                print(f"     {s[:140]}")
    if args.stages:
        print_stages(client, paths["c"], data, args.count, connection)
    if args.profile:
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        for _ in range(args.count):
            client.post(paths[args.profile], data)
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(r"campaigns|portal|bench", args.top)
        stats.sort_stats("tottime").print_stats(args.top)
    return 0


# Stages of the real submit, as (module, class or "", attribute, label). A stage's time
# excludes the stages running inside it; what no stage covers is the request's own
# overhead (WSGI handler, middleware, session and user, transaction, the view's glue,
# redirect). Names that no longer exist are skipped.
STAGES = [
    ("portal.permissions", "", "get_object_for", "policy: plan through visible_to + rule"),
    ("campaigns.selectors.selfreports", "", "self_report_milestone", "deadline milestone"),
    ("campaigns.selectors.selfreports", "", "own_report", "view: own_report"),
    ("campaigns.views.selfreports", "", "_report_form", "view: build the form"),
    ("campaigns.forms.selfreports", "SelfReportForm", "is_valid", "view: form.is_valid"),
    ("campaigns.services.selfreports", "", "_lock_for_owner", "service: lock the report row"),
    ("campaigns.services.selfreports", "", "_clean", "service: validate (_clean)"),
    ("campaigns.services.selfreports", "", "self_report_milestone", "deadline milestone"),
    ("campaigns.services.selfreports", "", "personal_deadline", "service: extension (MAX)"),
    ("campaigns.services.selfreports", "", "_stored_answers", "service: stored answers"),
    ("campaigns.services.selfreports", "", "_write_working_copy", "service: answers + titles"),
    ("campaigns.services.selfreports", "", "_snapshot", "service: snapshot (files)"),
    ("campaigns.models", "SelfReportVersion", "save", "service: insert version"),
    ("campaigns.models", "SelfReport", "save", "service: update report"),
    ("campaigns.services.selfreports", "", "record", "service: audit entry"),
]


def print_stages(client, path, data, count, connection) -> None:
    import importlib

    totals: dict[str, list[float]] = {}
    stack: list[list] = []  # [label, started, child time]

    def wrap(function, label):
        def timed(*args, **kwargs):
            stack.append([label, time.process_time(), 0.0])
            try:
                return function(*args, **kwargs)
            finally:
                label_, started, children = stack.pop()
                spent = time.process_time() - started
                row = totals.setdefault(label_, [0.0, 0])
                row[0] += spent - children
                if stack:
                    stack[-1][2] += spent

        return timed

    def count_statement(execute, sql, params, many, context):
        label = stack[-1][0] if stack else "request overhead"
        totals.setdefault(label, [0.0, 0])[1] += 1
        return execute(sql, params, many, context)

    patched = []  # (owner, name, what to put back: the original or None to delete)
    for module_name, class_name, name, label in STAGES:
        owner = importlib.import_module(module_name)
        if class_name:
            owner = getattr(owner, class_name, None)
        original = getattr(owner, name, None) if owner is not None else None
        if original is None:
            print(f"  (stage {module_name} {class_name} {name} not found, skipped)")
            continue
        own = name in vars(owner) if isinstance(owner, type) else True
        patched.append((owner, name, original if own else None))
        setattr(owner, name, wrap(original, label))
    try:
        cpu = time.process_time()
        with connection.execute_wrapper(count_statement):
            for _ in range(count):
                client.post(path, data)
        cpu = time.process_time() - cpu
    finally:
        for owner, name, original in reversed(patched):
            if original is None:
                delattr(owner, name)
            else:
                setattr(owner, name, original)
    covered = sum(t for t, _ in totals.values())
    overhead = totals.setdefault("request overhead", [0.0, 0])
    overhead[0] += cpu - covered
    print(f"\nc, by stage (Django CPU per request; statements per request), {count} requests:")
    for label, (spent, statements) in sorted(totals.items(), key=lambda kv: -kv[1][0]):
        print(f"  {spent / count * 1000:6.2f} ms {statements / count:5.1f} statements  {label}")
    print(f"  {cpu / count * 1000:6.2f} ms in all")


def backend_pid(connection) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a process on this machine, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    sys.exit(main())
