"""Permission-aware reads for plans."""

from campaigns.models import Plan
from portal.permissions import visible_to


def plans_for_list(user):
    """Plans the user may see, newest first, with what a list row shows."""
    return visible_to(user, Plan).order_by("-year", "-issued_on", "-id")
