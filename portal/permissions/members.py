"""Rules for managing units, members and their accounts (registered with the policy)."""

from django.db.models import Q

from portal.models import Membership, OrgUnit, Role
from portal.permissions import (
    grants,
    has_role,
    has_role_over,
    is_admin,
    is_bch,
    is_chair,
    paths_with,
    rule,
    selector,
)

FEDERATION = (Role.FEDERATION_STAFF,)
PARTY_MANAGERS = (Role.CELL_SECRETARY, Role.CELL_COMMITTEE)
MEMBER_UNIT_KINDS = (OrgUnit.Kind.GRASSROOTS_UNION, OrgUnit.Kind.PARTY_CELL)


def manages_members(user, unit: OrgUnit) -> bool:
    """The chair of a CĐCS, the party side above a chi bộ, federation staff above both."""
    if unit is None or unit.kind not in MEMBER_UNIT_KINDS:
        return False
    if is_admin(user) or has_role_over(user, unit, FEDERATION):
        return True
    if unit.kind == OrgUnit.Kind.GRASSROOTS_UNION:
        return is_chair(user, unit)
    return has_role_over(user, unit, PARTY_MANAGERS)


@rule("members.view")
def can_view_members(user, unit):
    """Who may read a unit's member list (with phone numbers): its managers and its BCH."""
    return manages_members(user, unit) or (unit is not None and is_bch(user, unit))


@rule("members.manage")
def can_manage_members(user, unit):
    return unit is not None and unit.closed_on is None and manages_members(user, unit)


@rule("member.view")
def can_view_member(user, membership):
    return can_view_members(user, membership.unit)


@rule("member.manage")
def can_manage_member(user, membership):
    return membership.ends_on is None and can_manage_members(user, membership.unit)


@selector(Membership)
def memberships_visible_to(user):
    """Memberships of the units whose member list the user may read."""
    qs = Membership.objects.select_related("user", "unit", "group")
    if is_admin(user):
        return qs
    q = Q(pk__in=[])
    for path in paths_with(user, FEDERATION):
        q |= Q(unit__path__startswith=path)
    for path in paths_with(user, PARTY_MANAGERS):
        q |= Q(unit__path__startswith=path, unit__kind=OrgUnit.Kind.PARTY_CELL)
    own = {g.unit_id for g in grants(user) if g.role in (Role.CHAIR, Role.VICE_CHAIR, *BCH)}
    q |= Q(unit__in=own)
    return qs.filter(q)


BCH = (Role.BCH_MEMBER,)


def _creatable_kinds(user, parent: OrgUnit) -> tuple[str, ...]:
    kinds = ()
    federation = is_admin(user) or has_role_over(user, parent, FEDERATION)
    if parent.is_federation and federation:
        kinds += (OrgUnit.Kind.GRASSROOTS_UNION, OrgUnit.Kind.SECTOR_UNION)
    if parent.kind == OrgUnit.Kind.GRASSROOTS_UNION and (federation or is_chair(user, parent)):
        kinds += (OrgUnit.Kind.UNION_GROUP,)
    if parent.kind == OrgUnit.Kind.PARTY_COMMITTEE and (
        is_admin(user) or has_role_over(user, parent, PARTY_MANAGERS)
    ):
        kinds += (OrgUnit.Kind.PARTY_CELL,)
    return kinds


def creatable_kinds(user, parent: OrgUnit) -> tuple[str, ...]:
    """The kinds of unit `user` may create directly beneath `parent` (none if closed)."""
    if parent.closed_on is not None or not user.is_authenticated:
        return ()
    return _creatable_kinds(user, parent)


@rule("units.create_under")
def can_create_under(user, parent):
    return parent is not None and bool(creatable_kinds(user, parent))


@rule("unit.manage")
def can_manage_unit(user, unit):
    """Rename, move, close: those who may create this kind of unit under its parent."""
    if unit is None or unit.parent is None or unit.closed_on is not None:
        return False
    if has_role(user, unit, (Role.FEDERATION_STAFF, Role.CHAIR, *PARTY_MANAGERS)):
        return False  # nobody manages the unit they work in from inside it
    return unit.kind in creatable_kinds(user, unit.parent)


@rule("units.browse")
def can_browse_units(user, obj):
    return is_admin(user) or bool(paths_with(user, (*FEDERATION, *PARTY_MANAGERS, Role.CHAIR)))
