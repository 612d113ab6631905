"""Shared answers of reports/ permissions: who manages a unit or a unit above it."""

from django.db.models import Q

from portal.models import MANAGER_ROLES, OrgUnit
from portal.permissions import has_role_over, is_admin, paths_with


def _managed_subtrees_q(user, prefix: str) -> Q:
    q = Q(pk__in=[])
    for path in paths_with(user, MANAGER_ROLES):
        q |= Q(**{f"{prefix}path__startswith": path})
    return q


def manages_over(user, unit: OrgUnit) -> bool:
    """A manager (chair, vice-chair, federation staff, secretary) of `unit` or above it."""
    return is_admin(user) or has_role_over(user, unit, MANAGER_ROLES)
