"""Writes of periodic reports sent up (W9) and of the summary report's narrative."""

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Milestone, Plan
from portal.audit import record
from portal.models import OrgUnit
from reports.builders.dashboard import build_dashboard
from reports.models import PeriodicReport, SummaryNarrative

logger = logging.getLogger(__name__)


PERIODIC_FIELDS = ("results", "difficulties", "proposals")
SUMMARY_FIELDS = ("overview", "strengths", "weaknesses", "next_steps")
MAX_SECTION = 20_000


# --- periodic reports ------------------------------------------------------------------


def unit_figures(plan: Plan, unit: OrgUnit, *, now: dt.datetime) -> dict:
    """The figures a periodic report freezes when it is sent: the unit's row of the
    dashboard of `plan` (JSON-safe)."""
    board = build_dashboard(plan, now=now, only_unit=unit)
    if not board.rows:
        return {"taken_at": now.isoformat()}
    row = board.rows[0]
    c = row.counts
    names = {col.key: col.name for col in board.title_columns}
    return {
        "taken_at": now.isoformat(),
        "plan_symbol": row.plan_symbol,
        "cascaded": row.cascaded,
        "members": c.members,
        "submitted": c.submitted,
        "late": c.late,
        "missing": c.missing,
        "pending": c.pending,
        "review_final": c.review_done,
        "forwarded": c.forwarded_total,
        "forwarded_by_title": {names.get(k, k): n for k, n in c.forwarded.items()},
        **_periodic_below(plan, unit, now),
    }


def _periodic_below(plan: Plan, unit: OrgUnit, now: dt.datetime) -> dict:
    """The periodic reports the unit's own units owe it, by its own plan made from `plan`
    (a district's report to the city carries its CĐCS's reports to the district): on
    time, late, missing and not yet due over all its due dates, by its dashboard. Empty
    when the unit has no such plan or no due dates."""
    own = (
        Plan.objects.select_related("issuer")
        .filter(parent=plan, issuer=unit)
        .exclude(status=Plan.Status.DRAFT)
        .first()
    )
    if own is None:
        return {}
    board = build_dashboard(own, now=now)
    if not board.periodic_dues or board.self_row:
        return {}
    return {
        "units_below": len(board.all_rows),
        "periodic_below": {str(state): n for state, n in board.totals.periodic.items()},
    }


def _check_periodic_milestone(milestone: Milestone, unit: OrgUnit) -> None:
    if milestone.kind != Milestone.Kind.PERIODIC_REPORT:
        raise ValidationError(_("Mốc này không phải kỳ báo cáo định kỳ."))
    if unit.parent_id != milestone.plan.issuer_id:
        raise ValidationError(
            _("%(unit)s không báo cáo trực tiếp cho %(issuer)s.")
            % {"unit": unit.name, "issuer": milestone.plan.issuer.name}
        )


def _clean_sections(values: dict, names: tuple[str, ...]) -> dict:
    cleaned = {}
    for name in names:
        text = (values.get(name) or "").strip()
        if len(text) > MAX_SECTION:
            raise ValidationError(
                _("Mỗi phần không quá %(n)s ký tự.") % {"n": f"{MAX_SECTION:,}".replace(",", ".")}
            )
        cleaned[name] = text
    return cleaned


@transaction.atomic
def save_periodic_report(
    *, milestone: Milestone, unit: OrgUnit, actor, sections: dict, now: dt.datetime | None = None
) -> PeriodicReport:
    """Save the unit's report for `milestone` as a draft (created on first save).

    Side effects: writes the report and an audit entry. Raises ValidationError when the
    milestone is not a periodic report of the unit's parent, or the report was already
    sent (a sent report never changes).
    """
    _check_periodic_milestone(milestone, unit)
    cleaned = _clean_sections(sections, PERIODIC_FIELDS)
    report, _created = PeriodicReport.objects.select_for_update().get_or_create(
        milestone=milestone, unit=unit, defaults={"plan": milestone.plan}
    )
    if report.is_sent:
        raise ValidationError(_("Báo cáo đã gửi, không sửa được nữa."))
    for name, text in cleaned.items():
        setattr(report, name, text)
    report.save()
    record(actor=actor, action="periodic_report.save", obj=report, unit=unit)
    return report


@transaction.atomic
def send_periodic_report(
    *, report: PeriodicReport, actor, now: dt.datetime | None = None
) -> PeriodicReport:
    """Send the report to the parent unit and freeze its figures.

    Side effects: locks the report row, stores the snapshot (``unit_figures``), the time
    and the sender, writes an audit entry with the timeliness. A report sent at or after
    the due date is accepted and counts as late. Raises ValidationError if it was
    already sent or has no text at all.
    """
    now = now or timezone.now()
    report = (
        PeriodicReport.objects.select_for_update(of=("self",))
        .select_related("milestone__plan__issuer", "unit")
        .get(pk=report.pk)
    )
    if report.is_sent:
        raise ValidationError(_("Báo cáo này đã được gửi."))
    if not any(getattr(report, name).strip() for name in PERIODIC_FIELDS):
        raise ValidationError(_("Hãy viết nội dung báo cáo trước khi gửi."))
    report.figures = unit_figures(report.milestone.plan, report.unit, now=now)
    report.status = PeriodicReport.Status.SENT
    report.sent_at = now
    report.sent_by = actor
    report.save()
    late = now >= report.milestone.ends_at
    record(
        actor=actor,
        action="periodic_report.send",
        obj=report,
        unit=report.unit,
        late=late,
        figures=report.figures,
    )
    return report


# --- the summary report's narrative ------------------------------------------------------


@transaction.atomic
def save_summary_narrative(*, plan: Plan, actor, sections: dict) -> SummaryNarrative:
    """Save the chair's sections of the plan's summary report (báo cáo sơ kết).

    Side effects: writes the narrative (one per plan and issuer) and an audit entry.
    """
    cleaned = _clean_sections(sections, SUMMARY_FIELDS)
    narrative, _created = SummaryNarrative.objects.select_for_update().get_or_create(
        plan=plan, unit=plan.issuer
    )
    for name, text in cleaned.items():
        setattr(narrative, name, text)
    narrative.updated_by = actor
    narrative.save()
    record(actor=actor, action="summary.save", obj=narrative, unit=plan.issuer)
    return narrative
