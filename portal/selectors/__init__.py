"""Permission-aware reads for the portal's own pages."""

from django.db.models import Q

from portal.models import MANAGER_ROLES, AuditEntry
from portal.permissions import is_admin, paths_with


def audit_entries_visible_to(user):
    """Administrators read the whole log; managers read the entries of their subtrees."""
    qs = AuditEntry.objects.select_related("unit")
    if is_admin(user):
        return qs
    q = Q(pk__in=[])
    for path in paths_with(user, MANAGER_ROLES):
        q |= Q(unit__path__startswith=path)
    return qs.filter(q)
