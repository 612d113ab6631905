"""{% selfreport_links plan %}: the plan page's way into its self-reports."""

from django import template

from campaigns.deadlines import format_deadline
from campaigns.models import Target
from campaigns.selectors.selfreports import self_report_milestone
from portal.permissions import can

register = template.Library()


@register.inclusion_tag("campaigns/selfreports/_plan_links.html", takes_context=True)
def selfreport_links(context, plan):
    """Links to the member's own report and to the BCH's overview, for those allowed."""
    milestone = self_report_milestone(plan)
    if milestone is None:
        return {"show": False}
    user = context["request"].user
    may_fill = can(user, "selfreport.fill", plan)
    may_overview = can(user, "selfreport.overview", plan)
    may_score_unit = (
        can(user, "unitassessment.score", plan)
        and plan.criteria.filter(target=Target.COLLECTIVE).exists()
    )
    return {
        "show": may_fill or may_overview or may_score_unit,
        "may_score_unit": may_score_unit,
        "plan": plan,
        "may_fill": may_fill,
        "may_overview": may_overview,
        "deadline_text": format_deadline(milestone.ends_at),
    }
