"""Who may download the documents of the nominations: list, minutes, dossiers, certificates."""

from portal.models import BCH_ROLES, OrgUnit
from portal.permissions import has_role, rule
from reports.permissions.common import manages_over

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
