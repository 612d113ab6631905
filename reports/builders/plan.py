"""The plan (kế hoạch) and its ceremony programme as plain data for the PDF templates."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from campaigns.models import Milestone, Plan
from portal.vietnamese import format_deadline, format_short_date
from reports.builders.documents import (
    DOC_TYPE_NAMES,
    DocumentHeader,
    Signature,
    build_header,
    build_signature,
    cite,
    document_symbol,
    paragraphs,
    recipient_lines,
    roman,
    strip_numbering,
)
from reports.selectors import plan_for_document

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


@dataclass(frozen=True)
class TitleLine:
    name: str
    level: str  # "Cấp quận/huyện"
    target: str  # "Cá nhân" / "Tập thể"


@dataclass(frozen=True)
class CriterionLine:
    text: str
    points: str  # "" for met / not met, "10" for a points criterion


@dataclass(frozen=True)
class TimelineEntry:
    label: str
    when: str  # "từ ngày 15/3/2023 đến 11h30 ngày 23/3/2023"
    note: str = ""  # "Không nhận báo cáo nộp sau 11h30 ngày 23/3/2023"


@dataclass(frozen=True)
class AgendaLine:
    text: str
    presenter: str


@dataclass(frozen=True)
class Ceremony:
    label: str
    when: str  # "8h00 ngày 19/5/2023 (thứ Sáu)"
    weekday: str  # "thứ Sáu"
    place: str
    agenda: tuple[AgendaLine, ...]


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Part:
    """A numbered part of the plan ("II. DANH HIỆU VÀ TIÊU CHUẨN"); `kind` says which
    fields of the document fill it."""

    numeral: str
    heading: str
    kind: str  # purpose | standards | timeline | section
    section: Section | None = None


@dataclass(frozen=True)
class PlanDocument:
    header: DocumentHeader
    doc_type: str  # "KẾ HOẠCH"
    title: str
    references: tuple[str, ...]  # "Thực hiện Kế hoạch số 09/KH-LĐLĐ ngày 14/3/2023 của …"
    preamble: tuple[str, ...]
    purpose: tuple[str, ...]
    requirements: tuple[str, ...]
    titles: tuple[TitleLine, ...]
    criteria: tuple[CriterionLine, ...]
    timeline: tuple[TimelineEntry, ...]
    ceremony: Ceremony | None
    sections: tuple[Section, ...]
    closing: tuple[str, ...]
    recipients: tuple[str, ...]
    signature: Signature

    @property
    def parts(self) -> tuple[Part, ...]:
        kinds = []
        if self.purpose or self.requirements:
            kinds.append(("MỤC ĐÍCH, YÊU CẦU", "purpose", None))
        if self.titles or self.criteria:
            kinds.append(("DANH HIỆU VÀ TIÊU CHUẨN", "standards", None))
        if self.timeline or self.ceremony:
            kinds.append(("THỜI GIAN, ĐỊA ĐIỂM, CHƯƠNG TRÌNH", "timeline", None))
        kinds += [(s.heading.upper(), "section", s) for s in self.sections]
        return tuple(
            Part(numeral=roman(i), heading=heading, kind=kind, section=section)
            for i, (heading, kind, section) in enumerate(kinds, start=1)
        )


@dataclass(frozen=True)
class CeremonyProgramme:
    header: DocumentHeader
    plan_title: str
    ceremony: Ceremony
    signature: Signature


def build_plan_document(plan_id: int) -> PlanDocument:
    """Everything the plan's PDF prints, read in a fixed number of queries."""
    plan = plan_for_document(plan_id)
    milestones = list(plan.milestones.all())
    ceremony = _ceremony(milestones)
    return PlanDocument(
        header=_header(plan),
        doc_type=DOC_TYPE_NAMES.get(plan.doc_type, plan.doc_type.upper()),
        title=plan.title,
        references=_references(plan),
        preamble=paragraphs(plan.preamble),
        purpose=paragraphs(plan.purpose),
        requirements=paragraphs(plan.requirements),
        titles=tuple(
            TitleLine(t.name, t.get_level_display(), t.get_target_display())
            for t in plan.titles.all()
        ),
        criteria=tuple(
            CriterionLine(_item(c.text), _points(c.max_points) if c.kind == "points" else "")
            for c in plan.criteria.all()
        ),
        timeline=_timeline(plan, milestones),
        ceremony=ceremony,
        sections=tuple(
            Section(strip_numbering(s.heading), paragraphs(s.body)) for s in plan.sections.all()
        ),
        closing=paragraphs(plan.closing),
        recipients=recipient_lines(plan.recipient_lines),
        signature=_signature(plan),
    )


