"""The plan's body: its sections (roman-numeral headings), the criteria under a
"Tiêu chuẩn"/"Tiêu chí" heading (bullets or table rows, each for individuals or
collectives, from its row or the nearest heading that says who) and the titles the plan
gives (quoted after "danh hiệu", headings "BIỂU DƯƠNG …", "gương …", or a known title's
name), a title named inside a criterion being a condition, not one given."""

import re

from campaigns.plan_imports.diacritics import fold
from campaigns.plan_imports.fields.common import (
    _BULLET,
    _ROMAN,
    Found,
    _cites,
    _sentence_case,
    plain,
)

# Written without marks and matched on ``plain(text)``.
_RECIPIENTS_OR_END = re.compile(r"(?:\*\s*)?Noi nhan|Tren day", re.I)
_NUMBERED = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)\s*[./)]?\s+(?=\D)(.*)$|^\s*(\d{1,2})\.(\S.*)$")
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
