"""Writes on units' ratings (W12): self-assess, verify, finalise, publish, object and
answer. The scheme they follow is set up in ``ratingschemes``; the chair's scoring of the
plan's collective criteria outside a rating is ``unitscores``."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import ratings
from campaigns.deadlines import WindowState, format_deadline, format_moment
from campaigns.models import (
    Criterion,
    Plan,
    RatingScheme,
    UnitAssessment,
    UnitAssessmentItem,
    UnitAssessmentVersion,
)
from campaigns.selectors.unitassessments import assessment_window
from campaigns.services.ratingschemes import level_rules, standards
from campaigns.services.selfreports import (
    KEEP,
    Answer,
    DeadlineError,
    _clean_answer,
    _int,
    _receipt_code,
)
from portal.audit import record
from portal.permissions import can
from portal.signals import figures_changed

# --- unit ratings (W12) ----------------------------------------------------------------
#
# A unit's self-assessment goes through the self-report machinery: the same deadline
# window (campaigns.deadlines), the same answer validation and receipt codes, the same
# refusal that keeps what was typed as a draft (selfreports.DeadlineError).


def _locked_assessment(assessment: UnitAssessment, actor, action: str) -> UnitAssessment:
    locked = (
        UnitAssessment.objects.select_for_update(of=("self",))
        .select_related("scheme__plan__issuer", "unit")
        .get(pk=assessment.pk)
    )
    if not can(actor, action, locked):
        raise PermissionDenied
    return locked


def _clean_self_scores(criteria: list[Criterion], data: dict) -> dict[int, Answer]:
    """Points and evidence per standard, checked as a member's answers are."""
    errors: list[str] = []
    by_id = {c.pk: c for c in criteria}
    answers = {}
    for key, raw in (data or {}).items():
        criterion = by_id.get(_int(key))
        if criterion is None:
            errors.append(_("Tiêu chuẩn “%(key)s” không thuộc kế hoạch này.") % {"key": key})
            continue
        answers[criterion.pk] = _clean_answer(criterion, raw or {}, errors)
    if errors:
        raise ValidationError(errors)
    return answers


def _write_self_scores(assessment: UnitAssessment, answers: dict[int, Answer]) -> None:
    items = {i.criterion_id: i for i in assessment.items.all()}
    for cid, a in answers.items():
        item = items.get(cid) or UnitAssessmentItem(assessment=assessment, criterion_id=cid)
        if a.points is not KEEP:
            item.self_points = a.points
        if a.evidence is not KEEP:
            item.evidence = a.evidence
        item.save()


@transaction.atomic
def save_assessment_draft(
    *, assessment: UnitAssessment, actor, data: dict, now: datetime | None = None
) -> UnitAssessment:
    """Save the unit's self-assessment as a draft, whatever the deadline (nothing typed
    is lost). `data`: {criterion id: {"points", "evidence"}}. No audit entry, as for a
    member's draft. Raises ValidationError (nothing written) on bad points."""
    now = now or timezone.now()
    assessment = _locked_assessment(assessment, actor, "unitassessment.fill")
    answers = _clean_self_scores(standards(assessment.scheme.plan), data)
    _write_self_scores(assessment, answers)
    assessment.draft_saved_at = now
    assessment.has_unsent_changes = assessment.status == UnitAssessment.Status.SUBMITTED
    assessment.save(update_fields=["draft_saved_at", "has_unsent_changes"])
    return assessment


def submit_unit_assessment(
    *, assessment: UnitAssessment, actor, data: dict, now: datetime | None = None
) -> UnitAssessmentVersion:
    """Submit the unit's self-assessment: a new immutable version with a receipt code.

    Side effects: writes the working copy, stores the version, sets the self-score,
    writes "unitassessment.submitted". Outside the window (and after it when the plan
    refuses late reports) the typed scores are committed as a draft with
    "unitassessment.refused_late", then DeadlineError is raised naming the deadline.
    Raises ValidationError (nothing written) on bad or missing points.
    """
    now = now or timezone.now()
    outcome = _submit_assessment(assessment, actor, data, now)
    if isinstance(outcome, DeadlineError):
        raise outcome
    return outcome


