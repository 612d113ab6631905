"""The heading block and the preamble: the body above and the issuer (from the heading's
left column, else the preamble's "Ban Thường vụ X xây dựng…"), the number and symbol, place
and date of issue, the title under the "KẾ HOẠCH" heading, and the parent document the
plan cites ("Thực hiện Kế hoạch số …": its number, date and kind)."""

import re

from campaigns.plan_imports.diacritics import fold
from campaigns.plan_imports.fields.common import (
    _DOC_KINDS,
    _ROMAN,
    Found,
    Line,
    _cites,
    _date,
    _dates_in,
    _sentence_case,
    _split_columns,
    plain,
)

# Written without marks and matched on ``plain(text)``.
_SYMBOL = r"\d*\s*[-–/]\s*[A-Z][A-Za-z0-9]*(?:\s*[-–/]\s*[A-Z][A-Za-z0-9]*)*"
_NUMBER_LINE = re.compile(r"\bSo\s*[:.]?\s*(" + _SYMBOL + r")", re.I)
_PLACE_DATE = re.compile(
    r"([^\t,\d][^\t,]*?)\s*,\s*ngay\s+(\d{1,2}|[.…\s]*)\s*thang\s+(\d{1,2})\s+nam\s+(\d{4})",
    re.I,
)
_PARENT = re.compile(
    r"^[\s*]*(?:Thuc hien|Can cu)\s+(" + _DOC_KINDS + r")\s+so\s+(" + _SYMBOL + r")", re.I | re.M
)


def _clean_symbol(symbol: str) -> str:
    symbol = re.sub(r"\s*([-–/])\s*", r"\1", symbol.strip()).replace("–", "-")
    return symbol.rstrip("-/")


def _is_motto(text: str) -> bool:
    f = fold(text)
    return any(
        m in f for m in ("cong hoa xa hoi", "doc lap", "dang cong san viet nam", "tu do - hanh")
    ) or bool(re.fullmatch(r"[-_*=~.…\s]+", text))


def _plan_heading_index(lines: list[Line]) -> int | None:
    for i, line in enumerate(lines[:60]):
        if line.folded.strip(" :*") in ("ke hoach",):
            return i
    return None


def _header(lines, heading, found):
    """Issuer, body above, number, place and date from the heading block."""
    limit = heading if heading is not None else min(len(lines), 12)
    left = []
    for line in lines[:limit]:
        if m := _NUMBER_LINE.search(plain(line.text)):
            symbol = _clean_symbol(line.text[m.start(1) : m.end(1)])
            sure = 0.95 if re.match(r"\d", symbol) else 0.6  # "Số    /KH-..." left blank
            found.setdefault(
                "number", Found(symbol, line.start + m.start(), line.start + m.end(), sure)
            )
            line = Line(
                line.text[: m.start()] + " " * (m.end() - m.start()) + line.text[m.end() :],
                line.start,
            )
        columns = _split_columns(line)
        for k, (text, start) in enumerate(columns):
            if _is_motto(text):
                continue
            if m := _PLACE_DATE.search(plain(text)):
                place = text[m.start(1) : m.end(1)].strip(" .")
                found.setdefault("place", Found(place, start + m.start(1), start + m.end(1), 0.9))
                if d := _date(m.group(2).strip(" .…"), m.group(3), m.group(4), None):
                    found.setdefault(
                        "issued_on", Found(d.isoformat(), start + m.start(), start + m.end(), 0.95)
                    )
                continue
            if k == 0 and text.upper() == text and len(text) > 3 and heading is not None:
                left.append((text, start))
    if len(left) >= 2:
        found["parent_issuer"] = Found(left[0][0], left[0][1], left[0][1] + len(left[0][0]), 0.85)
        issuer = " ".join(t for t, _s in left[1:])
        found["issuer"] = Found(issuer, left[1][1], left[-1][1] + len(left[-1][0]), 0.85)
    elif left:
        found["issuer"] = Found(left[0][0], left[0][1], left[0][1] + len(left[0][0]), 0.8)


def _title(text, lines, heading, found):
    start_index = heading + 1 if heading is not None else 0
    chosen = []
    for line in lines[start_index:]:
        t = line.text.strip()
        if not t:
            if chosen:
                break
            continue
        if _cites(t) or _ROMAN.match(t):
            break
        if heading is None and (
            _split_columns(line)
            and len(_split_columns(line)) > 1
            or _NUMBER_LINE.search(plain(t))
            or _PLACE_DATE.search(plain(t))
            or _is_motto(t)
        ):
            continue
        chosen.append(line)
        if len(chosen) >= 4:
            break
    if chosen:
        value = _sentence_case(" ".join(line.text.strip() for line in chosen))
        found["title"] = Found(
            value, chosen[0].start, chosen[-1].end, 0.9 if heading is not None else 0.6
        )
        return
    m = re.search(r"xay dung ke hoach\s+(.+?)\s+(?:cu the\s+)?nhu sau", plain(text), re.I | re.S)
    if m:
        found["title"] = Found(
            _sentence_case(text[m.start(1) : m.end(1)]), m.start(1), m.end(1), 0.6
        )


def _parent(text, found):
    m = _PARENT.search(plain(text))
    if not m:
        return
    tail = text[m.end() : m.end() + 160]
    dates = _dates_in(tail, 0)
    date = dates[0][1].isoformat() if dates and dates[0][0] < 80 else None
    # The cited document's kind ("Kế hoạch", "Hướng dẫn") is for the plan's reference
    # line; the JSON gives number and date.
    kind = text[m.start(1) : m.end(1)]
    value = {"number": _clean_symbol(text[m.start(2) : m.end(2)]), "date": date, "kind": kind}
    # The sentence that cites it: to the end of its line or first full stop.
    line_end = text.find("\n", m.end())
    stop = text.find(". ", m.end())
    end = min(e for e in (line_end, stop, len(text)) if e >= 0)
    found["parent_plan"] = Found(value, m.start(), end, 0.9 if date else 0.7)
    if "parent_issuer" not in found:
        c = re.search(r"\bcua\s+(.+?)\s+(?:ve|\"|“|$|\.)", plain(tail))
        if c:
            name = tail[c.start(1) : c.end(1)].strip(" ,")
            s = m.end() + c.start(1)
            found["parent_issuer"] = Found(name, s, s + len(name), 0.55)


def _issuer_from_body(text, found):
    if "issuer" in found:
        return
    m = re.search(
        r"(?:Ban Thuong vu|Ban Chap hanh|Ban chap hanh|BCH)\s+(.+?)"
        r"\s+(?:xay dung|trien khai|ban hanh)"
        r"|((?:Chi bo|Dang uy|Chi uy)\s+.+?)\s+(?:xay dung|trien khai|ban hanh)",
        plain(text),
    )
    if m:
        g = 1 if m.group(1) else 2
        found["issuer"] = Found(text[m.start(g) : m.end(g)].strip(), m.start(g), m.end(g), 0.6)
