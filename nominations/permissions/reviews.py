"""Who may see the review board, score reports and finalise the review."""

from nominations.permissions.common import leads, on_committee
from portal.models import Role
from portal.permissions import has_role_over, is_admin, is_bch, rule

# --- review -------------------------------------------------------------------------------


@rule("review.board")
def can_see_review_board(user, plan):
    """The plan's BCH, federation staff above, administrators (read only)."""
    unit = plan.issuer
    return (
        is_admin(user) or is_bch(user, unit) or has_role_over(user, unit, (Role.FEDERATION_STAFF,))
    )


@rule("review.score")
def can_score(user, report):
    """A BCH member of the report's union, never on their own report."""
    return (
        report.status == "submitted"
        and report.member_id != user.pk
        and on_committee(user, report.unit)
    )


@rule("review.view_scores")
def can_view_scores(user, report):
    """Everyone who sees the review board sees the scores of a report on it — except the
    report's author, who is not shown who gave what."""
    return report.member_id != user.pk and can_see_review_board(user, report.plan)


@rule("review.finalise")
def can_finalise_review(user, plan):
    return plan is not None and leads(user, plan.issuer)
