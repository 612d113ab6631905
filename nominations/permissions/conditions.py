"""Who may manage collective conditions (điều kiện tập thể)."""

from django.db.models import Q

from nominations.models import CollectiveCondition
from nominations.permissions.common import federation_q, leads
from portal.models import BCH_ROLES, Role
from portal.permissions import is_admin, rule, selector, unit_ids_with


@rule("condition.manage")
def can_manage_conditions(user, plan):
    return plan is not None and leads(user, plan.issuer) and plan.status != "closed"


@selector(CollectiveCondition)
def conditions_visible_to(user):
    """Conditions on the titles of the plans of units the user sits on the committee of,
    or is federation staff above."""
    qs = CollectiveCondition.objects.select_related("title__plan__issuer", "member_title")
    if is_admin(user):
        return qs
    committee = unit_ids_with(user, (*BCH_ROLES, Role.FEDERATION_STAFF))
    return qs.filter(
        Q(title__plan__issuer_id__in=committee) | federation_q(user, "title__plan__issuer")
    )


@rule("condition.remove")
def can_remove_condition(user, condition):
    return can_manage_conditions(user, condition.title.plan)
