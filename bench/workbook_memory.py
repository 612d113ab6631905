"""The district workbook exactly as the background task makes it: the data key (one build,
hashed) and the render (another build, written by the safe XLSX writer). Run it under
``/usr/bin/time -v`` and read "Maximum resident set size": with the rows streamed from the
database, the peak should stay flat from 200 to 800 units.

    export DATABASE_URL=sqlite:////tmp/bx200/db.sqlite3 DEBUG=true
    /usr/bin/time -v .venv/bin/python bench/workbook_memory.py

Load the district first (see bench/dashboard.py: ``seed_demo --scale district --units N``,
then ``bench/dashboard.py --fill``).
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from bench.dashboard import district_plan  # noqa: E402
from reports.models import Artifact  # noqa: E402
from reports.services.dashboard import RENDERERS, data_key  # noqa: E402


def main():
    plan = district_plan()
    start = time.perf_counter()
    key = data_key(plan, Artifact.Kind.WORKBOOK)
    keyed = time.perf_counter() - start
    content, _ = RENDERERS[Artifact.Kind.WORKBOOK](plan, plan.issuer)
    total = time.perf_counter() - start
    print(
        f"units {plan.children.count()}: key {key[:12]} in {keyed:.2f} s, "
        f"workbook {len(content) / 1e6:.1f} MB, total {total:.2f} s"
    )


if __name__ == "__main__":
    main()
