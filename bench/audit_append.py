"""What the audit chain's lock costs when many units write at once, on PostgreSQL.

Run from the repository root after bench/deadline_rush.py has built its database::

    .venv/bin/python bench/audit_append.py --threads 1 4 16 --seconds 10

Each thread is one unit's writer (a unit of the synthetic district of its own): in a
loop, one transaction that appends one audit entry through ``portal.audit.record`` and
commits (fsync included, as every write of the portal does). Measured twice, side by
side: with one lock for the whole log (``--lock global``: what every append took before
the chains were sharded) and with the lock of each unit's own chain. Prints appends per
second. The entries go to the bench database only (action ``bench.audit_append``).
"""

import argparse
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.deadline_rush import DEFAULT_DB, django_env  # noqa: E402


def run(units, seconds: float, one_lock: bool) -> int:
    from django.db import connection, transaction

    from portal import audit

    done = [0] * len(units)
    stop_at = time.monotonic() + seconds
    original = audit._lock_key
    if one_lock:
        audit._lock_key = lambda chain: audit._PG_LOCK_KEY

    def writer(i, unit):
        try:
            while time.monotonic() < stop_at:
                with transaction.atomic():
                    audit.record(actor=None, action="bench.audit_append", unit=unit, n=done[i])
                done[i] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(i, u)) for i, u in enumerate(units)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        audit._lock_key = original
    return sum(done)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("--database-url", default=DEFAULT_DB)
    p.add_argument("--threads", type=int, nargs="+", default=[1, 4, 16])
    p.add_argument("--seconds", type=float, default=10)
    args = p.parse_args(argv)
    os.environ.update(django_env(args.database_url))
    import django

    django.setup()
    from demo.district import DISTRICT_CODE
    from portal.audit import verify_chain
    from portal.models import OrgUnit

    unions = list(
        OrgUnit.objects.filter(parent__code=DISTRICT_CODE, kind=OrgUnit.Kind.GRASSROOTS_UNION)
        .order_by("code")
        .only("pk", "name")[: max(args.threads)]
    )
    if len(unions) < max(args.threads):
        raise SystemExit("Not enough CĐCS in the bench database: run deadline_rush.py first.")
    print("threads | one lock for the log | a lock per unit's chain | ratio")
    for n in args.threads:
        one = run(unions[:n], args.seconds, one_lock=True) / args.seconds
        own = run(unions[:n], args.seconds, one_lock=False) / args.seconds
        print(f"{n:7d} | {one:14.0f} appends/s | {own:17.0f} appends/s | {own / one:.2f}×")
    intact, broken = verify_chain()
    print(f"audit chains intact: {intact}" + ("" if intact else f" (broken at {broken})"))
    return 0 if intact else 1


if __name__ == "__main__":
    sys.exit(main())
