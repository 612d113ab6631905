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

from campaigns.meetings.selectors import minutes_with_details
from campaigns.models import Minutes, ThematicMeeting
from portal.permissions import policy_view
from reports.builders.documents import DocumentHeader, build_header, paragraphs
from reports.renderers.pdf import render_pdf
from reports.views import pdf_response


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


@policy_view("minutes.pdf", model=Minutes)
def minutes_pdf(request, obj):
    doc = build_minutes_document(obj)
    pdf = render_pdf("reports/pdf/meeting_minutes.html", {"doc": doc})
    day = timezone.localdate(obj.started_at)
    return pdf_response(pdf, f"bien-ban-sinh-hoat-{day:%Y-%m-%d}-lan-{obj.version}")