def build_ceremony_programme(plan_id: int) -> CeremonyProgramme | None:
    """The programme of the plan's first ceremony, or None if it has no ceremony."""
    plan = plan_for_document(plan_id)
    ceremony = _ceremony(list(plan.milestones.all()))
    if ceremony is None:
        return None
    header = build_header(
        plan.issuer,
        doc_type="CTr",
        number=None,
        place=plan.place,
        day=plan.issued_on,
        year=plan.year,
        numbered=False,
    )
    return CeremonyProgramme(
        header=header, plan_title=plan.title, ceremony=ceremony, signature=_signature(plan)
    )


def _header(plan: Plan) -> DocumentHeader:
    return build_header(
        plan.issuer,
        doc_type=plan.doc_type,
        number=plan.number,
        symbol_override=plan.symbol_override,
        place=plan.place,
        day=plan.issued_on,
        year=plan.year,
    )


def _signature(plan: Plan) -> Signature:
    return build_signature(
        plan.issuer,
        signing_mode=plan.signing_mode,
        signing_body=plan.signing_body,
        title=plan.signer_title,
        name=plan.signer_name,
    )


def _references(plan: Plan) -> tuple[str, ...]:
    lines = []
    if plan.external_reference:
        lines.append(f"Thực hiện {plan.external_reference.strip().rstrip('.;')};")
    if plan.parent_id:
        parent = plan.parent
        symbol = document_symbol(
            parent.issuer, parent.doc_type, parent.number, parent.symbol_override
        )
        source = cite(parent.doc_type, symbol, parent.issued_on, parent.issuer.name)
        lines.append(f"Thực hiện {source} về {parent.title.rstrip('.;')};")
    if lines:
        lines[-1] = lines[-1].rstrip(";") + "."
    return tuple(lines)


def _timeline(plan: Plan, milestones: list[Milestone]) -> tuple[TimelineEntry, ...]:
    entries = [
        TimelineEntry(
            phase.name,
            f"từ ngày {format_short_date(phase.starts_on)} đến ngày "
            f"{format_short_date(phase.ends_on)}",
        )
        for phase in plan.phases.all()
    ]
    for milestone in milestones:
        note = ""
        if (
            milestone.kind == Milestone.Kind.SELF_REPORT
            and plan.late_policy == Plan.LatePolicy.REFUSE
        ):
            note = f"Không nhận báo cáo nộp sau {format_deadline(milestone.ends_at)}"
        entries.append(TimelineEntry(_label(milestone), _when(milestone), note))
    return tuple(entries)


def _ceremony(milestones: list[Milestone]) -> Ceremony | None:
    ceremony = next((m for m in milestones if m.kind == Milestone.Kind.CEREMONY), None)
    if ceremony is None:
        return None
    return Ceremony(
        label=_label(ceremony),
        when=_when(ceremony),
        weekday=WEEKDAYS[timezone.localtime(ceremony.starts_at).weekday()],
        place=ceremony.place,
        agenda=tuple(AgendaLine(item.text, item.presenter) for item in ceremony.agenda_items.all()),
    )


def _item(text: str) -> str:
    """A list item without its own closing punctuation (the template adds ";" or ".")."""
    return text.strip().rstrip(".;").rstrip()


def _label(milestone: Milestone) -> str:
    return milestone.label or str(milestone.get_kind_display())


def _when(milestone: Milestone) -> str:
    """ "từ ngày 15/3/2023 đến 11h30 ngày 23/3/2023", "8h00 ngày 19/5/2023 (thứ Sáu)"."""
    start = timezone.localtime(milestone.starts_at)
    end = timezone.localtime(milestone.ends_at)
    if start.date() != end.date():
        return f"từ ngày {format_short_date(start.date())} đến {format_deadline(end)}"
    weekday = WEEKDAYS[start.weekday()]
    if start == end:
        return f"{format_deadline(end)} ({weekday})"
    return f"từ {_clock(start)} đến {format_deadline(end)} ({weekday})"


def _clock(moment: dt.datetime) -> str:
    return f"{moment.hour}h{moment.minute:02d}"


def _points(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize(), "f")
