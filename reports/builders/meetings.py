"""The minutes (biên bản) of a party-cell meeting as an official party document: a builder
that reads the data into frozen dataclasses, and the PDF download view.

Layout (Hướng dẫn 36-HD/VPTW, through the shared base template): "ĐẢNG CỘNG SẢN VIỆT NAM"
at the top right, the party committee and the cell at the top left, the place and date,
"BIÊN BẢN SINH HOẠT CHUYÊN ĐỀ", the body, and the signatures of the secretary (thư ký)
and the chair (chủ trì).
"""

import dataclasses
from dataclasses import dataclass

from django.utils import timezone

from campaigns.models import Minutes, Plan, ThematicMeeting
from campaigns.selectors import meetings as selectors
from campaigns.selectors.meetings import minutes_with_details
from portal.models import Membership, Role
from reports.builders.documents import (
    DocumentHeader,
    Signature,
    build_header,
    build_signature,
    paragraphs,
    recipient_lines,
)


@dataclass(frozen=True)
class Absentee:
    name: str
    reason: str


@dataclass(frozen=True)
class Speaker:
    name: str
    opinion: tuple[str, ...]


@dataclass(frozen=True)
class MinutesDocument:
    header: DocumentHeader
    doc_type: str  # "BIÊN BẢN"
    kind_line: str  # "SINH HOẠT CHUYÊN ĐỀ" / "SINH HOẠT CHI BỘ THƯỜNG KỲ"
    title: str  # the topic
    cell_name: str
    time_line: str
    place: str
    chair: str
    secretary: str
    present: int
    total: int
    absentees: tuple[Absentee, ...]
    agenda: tuple[str, ...]
    speakers: tuple[Speaker, ...]
    conclusions: tuple[str, ...]
    resolutions: tuple[str, ...]
    closing_line: str
    is_draft: bool
    version: int
    correction_note: str


def _time_line(minutes: Minutes) -> str:
    start = timezone.localtime(minutes.started_at)
    return (
        f"Vào lúc {start.hour} giờ {start.minute:02d} phút, ngày {start.day:02d} tháng "
        f"{start.month:02d} năm {start.year}"
    )


def _closing_line(minutes: Minutes) -> str:
    end = timezone.localtime(minutes.ended_at)
    return (
        f"Buổi sinh hoạt kết thúc vào lúc {end.hour} giờ {end.minute:02d} phút cùng ngày. "
        "Biên bản đã được thông qua trước chi bộ và được chủ trì, thư ký xác nhận."
        if minutes.is_confirmed
        else f"Buổi sinh hoạt kết thúc vào lúc {end.hour} giờ {end.minute:02d} phút cùng ngày."
    )


def build_minutes_document(minutes: Minutes) -> MinutesDocument:
    """Everything the minutes PDF prints, read in three queries."""
    minutes = minutes_with_details(minutes)
    meeting = minutes.meeting
    cell = meeting.plan.issuer
    header = build_header(
        cell,
        doc_type="BB",
        number=None,
        place=cell.place or (cell.parent.place if cell.parent_id else ""),
        day=timezone.localdate(minutes.started_at),
        numbered=False,
    )
    if cell.parent_id and not cell.parent.is_party:
        # A cell placed under a union in the tree: its party committee is not that union.
        header = dataclasses.replace(header, parent_lines=())
    attendees = list(minutes.attendees.all())
    thematic = meeting.kind == ThematicMeeting.Kind.THEMATIC
    note = ""
    if minutes.previous_id:
        note = (
            f"Bản đính chính lần {minutes.version}, thay cho biên bản lần "
            f"{minutes.previous.version}. Lý do: {minutes.correction_reason}"
        )
    return MinutesDocument(
        header=header,
        doc_type="BIÊN BẢN",
        kind_line="SINH HOẠT CHUYÊN ĐỀ" if thematic else "SINH HOẠT CHI BỘ THƯỜNG KỲ",
        title=meeting.topic,
        cell_name=cell.name,
        time_line=_time_line(minutes),
        place=minutes.place,
        chair=minutes.chair_name,
        secretary=minutes.secretary_name,
        present=sum(1 for a in attendees if a.present),
        total=minutes.members_total,
        absentees=tuple(Absentee(a.name, a.absence_reason) for a in attendees if not a.present),
        agenda=paragraphs(minutes.agenda),
        speakers=tuple(
            Speaker(s.speaker_name, paragraphs(s.opinion)) for s in minutes.speakers.all()
        ),
        conclusions=paragraphs(minutes.conclusions),
        resolutions=paragraphs(minutes.resolutions),
        closing_line=_closing_line(minutes),
        is_draft=not minutes.is_confirmed,
        version=minutes.version,
        correction_note=note,
    )


# --- the quarter's report to the party committee ------------------------------------


@dataclass(frozen=True)
class ReportedMeetingRow:
    day: str  # "20/5/2026"
    kind: str
    topic: str
    held: bool
    attendance: str  # "6/7"
    absentees: str  # "Phạm Thị Hồng Nhung (công tác)"
    conclusions: tuple[str, ...]


