"""{% nomination_links plan %}: the plan page's way into its review, nominations, votes,
list and incoming dossiers, for those allowed."""

from django import template

from portal.permissions import can

register = template.Library()


@register.inclusion_tag("nominations/_plan_links.html", takes_context=True)
def nomination_links(context, plan):
    user = context["request"].user
    links = {
        "progress": can(user, "nomination.list", plan),
        "review": can(user, "review.board", plan),
        "nominations": can(user, "nomination.list", plan),
        "rounds": can(user, "plan.view", plan) and can(user, "nomination.list", plan),
        "list": can(user, "list.view", plan),
        "incoming": can(user, "dossier.incoming", plan),
    }
    return {"plan": plan, "links": links, "show": any(links.values())}
