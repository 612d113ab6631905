"""The summary report (báo cáo sơ kết) of a plan over its issuer's subtree: participation,
timeliness, results per criterion, nominees per title — with bar charts drawn as inline
SVG — and the narrative sections the chair writes in the portal (SummaryNarrative)."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from campaigns.models import Plan
from portal.vietnamese import format_number, format_percent
from reports.builders.dashboard import Dashboard, Timeliness, build_dashboard
from reports.builders.documents import (
    DocumentHeader,
    Signature,
    build_header,
    build_signature,
    cite,
    paragraphs,
    recipient_lines,
)
from reports.builders.figures import CriterionResult, criteria_results, nominee_rows
from reports.renderers.svg import COLORS, Bar, bar_chart

# Above this many units the participation chart groups units by rate instead of one bar
# per unit (a district has 200 CĐCS).
MAX_UNIT_BARS = 25
RATE_BANDS = (
    (0.0, 0.5, "Dưới 50%"),
    (0.5, 0.8, "Từ 50% đến dưới 80%"),
    (0.8, 1.0, "Từ 80% đến dưới 100%"),
    (1.0, 1.01, "100%"),
)


def pct(share: float | None) -> str:
    """0.755 -> "75,5%", 1.0 -> "100%" (portal.vietnamese); None -> "—"."""
    return format_percent(share)


def thousands(n: int) -> str:
    """12000 -> "12.000" (Vietnamese thousands separator)."""
    return f"{n:,}".replace(",", ".")


@dataclass(frozen=True)
class UnitLine:
    name: str
    plan_symbol: str
    members: int
    reported: int
    late: int
    missing: int
    rate: str


@dataclass(frozen=True)
class TimelinessLine:
    label: str
    on_time: int
    late: int
    missing: int
    pending: int


@dataclass(frozen=True)
class CriterionLine:
    text: str
    answered: int
    met: int
    not_met: int
    met_share: str
    mean_points: str


@dataclass(frozen=True)
class TitleLine:
    name: str
    forwarded: int
    nominees: tuple[str, ...]  # "Nguyễn Thị Thu Trang (CĐCS Trường MN Sen Hồng)"


@dataclass(frozen=True)
class SummaryDocument:
    header: DocumentHeader
    doc_type: str
    title: str
    references: tuple[str, ...]
    overview: tuple[str, ...]
    has_children: bool
    unit_count: int
    cascaded_count: int
    members: int
    reported: int
    report_rate: str
    participation_chart: str
    timeliness: tuple[TimelinessLine, ...]
    timeliness_chart: str
    criteria: tuple[CriterionLine, ...]
    criteria_chart: str
    titles: tuple[TitleLine, ...]
    titles_chart: str
    strengths: tuple[str, ...]
    weaknesses: tuple[str, ...]
    next_steps: tuple[str, ...]
    recipients: tuple[str, ...]
    signature: Signature
    units: tuple[UnitLine, ...]  # the appendix

    @property
    def members_text(self) -> str:
        return thousands(self.members)

    @property
    def reported_text(self) -> str:
        return thousands(self.reported)


def build_summary(
    plan: Plan, *, now: dt.datetime | None = None, today: dt.date | None = None
) -> SummaryDocument:
    """Everything the summary report prints, in a fixed number of queries."""
    from reports.models import SummaryNarrative

    now = now or timezone.now()
    today = today or timezone.localdate(now)
    plan = Plan.objects.select_related("issuer__parent", "parent__issuer").get(pk=plan.pk)
    board = build_dashboard(plan, now=now)
    narrative = SummaryNarrative.objects.filter(plan=plan, unit=plan.issuer).first()
    t = board.totals
    issuer = plan.issuer
    parent = issuer.parent if issuer.parent_id else None
    results = criteria_results(plan)
    titles = _titles(plan, board)
    return SummaryDocument(
        header=build_header(
            issuer, doc_type="BC", number=None, place=plan.place or issuer.place, day=today
        ),
        doc_type="BÁO CÁO",
        title=f"Sơ kết {_lower_first(plan.title)}",
        references=(
            f"Thực hiện {cite(plan.doc_type, plan.symbol, plan.issued_on, issuer.name)} về "
            f"{_lower_first(plan.title)}, {issuer.name} báo cáo kết quả như sau:",
        ),
        overview=paragraphs(narrative.overview) if narrative else (),
        has_children=not board.self_row,
        unit_count=len(board.rows),
        cascaded_count=board.cascaded_count,
        members=t.members,
        reported=t.reported,
        report_rate=pct(t.report_rate),
        participation_chart=_participation_chart(board),
        timeliness=_timeliness(board),
        timeliness_chart=_timeliness_chart(board),
        criteria=tuple(_criterion_line(c) for c in results),
        criteria_chart=_criteria_chart(results),
        titles=titles,
        titles_chart=bar_chart(
            [Bar(line.name, line.forwarded) for line in titles],
            title="Số đề nghị đã gửi lên cấp trên theo danh hiệu",
        )
        if titles
        else "",
        strengths=paragraphs(narrative.strengths) if narrative else (),
        weaknesses=paragraphs(narrative.weaknesses) if narrative else (),
        next_steps=paragraphs(narrative.next_steps) if narrative else (),
        recipients=recipient_lines([f"{parent.name} (để báo cáo)"] if parent else []),
        signature=build_signature(
            issuer,
            signing_mode=plan.signing_mode,
            signing_body=plan.signing_body,
            title=plan.signer_title,
            name=plan.signer_name,
        ),
        units=tuple(
            UnitLine(
                name=r.unit_name,
                plan_symbol=r.plan_symbol if r.cascaded else "Chưa triển khai",
                members=r.counts.members,
                reported=r.counts.reported,
                late=r.counts.late,
                missing=r.counts.missing,
                rate=pct(r.counts.report_rate),
            )
            for r in board.rows
        ),
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _participation_chart(board: Dashboard) -> str:
    rows = [r for r in board.rows if r.counts.members]
    if not rows:
        return ""
    if len(rows) <= MAX_UNIT_BARS:
        bars = [
            Bar(r.unit_name, r.counts.report_rate * 100, pct(r.counts.report_rate)) for r in rows
        ]
        return bar_chart(bars, title="Tỷ lệ đoàn viên đã nộp báo cáo", max_value=100)
    bands = []
    for low, high, label in RATE_BANDS:
        n = sum(1 for r in rows if low <= r.counts.report_rate < high)
        bands.append(Bar(label, n, f"{n} đơn vị"))
    return bar_chart(bands, title="Số đơn vị theo tỷ lệ đoàn viên đã nộp báo cáo")


def _timeliness(board: Dashboard) -> tuple[TimelinessLine, ...]:
    t = board.totals
    lines = [
        TimelinessLine("Báo cáo cá nhân của đoàn viên", t.submitted, t.late, t.missing, t.pending)
    ]
    if board.periodic_dues:
        lines.append(
            TimelinessLine(
                "Báo cáo định kỳ của đơn vị",
                t.periodic_on_time,
                t.periodic_late,
                t.periodic_missing,
                t.periodic_pending,
            )
        )
    return tuple(lines)


def _timeliness_chart(board: Dashboard) -> str:
    t = board.totals
    bars = [
        Bar("Nộp đúng hạn", t.submitted, color=COLORS[Timeliness.ON_TIME]),
        Bar("Nộp trễ hạn", t.late, color=COLORS[Timeliness.LATE]),
        Bar("Còn thiếu (quá hạn)", t.missing, color=COLORS[Timeliness.MISSING]),
        Bar("Chưa đến hạn", t.pending, color=COLORS[Timeliness.PENDING]),
    ]
    return bar_chart(bars, title="Báo cáo cá nhân theo thời hạn")


def _criterion_line(c: CriterionResult) -> CriterionLine:
    mean = ""
    if c.mean_points is not None:
        mean = format_number(c.mean_points)
        if c.max_points:
            mean += f"/{c.max_points.normalize():f}".replace(".", ",")
    return CriterionLine(
        text=c.text,
        answered=c.answered,
        met=c.met,
        not_met=c.not_met,
        met_share=pct(c.met_share) if c.met + c.not_met else "",
        mean_points=mean,
    )


def _criteria_chart(results: list[CriterionResult]) -> str:
    bars = []
    for i, c in enumerate(results, start=1):
        if c.met_share is not None:
            bars.append(Bar(f"Tiêu chuẩn {i}", c.met_share * 100, pct(c.met_share)))
        elif c.mean_points is not None and c.max_points:
            share = float(c.mean_points / c.max_points)
            bars.append(Bar(f"Tiêu chuẩn {i}", share * 100, pct(share) + " số điểm"))
    if not bars:
        return ""
    return bar_chart(bars, title="Tỷ lệ đạt theo tiêu chuẩn", max_value=100)


def _titles(plan: Plan, board: Dashboard) -> tuple[TitleLine, ...]:
    forwarded = [n for n in nominee_rows(plan) if n.is_forwarded]
    known = {c.name for c in board.title_columns if c.key != "other"}
    lines = []
    for column in board.title_columns:
        names = tuple(
            f"{n.name} ({n.unit_name})"
            for n in forwarded
            if (n.title == column.name if column.key != "other" else n.title not in known)
        )
        lines.append(
            TitleLine(
                name=column.name,
                forwarded=board.totals.forwarded.get(column.key, 0),
                nominees=names,
            )
        )
    return tuple(lines)
