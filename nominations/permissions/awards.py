"""Who reads award history: each member their own; the BCH its union's; a federation its
units'; the administrator all."""

from nominations.permissions.common import on_committee
from portal.models import Role
from portal.permissions import has_role_over, is_admin, rule


@rule("history.unit")
def can_view_unit_history(user, unit):
    return unit is not None and (
        is_admin(user)
        or on_committee(user, unit)
        or has_role_over(user, unit, (Role.FEDERATION_STAFF,))
    )


@rule("history.own")
def can_view_own_history(user, obj):
    return True
