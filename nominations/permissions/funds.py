"""Who reads and keeps a unit's emulation and reward fund."""

from nominations.permissions.common import leads, on_committee
from portal.models import Role
from portal.permissions import has_role_over, is_admin, rule


@rule("fund.view")
def can_view_fund(user, unit):
    return unit is not None and (
        is_admin(user)
        or on_committee(user, unit)
        or has_role_over(user, unit, (Role.FEDERATION_STAFF,))
    )


@rule("fund.manage")
def can_manage_fund(user, unit):
    return unit is not None and leads(user, unit)
