"""Importing a district's 12,000 members against a bare ``bulk_create`` of the same rows
(issue 14: at most 2×, in bounded memory).

    export DATABASE_URL=sqlite:////tmp/bench_import/db.sqlite3 DEBUG=true
    /usr/bin/time -v .venv/bin/python bench/member_import.py --sheets 200 --per-sheet 60

Builds the sheets first (not timed), then, on two sets of unions with different people:

- bare: for each sheet's rows already in memory, ``User.objects.bulk_create`` and
  ``Membership.objects.bulk_create`` — nothing parsed, matched, checked or audited;
- import: for each uploaded sheet, ``start_import`` (check the file, read it with openpyxl
  in read-only mode, clean every cell, store the rows), ``preview_import`` (match by
  phone / e-mail / code, no writes) and ``confirm_import`` (match again, write in one
  transaction, one audit entry) — each step timed, and the three together.

Peak Python memory (tracemalloc) is measured for one sheet's import; the process's
maximum RSS comes from ``/usr/bin/time -v``.
"""

import argparse
import datetime as dt
import io
import os
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from portal.models import Membership, OrgUnit, Role, User  # noqa: E402
from portal.services import import_matching, import_sheets, imports  # noqa: E402
from portal.services.members import new_username  # noqa: E402
from portal.vietnamese import fold, name_sort_key  # noqa: E402

HEADERS = [c.label for c in import_sheets.MEMBER_COLUMNS[:9]]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi"]
GIVEN = ["Thị Lan", "Thị Hoa", "Văn Minh", "Thị Thu Trang", "Ngọc Ánh", "Thanh Tâm"]
GROUPS = ["Tổ Nhà trẻ", "Tổ Mầm", "Tổ Chồi", "Tổ Lá", "Tổ Văn phòng"]


def sheet_rows(batch: int, sheet: int, per_sheet: int):
    for i in range(per_sheet):
        n = (batch * 1_000_000) + sheet * 1000 + i
        yield [
            f"{FAMILY[n % 8]} {GIVEN[n % 6]} {n}",
            dt.date(1970 + n % 30, 1 + n % 12, 1 + n % 28),
            "Nữ" if n % 5 else "Nam",
            "Giáo viên",
            GROUPS[n % 5],
            f"09{n:08d}",
            f"dv{n}@truong.edu.vn" if n % 3 == 0 else "",
            f"{1 + n % 28:02d}/09/20{n % 20:02d}",
            "x" if n % 7 == 0 else "",
        ]


def xlsx(rows) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def make_unions(prefix: str, count: int, parent: OrgUnit) -> list[OrgUnit]:
    return [
        OrgUnit.objects.create(
            code=f"{prefix}-{i}",
            name=f"CĐCS Trường {prefix} {i}",
            short_name="CĐCS",
            kind=OrgUnit.Kind.GRASSROOTS_UNION,
            parent=parent,
        )
        for i in range(count)
    ]


def bare(unions, batches, today):
    """What bulk_create alone costs for the same rows (values already cleaned)."""
    for unit, rows in zip(unions, batches, strict=True):
        with transaction.atomic():
            groups = {
                name: OrgUnit.objects.create(
                    code=f"{unit.code}-{fold(name).replace(' ', '-')}",
                    name=name,
                    short_name=name,
                    kind=OrgUnit.Kind.UNION_GROUP,
                    parent=unit,
                )
                for name in GROUPS
            }
            people = []
            for r in rows:
                user = User(
                    username=new_username(),
                    full_name=r[0],
                    birth_date=r[1],
                    gender="female",
                    phone=r[5],
                    email=r[6],
                    party_member=r[8] == "x",
                    sort_name=name_sort_key(r[0]),
                    search_name=fold(r[0]),
                )
                user.set_unusable_password()
                people.append(user)
            User.objects.bulk_create(people, batch_size=import_matching.IN_CHUNK)
            Membership.objects.bulk_create(
                [
                    Membership(
                        user=u,
                        unit=unit,
                        role=Role.MEMBER,
                        group=groups[r[4]],
                        position=r[3],
                        starts_on=today,
                    )
                    for u, r in zip(people, rows, strict=True)
                ],
                batch_size=import_matching.IN_CHUNK,
            )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sheets", type=int, default=200)
    parser.add_argument("--per-sheet", type=int, default=60)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    actor, _ = User.objects.get_or_create(
        username="bench-chair", defaults={"full_name": "Chủ tịch"}
    )
    district, _ = OrgUnit.objects.get_or_create(
        code="bench-district",
        defaults={"name": "LĐLĐ Bench", "short_name": "LĐLĐ", "kind": "district_federation"},
    )
    stamp = str(int(time.time()))
    today = dt.date.today()

    batches_a = [list(sheet_rows(1, s, args.per_sheet)) for s in range(args.sheets)]
    unions_a = make_unions(f"bare{stamp}", args.sheets, district)
    start = time.perf_counter()
    bare(unions_a, batches_a, today)
    bare_s = time.perf_counter() - start
    del batches_a

    unions_b = make_unions(f"imp{stamp}", args.sheets, district)
    stored = []
    start = time.perf_counter()
    for s, unit in enumerate(unions_b):
        content = xlsx(sheet_rows(2, s, args.per_sheet))
        upload = SimpleUploadedFile("ds.xlsx", content)
        stored.append(imports.start_import(unit=unit, actor=actor, upload=upload))
    upload_s = time.perf_counter() - start

    start = time.perf_counter()
    for member_import in stored:
        import_matching.preview_import(member_import)
    preview_s = time.perf_counter() - start

    start = time.perf_counter()
    for member_import in stored:
        preview = imports.confirm_import(member_import=member_import, actor=actor)
        assert preview.counts["new"] == args.per_sheet, preview.counts
    import_s = time.perf_counter() - start

    # Memory apart (tracemalloc slows Python down several times): one more sheet.
    [extra] = make_unions(f"mem{stamp}", 1, district)
    content = xlsx(sheet_rows(3, 0, args.per_sheet))
    member_import = imports.start_import(
        unit=extra, actor=actor, upload=SimpleUploadedFile("ds.xlsx", content)
    )
    tracemalloc.start()
    imports.confirm_import(member_import=member_import, actor=actor)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    rows = args.sheets * args.per_sheet
    print(f"rows: {rows} in {args.sheets} sheet(s) of {args.per_sheet}")
    print(f"bare bulk_create:            {bare_s:7.2f} s")
    whole = upload_s + preview_s + import_s
    print(f"upload (check, parse, store):{upload_s:7.2f} s")
    print(f"preview (match):             {preview_s:7.2f} s")
    print(f"confirm (match, write):      {import_s:7.2f} s  = {import_s / bare_s:.2f}× bare")
    print(f"upload + preview + confirm:  {whole:7.2f} s  = {whole / bare_s:.2f}× bare")
    print(f"tracemalloc peak, importing one sheet: {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
