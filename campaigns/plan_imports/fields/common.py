"""What every group of fields reads with: ``plain`` (the text without its marks, the same
length, so a span found in it is the same span in the text), ``Found`` (a field's value, its
span and how sure the importer is), ``Line`` (a line and where it starts), the patterns more
than one group matches (document kinds cited, dates, roman-numeral headings, bullets) and
the small helpers on them: dates in a sentence, a citing line, a line's columns, a value's
sentence case."""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from campaigns.plan_imports.diacritics import fold


class _PlainTable(dict):
    """str.translate's table for ``plain``, filled as characters are met: each character
    to its letter without marks (đ → d), or itself when that is not one character."""

    def __missing__(self, code: int) -> int:
        ch = chr(code)
        if ch in "đĐ":
            value = ord("d" if ch == "đ" else "D")
        else:
            decomposed = unicodedata.normalize("NFD", ch)
            base = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
            value = ord(base) if len(base) == 1 else code
        self[code] = value
        return value


_PLAIN = _PlainTable()


def plain(text: str) -> str:
    """`text` without its marks, case kept, the same length ("Nơi nhận" → "Noi nhan"), so
    that a span found in it is the same span in `text`."""
    if text.isascii():
        return text
    return text.translate(_PLAIN)


@dataclass
class Found:
    value: object
    start: int
    end: int
    confidence: float


@dataclass
class Line:
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def folded(self) -> str:
        return fold(self.text)


def _lines(text: str) -> list[Line]:
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append(Line(raw, pos))
        pos += len(raw) + 1
    return lines


# All patterns are written without marks and matched on ``plain(text)``.
_DOC_KINDS = r"(?:Ke hoach|Huong dan|Chi thi|Nghi quyet|Quyet dinh|Cong van|Chuong trinh|Thong bao)"
_DATE_WORDS = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?", re.I)
_DATE_SLASH = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?(?![\d])")
_CITES = re.compile(r"(?:Thuc hien|Can cu)\b", re.I)
_ROMAN = re.compile(r"^\s*([IVX]{1,4})\s*[./)]\s*(\S.*)$")
_BULLET = re.compile(r"^\s*[-–+•·*]\s*")


def _sentence_case(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" .:;")
    if text.isupper():
        text = text.lower()
        for proper in ("hồ chí minh", "đảng", "bộ chính trị"):
            text = text.replace(proper, proper.title().replace("Chính Trị", "Chính trị"))
    return text[:1].upper() + text[1:]


def _date(day, month, year, default_year) -> dt.date | None:
    try:
        return dt.date(int(year or default_year), int(month), int(day))
    except (TypeError, ValueError):
        return None


def _dates_in(text: str, default_year: int) -> list[tuple[int, dt.date]]:
    text = plain(text)
    found = []
    for m in _DATE_WORDS.finditer(text):
        if d := _date(m.group(1), m.group(2), m.group(3), default_year):
            found.append((m.start(), d, m.group(3)))
    for m in _DATE_SLASH.finditer(text):
        if any(abs(m.start() - p) < 3 for p, _d, _y in found):
            continue
        if d := _date(m.group(1), m.group(2), m.group(3), default_year):
            found.append((m.start(), d, m.group(3)))
    found.sort(key=lambda x: x[0])
    # A range "từ 15/3 đến 23/3/2023" takes its year from the date that has one.
    years = [int(y) for _p, _d, y in found if y]
    if years:
        found = [(p, d if y else d.replace(year=years[-1]), y) for p, d, y in found]
    return [(p, d) for p, d, _y in found]


def _cites(line: str) -> bool:
    """Does `line` cite another document ("Căn cứ Luật …", "Thực hiện Kế hoạch số …")?
    A title may begin "Thực hiện phong trào …" too."""
    p = plain(line)
    if not _CITES.match(p):
        return False
    return bool(
        re.match(r"Can cu\b", p, re.I)
        or re.match(r"Thuc hien\s+(?:" + _DOC_KINDS + r"|y kien|su chi dao|chi dao)\b", p, re.I)
        or re.search(r"\bso\s*\d", p, re.I)
    )


def _split_columns(line: Line) -> list[tuple[str, int]]:
    parts, pos = [], 0
    for chunk in re.split(r"(\t+|\s{3,})", line.text):
        if chunk and not chunk.isspace():
            stripped = chunk.strip()
            parts.append((stripped, line.start + pos + chunk.index(stripped)))
        pos += len(chunk)
    return parts
