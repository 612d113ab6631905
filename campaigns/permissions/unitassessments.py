"""Who scores the unit's collective criteria, and who takes part in a unit rating.

- The chair of the plan's unit (or the administrator) scores its collective criteria
  while the plan is published. Closed plans are read-only.
- A rating is run by the plan's issuer (its federation staff, or its chair for a CĐCS
  rating its tổ): configure, see every unit, verify, finalise, publish.
- The rated unit's chair (or tổ trưởng) fills its own self-assessment, sees its own
  result once published and may send an objection in the window.
- Evidence files: the unit's lead sees all of its files; the rater only those of the
  last submitted version (uploaded before it was submitted), as for members' reports.
"""

from django.db.models import F, Q

from campaigns.models import Plan, UnitAssessment, UnitEvidenceFile
from portal.models import Role
from portal.permissions import has_role, is_admin, is_chair, rule, selector, unit_ids_with

RATER_ROLES = (Role.FEDERATION_STAFF, Role.CHAIR, Role.VICE_CHAIR)
UNIT_LEAD_ROLES = (Role.CHAIR, Role.VICE_CHAIR, Role.GROUP_LEADER)


@rule("unitassessment.score")
def can_score_unit(user, plan):
    return plan.status == Plan.Status.PUBLISHED and (is_admin(user) or is_chair(user, plan.issuer))


def is_rater(user, plan: Plan) -> bool:
    """Does `user` run the ratings of `plan` (the issuer's staff or chair)?"""
    return is_admin(user) or has_role(user, plan.issuer, RATER_ROLES)


def leads_unit(user, unit) -> bool:
    return has_role(user, unit, UNIT_LEAD_ROLES)


@selector(UnitAssessment)
def assessments_visible_to(user):
    """The rater sees every assessment of its plans; a unit's lead sees its own."""
    qs = UnitAssessment.objects.select_related("scheme__plan__issuer", "unit", "level")
    if is_admin(user):
        return qs
    return qs.filter(
        Q(scheme__plan__issuer_id__in=unit_ids_with(user, RATER_ROLES))
        | Q(unit_id__in=unit_ids_with(user, UNIT_LEAD_ROLES))
    )


@rule("rating.configure")
def can_configure_rating(user, plan):
    return plan.status != Plan.Status.CLOSED and is_rater(user, plan)


@rule("rating.board")
def can_see_rating_board(user, plan):
    return is_rater(user, plan)


@rule("unitassessment.view")
def can_view_assessment(user, assessment):
    return is_rater(user, assessment.scheme.plan) or leads_unit(user, assessment.unit)


@rule("unitassessment.fill")
def can_fill_assessment(user, assessment):
    return (
        assessment.scheme.plan.status == Plan.Status.PUBLISHED
        and assessment.status != UnitAssessment.Status.FINALISED
        and (is_admin(user) or leads_unit(user, assessment.unit))
    )


@rule("unitassessment.verify")
def can_verify_assessment(user, assessment):
    return (
        assessment.scheme.plan.status == Plan.Status.PUBLISHED
        and assessment.status != UnitAssessment.Status.FINALISED
        and is_rater(user, assessment.scheme.plan)
    )


@rule("unitassessment.extend")
def can_extend_assessment(user, assessment):
    """The rater grants a later deadline until the unit's level is finalised."""
    scheme = assessment.scheme
    return (
        scheme.plan.status == Plan.Status.PUBLISHED
        and scheme.published_at is None
        and assessment.status != UnitAssessment.Status.FINALISED
        and is_rater(user, scheme.plan)
    )


@rule("unitassessment.see_result")
def can_see_result(user, assessment):
    """The verified score and level: the rater at once, the unit once published."""
    if is_rater(user, assessment.scheme.plan):
        return True
    return assessment.scheme.published_at is not None and leads_unit(user, assessment.unit)


@rule("unitassessment.object")
def can_object(user, assessment):
    """Until the checking unit has answered (the window is the service's check)."""
    return (
        assessment.scheme.published_at is not None
        and not assessment.objection_decision
        and leads_unit(user, assessment.unit)
    )


@rule("unitassessment.answer")
def can_answer_objection(user, assessment):
    """The rater answers an objection once, while the plan is open."""
    return (
        assessment.scheme.published_at is not None
        and assessment.objected_at is not None
        and not assessment.objection_decision
        and assessment.scheme.plan.status != Plan.Status.CLOSED
        and is_rater(user, assessment.scheme.plan)
    )


@selector(UnitEvidenceFile)
def unit_evidence_visible_to(user):
    qs = UnitEvidenceFile.objects.select_related("assessment__scheme__plan", "assessment__unit")
    if is_admin(user):
        return qs
    submitted = Q(uploaded_at__lte=F("assessment__submitted_at"))
    return qs.filter(
        Q(assessment__unit_id__in=unit_ids_with(user, UNIT_LEAD_ROLES))
        | (Q(assessment__scheme__plan__issuer_id__in=unit_ids_with(user, RATER_ROLES)) & submitted)
    )


@rule("unitevidence.download")
def can_download_unit_evidence(user, evidence):
    return True  # visibility is decided by unit_evidence_visible_to
