"""The plan (kế hoạch) and its ceremony programme as plain data for the PDF templates."""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from campaigns.models import Criterion, Milestone, Plan, Title
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
)
from reports.builders.lists import Awardee, awardees_of
from reports.selectors.documents import plan_for_document

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


@dataclass(frozen=True)
class TitleLine:
    name: str
    target: str  # "Cá nhân" / "Tập thể"
    level: str  # "Cấp quận/huyện"
    quota: str  # "3", "15% số đoàn viên" or ""


@dataclass(frozen=True)
class CriterionLine:
    text: str
    target: str  # "Cá nhân" / "Tập thể"
    assessment: str  # "Đạt / không đạt" or "Tối đa 10 điểm"
    required: bool


@dataclass(frozen=True)
class TimelineEntry:
    label: str
    when: str  # "từ ngày 15/3/2023 đến 11h30 ngày 23/3/2023"
    place: str = ""
    note: str = ""  # "Không nhận báo cáo nộp sau 11h30 ngày 23/3/2023"


@dataclass(frozen=True)
class AgendaLine:
    text: str
    presenter: str


@dataclass(frozen=True)
class Ceremony:
    label: str
    when: str  # "từ 8h00 đến 10h00 ngày 19/5/2023 (thứ Sáu)"
    weekday: str  # "thứ Sáu"
    place: str
    agenda: tuple[AgendaLine, ...]


@dataclass(frozen=True)
class Section:
    """A part of the plan as its author wrote it. Headings keep their own numbering
    ("II. Tổ chức thực hiện"); level 2 for a numbered part, 3 for a sub-heading ("Quý 1")."""

    heading: str
    level: int
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class PlanDocument:
    """The plan's text (what its author typed) and, as an appendix (phụ lục), the data the
    portal works from: titles, criteria, milestones with their deadlines, the ceremony."""

    header: DocumentHeader
    doc_type: str  # "KẾ HOẠCH"
    title: str
    references: tuple[str, ...]  # "Thực hiện Kế hoạch số 09/KH-LĐLĐ ngày 14/3/2023 của …"
    preamble: tuple[str, ...]
    purpose: tuple[str, ...]
    requirements: tuple[str, ...]
    sections: tuple[Section, ...]
    closing: tuple[str, ...]
    recipients: tuple[str, ...]
    signature: Signature
    appendix_caption: str  # "Kèm theo Kế hoạch số 08/KH-CĐCS-MNSH ngày 15/3/2023 của …"
    titles: tuple[TitleLine, ...]
    criteria: tuple[CriterionLine, ...]
    timeline: tuple[TimelineEntry, ...]
    ceremony: Ceremony | None
    show_appendix: bool

    @property
    def any_quota(self) -> bool:
        return any(title.quota for title in self.titles)

    @property
    def appendix_parts(self) -> tuple[tuple[str, str], ...]:
        """(numeral, part) for each appendix part that has content: ("I", "titles")…"""
        parts = [
            ("titles", self.titles),
            ("criteria", self.criteria),
            ("timeline", self.timeline),
            ("ceremony", self.ceremony and self.ceremony.agenda),
        ]
        present = [name for name, content in parts if content]
        return tuple((roman(i), name) for i, name in enumerate(present, start=1))


@dataclass(frozen=True)
class CeremonyProgramme:
    header: DocumentHeader
    plan_title: str
    ceremony: Ceremony
    signature: Signature
    awardees: tuple[Awardee, ...] = ()  # in the order they are called, once the list is public


def build_plan_document(plan_id: int) -> PlanDocument:
    """Everything the plan's PDF prints, read in a fixed number of queries.

    A historical plan (imported from the office's archive) prints as it was typed, without
    the appendix: its text already holds the criteria and dates the appendix would repeat.
    """
    plan = plan_for_document(plan_id)
    milestones = list(plan.milestones.all())
    header = _header(plan)
    titles = tuple(_title_line(t) for t in plan.titles.all())
    criteria = tuple(_criterion_line(c) for c in plan.criteria.all())
    timeline = _timeline(plan, milestones)
    return PlanDocument(
        header=header,
        doc_type=DOC_TYPE_NAMES.get(plan.doc_type, plan.doc_type.upper()),
        title=plan.title,
        references=_references(plan),
        preamble=paragraphs(plan.preamble),
        purpose=paragraphs(plan.purpose),
        requirements=paragraphs(plan.requirements),
        sections=tuple(_section(s.heading, s.body) for s in plan.sections.all()),
        closing=paragraphs(plan.closing),
        recipients=recipient_lines(plan.recipient_lines),
        signature=_signature(plan),
        appendix_caption=_appendix_caption(plan, header),
        titles=titles,
        criteria=criteria,
        timeline=timeline,
        ceremony=_ceremony(milestones),
        show_appendix=not plan.is_historical and bool(titles or criteria or timeline),
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
        header=header,
        plan_title=plan.title,
        ceremony=ceremony,
        signature=_signature(plan),
        awardees=awardees_of(plan, published_only=True),
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


_PART_NUMERAL = re.compile(r"^\s*[IVXLC]+\s*[.)]")


def _section(heading: str, body: str) -> Section:
    heading = " ".join(heading.split())
    level = 2 if _PART_NUMERAL.match(heading) else 3
    return Section(heading=heading, level=level, paragraphs=paragraphs(body))


def _title_line(title: Title) -> TitleLine:
    if title.quota_count is not None:
        quota = str(title.quota_count)
    elif title.quota_share is not None:
        quota = f"{_number(title.quota_share * 100)}% số đoàn viên"
    else:
        quota = ""
    return TitleLine(
        title.name, str(title.get_target_display()), str(title.get_level_display()), quota
    )


def _criterion_line(criterion: Criterion) -> CriterionLine:
    if criterion.kind == Criterion.Kind.POINTS:
        assessment = f"Tối đa {_number(criterion.max_points)} điểm"
    else:
        assessment = "Đạt / không đạt"
    return CriterionLine(
        text=_item(criterion.text),
        target=str(criterion.get_target_display()),
        assessment=assessment,
        required=criterion.required,
    )


def _appendix_caption(plan: Plan, header: DocumentHeader) -> str:
    symbol = header.number.removeprefix("Số:").removeprefix("Số").strip()
    caption = f"Kèm theo {DOC_TYPE_NAMES.get(plan.doc_type, plan.doc_type).capitalize()}"
    caption += f" số {symbol}"
    if plan.issued_on:
        caption += f" ngày {format_short_date(plan.issued_on)}"
    return f"{caption} của {plan.issuer.name}"


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
        entries.append(TimelineEntry(_label(milestone), _when(milestone), milestone.place, note))
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


def _number(value: Decimal | None) -> str:
    """10.00 -> "10", 12.50 -> "12,5" (Vietnamese decimal comma)."""
    if value is None:
        return ""
    return format(Decimal(value).normalize(), "f").replace(".", ",")
