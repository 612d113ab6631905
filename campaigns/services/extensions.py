"""Personal deadlines: a member's extension request and the chair's decision on it, and
the checking unit's extension of one rated unit's self-assessment deadline. Both follow
the same rules (``check_extension_limits``): the plan may forbid extensions, none after
the review was finalised, and the new deadline must fall after the deadline it extends
and now, inside the parent plan's self-report deadline and before the unit's review
meeting.

Services are keyword-only, take the acting user as `actor=` and the clock as `now=`,
check the rules on the server and write the audit entry in the same transaction.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.deadlines import format_deadline
from campaigns.models import (
    DeadlineExtension,
    Milestone,
    Plan,
    UnitAssessment,
    UnitDeadlineExtension,
)
from campaigns.permissions.selfreports import may_fill
from campaigns.selectors.selfreports import self_report_milestone
from campaigns.services.unitassessments import _locked_assessment
from portal.audit import record
from portal.permissions import can

# --- members' self-reports ------------------------------------------------------------


def _check_extensions_allowed(plan: Plan) -> None:
    if not plan.allows_extensions:
        raise ValidationError(
            _("Kế hoạch này không nhận báo cáo trễ hạn, không có ngoại lệ: không gia hạn.")
        )
    if plan.reports_closed_at is not None:
        raise ValidationError(_("Ban Chấp hành đã chốt kết quả bình xét: không gia hạn nữa."))


def check_extension_limits(
    plan: Plan, new_deadline: datetime | None, *, after: datetime, now: datetime
) -> None:
    """The limits of every personal deadline of `plan` (a member's self-report, a rated
    unit's self-assessment): given, later than the deadline it extends (`after`) and
    than `now`, inside the parent plan's self-report deadline and before the unit's own
    review meeting (the BCH cannot score what has not arrived). Raises ValidationError
    naming the limit broken."""
    if new_deadline is None:
        raise ValidationError(_("Hãy chọn hạn mới."))
    if new_deadline <= after or new_deadline <= now:
        raise ValidationError(
            _("Hạn mới phải sau hạn chót chung %(deadline)s và sau thời điểm hiện tại.")
            % {"deadline": format_deadline(after)}
        )
    parent_deadline = (
        plan.parent.milestones.filter(kind=Milestone.Kind.SELF_REPORT)
        .order_by("-ends_at")
        .values_list("ends_at", flat=True)
        .first()
        if plan.parent_id
        else None
    )
    if parent_deadline is not None and new_deadline > parent_deadline:
        raise ValidationError(
            _("Hạn mới không được quá hạn tự báo cáo của kế hoạch cấp trên: %(at)s.")
            % {"at": format_deadline(parent_deadline)}
        )
    review_at = (
        plan.milestones.filter(kind=Milestone.Kind.REVIEW_MEETING)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    if review_at is not None and new_deadline > review_at:
        raise ValidationError(
            _("Hạn mới không được quá buổi BCH họp xét của đơn vị: %(at)s.")
            % {"at": format_deadline(review_at)}
        )


@transaction.atomic
def request_extension(
    *, plan: Plan, actor, reason: str, now: datetime | None = None
) -> DeadlineExtension:
    """The member asks the chair for a personal deadline, with a reason.

    Side effects: stores the request, writes "selfreport.extension_requested". One open
    request at a time.
    """
    now = now or timezone.now()
    if not may_fill(actor, plan):
        raise PermissionDenied
    _check_extensions_allowed(plan)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Hãy ghi lý do xin gia hạn."))
    open_request = DeadlineExtension.objects.select_for_update().filter(
        plan=plan, member=actor, status=DeadlineExtension.Status.REQUESTED
    )
    if open_request.exists():
        raise ValidationError(_("Bạn đã có một yêu cầu gia hạn đang chờ Chủ tịch quyết định."))
    extension = DeadlineExtension.objects.create(
        plan=plan, member=actor, reason=reason, requested_at=now
    )
    record(
        actor=actor,
        action="selfreport.extension_requested",
        obj=extension,
        unit=plan.issuer,
        plan=plan.pk,
        reason=reason,
    )
    return extension


@transaction.atomic
def decide_extension(
    *,
    extension: DeadlineExtension,
    actor,
    grant: bool,
    new_deadline: datetime | None = None,
    note: str = "",
    now: datetime | None = None,
) -> DeadlineExtension:
    """The chair grants a personal deadline (after the original one) or refuses.

    Side effects: locks and updates the request, writes "selfreport.extension_granted" or
    "selfreport.extension_refused". Raises PermissionDenied for anyone but the chair and
    ValidationError when the request was already decided or the new deadline is not
    after both the original deadline and now.
    """
    now = now or timezone.now()
    extension = (
        DeadlineExtension.objects.select_for_update(of=("self",))
        .select_related("plan__issuer", "member")
        .get(pk=extension.pk)
    )
    if extension.status != DeadlineExtension.Status.REQUESTED:
        raise ValidationError(_("Yêu cầu gia hạn này đã được quyết định."))
    if not can(actor, "extension.decide", extension):
        raise PermissionDenied
    if grant:
        _check_extensions_allowed(extension.plan)
        milestone = self_report_milestone(extension.plan)
        if milestone is None:
            raise ValidationError(_("Kế hoạch này không có đợt cá nhân tự báo cáo."))
        check_extension_limits(extension.plan, new_deadline, after=milestone.ends_at, now=now)
    extension.status = (
        DeadlineExtension.Status.GRANTED if grant else DeadlineExtension.Status.REFUSED
    )
    extension.new_deadline = new_deadline if grant else None
    extension.decided_by = actor
    extension.decided_at = now
    extension.decision_note = (note or "").strip()
    extension.save()
    record(
        actor=actor,
        action="selfreport.extension_granted" if grant else "selfreport.extension_refused",
        obj=extension,
        unit=extension.plan.issuer,
        plan=extension.plan_id,
        member=extension.member_id,
        new_deadline=new_deadline.isoformat() if grant else None,
        note=extension.decision_note,
    )
    return extension


# --- rated units' self-assessments (W12) -----------------------------------------------


@transaction.atomic
def grant_unit_extension(
    *,
    assessment: UnitAssessment,
    actor,
    new_deadline: datetime | None,
    reason: str,
    now: datetime | None = None,
) -> UnitDeadlineExtension:
    """The checking unit gives one rated unit a later self-assessment deadline.

    The rules of members' extensions (``decide_extension``): refused when the plan
    allows no extensions or its review was finalised; the new deadline must be after the
    scheme's deadline and now, not past the parent plan's self-report deadline, not past
    the plan's review meeting. Only before the unit's level is finalised. Side effects:
    stores the extension (the latest granted counts), writes
    "unitassessment.extension_granted". Raises ValidationError (nothing written)
    otherwise, PermissionDenied to anyone but the rater.
    """
    now = now or timezone.now()
    assessment = _locked_assessment(assessment, actor, "unitassessment.extend")
    plan, scheme = assessment.scheme.plan, assessment.scheme
    _check_extensions_allowed(plan)
    reason = (reason or "").strip()[:5000]
    if not reason:
        raise ValidationError(_("Hãy ghi lý do gia hạn."))
    check_extension_limits(plan, new_deadline, after=scheme.ends_at, now=now)
    extension = UnitDeadlineExtension.objects.create(
        assessment=assessment,
        new_deadline=new_deadline,
        reason=reason,
        granted_by=actor,
        granted_at=now,
    )
    record(
        actor=actor,
        action="unitassessment.extension_granted",
        obj=assessment,
        unit=plan.issuer,
        rated_unit=assessment.unit_id,
        new_deadline=new_deadline.isoformat(),
        reason=reason,
    )
    return extension
