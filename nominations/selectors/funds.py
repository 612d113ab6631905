"""Reads of the emulation and reward fund: a year's ledger with running balance, and the
funds of the units below a federation."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Sum

from nominations.models import Fund
from portal.vietnamese import format_short_date


@dataclass(frozen=True)
class LedgerRow:
    on: dt.date | None
    on_text: str
    text: str
    amount_in: int
    amount_out: int
    balance: int
    override: bool
    decision_id: int | None = None


@dataclass(frozen=True)
class Ledger:
    unit: object
    year: int
    exists: bool
    rows: tuple[LedgerRow, ...]
    opening: int
    allocations: int
    payments: int
    closing: int
    overdraw_text: str


def ledger(unit, year: int) -> Ledger:
    fund = Fund.objects.filter(unit=unit, year=year).first()
    opening = int(fund.opening) if fund else 0
    running = opening
    rows = [LedgerRow(None, "", "Số dư đầu năm", 0, 0, opening, False)]
    allocations = payments = 0
    movements = fund.movements.order_by("on", "id") if fund else []
    for m in movements:
        running += m.amount
        if m.amount >= 0:
            allocations += m.amount
        else:
            payments += -m.amount
        text = m.get_kind_display() + (f": {m.note}" if m.note else "")
        rows.append(
            LedgerRow(
                m.on,
                format_short_date(m.on),
                text,
                max(m.amount, 0),
                max(-m.amount, 0),
                running,
                m.override,
                m.decision_id,
            )
        )
    return Ledger(
        unit=unit,
        year=year,
        exists=fund is not None,
        rows=tuple(rows),
        opening=opening,
        allocations=allocations,
        payments=payments,
        closing=running,
        overdraw_text=str(Fund.Overdraw(fund.overdraw).label) if fund else "",
    )


@dataclass(frozen=True)
class FundLine:
    unit: object
    year: int
    opening: int
    moved: int
    balance: int


def funds_below(unit, year: int) -> list[FundLine]:
    """The funds of `year` of the units in `unit`'s subtree, in one query."""
    rows = (
        Fund.objects.filter(unit__path__startswith=unit.path, year=year)
        .select_related("unit")
        .annotate(moved=Sum("movements__amount"))
        .order_by("unit__path")
    )
    return [
        FundLine(
            f.unit, f.year, int(f.opening), int(f.moved or 0), int(f.opening) + int(f.moved or 0)
        )
        for f in rows
    ]
