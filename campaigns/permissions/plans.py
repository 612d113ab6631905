"""Who may see and change plans. Registered with the one policy in portal.permissions."""

from django.db.models import Q

from campaigns.models import Plan
from portal.models import MANAGER_ROLES, OrgUnit
from portal.permissions import grants, has_role, is_admin, paths_with, rule, selector


def _ancestor_paths(path: str) -> list[str]:
    parts = path.strip("/").split("/")
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


@selector(Plan)
def plans_visible_to(user):
    """Plans of the user's units and of the units above them; managers also see the plans
    of every unit below theirs, and the drafts of the units they manage."""
    qs = Plan.objects.select_related("issuer", "parent__issuer")
    if is_admin(user):
        return qs
    own_and_above = {p for g in grants(user) for p in _ancestor_paths(g.unit_path)}
    managed = paths_with(user, MANAGER_ROLES)
    published = Q(issuer__path__in=own_and_above)
    for path in managed:
        published |= Q(issuer__path__startswith=path)
    drafts_ok = Q(issuer__path__in=managed)
    return qs.filter(published & (~Q(status=Plan.Status.DRAFT) | drafts_ok))


def manages(user, unit: OrgUnit) -> bool:
    return is_admin(user) or has_role(user, unit, MANAGER_ROLES)


@rule("plan.view")
def can_view_plan(user, plan):
    return True  # visibility is decided by plans_visible_to


@rule("plan.create")
def can_create_plan(user, unit):
    if unit is None:
        return is_admin(user) or bool(paths_with(user, MANAGER_ROLES))
    return manages(user, unit)


@rule("plan.edit")
def can_edit_plan(user, plan):
    return (
        manages(user, plan.issuer) and plan.status != Plan.Status.CLOSED and not plan.is_historical
    )


@rule("plan.publish")
def can_publish_plan(user, plan):
    return manages(user, plan.issuer) and plan.status == Plan.Status.DRAFT


@rule("plan.close")
def can_close_plan(user, plan):
    return manages(user, plan.issuer) and plan.status == Plan.Status.PUBLISHED


@rule("plan.cascade")
def can_cascade_plan(user, plan):
    """Create our own plan from `plan`: a manager of a unit that may implement it (a unit
    below its issuer, or a party body adopting a union plan; see
    ``campaigns.services.cascade.may_implement``)."""
    from campaigns.services.cascade import may_implement_path

    if plan.status != Plan.Status.PUBLISHED or plan.is_historical:
        return False
    return is_admin(user) or any(
        g.role in MANAGER_ROLES and may_implement_path(plan.issuer, g.unit_path, g.unit_kind)
        for g in grants(user)
    )


@rule("plan.cascade_status")
def can_see_cascade_status(user, plan):
    return manages(user, plan.issuer) or any(
        plan.issuer.path.startswith(p) for p in paths_with(user, MANAGER_ROLES)
    )
