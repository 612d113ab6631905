"""Who may register, survey and withdraw registrations. Registered with the one policy
in portal.permissions (imported by campaigns/permissions/__init__.py)."""

from django.db.models import Q

from campaigns.models import Plan, Registration
from campaigns.selectors.registrations import chair_unit_ids, member_unit_id, overview_units
from portal.models import BCH_ROLES, UNION_MEMBER_ROLES, Role
from portal.permissions import grants, is_admin, rule, selector


@selector(Registration)
def registrations_visible_to(user):
    """Own registrations; the own unit's (collective ones to its members, all of them to
    its BCH); everything below a unit where the user is federation staff."""
    if is_admin(user):
        return Registration.objects.all()
    own_units = [g.unit_id for g in grants(user) if g.role in UNION_MEMBER_ROLES]
    bch_units = [g.unit_id for g in grants(user) if g.role in BCH_ROLES]
    q = Q(member=user) | Q(member__isnull=True, unit_id__in=own_units) | Q(unit_id__in=bch_units)
    for g in grants(user):
        if g.role == Role.FEDERATION_STAFF:
            q |= Q(unit__path__startswith=g.unit_path)
    return Registration.objects.filter(q)


@rule("registration.register")
def can_register(user, plan: Plan):
    """A union member of a unit taking part in the plan registers themselves."""
    return member_unit_id(user, plan) is not None


@rule("registration.register_unit")
def can_register_unit(user, plan: Plan):
    """The chair or vice chair of a unit taking part registers it for collective titles."""
    return bool(chair_unit_ids(user, plan))


@rule("registration.overview")
def can_see_overview(user, plan: Plan):
    """The BCH of a unit taking part, or the federation staff above it."""
    return bool(overview_units(user, plan))
