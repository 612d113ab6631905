"""Reads of the member pages (the caller has already asked the policy)."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from portal.models import Membership, OrgUnit, Role
from portal.services.members import BASE_ROLE


@dataclass(frozen=True)
class MemberRow:
    membership: Membership
    roles: tuple[str, ...]  # labels of the roles held besides the base one
    activated: bool


def member_rows(unit: OrgUnit, *, ended: bool = False) -> list[MemberRow]:
    """The unit's members (or former members), with their roles, in three queries."""
    today = timezone.localdate()
    base = Membership.objects.filter(unit=unit, role=BASE_ROLE[unit.kind])
    base = base.filter(ends_on__lt=today) if ended else base.current()
    rows = list(base.select_related("user", "group").order_by("user__sort_name"))
    user_ids = [m.user_id for m in rows]
    roles: dict[int, list[str]] = {}
    others = (
        Membership.objects.current()
        .filter(user__in=user_ids)
        .filter(Q(unit=unit) | Q(unit__parent=unit, role=Role.GROUP_LEADER))
        .exclude(role=BASE_ROLE[unit.kind])
    )
    for user_id, role in others.values_list("user_id", "role"):
        roles.setdefault(user_id, []).append(Role(role).label)
    return [
        MemberRow(
            membership=m,
            roles=tuple(sorted(roles.get(m.user_id, []))),
            activated=m.user.has_usable_password(),
        )
        for m in rows
    ]


def slip_memberships(unit: OrgUnit, ids=None):
    """Current members to print activation slips for: those without a password yet
    (or the chosen ones), with their tổ."""
    qs = (
        Membership.objects.current()
        .filter(unit=unit, role=BASE_ROLE[unit.kind])
        .select_related("user", "group", "unit")
        .order_by("group__name", "user__sort_name")
    )
    if ids:
        return list(qs.filter(pk__in=ids))
    return [m for m in qs if not m.user.has_usable_password()]