@transaction.atomic
def _submit_assessment(assessment, actor, data, now):
    assessment = _locked_assessment(assessment, actor, "unitassessment.fill")
    plan = assessment.scheme.plan
    criteria = standards(plan)
    answers = _clean_self_scores(criteria, data)
    window = assessment_window(assessment)
    state = window.state(now)
    late = state is WindowState.CLOSED
    within_extension = not late and now >= assessment.scheme.ends_at
    if state is WindowState.NOT_YET_OPEN or (late and plan.late_policy == Plan.LatePolicy.REFUSE):
        _write_self_scores(assessment, answers)
        assessment.draft_saved_at = now
        assessment.save(update_fields=["draft_saved_at"])
        record(
            actor=actor,
            action="unitassessment.refused_late",
            obj=assessment,
            unit=assessment.unit,
            deadline=window.ends_at.isoformat(),
            arrived_at=now.isoformat(),
        )
        if late:
            message = _(
                "Bản tự chấm không được nhận vì đã quá hạn chót %(deadline)s: yêu cầu đến máy "
                "chủ lúc %(arrived)s. Điểm bạn đã nhập được giữ lại dưới dạng bản nháp."
            )
        else:
            message = _(
                "Chưa đến thời gian nộp bản tự chấm: bắt đầu nhận từ %(start)s. Điểm bạn đã "
                "nhập được giữ lại dưới dạng bản nháp."
            )
        values = {
            "deadline": format_deadline(window.ends_at),
            "start": format_deadline(window.starts_at),
            "arrived": format_moment(now),
        }
        return DeadlineError(message % values, deadline=window.ends_at, arrived_at=now)
    _write_self_scores(assessment, answers)
    items = {i.criterion_id: i for i in assessment.items.all()}
    missing = [
        str(c.order or c.pk)
        for c in criteria
        if c.pk not in items or items[c.pk].self_points is None
    ]
    if missing:
        raise ValidationError(
            _("Chưa chấm điểm tiêu chuẩn: %(list)s.") % {"list": ", ".join(missing)},
            code="required",
        )
    snapshot = {
        "items": [
            {
                "criterion_id": c.pk,
                "order": c.order,
                "text": c.text,
                "max_points": str(c.max_points),
                "points": str(items[c.pk].self_points),
                "evidence": items[c.pk].evidence,
            }
            for c in criteria
        ],
        "files": [
            {
                "id": f.pk,
                "criterion_id": f.criterion_id,
                "name": f.original_name,
                "size": f.size,
                "mime": f.mime,
            }
            for f in assessment.files.all()
        ],
    }
    version = UnitAssessmentVersion.objects.create(
        assessment=assessment,
        number=assessment.version + 1,
        submitted_at=now,
        submitted_by=actor,
        is_late=late,
        within_extension=within_extension,
        receipt_code=_receipt_code(),
        snapshot=snapshot,
    )
    assessment.status = UnitAssessment.Status.SUBMITTED
    assessment.submitted_at = now
    assessment.is_late = late
    assessment.within_extension = within_extension
    assessment.version = version.number
    assessment.receipt_code = version.receipt_code
    assessment.has_unsent_changes = False
    assessment.draft_saved_at = now
    assessment.self_total = sum((items[c.pk].self_points for c in criteria), Decimal(0))
    assessment.save()
    figures_changed.send(sender=UnitAssessment, unit_ids=[assessment.unit_id])
    record(
        actor=actor,
        action="unitassessment.submitted",
        obj=assessment,
        unit=assessment.unit,
        plan=plan.pk,
        version=version.number,
        late=late,
        within_extension=within_extension,
        receipt=version.receipt_code,
        self_total=str(assessment.self_total),
    )
    return version


