"""What every write of nominations/ starts with."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from portal.permissions import can


def require(actor, action: str, obj, message: str | None = None) -> None:
    """Raise PermissionDenied (with `message`, else the general one) unless the policy
    lets `actor` do `action` on `obj`."""
    if not can(actor, action, obj):
        raise PermissionDenied(message or _("Bạn không có quyền thực hiện thao tác này."))
