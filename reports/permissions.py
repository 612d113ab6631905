"""Who may download which document. Registered with the one policy in portal.permissions.

A document is read with the rule of the object it comes from: the plan's PDF and its
ceremony programme with "plan.view" (campaigns/permissions.py), so whoever sees the plan
sees its documents and an invisible plan answers 404 for its documents too.

The federation's figures (dashboard, workbook, summary report) and the files generated
from them belong to the managers of a unit and of the units above it: a unit sees its own
documents, the federation its subtree's, and another branch's files do not exist for
anyone else (404). Periodic reports are written by the managers (chair, vice-chair) of the
reporting unit and read by them and by the managers above.
"""

from django.db.models import Q

from portal.models import BCH_ROLES, MANAGER_ROLES, OrgUnit
from portal.permissions import has_role, has_role_over, is_admin, paths_with, rule, selector
from reports.models import Artifact, PeriodicReport


def _managed_subtrees_q(user, prefix: str) -> Q:
    q = Q(pk__in=[])
    for path in paths_with(user, MANAGER_ROLES):
        q |= Q(**{f"{prefix}path__startswith": path})
    return q


def manages_over(user, unit: OrgUnit) -> bool:
    """A manager (chair, vice-chair, federation staff, secretary) of `unit` or above it."""
    return is_admin(user) or has_role_over(user, unit, MANAGER_ROLES)


@rule("report.dashboard")
def can_see_dashboard(user, plan):
    """The figures of a plan's cascade: managers of its issuer and of the units above."""
    return plan is not None and manages_over(user, plan.issuer)


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


# --- documents of the nominations: list, minutes, dossiers, certificates ------------------
# A unit's committee and the managers of the unit and above (the federation its subtree)
# download them; anyone who does not see the plan, round or dossier gets 404 from its
# selector, a member who sees it but may not have the document 403.


def _committee_or_above(user, unit: OrgUnit) -> bool:
    return manages_over(user, unit) or has_role(user, unit, BCH_ROLES)


@rule("document.nomination_list")
def can_download_nomination_list(user, plan):
    """The list PDF: whoever reads the list page (the committee, the consulted bodies, the
    federation above; once published every member of the unit) and the managers above."""
    from nominations.permissions.lists import can_view_list

    return manages_over(user, plan.issuer) or can_view_list(user, plan)


@rule("document.review_minutes")
def can_download_review_minutes(user, plan):
    return _committee_or_above(user, plan.issuer)


@rule("document.vote_minutes")
def can_download_vote_minutes(user, round):
    return _committee_or_above(user, round.unit)


@rule("document.dossier")
def can_download_dossier(user, dossier):
    """The sending unit's committee and managers above it, the receiving plan's managers."""
    return _committee_or_above(user, dossier.nomination.plan.issuer) or manages_over(
        user, dossier.target_plan.issuer
    )


@rule("document.certificates")
def can_download_certificates(user, plan):
    """The certificates are printed by the managers of the unit and above."""
    return manages_over(user, plan.issuer)
