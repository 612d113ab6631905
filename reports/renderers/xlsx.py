"""Safe XLSX writer: typed cells, frozen header, autofilter, no formulas from user text.

Every sheet is written with ``Workbook(write_only=True)`` so a district's workbook (12,000
member rows) streams in bounded memory. Strings are always stored as strings: a value that
starts with "=", "+", "-", "@", a tab or a carriage return is written as a text cell with a
quote prefix, so neither openpyxl nor a spreadsheet program ever treats it as a formula
(CSV/formula injection; pretix keeps a ``SafeWorkbook`` for the same reason).
"""

import contextlib
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
PERCENT_FORMAT = "0.0%"
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.00"
# Characters that make a spreadsheet program read a cell as a formula (or DDE command).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
MAX_TITLE = 31  # Excel's limit on sheet names
MAX_CELL_TEXT = 32767  # Excel's limit on a cell's text
# Flags read as words, not TRUE/FALSE: spreadsheet programs show a boolean in the
# program's language (TRUE/FALSE in most installs), which the readers do not speak, and a
# legend is one more thing to read. "Có"/"Không" filters and counts the same
# (COUNTIF(range; "Có")) in every program.
YES, NO = "Có", "Không"
_TITLE_FORBIDDEN = str.maketrans({ch: " " for ch in "[]:*?/\\"})


@dataclass(frozen=True)
class Column:
    """A column: its Vietnamese header, width in characters and number format.

    `number_format` applies to numbers and dates; leave it empty for the type's default
    (dates as dd/mm/yyyy, datetimes with hh:mm, integers with thousands separators).
    """

    header: str
    width: float = 14
    number_format: str = ""


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence] = field(default=())

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]


def percent(width: float = 10) -> dict:
    """Keyword arguments of a percentage column ("0.0%": 0.125 shows as 12.5%)."""
    return {"width": width, "number_format": PERCENT_FORMAT}


def write_workbook(sheets: Sequence[Sheet]) -> bytes:
    """Write `sheets` to XLSX bytes.

    Cells keep their Python types: int/float/Decimal as numbers, date and datetime as
    dates (aware datetimes in local time, stored naive as Excel needs), bool as the words
    "Có"/"Không" (see YES/NO), None as empty, and every str as text — never as a formula.
    """
    if not sheets:
        raise ValueError("A workbook needs at least one sheet")
    workbook = Workbook(write_only=True)
    used_titles: set[str] = set()
    try:
        for sheet in sheets:
            _write_sheet(workbook, sheet, _unique_title(sheet.title, used_titles))
    except Exception:
        _discard(workbook)
        raise
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _discard(workbook: Workbook) -> None:
    """Close the half-written sheets and delete their temporary files."""
    for ws in workbook.worksheets:
        with contextlib.suppress(Exception):
            if not ws.closed:
                ws.close()
        with contextlib.suppress(Exception):
            ws._writer.cleanup()


def _write_sheet(workbook: Workbook, sheet: Sheet, title: str) -> None:
    ws: Worksheet = workbook.create_sheet(title=title)
    columns = list(sheet.columns)
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    # Both must be set before the first row is written in write-only mode.
    ws.freeze_panes = "A2"
    last_row = 1
    ws.append([_header_cell(ws, column.header) for column in columns])
    ws._values_to_row = _typed_row(ws)
    cell = _CellMaker(ws)
    for row in sheet.rows:
        if len(row) != len(columns):
            raise ValueError(
                f"Sheet {title!r}: row {last_row} has {len(row)} values for {len(columns)} columns"
            )
        ws.append([cell(i, value, columns[i]) for i, value in enumerate(row)])
        last_row += 1
    if columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last_row}"


_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")


def _header_cell(ws: Worksheet, header: str) -> WriteOnlyCell:
    cell = _text_cell(ws, header)
    cell.font = _HEADER_FONT
    cell.fill = _HEADER_FILL
    cell.alignment = _HEADER_ALIGNMENT
    return cell


