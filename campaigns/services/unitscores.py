"""The chair's scoring of the plan's collective criteria: one score per criterion for
the unit as a whole (met, or points), kept beside the members' self-reports."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import (
    Criterion,
    Plan,
    Target,
    UnitCriterionScore,
)
from portal.audit import record
from portal.permissions import can
from portal.vietnamese import format_number


def collective_criteria(plan: Plan) -> list[Criterion]:
    return list(plan.criteria.filter(target=Target.COLLECTIVE).order_by("order", "id"))


def unit_scores(plan: Plan) -> dict[int, UnitCriterionScore]:
    return {s.criterion_id: s for s in plan.unit_scores.all()}


@transaction.atomic
def score_unit_criteria(*, plan: Plan, actor, scores: dict, now=None) -> list[UnitCriterionScore]:
    """Store the chair's assessment of the plan's collective criteria.

    `scores`: {criterion id: {"met": bool | None, "points": Decimal | str | None,
    "note": str}}. Raises PermissionDenied unless the actor is the unit's chair on a
    published plan; ValidationError (nothing written) for a criterion that is not one of
    the plan's collective criteria or points out of range. Writes "unitassessment.scored".
    """
    now = now or timezone.now()
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not can(actor, "unitassessment.score", plan):
        raise PermissionDenied
    criteria = {c.pk: c for c in collective_criteria(plan)}
    errors, rows = [], []
    for key, raw in scores.items():
        criterion = criteria.get(int(key))
        if criterion is None:
            errors.append(
                _("Tiêu chuẩn “%(key)s” không phải tiêu chuẩn tập thể của kế hoạch.") % {"key": key}
            )
            continue
        met, points = None, None
        if criterion.kind == Criterion.Kind.MET:
            met = raw.get("met")
        elif raw.get("points") not in (None, ""):
            try:
                points = Decimal(str(raw["points"]))
            except InvalidOperation:
                points = Decimal("-1")
            if not points.is_finite() or points < 0 or points > criterion.max_points:
                errors.append(
                    _("Tiêu chuẩn %(n)s: điểm phải từ 0 đến %(max)s.")
                    % {"n": criterion.order, "max": format_number(criterion.max_points)}
                )
                continue
        rows.append((criterion, met, points, (raw.get("note") or "").strip()[:5000]))
    if errors:
        raise ValidationError(errors)
    saved = []
    for criterion, met, points, note in rows:
        score, _created = UnitCriterionScore.objects.update_or_create(
            criterion=criterion,
            defaults={
                "plan": plan,
                "met": met,
                "points": points,
                "note": note,
                "scored_by": actor,
                "scored_at": now,
            },
        )
        saved.append(score)
    record(
        actor=actor,
        action="unitassessment.scored",
        obj=plan,
        unit=plan.issuer,
        scores={
            str(s.criterion_id): {
                "met": s.met,
                "points": None if s.points is None else str(s.points),
            }
            for s in saved
        },
    )
    return saved
