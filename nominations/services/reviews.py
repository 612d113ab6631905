"""Writes for the review (W4): scoring a report, recording an exclusion, finalising."""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import SelfReport
from nominations.models import Exclusion, Review, Score
from nominations.permissions.common import on_committee
from nominations.selectors.reviews import individual_criteria, is_locked, stale_reports
from nominations.selectors.steps import require_running, require_step
from nominations.steps import Action
from portal.audit import record
from portal.forms.fields import parse_decimal
from portal.permissions import can
from portal.signals import figures_changed


def _check_open(plan, unit) -> None:
    if is_locked(plan, unit):
        raise ValidationError(_("Chủ tịch đã chốt kết quả bình xét; điểm không sửa được nữa."))


def _clean_points(criterion, raw) -> Decimal:
    try:
        points = parse_decimal(raw)  # finite: "NaN" and "sNaN" are not points
    except ValueError as exc:
        raise ValidationError(
            _("Điểm của “%(c)s” không phải là số.") % {"c": criterion.text[:60]}
        ) from exc
    if not Decimal(0) <= points <= criterion.max_points:
        raise ValidationError(
            _("Điểm của “%(c)s” phải từ 0 đến %(max)s.")
            % {"c": criterion.text[:60], "max": f"{criterion.max_points.normalize():f}"}
        )
    return points


@transaction.atomic
def score_report(*, report: SelfReport, actor, scores: dict, now: datetime | None = None) -> int:
    """Store `actor`'s scores on a submitted report: {criterion id: {"met", "points",
    "comment"}}. A criterion left empty is not stored; one scored before is replaced.

    Side effects: creates or updates Score rows, writes an audit entry. Raises
    PermissionDenied for one's own report or a report outside one's unit, ValidationError
    for a value out of range or once the chair finalised the review.
    """
    now = now or timezone.now()
    if report.member_id == actor.pk:
        raise PermissionDenied(_("Không ai chấm báo cáo của chính mình."))
    if not on_committee(actor, report.unit):
        raise PermissionDenied(_("Chỉ Ban Chấp hành của đơn vị chấm báo cáo này."))
    if report.status != SelfReport.Status.SUBMITTED:
        raise ValidationError(_("Chỉ chấm báo cáo đã nộp."))
    require_running(report.plan)
    _check_open(report.plan, report.unit)
    criteria = {c.pk: c for c in individual_criteria(report.plan)}
    unknown = {int(k) for k in scores} - set(criteria)
    if unknown:
        raise ValidationError(_("Có tiêu chuẩn không thuộc kế hoạch này."))
    stored = 0
    for criterion_id, value in scores.items():
        criterion = criteria[int(criterion_id)]
        met, points = value.get("met"), value.get("points")
        if criterion.kind == "met":
            if met is None:
                continue
            points = None
        else:
            if points in (None, ""):
                continue
            points, met = _clean_points(criterion, points), None
        Score.objects.update_or_create(
            report=report,
            reviewer=actor,
            criterion=criterion,
            defaults={
                "met": met,
                "points": points,
                "comment": value.get("comment", "") or "",
                "scored_at": now,
            },
        )
        stored += 1
    figures_changed.send(sender=Score, plan_ids=[report.plan_id])
    record(
        actor=actor,
        action="review.score",
        obj=report,
        unit=report.unit,
        criteria=stored,
    )
    return stored


@transaction.atomic
def record_exclusion(*, plan, member, kind: str, actor, note: str = "") -> Exclusion:
    """Record a fact that bars `member` from the plan's titles (discipline, absence, …).

    Side effects: creates the exclusion, writes an audit entry.
    """
    if not can(actor, "review.finalise", plan):
        raise PermissionDenied(_("Chỉ Chủ tịch ghi trường hợp không xét."))
    require_running(plan)
    _check_open(plan, plan.issuer)
    if kind not in Exclusion.Kind.values:
        raise ValidationError(_("Loại trường hợp không hợp lệ."))
    exclusion, _created = Exclusion.objects.get_or_create(
        plan=plan,
        member=member,
        kind=kind,
        defaults={"note": note, "recorded_by": actor},
    )
    record(
        actor=actor,
        action="review.exclusion",
        obj=plan,
        unit=plan.issuer,
        member=member.pk,
        kind=kind,
    )
    return exclusion


@transaction.atomic
def finalise_review(*, plan, actor, now: datetime | None = None) -> Review:
    """The chair finalises the review of the plan's reports: every score is locked.

    Side effects: locks the plan and the review row, stamps the review final and the plan
    closed to reports (a report or resubmission arriving later is refused), writes an
    audit entry. Raises ValidationError when already final, when a step before it is not
    done — the self-report window, granted extensions included, is still open — or a later
    step was taken, before the BCH meeting's milestone, or when a submitted report has no
    score at all.
    """
    now = now or timezone.now()
    if not can(actor, "review.finalise", plan):
        raise PermissionDenied(_("Chỉ Chủ tịch chốt kết quả bình xét."))
    plan = type(plan).objects.select_for_update().get(pk=plan.pk)
    review, _created = Review.objects.get_or_create(plan=plan, unit=plan.issuer)
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.is_final:
        raise ValidationError(_("Kết quả bình xét đã được chốt."))
    require_step(plan, Action.FINALISE_REVIEW, now)
    unscored = (
        SelfReport.objects.filter(plan=plan, status=SelfReport.Status.SUBMITTED)
        .exclude(scores__isnull=False)
        .count()
    )
    if unscored:
        raise ValidationError(_("Còn %(n)s báo cáo đã nộp chưa ai chấm.") % {"n": unscored})
    stale = stale_reports(plan)
    if stale:
        raise ValidationError(
            _("Báo cáo nộp lại sau khi đã chấm, cần chấm lại: %(names)s.")
            % {"names": ", ".join(str(r.member) for r in stale)}
        )
    review.finalised_by = actor
    review.finalised_at = now
    review.save(update_fields=["finalised_by", "finalised_at"])
    plan.reports_closed_at = now
    plan.save(update_fields=["reports_closed_at"])
    figures_changed.send(sender=Review, plan_ids=[plan.pk])
    record(actor=actor, action="review.finalise", obj=review, unit=plan.issuer)
    return review