def _typed_row(ws: Worksheet):
    """Stands in for openpyxl's ``WriteOnlyWorksheet._values_to_row`` on our sheets.

    openpyxl's own tries every value as a plain value first, and for a cell catches the
    ValueError that raises (formatting the cell's repr into its message), then makes a
    new cell after each styled one: a third of the writer's time on a district's
    workbook. Our rows come typed already (_CellMaker): a cell is written as it is; the
    rest is text (plain strings, the YES/NO words), which takes no style, through one
    plain cell.
    openpyxl is pinned below 3.2 for this; tests/reports/test_xlsx.py reads every type
    back.
    """
    plain = WriteOnlyCell(ws)

    def values_to_row(values, row_idx):
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            if isinstance(value, Cell):
                cell = value
            else:
                cell = plain
                cell.value = value
            cell.column = col_idx
            cell.row = row_idx
            yield cell

    return values_to_row


class _CellMaker:
    """Turns a value into what ``append`` takes, with as little per-cell work as the
    safety and the formats allow (the workbook's time goal is 1.3× plain openpyxl):

    - None, plain text and flags (as the words YES/NO) go to openpyxl as they are (it
      reuses one cell);
    - text that could read as a formula, or needs cleaning, becomes a text cell;
    - numbers and dates go in a formatted cell kept per column and number format, and
      reused row after row: a write-only sheet writes each row out as it is appended,
      and one row holds one value per column.
    """

    def __init__(self, ws: Worksheet):
        self.ws = ws
        self.cells: dict[tuple[int, str], Cell] = {}
        self.zone = timezone.get_current_timezone()  # once, not per date

    def _formatted(self, index: int, value, number_format: str) -> Cell:
        cell = self.cells.get((index, number_format))
        if cell is None:
            cell = self.cells[index, number_format] = WriteOnlyCell(self.ws)
            cell.number_format = number_format
        cell.value = value
        return cell

    def __call__(self, index: int, value, column: Column):
        if value is None:
            return value
        if value.__class__ is bool:
            return YES if value else NO
        if isinstance(value, str):
            if (
                value.startswith(FORMULA_TRIGGERS)
                or len(value) > MAX_CELL_TEXT
                or "\r" in value
                or ILLEGAL_CHARACTERS_RE.search(value)
            ):
                return _text_cell(self.ws, value)
            return value
        if isinstance(value, dt.datetime):
            if value.tzinfo is not None:
                value = value.astimezone(self.zone).replace(tzinfo=None)
            return self._formatted(index, value, column.number_format or DATETIME_FORMAT)
        if isinstance(value, dt.date):
            return self._formatted(index, value, column.number_format or DATE_FORMAT)
        if isinstance(value, int):
            return self._formatted(index, value, column.number_format or INTEGER_FORMAT)
        if isinstance(value, float | Decimal):
            return self._formatted(index, value, column.number_format or DECIMAL_FORMAT)
        raise TypeError(f"Cannot write a {type(value).__name__} to a spreadsheet cell")


def _text_cell(ws: Worksheet, text: str) -> WriteOnlyCell:
    """A cell that holds `text` as a string, whatever it starts with."""
    # XML readers turn a bare CR into LF anyway; say so here rather than on read-back.
    text = ILLEGAL_CHARACTERS_RE.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text[:MAX_CELL_TEXT]
    cell = WriteOnlyCell(ws, value=None)
    # Assigning .value would let openpyxl infer a formula from a leading "="; set the
    # stored value and type directly instead.
    cell._value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True
    return cell


def _unique_title(title: str, used: set[str]) -> str:
    base = (title.translate(_TITLE_FORBIDDEN).strip() or "Sheet")[:MAX_TITLE]
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate = base[: MAX_TITLE - len(suffix)] + suffix
        n += 1
    used.add(candidate.lower())
    return candidate
