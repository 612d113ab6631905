"""How a plan rates the units below its issuer (W12): the rated kind, the self-assessment
window, the objection days and the levels, best first; the standards it rates by are the
plan's collective criteria scored in points. Assessing, verifying and finalising are in
``unitassessments``."""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns import ratings
from campaigns.models import (
    Criterion,
    Plan,
    RatingLevel,
    RatingScheme,
    Target,
    UnitAssessment,
)
from portal.audit import record
from portal.models import OrgUnit
from portal.permissions import can
from portal.signals import figures_changed

RATED_KINDS = (OrgUnit.Kind.GRASSROOTS_UNION, OrgUnit.Kind.UNION_GROUP)


def standards(plan: Plan) -> list[Criterion]:
    """The rating's standards: the plan's collective criteria scored in points."""
    return list(
        plan.criteria.filter(target=Target.COLLECTIVE, kind=Criterion.Kind.POINTS).order_by(
            "order", "id"
        )
    )


def rated_units(scheme: RatingScheme):
    """The open units right below the plan's issuer, of the scheme's kind."""
    return OrgUnit.objects.filter(
        parent_id=scheme.plan.issuer_id, kind=scheme.rated_kind, closed_on__isnull=True
    ).order_by("path")


def level_rules(scheme: RatingScheme) -> list[ratings.LevelRule]:
    return [
        ratings.LevelRule(lv.pk, lv.name, lv.min_points, lv.floor_share)
        for lv in scheme.levels.order_by("order")
    ]


@transaction.atomic
def configure_rating(
    *,
    plan: Plan,
    actor,
    rated_kind: str,
    starts_at: datetime,
    ends_at: datetime,
    objection_days: int,
    levels: list[dict],
) -> RatingScheme:
    """Set up (or change) the plan's rating of the units below its issuer.

    `levels`: best first, [{"name", "min_points", "floor_share"}]. Side effects: stores
    the scheme and its levels, creates an empty assessment for every rated unit, writes
    "rating.configured". Raises ValidationError (nothing written) on a bad window or
    levels, a plan with no standards, or once a unit's level has been finalised (a level
    keeps the rule it was made under).
    """
    if not can(actor, "rating.configure", plan):
        raise PermissionDenied
    errors = []
    if rated_kind not in RATED_KINDS:
        errors.append(_("Chỉ xếp loại công đoàn cơ sở hoặc tổ công đoàn."))
    if ends_at <= starts_at:
        errors.append(_("Hạn chót tự chấm phải sau thời điểm bắt đầu."))
    if not standards(plan):
        errors.append(
            _("Kế hoạch chưa có tiêu chuẩn tập thể chấm điểm: thêm tiêu chuẩn trước khi xếp loại.")
        )
    errors += _level_errors(levels)
    if errors:
        raise ValidationError(errors)
    scheme = RatingScheme.objects.select_for_update().filter(plan=plan).first()
    if (
        scheme is not None
        and scheme.assessments.filter(status=UnitAssessment.Status.FINALISED).exists()
    ):
        raise ValidationError(_("Đã có đơn vị được chốt xếp loại: không sửa cách xếp loại nữa."))
    if scheme is None:
        scheme = RatingScheme(plan=plan)
    scheme.rated_kind = rated_kind
    scheme.starts_at, scheme.ends_at = starts_at, ends_at
    scheme.objection_days = objection_days
    scheme.save()
    scheme.levels.all().delete()
    RatingLevel.objects.bulk_create(
        [
            RatingLevel(
                scheme=scheme,
                order=n,
                name=lv["name"],
                min_points=lv["min_points"],
                floor_share=lv.get("floor_share"),
            )
            for n, lv in enumerate(levels, start=1)
        ]
    )
    rated = list(rated_units(scheme))
    UnitAssessment.objects.bulk_create(
        [UnitAssessment(scheme=scheme, unit=u) for u in rated], ignore_conflicts=True
    )
    figures_changed.send(sender=UnitAssessment, unit_ids=[u.pk for u in rated])
    record(
        actor=actor,
        action="rating.configured",
        obj=plan,
        unit=plan.issuer,
        rated_kind=rated_kind,
        starts_at=starts_at.isoformat(),
        ends_at=ends_at.isoformat(),
        levels=[
            {
                "name": lv["name"],
                "min_points": str(lv["min_points"]),
                "floor_share": None if lv.get("floor_share") is None else str(lv["floor_share"]),
            }
            for lv in levels
        ],
    )
    return scheme


def _level_errors(levels: list[dict]) -> list[str]:
    if not levels:
        return [_("Cần ít nhất một mức xếp loại.")]
    errors, previous = [], None
    for n, lv in enumerate(levels, start=1):
        if not (lv.get("name") or "").strip():
            errors.append(_("Mức %(n)s chưa có tên.") % {"n": n})
        points, floor = lv.get("min_points"), lv.get("floor_share")
        if points is None or points < 0:
            errors.append(_("Mức %(n)s: tổng điểm phải là số không âm.") % {"n": n})
        elif previous is not None and points > previous:
            errors.append(
                _("Mức %(n)s: tổng điểm không được cao hơn mức trên nó (xếp mức cao trước).")
                % {"n": n}
            )
        else:
            previous = points
        if floor is not None and not Decimal(0) < floor <= Decimal(1):
            errors.append(_("Mức %(n)s: tỷ lệ sàn phải trên 0%% và không quá 100%%.") % {"n": n})
    return errors