@transaction.atomic
def verify_unit_assessment(
    *, assessment: UnitAssessment, actor, scores: dict, now: datetime | None = None
) -> UnitAssessment:
    """The rater's verified points per standard: {criterion id: {"points", "reason"}}.

    A verified score that differs from the unit's own needs a reason. Side effects:
    stores the points and reasons, the verified total, writes "unitassessment.verified"
    with every change. Raises ValidationError (nothing written) otherwise.
    """
    now = now or timezone.now()
    assessment = _locked_assessment(assessment, actor, "unitassessment.verify")
    criteria = standards(assessment.scheme.plan)
    by_id = {c.pk: c for c in criteria}
    items = {i.criterion_id: i for i in assessment.items.all()}
    errors: list[str] = []
    changes = []
    for key, raw in scores.items():
        criterion = by_id.get(_int(key))
        if criterion is None:
            errors.append(_("Tiêu chuẩn “%(key)s” không thuộc kế hoạch này.") % {"key": key})
            continue
        answer = _clean_answer(criterion, {"points": raw.get("points")}, errors)
        reason = (raw.get("reason") or "").strip()[:5000]
        item = items.get(criterion.pk) or UnitAssessmentItem(
            assessment=assessment, criterion=criterion
        )
        submitted = assessment.status == UnitAssessment.Status.SUBMITTED
        own = item.self_points if submitted else None
        if answer.points is not None and own is not None and answer.points != own and not reason:
            errors.append(
                _("Tiêu chuẩn %(n)s: ghi lý do khi điểm thẩm định khác điểm tự chấm.")
                % {"n": criterion.order or criterion.pk}
            )
        changes.append((item, answer.points, reason))
    if errors:
        raise ValidationError(errors)
    for item, points, reason in changes:
        item.verified_points = points
        item.reason = reason
        item.save()
    verified = [i.verified_points for i in assessment.items.all()]
    assessment.verified_total = sum((p for p in verified if p is not None), Decimal(0))
    assessment.save(update_fields=["verified_total"])
    record(
        actor=actor,
        action="unitassessment.verified",
        obj=assessment,
        unit=assessment.scheme.plan.issuer,
        rated_unit=assessment.unit_id,
        at=now.isoformat(),
        items={
            str(item.criterion_id): {
                "self": None if item.self_points is None else str(item.self_points),
                "verified": None if points is None else str(points),
                "reason": reason,
            }
            for item, points, reason in changes
        },
    )
    return assessment


@transaction.atomic
def finalise_unit_assessment(
    *, assessment: UnitAssessment, actor, now: datetime | None = None
) -> UnitAssessment:
    """Compute and fix the unit's level from the verified points and the scheme's levels.

    Every standard needs a verified score. Side effects: stores the level, the verified
    total and the status, writes "unitassessment.finalised". Raises ValidationError
    naming the standards still unscored.
    """
    now = now or timezone.now()
    assessment = _locked_assessment(assessment, actor, "unitassessment.verify")
    criteria = standards(assessment.scheme.plan)
    items = {i.criterion_id: i for i in assessment.items.all()}
    missing = [
        str(c.order or c.pk)
        for c in criteria
        if c.pk not in items or items[c.pk].verified_points is None
    ]
    if missing:
        raise ValidationError(
            _("Chưa có điểm thẩm định cho tiêu chuẩn: %(list)s.") % {"list": ", ".join(missing)}
        )
    assessment.status = UnitAssessment.Status.FINALISED
    assessment.finalised_at = now
    assessment.finalised_by = actor
    rule_ = _apply_level(assessment, criteria, items)
    record(
        actor=actor,
        action="unitassessment.finalised",
        obj=assessment,
        unit=assessment.scheme.plan.issuer,
        rated_unit=assessment.unit_id,
        verified_total=str(assessment.verified_total),
        level=rule_.name if rule_ else None,
    )
    return assessment


def _apply_level(
    assessment: UnitAssessment, criteria: list[Criterion], items: dict
) -> ratings.LevelRule | None:
    """Compute the unit's level from its verified points (`items`: {criterion id: item})
    by the scheme's rule, store it with the verified total (and whatever else the caller
    set on `assessment`), and tell the rolled-up figures, inside the caller's
    transaction. Returns the level's rule (None below every level)."""
    scored = [ratings.Scored(c.max_points, items[c.pk].verified_points) for c in criteria]
    level = ratings.level_for(level_rules(assessment.scheme), scored)
    assessment.verified_total = ratings.total(scored)
    assessment.level_id = level.key if level else None
    assessment.save()
    figures_changed.send(sender=UnitAssessment, unit_ids=[assessment.unit_id])
    return level


@transaction.atomic
def publish_ratings(*, scheme: RatingScheme, actor, now: datetime | None = None) -> RatingScheme:
    """Publish the levels to the units and open the objection window.

    Every rated unit must be finalised first. Side effects: stamps the publication and
    the end of the objection window, writes "rating.published".
    """
    now = now or timezone.now()
    scheme = (
        RatingScheme.objects.select_for_update().select_related("plan__issuer").get(pk=scheme.pk)
    )
    if not can(actor, "rating.configure", scheme.plan):
        raise PermissionDenied
    if scheme.published_at is not None:
        raise ValidationError(_("Kết quả xếp loại đã được công bố."))
    pending = list(
        scheme.assessments.exclude(status=UnitAssessment.Status.FINALISED).values_list(
            "unit__name", flat=True
        )
    )
    if pending:
        raise ValidationError(_("Chưa chốt xếp loại: %(units)s.") % {"units": ", ".join(pending)})
    scheme.published_at = now
    scheme.objections_end_at = now + timedelta(days=scheme.objection_days)
    scheme.save(update_fields=["published_at", "objections_end_at"])
    record(
        actor=actor,
        action="rating.published",
        obj=scheme.plan,
        unit=scheme.plan.issuer,
        objections_end_at=scheme.objections_end_at.isoformat(),
    )
    return scheme


