"""Who may see, propose, give opinions on and withdraw nominations."""

from django.db.models import Q

from nominations.models import Nomination
from nominations.permissions.common import (
    bodies_of,
    consulted_unit_ids,
    federation_q,
    leads,
    on_committee,
)
from portal.models import BCH_ROLES, Role
from portal.permissions import has_role_over, is_admin, rule, selector, unit_ids_with

# --- nominations ----------------------------------------------------------------------


@selector(Nomination)
def nominations_visible_to(user):
    """The unit's BCH, the consulted bodies, federation staff above the unit."""
    qs = Nomination.objects.select_related("plan__issuer", "title", "nominee", "collective")
    if is_admin(user):
        return qs
    units = unit_ids_with(user, BCH_ROLES) | consulted_unit_ids(user)
    return qs.filter(Q(plan__issuer_id__in=units) | federation_q(user, "plan__issuer"))


@rule("nomination.view")
def can_view_nomination(user, nomination):
    return True  # visibility is decided by nominations_visible_to


@rule("nomination.list")
def can_list_nominations(user, plan):
    """The plan's BCH, the consulted bodies, federation staff above, administrators."""
    unit = plan.issuer
    return (
        is_admin(user)
        or on_committee(user, unit)
        or bool(bodies_of(user, unit))
        or has_role_over(user, unit, (Role.FEDERATION_STAFF,))
    )


@rule("nomination.propose")
def can_propose(user, plan):
    """The BCH of the plan's issuing unit proposes nominees."""
    return plan is not None and on_committee(user, plan.issuer)


@rule("nomination.give_opinion")
def can_give_opinion(user, nomination):
    return bool(bodies_of(user, nomination.plan.issuer))


@rule("nomination.give_opinions")
def can_give_opinions(user, plan):
    """The consulted bodies (chi bộ committee, school board) on the plan's one page."""
    return bool(bodies_of(user, plan.issuer))


@rule("nomination.withdraw")
def can_withdraw(user, nomination):
    return leads(user, nomination.plan.issuer)
