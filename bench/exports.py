"""A district's workbook and summary report against the libraries alone (DESIGN.md §7:
at most 1.3× the time the library needs for the same content).

Run after ``bench/dashboard.py --fill`` on the same database::

    export DATABASE_URL=sqlite:////tmp/bench_dash/db.sqlite3 DEBUG=true
    .venv/bin/python bench/exports.py --repeat 3

Workbook: the portal's safe writer (``write_workbook``: type dispatch, formula guard,
header styles, widths, frozen pane, autofilter) against openpyxl's own write-only
``append`` of the same values, both from rows already read; the reads are timed apart.
Summary: ``render_pdf`` (template, WeasyPrint, the check that no letter fell back to
another font) against WeasyPrint on the same HTML string with the same font files.
"""

import argparse
import datetime as dt
import io
import json
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.template.loader import render_to_string  # noqa: E402
from django.utils import timezone  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from bench.dashboard import district_plan  # noqa: E402
from reports.builders.summary import build_summary  # noqa: E402
from reports.builders.workbook import build_workbook_sheets  # noqa: E402
from reports.renderers import pdf as pdf_renderer  # noqa: E402
from reports.renderers.pdf import render_pdf  # noqa: E402
from reports.renderers.xlsx import Sheet, write_workbook  # noqa: E402


def best(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def naive(value):
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def plain_openpyxl(sheets):
    wb = Workbook(write_only=True)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.title)
        ws.append(sheet.headers)
        for row in sheet.rows:
            ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    plan = district_plan()

    start = time.perf_counter()
    sheets = [Sheet(s.title, s.columns, list(s.rows)) for s in build_workbook_sheets(plan)]
    read = time.perf_counter() - start
    rows = sum(len(s.rows) for s in sheets)
    ours = best(lambda: write_workbook(sheets), args.repeat)
    # openpyxl takes naive datetimes only: give it the same values already converted.
    plain = [Sheet(s.title, s.columns, [[naive(v) for v in r] for r in s.rows]) for s in sheets]
    lib = best(lambda: plain_openpyxl(plain), args.repeat)
    tracemalloc.start()
    write_workbook(sheets)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"workbook: {rows} rows, read {read:.2f} s; write_workbook {ours:.2f} s, "
        f"openpyxl alone {lib:.2f} s, ratio {ours / lib:.2f}; peak {peak / 1e6:.1f} MB"
    )
    figures = {
        "workbook": {
            "rows": rows,
            "read_s": read,
            "ours_s": ours,
            "library_s": lib,
            "ratio": ours / lib,
            "traced_peak_mb": peak / 1e6,
        }
    }

    start = time.perf_counter()
    doc = build_summary(plan)
    read = time.perf_counter() - start
    # WeasyPrint alone gets the same HTML and the same shipped font files.
    faces = pdf_renderer.font_faces()
    html = render_to_string("reports/pdf/summary.html", {"doc": doc, "font_faces": faces})
    fonts = {face.url: pdf_renderer.find_font_file(face.name) for face in faces}
    from weasyprint import HTML

    ours = best(lambda: render_pdf("reports/pdf/summary.html", {"doc": doc}), args.repeat)
    lib = best(
        lambda: HTML(
            string=html, base_url=pdf_renderer.BASE_URL, url_fetcher=pdf_renderer._fetcher(fonts)
        ).write_pdf(),
        args.repeat,
    )
    print(
        f"summary: read {read:.2f} s; render_pdf {ours:.2f} s, weasyprint alone {lib:.2f} s, "
        f"ratio {ours / lib:.2f}"
    )
    figures["summary"] = {"read_s": read, "ours_s": ours, "library_s": lib, "ratio": ours / lib}
    if args.json:
        args.json.write_text(json.dumps({"repeat": args.repeat, **figures}, indent=2))


if __name__ == "__main__":
    main()