@transaction.atomic
def object_to_rating(
    *, assessment: UnitAssessment, actor, text: str, now: datetime | None = None
) -> UnitAssessment:
    """The unit's objection to its published level, inside the objection window.

    Side effects: stores the text, writes "unitassessment.objected".
    """
    now = now or timezone.now()
    assessment = _locked_assessment(assessment, actor, "unitassessment.object")
    text = (text or "").strip()[:5000]
    if not text:
        raise ValidationError(_("Hãy ghi nội dung ý kiến."))
    if now >= assessment.scheme.objections_end_at:
        raise ValidationError(
            _("Đã hết thời gian nhận ý kiến (%(at)s).")
            % {"at": format_deadline(assessment.scheme.objections_end_at)}
        )
    assessment.objection = text
    assessment.objected_at = now
    assessment.save(update_fields=["objection", "objected_at"])
    record(
        actor=actor,
        action="unitassessment.objected",
        obj=assessment,
        unit=assessment.unit,
        text=text,
    )
    return assessment


@transaction.atomic
def answer_objection(
    *,
    assessment: UnitAssessment,
    actor,
    accept: bool,
    reason: str,
    scores: dict | None = None,
    now: datetime | None = None,
) -> UnitAssessment:
    """The checking unit answers a unit's objection to its published level.

    Accepting adjusts the verified points (`scores`: {criterion id: {"points"}}, at least
    one change) with `reason` as the reason of every changed standard, then computes and
    publishes the level again from the same rule; rejecting keeps them. Either way the
    answer and its reason are stored for the unit to read. Side effects: writes
    "unitassessment.objection_accepted" (old and new points and level) or
    "unitassessment.objection_rejected". Raises ValidationError (nothing written)
    without a reason, on bad points or an accepted answer that changes nothing; once
    answered, PermissionDenied.
    """
    now = now or timezone.now()
    assessment = _locked_assessment(assessment, actor, "unitassessment.answer")
    reason = (reason or "").strip()[:5000]
    if not reason:
        raise ValidationError(_("Hãy ghi lý do trả lời ý kiến của đơn vị."))
    before_total = assessment.verified_total
    before_level = assessment.level.name if assessment.level_id else None
    changes = {}
    if accept:
        criteria = standards(assessment.scheme.plan)
        items = {i.criterion_id: i for i in assessment.items.all()}
        errors: list[str] = []
        for c in criteria:
            raw = (scores or {}).get(c.pk) or (scores or {}).get(str(c.pk))
            if raw is None or raw.get("points") in (None, ""):
                continue
            points = _clean_answer(c, {"points": raw.get("points")}, errors).points
            item = items.get(c.pk)
            if points is not None and item is not None and points != item.verified_points:
                changes[c.pk] = (item, points)
        if errors:
            raise ValidationError(errors)
        if not changes:
            raise ValidationError(
                _("Chấp nhận ý kiến thì phải điều chỉnh điểm thẩm định của ít nhất một tiêu chuẩn.")
            )
        audit_items = {}
        for cid, (item, points) in changes.items():
            audit_items[str(cid)] = {"from": str(item.verified_points), "to": str(points)}
            item.verified_points = points
            item.reason = reason
            item.save(update_fields=["verified_points", "reason"])
    assessment.objection_decision = (
        UnitAssessment.ObjectionDecision.ACCEPTED
        if accept
        else UnitAssessment.ObjectionDecision.REJECTED
    )
    assessment.objection_answer = reason
    assessment.objection_answered_at = now
    assessment.objection_answered_by = actor
    if accept:
        level = _apply_level(assessment, criteria, items)
    else:
        assessment.save()
    data = {"reason": reason, "rated_unit": assessment.unit_id}
    if accept:
        data.update(
            items=audit_items,
            verified_total={"from": str(before_total), "to": str(assessment.verified_total)},
            level={"from": before_level, "to": level.name if level else None},
        )
    record(
        actor=actor,
        action="unitassessment.objection_accepted"
        if accept
        else "unitassessment.objection_rejected",
        obj=assessment,
        unit=assessment.scheme.plan.issuer,
        **data,
    )
    return assessment