@dataclass(frozen=True)
class QuarterReportDocument:
    header: DocumentHeader
    doc_type: str
    title: str
    cell_name: str
    intro: str
    rows: tuple[ReportedMeetingRow, ...]
    summary: str
    recipients: tuple[str, ...]
    signature: Signature


def _cell_secretary_name(cell) -> str:
    membership = (
        Membership.objects.current()
        .filter(unit=cell, role=Role.CELL_SECRETARY)
        .select_related("user")
        .first()
    )
    return str(membership.user) if membership else ""


def build_quarter_report(user, plan: Plan, quarter: int, now) -> QuarterReportDocument:
    """The cell's report on the quarter's meetings: held or not, attendance, conclusions."""
    cell = plan.issuer
    reported = selectors.quarter_report(user, plan, quarter)
    rows = []
    for r in reported:
        when = timezone.localdate(r.minutes.started_at if r.minutes else r.meeting.planned_at)
        rows.append(
            ReportedMeetingRow(
                day=f"{when.day}/{when.month}/{when.year}",
                kind=r.meeting.get_kind_display(),
                topic=r.meeting.topic,
                held=r.minutes is not None,
                attendance=f"{r.present}/{r.total}" if r.minutes else "",
                absentees="; ".join(f"{a.name} ({a.absence_reason})" for a in r.absentees),
                conclusions=paragraphs(r.minutes.conclusions) if r.minutes else (),
            )
        )
    thematic_held = sum(
        1 for r in reported if r.minutes and r.meeting.kind == ThematicMeeting.Kind.THEMATIC
    )
    summary = (
        f"Trong quý {quarter}, chi bộ đã tổ chức {thematic_held} buổi sinh hoạt chuyên đề "
        "theo kế hoạch."
        if thematic_held
        else f"Trong quý {quarter}, chi bộ chưa tổ chức sinh hoạt chuyên đề theo kế hoạch."
    )
    superior = cell.parent.name if cell.parent_id and cell.parent.is_party else ""
    header = build_header(
        cell,
        doc_type="BC",
        number=None,
        place=cell.place or (cell.parent.place if cell.parent_id else ""),
        day=timezone.localdate(now),
    )
    if cell.parent_id and not cell.parent.is_party:
        header = dataclasses.replace(header, parent_lines=())
    return QuarterReportDocument(
        header=header,
        doc_type="BÁO CÁO",
        title=f"Kết quả sinh hoạt chuyên đề quý {quarter} năm {plan.year}",
        cell_name=cell.name,
        intro=(
            f"Thực hiện kế hoạch sinh hoạt chuyên đề năm {plan.year}, {cell.name} báo cáo "
            f"kết quả sinh hoạt chi bộ quý {quarter} năm {plan.year} như sau:"
        ),
        rows=tuple(rows),
        summary=summary,
        recipients=recipient_lines(
            [f"{superior} (để báo cáo)" if superior else "", "Đảng viên chi bộ", "Lưu"]
        ),
        signature=build_signature(
            cell,
            signing_mode="TM.",
            signing_body="CHI BỘ",
            title="BÍ THƯ",
            name=_cell_secretary_name(cell),
        ),
    )


@dataclass(frozen=True)
class QuarterSection:
    quarter: int
    rows: tuple[ReportedMeetingRow, ...]
    summary: str


@dataclass(frozen=True)
class PartySummaryDocument:
    """The chi bộ's own summary of its plan (báo cáo sơ kết), quarter by quarter: the
    meetings held or not, attendance, conclusions. Not the union's summary: a chi bộ has
    no đoàn viên counts nor self-reports."""

    header: DocumentHeader
    doc_type: str
    title: str
    intro: str
    quarters: tuple[QuarterSection, ...]
    conclusion: str
    recipients: tuple[str, ...]
    signature: Signature


def build_party_summary(plan: Plan, now) -> PartySummaryDocument:
    """The summary report of a chi bộ's plan, from its meetings (every quarter that has
    one), numbered and laid out the party's way."""
    cell = plan.issuer
    reports = [build_quarter_report(None, plan, q, now) for q in selectors.QUARTERS]
    sections = tuple(
        QuarterSection(quarter=q, rows=doc.rows, summary=doc.summary)
        for q, doc in zip(selectors.QUARTERS, reports, strict=True)
        if doc.rows
    )
    planned = sum(len(s.rows) for s in sections)
    held = sum(1 for s in sections for r in s.rows if r.held)
    first = reports[0]
    return PartySummaryDocument(
        header=first.header,
        doc_type="BÁO CÁO",
        title=f"Sơ kết thực hiện {plan.title[:1].lower() + plan.title[1:]}",
        intro=(
            f"Thực hiện Kế hoạch số {plan.symbol} về {plan.title[:1].lower() + plan.title[1:]}, "
            f"{cell.name} báo cáo kết quả như sau:"
        ),
        quarters=sections,
        conclusion=(
            f"Chi bộ đã tổ chức {held}/{planned} buổi sinh hoạt theo kế hoạch."
            if planned
            else "Kế hoạch chưa có buổi sinh hoạt nào."
        ),
        recipients=first.recipients,
        signature=first.signature,
    )
