"""What the site shell needs on every page: which menu entries this person may use."""

from portal.models import PARTY_ROLES
from portal.permissions import can, grants


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = {g.role for g in grants(user)}
    return {
        "nav": {
            "party": user.is_superuser or bool(roles & set(PARTY_ROLES)),
            "audit": can(user, "audit.view"),
            "units": can(user, "units.browse"),
            "admin": user.is_staff,
        }
    }
