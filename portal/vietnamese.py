"""Vietnamese text helpers: sort keys in Vietnamese alphabetical order, diacritic folding,
and the one format of dates, points and percentages (template filters in
``portal/templatetags/vietnamese.py``, loaded in every template)."""

import functools
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from zoneinfo import ZoneInfo

from django.utils.translation import gettext

# Deadlines and documents are read on the Vietnamese wall clock (DESIGN.md §6).
PORTAL_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")

# Base letters in Vietnamese alphabetical order; each letter with its breve/circumflex/horn
# is a letter of its own (a < ă < â), đ follows d.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_BASE_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
# Tones are a secondary difference: no tone < huyền < hỏi < ngã < sắc < nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn


@functools.lru_cache(maxsize=4096)
def _split_letter(ch: str) -> tuple[str, int]:
    """Return (base letter with its letter-forming marks, tone rank) for one character."""
    decomposed = unicodedata.normalize("NFD", ch.lower())
    tone = 0
    kept = []
    for part in decomposed:
        if part in _TONES:
            tone = _TONES[part]
        else:
            kept.append(part)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def collation_key(text: str) -> str:
    """A string that sorts `text` in Vietnamese order with plain code-point comparison.

    Primary: letters in the Vietnamese alphabet; secondary: tones. Stored in the database,
    the key lets ORDER BY give Vietnamese order on any backend.
    """
    primary, secondary = [], []
    for ch in text.strip():
        base, tone = _split_letter(ch)
        if base in _BASE_RANK:
            primary.append(chr(0x41 + _BASE_RANK[base]))
            secondary.append(str(tone))
        elif base.isdigit():
            primary.append(chr(0x30 + int(base)))
        elif base.isspace():
            primary.append(" ")
        # punctuation is ignored for ordering
    return "".join(primary) + "|" + "".join(secondary)


def name_sort_key(full_name: str) -> str:
    """Sort key for a person's name: given name (last word) first, then the rest."""
    words = full_name.split()
    if not words:
        return ""
    reordered = [words[-1], *words[:-1]]
    return collation_key(" ".join(reordered))


def fold(text: str) -> str:
    """Lower-case `text` without diacritics ("Đoàn Viên" -> "doan vien"), for search."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def format_date_long(day) -> str:
    """ "ngày 15 tháng 3 năm 2023" as Nghị định 30/2020 writes dates: days below 10 and
    the months January and February take a leading zero ("ngày 05 tháng 01 năm 2024")."""
    day_part = f"{day.day:02d}"
    month_part = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day_part} tháng {month_part} năm {day.year}"


def format_place_date(place: str, day) -> str:
    """The dateline of an official document: "Gò Vấp, ngày 15 tháng 3 năm 2023"."""
    return f"{place}, {format_date_long(day)}" if place else format_date_long(day).capitalize()


def to_local(moment):
    """`moment` on the Vietnamese wall clock, whatever the server's own time zone."""
    return moment.astimezone(PORTAL_ZONE)


def format_deadline(moment) -> str:
    """A deadline as people write it: "11h30 ngày 23/3/2023", in Asia/Ho_Chi_Minh.
    In the English UI: "11h30 on 23/3/2023" (official documents are built in Vietnamese)."""
    local = to_local(moment)
    return gettext("%(hour)sh%(minute)02d ngày %(day)s/%(month)s/%(year)s") % {
        "hour": local.hour,
        "minute": local.minute,
        "day": local.day,
        "month": local.month,
        "year": local.year,
    }


def format_moment(moment) -> str:
    """A moment to the second: "11:30:00 ngày 23/3/2023", in Asia/Ho_Chi_Minh."""
    local = to_local(moment)
    return gettext("%(time)s ngày %(day)s/%(month)s/%(year)s") % {
        "time": f"{local:%H:%M:%S}",
        "day": local.day,
        "month": local.month,
        "year": local.year,
    }


def format_short_date(day) -> str:
    """ "14/3/2023", as documents cite other documents' dates."""
    return f"{day.day}/{day.month}/{day.year}"


# --- numbers: one format for points, percentages and counts on every page and document ---
# Vietnamese style: decimal comma, no trailing zeros ("8,5", "10"), percentages with one
# decimal and no space ("85,7%", "80%"). Form inputs take machine numbers instead
# (``machine_number``: "8.50"), which the browser's number input understands.


def _decimal(value) -> Decimal:
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(str(value))


def format_number(value, empty: str = "—") -> str:
    """Decimal("8.50") -> "8,5"; 10 -> "10"; None or "" -> `empty`."""
    if value is None or value == "":
        return empty
    text = format(_decimal(value).normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def format_points(points, max_points=None, empty: str = "—") -> str:
    """ "8,5/10" (or "8,5" without a maximum); `empty` when there are no points."""
    if points is None or points == "":
        return empty
    if max_points is None or max_points == "":
        return format_number(points)
    return f"{format_number(points)}/{format_number(max_points)}"


def format_percent(share, empty: str = "—") -> str:
    """A share (0..1, Decimal, float or Fraction) as "85,7%": one decimal, rounded half
    up, ",0" dropped ("80%", "100%"); None -> `empty`."""
    if share is None or share == "":
        return empty
    rounded = (_decimal(share) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{rounded:f}".removesuffix(".0").replace(".", ",") + "%"


def format_ratio(part, whole, empty: str = "—") -> str:
    """`part` of `whole` as a percentage ("85,7%"); `empty` when `whole` is 0 or None."""
    if not whole or part is None:
        return empty
    return format_percent(_decimal(part) / _decimal(whole))


def machine_number(value) -> str:
    """A number as an <input type="number"> takes it, never localised: "8.50"; "" for None."""
    if value is None or value == "":
        return ""
    try:
        number = _decimal(value)
    except InvalidOperation:  # a form shown again with what was typed ("abc")
        return str(value)
    return format(number, "f") if number.is_finite() else str(value)
