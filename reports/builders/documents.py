"""The parts every official document shares: header, signature, recipients (ND 30/2020).

Party documents (a chi bộ's or a đảng ủy's) follow the party's own layout (Hướng dẫn
36-HD/VPTW): "ĐẢNG CỘNG SẢN VIỆT NAM" at the top right, the body lines with a "*" under
them at the left, numbers written "08-KH/CB" and "T/M" for signing on behalf.
"""

import datetime as dt
from dataclasses import dataclass

from portal.models import OrgUnit
from portal.vietnamese import format_place_date, format_short_date

# Document type abbreviations (Phụ lục III, ND 30/2020) and the name printed as heading.
DOC_TYPE_NAMES = {
    "KH": "KẾ HOẠCH",
    "BC": "BÁO CÁO",
    "BB": "BIÊN BẢN",
    "TTr": "TỜ TRÌNH",
    "QĐ": "QUYẾT ĐỊNH",
    "HD": "HƯỚNG DẪN",
    "CTr": "CHƯƠNG TRÌNH",
    "TB": "THÔNG BÁO",
    "DS": "DANH SÁCH",
}


@dataclass(frozen=True)
class DocumentHeader:
    parent_lines: tuple[str, ...]  # upper-case, not bold ("LĐLĐ QUẬN GÒ VẤP")
    issuer_line: str  # upper-case, bold ("CĐCS TRƯỜNG MN SEN HỒNG")
    is_party: bool
    number: str  # "Số: 08/KH-LĐLĐ"; "" when the document carries no number
    place_date: str  # "Gò Vấp, ngày 15 tháng 3 năm 2023"
    unit_id: int | None = None  # the issuer: its audit chain's head is in the footer


@dataclass(frozen=True)
class Signature:
    on_behalf: str  # "TM. BAN CHẤP HÀNH" / "T/M CHI BỘ" / ""
    title: str  # "CHỦ TỊCH"
    name: str


def build_header(
    issuer: OrgUnit,
    *,
    doc_type: str,
    number: int | None,
    symbol_override: str = "",
    place: str = "",
    day: dt.date | None,
    year: int | None = None,
    numbered: bool = True,
) -> DocumentHeader:
    """The two-column header of a document issued by `issuer` (its parent must be loaded)."""
    parent = issuer.parent if issuer.parent_id else None
    return DocumentHeader(
        parent_lines=(parent.name.upper(),) if parent else (),
        issuer_line=issuer.name.upper(),
        is_party=issuer.is_party,
        number=_number_line(issuer, doc_type, number, symbol_override) if numbered else "",
        place_date=_place_date(place or issuer.place, day, year),
        unit_id=issuer.pk,
    )


def build_signature(
    issuer: OrgUnit, *, signing_mode: str, signing_body: str, title: str, name: str
) -> Signature:
    mode = signing_mode
    if issuer.is_party and mode == "TM.":
        mode = "T/M"
    on_behalf = f"{mode} {signing_body.upper()}" if mode and signing_body else ""
    return Signature(on_behalf=on_behalf, title=title.upper(), name=name)


# A union's name already says "công đoàn": "CĐCS Trường MN Sen Hồng", "Công đoàn ngành
# Giáo dục", "LĐLĐ quận Gò Vấp". A signing body that says it too ("BCH Công đoàn") loses
# those words before the name, so the line reads "BCH CĐCS TRƯỜNG MN SEN HỒNG", once.
_UNION_NAMES = ("CĐCS", "CĐ ", "CÔNG ĐOÀN", "LĐLĐ", "LIÊN ĐOÀN LAO ĐỘNG", "TỔ CÔNG ĐOÀN")
_UNION_WORDS = (" CÔNG ĐOÀN CƠ SỞ", " CÔNG ĐOÀN", " CĐCS", " CĐ")


def body_and_name(signing_body: str, issuer: OrgUnit) -> str:
    """The body and the unit that issue a document, in capitals, the union named once:
    ("BCH Công đoàn", "CĐCS Trường MN Sen Hồng") -> "BCH CĐCS TRƯỜNG MN SEN HỒNG"."""
    body = " ".join((signing_body or "Ban Chấp hành").upper().split())
    name = " ".join(issuer.name.upper().split())
    if name.startswith(_UNION_NAMES):
        for words in _UNION_WORDS:
            if body.endswith(words) and len(body) > len(words):
                body = body[: -len(words)]
                break
    return f"{body} {name}"


def recipient_lines(lines: list[str]) -> tuple[str, ...]:
    """ "Nơi nhận" lines, each starting "- ", ending ";" and the last "- Lưu: VT." (ND 30)."""
    cleaned = [line.strip().lstrip("-").strip().rstrip(";.").strip() for line in lines]
    cleaned = [line for line in cleaned if line]
    if not any(line.lower().startswith("lưu") for line in cleaned):
        cleaned.append("Lưu: VT")
    return tuple(
        f"- {line}." if i == len(cleaned) - 1 else f"- {line};" for i, line in enumerate(cleaned)
    )


def paragraphs(text: str) -> tuple[str, ...]:
    """Split a text field into paragraphs, one per non-empty line."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def roman(number: int) -> str:
    values = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in values:
        while number >= value:
            out += letters
            number -= value
    return out


def cite(doc_type: str, symbol: str, day: dt.date | None, issuer_name: str) -> str:
    """How a document names another: "Kế hoạch số 09/KH-LĐLĐ ngày 14/3/2023 của …"."""
    name = DOC_TYPE_NAMES.get(doc_type, doc_type).capitalize()
    parts = [f"{name} số {symbol}"]
    if day:
        parts.append(f"ngày {format_short_date(day)}")
    parts.append(f"của {issuer_name}")
    return " ".join(parts)


def document_symbol(issuer: OrgUnit, doc_type: str, number: int | None, override: str = "") -> str:
    """ "08/KH-LĐLĐ" (state layout) or "08-KH/CB" (party layout); numbers below 10 take a
    zero, a missing number leaves a blank to fill in by hand."""
    if override:
        return override
    shown = f"{number:02d}" if number else "\u00a0" * 6
    if issuer.is_party:
        return f"{shown}-{doc_type}/{issuer.short_name}"
    return f"{shown}/{doc_type}-{issuer.short_name}"


def _number_line(issuer: OrgUnit, doc_type: str, number: int | None, override: str) -> str:
    prefix = "Số" if issuer.is_party else "Số:"
    return f"{prefix} {document_symbol(issuer, doc_type, number, override)}"


def _place_date(place: str, day: dt.date | None, year: int | None) -> str:
    if day is not None:
        return format_place_date(place, day)
    blank = "\u00a0" * 5
    text = f"ngày{blank}tháng{blank}năm {year or blank}"
    return f"{place}, {text}" if place else text[0].upper() + text[1:]
