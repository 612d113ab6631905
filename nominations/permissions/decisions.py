"""Who issues, reads and corrects award decisions, and who overrides an overdraw."""

from django.db.models import Q

from nominations.models import Decision
from nominations.permissions.common import committee_roles, leads, on_committee
from portal.models import BCH_ROLES, Role
from portal.permissions import (
    has_role_over,
    is_admin,
    is_chair,
    paths_with,
    rule,
    selector,
    unit_ids_with,
)


@rule("decision.issue")
def can_issue_decision(user, plan):
    return plan is not None and leads(user, plan.issuer)


@rule("decision.correct")
def can_correct_decision(user, decision):
    return decision is not None and leads(user, decision.issuer)


@rule("decision.view")
def can_view_decision(user, decision):
    unit = decision.issuer
    return (
        is_admin(user)
        or has_role_over(user, unit, (Role.FEDERATION_STAFF,))
        or on_committee(user, unit)
        or has_role_over(user, unit, committee_roles(unit))
    )


@rule("fund.override")
def can_override_fund(user, unit):
    """The chair confirms a payment beyond the fund (recorded on the movement)."""
    return is_chair(user, unit) or (
        unit.is_federation and has_role_over(user, unit, (Role.FEDERATION_STAFF,))
    )


@selector(Decision)
def decisions_visible_to(user):
    qs = Decision.objects.select_related("issuer__parent", "plan", "amends")
    if is_admin(user):
        return qs
    query = Q(issuer_id__in=unit_ids_with(user, BCH_ROLES))
    for path in paths_with(user, (Role.FEDERATION_STAFF,)):
        query |= Q(issuer__path__startswith=path)
    return qs.filter(query)
