"""Pull a draft plan's fields out of a plan's text (Unicode NFC, diacritics restored).

Every keyword and pattern is matched on the text with its marks stripped (``plain``: the
same length, so a match's span is the same in the text), and values are cut from the
text itself: extraction does not depend on the diacritics being restored right ("Noi
nhan", "ngay 05 thang 3", "TM. BAN CHAP HANH" are read as their marked forms are).

Pure: no database. Each field found is a ``Found``: its value, where in the text it came
from (``start``/``end``, so the review screen can highlight the sentence) and how sure
the importer is (0–1). ``to_json`` gives the draft in the shape ``import_plan --json``
prints; a field not found is ``None`` there.
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from campaigns.plan_imports.diacritics import fold, restore_name

TZ = "+07:00"


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


@dataclass
class Draft:
    fields: dict = field(default_factory=dict)

    def get(self, name):
        return self.fields.get(name)


# --- patterns ----------------------------------------------------------------------

# All patterns below are written without marks and matched on ``plain(text)``.
_DOC_KINDS = r"(?:Ke hoach|Huong dan|Chi thi|Nghi quyet|Quyet dinh|Cong van|Chuong trinh|Thong bao)"
_SYMBOL = r"\d*\s*[-–/]\s*[A-Z][A-Za-z0-9]*(?:\s*[-–/]\s*[A-Z][A-Za-z0-9]*)*"
_NUMBER_LINE = re.compile(r"\bSo\s*[:.]?\s*(" + _SYMBOL + r")", re.I)
_PLACE_DATE = re.compile(
    r"([^\t,\d][^\t,]*?)\s*,\s*ngay\s+(\d{1,2}|[.…\s]*)\s*thang\s+(\d{1,2})\s+nam\s+(\d{4})",
    re.I,
)
_PARENT = re.compile(
    r"^[\s*]*(?:Thuc hien|Can cu)\s+(" + _DOC_KINDS + r")\s+so\s+(" + _SYMBOL + r")", re.I | re.M
)
_DATE_WORDS = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?", re.I)
_DATE_SLASH = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?(?![\d])")
_TIME = re.compile(r"(?<![\d/])(\d{1,2})\s*(?:h|gio|g|:)\s*(\d{2})?(?![\d/])", re.I)
_CITES = re.compile(r"(?:Thuc hien|Can cu)\b", re.I)
_RECIPIENTS_OR_END = re.compile(r"(?:\*\s*)?Noi nhan|Tren day", re.I)
_ROMAN = re.compile(r"^\s*([IVX]{1,4})\s*[./)]\s*(\S.*)$")
_NUMBERED = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)\s*[./)]?\s+(?=\D)(.*)$|^\s*(\d{1,2})\.(\S.*)$")
_BULLET = re.compile(r"^\s*[-–+•·*]\s*")
# The signing line: "TM." (thay mặt), "KT." (ký thay), "TL." (thừa lệnh), "TUQ." (thừa ủy
# quyền), "Q." (quyền), then the body or position signed for. The last three need their dot.
_SIGN = re.compile(r"\b(TM|T/M|KT|THAY MAT|TUQ\.|TL\.|Q\.)\s*\.?\s*([A-Z][A-Z .]+[A-Z])")
_SIGN_MODES = {"TM": "TM.", "T/M": "TM.", "THAY MAT": "TM.", "KT": "KT."}
_KNOWN_TITLES = (
    "Chiến sĩ thi đua cơ sở",
    "Chiến sĩ thi đua cấp tỉnh",
    "Tập thể lao động xuất sắc",
    "Tập thể lao động tiên tiến",
    "Lao động tiên tiến",
    "Công đoàn cơ sở vững mạnh xuất sắc",
    "Công đoàn cơ sở vững mạnh",
    "CĐCS vững mạnh xuất sắc",
    "Chi bộ trong sạch vững mạnh",
    "Đảng viên hoàn thành xuất sắc nhiệm vụ",
)
_TITLE_QUOTED = re.compile(
    r"(?:danh hieu|cong nhan|xet tang|binh chon|binh xet)\s+“([^”]{3,120})”", re.I
)
# A second title after the first: "… “A”, “B”", "… “A” cho cá nhân và “B” cho tập thể".
_TITLE_CHAINED = re.compile(
    r"(?:\s+cho\s+[^“”;.\n]{1,40}?)?\s*(?:,|va|;)\s*(?:danh hieu\s*)?“([^”]{3,120})”"
)
_TITLE_GUONG = re.compile(
    r"(?:binh chon|xet chon|tuyen duong|bieu duong)\s+"
    r"(Guong [^,.;:()\n]+?(?:, viec tot)?)(?=\s+ve\b|[,.;:()\n]|$)",
    re.I,
)
_TITLE_HEADING = re.compile(
    r"^(?:BIEU DUONG|TUYEN DUONG|KHEN THUONG)\s+((?:CA NHAN|TAP THE)\s+.+)$"
)


def _lines(text: str) -> list[Line]:
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append(Line(raw, pos))
        pos += len(raw) + 1
    return lines


def _clean_symbol(symbol: str) -> str:
    symbol = re.sub(r"\s*([-–/])\s*", r"\1", symbol.strip()).replace("–", "-")
    return symbol.rstrip("-/")


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


def _time_before(text: str, position: int) -> dt.time | None:
    text = plain(text)
    best = None
    for m in _TIME.finditer(text[:position]):
        if position - m.end() < 12:
            best = m
    if best is None:
        return None
    hour, minute = int(best.group(1)), int(best.group(2) or 0)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def _iso(day: dt.date, time: dt.time | None) -> str:
    return dt.datetime.combine(day, time or dt.time()).isoformat() + TZ


# --- the parts ---------------------------------------------------------------------


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


_LETTERED = re.compile(r"^\s*([a-zđ])\s*\)\s*(\S.*)$")


def _heading_level(text: str) -> tuple[int, str] | None:
    if " | " in text:
        return None
    if m := _ROMAN.match(text):
        return 1, m.group(2)
    if (m := _LETTERED.match(text)) and (
        m.group(2).rstrip().endswith(":") or len(m.group(2)) < 80 and _target(m.group(2))
    ):
        # "a) Đối với tập thể công đoàn cơ sở:": below the numbered headings.
        return 4, m.group(2)
    if m := _NUMBERED.match(text):
        number = m.group(1) or m.group(3)
        rest = m.group(2) if m.group(1) else m.group(4)
        if (
            rest
            and len(rest) < 140
            and not rest.rstrip().endswith((".", ";"))
            or rest
            and rest.rstrip().endswith(":")
            and len(rest) < 140
        ):
            return 1 + number.count(".") + 1 - (1 if number.endswith(".") else 0), rest
    return None


# Who a criterion is for, when a heading names them rather than saying "cá nhân"/"tập
# thể": "Đối với tổ đảng", "Đối với công đoàn cơ sở" (a unit: collective), "Đối với đảng
# viên", "Đối với công chức" (a person: individual).
_UNIT_WORDS = (
    "to", "don vi", "cong doan co so", "cdcs", "chi bo", "chi doan", "phong", "khoa", "ban",
    "co quan", "doanh nghiep", "truong", "lop", "phan xuong", "xi nghiep", "cong ty",
    "bo phan", "nhom", "doi", "ho gia dinh", "khu pho", "ap", "to chuc", "cong doan",
)  # fmt: skip
_PERSON_WORDS = (
    "doan vien", "dang vien", "hoi vien", "cong nhan", "nguoi lao dong", "can bo", "cong chuc",
    "vien chuc", "giao vien", "nha giao", "nhan vien", "hoc sinh", "chien si", "bac si",
    "lao dong", "thanh vien", "an toan, ve sinh vien", "ve sinh vien",
)  # fmt: skip
_FOR_WHOM = re.compile(r"\b(?:doi voi|danh cho|ap dung cho)\s+(?:cac\s+|moi\s+|nhung\s+)?(.+)")


def _target(text: str) -> str | None:
    f = fold(text)
    if "ca nhan" in f and "tap the" not in f:
        return "individual"
    if "tap the" in f and "ca nhan" not in f:
        return "collective"
    if "ca nhan" in f or "tap the" in f:
        return None
    if m := _FOR_WHOM.search(f):
        whom = m.group(1)
        for words, kind in ((_PERSON_WORDS, "individual"), (_UNIT_WORDS, "collective")):
            if any(re.match(re.escape(w) + r"\b", whom) for w in words):
                return kind
    return None


def _sections(lines, found):
    sections, current = [], None
    for line in lines:
        t = line.text.strip()
        if _RECIPIENTS_OR_END.match(plain(t)):
            break
        if _ROMAN.match(t):
            current = {"heading": t, "body": [], "start": line.start, "end": line.end}
            sections.append(current)
        elif current is not None:
            current["body"].append(t)
            current["end"] = line.end
    found["sections"] = [
        Found(
            {"heading": s["heading"], "body": "\n".join(b for b in s["body"] if b)},
            s["start"],
            s["end"],
            0.9,
        )
        for s in sections
    ]


def _heading_targets(lines) -> dict[int, str | None]:
    """Who each heading's criteria are for, by line index. A heading that names no one we
    know ("Đối với chuyền sản xuất") beside a sibling that does ("Đối với công nhân dự
    thi": individual) is the other kind: criteria come for persons and for units."""
    headings = []
    for index, line in enumerate(lines):
        t = line.text.strip()
        if _RECIPIENTS_OR_END.match(plain(t)):
            break
        if t and " | " not in t and (level := _heading_level(t)):
            headings.append((index, level[0], _target(level[1]), bool(_FOR_WHOM.search(fold(t)))))
    targets = {index: target for index, _d, target, _w in headings}

    def settle(group):
        known = {target for _i, _d, target, _w in group if target}
        if len(group) >= 2 and len(known) == 1:
            other = "collective" if known == {"individual"} else "individual"
            for index, _d, target, for_whom in group:
                if target is None and for_whom:
                    targets[index] = other

    open_groups: dict[int, list] = {}  # depth -> the siblings so far under one parent
    for heading in headings:
        depth = heading[1]
        for deeper in [d for d in open_groups if d > depth]:
            settle(open_groups.pop(deeper))
        open_groups.setdefault(depth, []).append(heading)
    for group in open_groups.values():
        settle(group)
    return targets


def _criteria(lines, found):
    items = []
    block_level = None
    kind_stack: dict[int, str | None] = {}
    pending = None
    targets = _heading_targets(lines)
    for index, line in enumerate(lines):
        t = line.text.strip()
        if not t:
            continue
        if _RECIPIENTS_OR_END.match(plain(t)):
            break
        level = _heading_level(t) if " | " not in t else None
        if level:
            depth, rest = level
            kind_stack = {d: k for d, k in kind_stack.items() if d < depth}
            kind_stack[depth] = targets.get(index, _target(rest))
            f = fold(rest)
            if block_level is not None and depth <= block_level:
                block_level = None
            if block_level is None and ("tieu chuan" in f or "tieu chi" in f):
                block_level = depth
            pending = None
            continue
        if block_level is None:
            continue
        if " | " in t:
            cells = [c.strip() for c in t.split(" | ")]
            kind = next((_target(c) for c in cells if len(c) < 20 and _target(c)), None)
            text_cell = max(cells, key=len)
            if fold(text_cell) in ("tieu chuan", "noi dung", "tieu chi"):
                continue
            kind = kind or next(
                (k for d, k in sorted(kind_stack.items(), reverse=True) if k), "individual"
            )
            items.append(Found({"text": text_cell, "kind": kind}, line.start, line.end, 0.85))
            continue
        bullet = _BULLET.match(t)
        body = _BULLET.sub("", t).strip()
        if not bullet and body.endswith(":") and pending is None:
            continue  # an introduction ("... trong lĩnh vực sau:")
        kind = next((k for d, k in sorted(kind_stack.items(), reverse=True) if k), None)
        if not bullet and pending is not None:
            # A bullet that ends in ":" is a heading for the paragraphs under it.
            pending.value["text"] += " " + body
            pending.end = line.end
            continue
        body = body.rstrip(" ;")
        if (
            kind is None
            and (
                both := re.search(
                    r"tap the,? (?:va )?ca nhan|ca nhan,? (?:va )?tap the", plain(body[:200]), re.I
                )
            )
            and both
        ):
            # "những tập thể, cá nhân có thành tích ...": one criterion for both.
            items.append(Found({"text": body, "kind": "collective"}, line.start, line.end, 0.6))
            items.append(Found({"text": body, "kind": "individual"}, line.start, line.end, 0.6))
            pending = None
            continue
        item = Found(
            {"text": body, "kind": kind or "individual"},
            line.start,
            line.end,
            0.85 if kind else 0.65,
        )
        items.append(item)
        pending = item if body.endswith(":") else None
    found["criteria"] = items


def _titles(text, lines, found):
    names = []

    def add(name, start, confidence):
        name = _sentence_case(name)
        if name and fold(name) not in {fold(n.value) for n in names}:
            names.append(Found(name, start, start + len(name), confidence))

    for line in lines:
        t = line.text.strip()
        m = _ROMAN.match(t)
        heading = m.group(2).strip() if m else ""
        if m and (h := _TITLE_HEADING.match(plain(heading))):
            add(heading[h.start(1) : h.end(1)], line.start, 0.7)
    stripped = plain(text)
    # A title named inside a criterion is a condition to meet ("gia đình được công nhận
    # “Gia đình văn hóa”"), not a title this plan gives.
    conditions = [(c.start, c.end) for c in found.get("criteria") or []]

    def in_criterion(position):
        return any(s <= position < e for s, e in conditions)

    for m in _TITLE_QUOTED.finditer(stripped):
        if in_criterion(m.start()):
            continue
        add(text[m.start(1) : m.end(1)], m.start(1), 0.75)
        end = m.end()
        while chained := _TITLE_CHAINED.match(stripped, end):
            add(text[chained.start(1) : chained.end(1)], chained.start(1), 0.7)
            end = chained.end()
    cited = [(line.start, line.end) for line in lines if _cites(line.text.strip())]
    for m in _TITLE_GUONG.finditer(stripped):
        if any(s <= m.start() < e for s, e in cited):
            continue  # "Thực hiện Kế hoạch số … về biểu dương gương …": the parent's subject
        add(text[m.start(1) : m.end(1)], m.start(1), 0.7)
    lowered = fold(text)
    if len(lowered) != len(text):
        lowered = plain(text).lower()
    for title in _KNOWN_TITLES:
        # The title is given in its own (marked) words, whatever the text's marks.
        for m in re.finditer(r"\b" + re.escape(fold(title)) + r"\b", lowered):
            after = lowered[m.end() : m.end() + 12]
            if "tro len" in after:
                continue  # a condition ("đạt lao động tiên tiến trở lên"), not a title given
            before = lowered[max(0, m.start() - 80) : m.start()]
            if not re.search(r"danh hieu|dang ky|xet tang|cong nhan|binh chon|binh xet", before):
                continue  # a goal ("xây dựng chi bộ trong sạch vững mạnh"), not a title
            if any(fold(title) in fold(n.value) for n in names) or in_criterion(m.start()):
                continue
            add(title, m.start(), 0.8)
            break
    names.sort(key=lambda f: f.start)
    found["titles"] = names


_KINDS = (
    (
        "self_report",
        (
            "tu bao cao",
            "nhap bao cao",
            "han chot",
            "nop bao cao ca nhan",
            "tu danh gia",
            "tu kiem diem",
            "tu cham diem",
        ),
    ),
    ("registration", ("dang ky",)),
    (
        "consultation",
        ("tham muu", "xin y kien cap uy", "ban giam hieu", "bgh", "ban giam doc", "thu truong"),
    ),
    ("vote", ("lay y kien", "binh chon", "bieu quyet", "bo phieu")),
    ("review_meeting", ("hop xet", "hop danh gia", "hop binh xet", "xet danh gia")),
    (
        "ceremony",
        (
            "hoi nghi tuyen duong",
            "hoi nghi bieu duong",
            "le tuyen duong",
            "le trao",
            "hoi nghi so ket",
            "hoi nghi tong ket",
            "le tong ket",
            "tong ket, trao",
            "trao danh hieu",
            "trao thuong",
            "to chuc hoi nghi",
            "tong ket, khen thuong",
            "tong ket va khen thuong",
            "trao giay khen",
            "trao bang khen",
            "bieu duong, trao",
            "le bieu duong",
            "le khen thuong",
        ),
    ),
    (
        "periodic_report_due",
        ("bao cao dinh ky", "bao cao dinh ki", "bao cao ket qua", "bao cao so ket"),
    ),
)


def _kind_of(folded: str) -> str | None:
    for kind, words in _KINDS:
        if any(w in folded for w in words):
            return kind
    return None


def _place_near(lines, index, ahead=True) -> tuple[str, int] | None:
    """The place of the event on line `index`: "tại Hội trường …" on that line, or (for a
    ceremony, `ahead`) an "Địa điểm:" line in the eight lines from it."""
    for line in lines[index : index + 8] if ahead else ():
        m = re.search(r"Dia diem\s*:\s*(.+)$", plain(line.text), re.I)
        if m:
            return line.text[m.start(1) : m.end(1)].strip(" .;"), line.start + m.start(1)
    text = lines[index].text
    m = re.search(
        r"\btai\s+((?:Hoi truong|Phong|Lop|Truong|Nha van hoa|Tru so)[^,.;()]*)",
        plain(text),
        re.I,
    ) or re.search(r"\btai\s+([A-Z][^,.;()|]*)", plain(text))
    if m:
        return text[m.start(1) : m.end(1)].strip(), lines[index].start + m.start(1)
    return None


def _label(line: str) -> str:
    """What a timetable line says happens: "BCH CĐ họp xét đánh giá kết quả: Ngày 23/3"."""
    text = _BULLET.sub("", line).split(" | ")[0]
    cut = re.search(r"\s*:\s*(?:ngay|tu|du kien|truoc|\d)|\s*:\s*$", plain(text), re.I)
    text = text[: cut.start()] if cut else text
    return re.sub(r"\s+", " ", text).strip(" :;.")[:300]


def _clauses(lines, year) -> list[Line]:
    """The lines, a line that gives several events with their dates ("… trước ngày 15/9;
    Ban Thường vụ họp xét ngày 25/9; Hội nghị tổng kết ngày 16/10 tại …") cut at its
    semicolons into one line each."""
    out = []
    for line in lines:
        parts = line.text.split(";")
        if " | " in line.text or len(parts) < 2:
            out.append(line)
            continue
        pieces, pos = [], line.start
        for part in parts:
            pieces.append(Line(part, pos))
            pos += len(part) + 1
        dated = [piece for piece in pieces if _dates_in(piece.text, year)]
        out += pieces if len(dated) >= 2 else [line]
    return out


def _milestones(lines, found):
    year = int(found["issued_on"].value[:4]) if found.get("issued_on") else None
    if year is None:
        years = [int(y) for line in lines for y in re.findall(r"\b(20\d\d)\b", line.text)]
        year = years[0] if years else dt.date.today().year
    milestones, window = [], None
    lines = _clauses(lines, year)
    for i, line in enumerate(lines):
        t = line.text.strip()
        if (
            not t
            or re.search(r"\bso\s+\d+\s*[-/]", plain(t), re.I)
            or re.match(r"(?:Thuc hien|Can cu)\b", plain(t))
        ):
            continue
        f = fold(t)
        kind = _kind_of(f)
        if kind is None:
            continue
        dates = _dates_in(t, year)
        if kind == "registration" and not dates:
            continue
        if not dates:
            continue
        if kind == "self_report":
            position, day = dates[-1]
            time = _time_before(t, position)
            start = dates[0][1] if len(dates) > 1 else None
            if window is None:
                window = Found(
                    {
                        "start": _iso(start, None) if start else None,
                        "end": _iso(day, time or dt.time(23, 59)),
                    },
                    line.start,
                    line.end,
                    0.85,
                )
            else:
                if time and window.value["end"][:10] == day.isoformat():
                    window.value["end"] = _iso(day, time)
                    window.confidence = 0.95
                if start and not window.value["start"]:
                    window.value["start"] = _iso(start, None)
            continue
        if kind == "periodic_report_due":
            for _position, day in dates:
                milestones.append(
                    Found(
                        {"kind": kind, "date": day.isoformat(), "place": None},
                        line.start,
                        line.end,
                        0.8,
                    )
                )
            continue
        position, day = dates[0]
        value = {"kind": kind, "place": None, "label": _label(t)}
        time = _time_before(t, position)
        if len(dates) > 1 and dates[1][1] > day:
            value["starts_at"] = _iso(day, time)
            value["ends_at"] = _iso(dates[1][1], _time_before(t, dates[1][0]) or dt.time(23, 59))
        elif time:
            value["starts_at"] = value["ends_at"] = _iso(day, time)
        else:
            value["date"] = day.isoformat()
        cells = [c.strip() for c in t.split(" | ")] if " | " in t else []
        if len(cells) >= 3 and cells[-1] and not _dates_in(cells[-1], year):
            value["place"] = cells[-1]  # a timetable's "Địa điểm" column
        elif (place := _place_near(lines, i, kind == "ceremony")) is not None:
            value["place"] = place[0]
        milestones.append(Found(value, line.start, line.end, 0.8))
    found["milestones"] = milestones
    if window is not None:
        found["self_report_window"] = window


def _is_recipients_heading(line: Line) -> bool:
    return line.folded.lstrip(" *").startswith(("noi nhan", "noi nhin", "noi nhen"))


def _recipients(lines, found):
    index = next((i for i, line in enumerate(lines) if _is_recipients_heading(line)), None)
    if index is None:
        return
    items = []
    for line in lines[index + 1 : index + 25]:
        t = line.text.strip()
        first = _split_columns(Line(t, line.start))
        if not first:
            if items:
                continue
            continue
        text, start = first[0]
        if not _BULLET.match(text):
            if items:
                break
            continue
        value = _BULLET.sub("", text).strip().rstrip(" ;[|")
        if value:
            items.append(Found(value, start, start + len(text), 0.9))
    found["recipients"] = items


def _signatory(text, lines, found):
    tail_start = (
        found["recipients"][0].start
        if found.get("recipients")
        else (next((line.start for line in lines if _is_recipients_heading(line)), None))
    )
    if tail_start is None:
        tail_start = max(0, len(text) - 600)
    tail = text[tail_start - 200 if tail_start >= 200 else 0 :]
    offset = len(text) - len(tail)
    m = _SIGN.search(plain(tail))
    if not m:
        return
    body = re.sub(r"\s+", " ", tail[m.start(2) : m.end(2)].replace(" .", ".")).strip(" .")
    prefix = m.group(1).upper()
    mode = _SIGN_MODES.get(prefix, prefix)  # "TL.", "TUQ.", "Q." read as themselves
    after = tail[m.end() :]
    title = name = None
    for raw in after.split("\n"):
        part = raw.strip()
        columns = [c for c in re.split(r"\t+|\s{3,}", part) if c.strip()]
        part = columns[-1].strip() if columns else ""
        if not part or _BULLET.match(part):
            continue
        second = re.match(r"(KT|Q|TUQ|TL)\s*\.", plain(part))
        if second and title is None and not name:
            if second.group(1) == "Q":  # the acting head: "TM. BAN CHẤP HÀNH / Q. CHỦ TỊCH"
                title = part.strip(" .")
                continue
            # Signed for the head ("KT. CHỦ TỊCH", "TL. CHỦ TỊCH"): the position follows.
            mode = second.group(1) + "."
            continue
        if part.isupper() and title is None and len(part) < 40 and not name:
            title = part.strip(" .")
            continue
        words = part.split()
        if (
            2 <= len(words) <= 5
            and all(w[:1].isalpha() for w in words)
            and sum(w[:1].isupper() for w in words) >= len(words) - 1
            and not part.isupper()
        ):
            name = restore_name(part)
    value = {"on_behalf": body, "title": title, "name": name, "mode": mode}
    found["signatory"] = Found(value, offset + m.start(), offset + m.end(), 0.85 if name else 0.6)


def extract(text: str) -> Draft:
    """The draft plan found in `text`."""
    lines = _lines(text)
    heading = _plan_heading_index(lines)
    found: dict = {}
    _header(lines, heading, found)
    _title(text, lines, heading, found)
    _parent(text, found)
    _issuer_from_body(text, found)
    _sections(lines, found)
    _criteria(lines, found)
    _titles(text, lines, found)
    _milestones(lines, found)
    _recipients(lines, found)
    _signatory(text, lines, found)
    return Draft(found)


JSON_KEYS = (
    "issuer", "parent_issuer", "number", "place", "issued_on", "title", "parent_plan",
    "criteria", "titles", "self_report_window", "milestones", "recipients", "signatory",
)  # fmt: skip


def to_json(draft: Draft) -> dict:
    """The draft as ``import_plan --json`` prints it: exactly JSON_KEYS, null when absent."""
    out = {}
    for key in JSON_KEYS:
        item = draft.get(key)
        if isinstance(item, list):
            values = [i.value for i in item]
            if key == "milestones":  # the label is for the review screen, not the JSON
                values = [{k: v for k, v in m.items() if k != "label"} for m in values]
            out[key] = values or None
        elif item is None:
            out[key] = None
        else:
            value = item.value
            if key == "signatory":
                value = {k: value[k] for k in ("on_behalf", "title", "name")}
            if key == "parent_plan":
                value = {k: value[k] for k in ("number", "date")}
            out[key] = value
    return out


def is_useful(draft: Draft) -> bool:
    """Did the text yield a plan at all? Criteria, milestones, sections, a number or a cited
    parent plan; or a title under a "KẾ HOẠCH" heading (any first line passes for a title
    without one, so that alone says nothing)."""
    f = draft.fields
    title = f.get("title")
    return bool(
        f.get("criteria")
        or f.get("milestones")
        or f.get("sections")
        or f.get("number")
        or f.get("parent_plan")
        or (title and title.confidence >= 0.9)
    )
