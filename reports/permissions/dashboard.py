"""Who may see the federation's dashboard, export its files and edit the summary report."""

from portal.models import MANAGER_ROLES, OrgUnit
from portal.permissions import has_role, is_admin, rule, selector
from reports.models import Artifact
from reports.permissions.common import _managed_subtrees_q, manages_over


@rule("report.dashboard")
def can_see_dashboard(user, plan):
    """The figures of a plan's cascade: managers of its issuer and of the units above."""
    return plan is not None and manages_over(user, plan.issuer)


@rule("report.city_dashboard")
def can_see_city_dashboard(user, plan):
    """A city federation's plan, one row per district: the managers of the city (and
    admins). A district's staff drill down from their own dashboard, not up."""
    return (
        plan is not None
        and plan.issuer.kind == OrgUnit.Kind.CITY_FEDERATION
        and manages_over(user, plan.issuer)
    )


@rule("report.export")
def can_export(user, plan):
    """Make the workbook or summary report of a plan: the same people as the dashboard."""
    return plan is not None and manages_over(user, plan.issuer)


@rule("report.summary_edit")
def can_edit_summary(user, plan):
    """Write the summary report's narrative: the managers of the plan's issuer itself."""
    return plan is not None and (is_admin(user) or has_role(user, plan.issuer, MANAGER_ROLES))


@selector(Artifact)
def artifacts_visible_to(user):
    """Files of the units the user manages and of the units below them."""
    qs = Artifact.objects.select_related("plan__issuer", "unit")
    if is_admin(user):
        return qs
    return qs.filter(_managed_subtrees_q(user, "unit__"))


@rule("artifact.view")
def can_view_artifact(user, artifact):
    return True  # visibility is decided by artifacts_visible_to
