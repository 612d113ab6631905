"""Who scores the unit's collective criteria: the chair of the plan's unit (or the
administrator), while the plan is published. Closed plans are read-only."""

from campaigns.models import Plan
from portal.permissions import is_admin, is_chair, rule


@rule("unitassessment.score")
def can_score_unit(user, plan):
    return plan.status == Plan.Status.PUBLISHED and (is_admin(user) or is_chair(user, plan.issuer))
