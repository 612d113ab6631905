"""Who may write and read periodic reports."""

from portal.models import MANAGER_ROLES
from portal.permissions import has_role, is_admin, rule, selector
from reports.models import PeriodicReport
from reports.permissions.common import _managed_subtrees_q, manages_over


@selector(PeriodicReport)
def periodic_reports_visible_to(user):
    """Reports of the units the user manages and of the units below them."""
    qs = PeriodicReport.objects.select_related("plan__issuer", "unit", "milestone", "sent_by")
    if is_admin(user):
        return qs
    return qs.filter(_managed_subtrees_q(user, "unit__"))


@rule("periodic.view")
def can_view_periodic(user, report):
    return True  # visibility is decided by periodic_reports_visible_to


@rule("periodic.write")
def can_write_periodic(user, unit):
    """Write and send a unit's periodic report: a manager of that unit itself."""
    return unit is not None and (is_admin(user) or has_role(user, unit, MANAGER_ROLES))


@rule("periodic.list")
def can_list_periodic(user, plan):
    """The periodic reports sent up for a plan: managers of its issuer and above."""
    return plan is not None and manages_over(user, plan.issuer)
