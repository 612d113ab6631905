"""The plan's timetable: the self-report window (with the hour of "Hạn chót: 11h30 ngày
23/3/2023") and the milestones (registration, consultation, vote, review meeting,
ceremony with its place, periodic reports due), each found by its words on a line or a
semicolon-cut clause and dated from it, the year taken from the date of issue."""

import datetime as dt
import re

from campaigns.plan_imports.diacritics import fold
from campaigns.plan_imports.fields.common import (
    _BULLET,
    Found,
    Line,
    _dates_in,
    plain,
)

TZ = "+07:00"
_TIME = re.compile(r"(?<![\d/])(\d{1,2})\s*(?:h|gio|g|:)\s*(\d{2})?(?![\d/])", re.I)


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
