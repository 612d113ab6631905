"""{% rating_links plan %}: the plan page's way into its unit ratings."""

from django import template

from campaigns.deadlines import format_deadline
from campaigns.models import RatingScheme
from campaigns.permissions.unitassessments import UNIT_LEAD_ROLES
from portal.permissions import can, unit_ids_with

register = template.Library()


@register.inclusion_tag("campaigns/ratings/_plan_links.html", takes_context=True)
def rating_links(context, plan):
    """The rater's board (and setup) and the rated unit's own assessment."""
    user = context["request"].user
    scheme = RatingScheme.objects.filter(plan=plan).first()
    may_board = can(user, "rating.configure", plan) or (
        scheme is not None and can(user, "rating.board", plan)
    )
    own = []
    if scheme is not None:
        own = list(
            scheme.assessments.filter(
                unit_id__in=unit_ids_with(user, UNIT_LEAD_ROLES)
            ).select_related("unit")
        )
    return {
        "show": may_board or bool(own),
        "plan": plan,
        "scheme": scheme,
        "own": own,
        "may_board": may_board,
        "deadline_text": format_deadline(scheme.ends_at) if scheme else "",
    }
