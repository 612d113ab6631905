"""{% cluster_links plan %}: the plan page's way into its emulation clusters."""

from django import template

from campaigns.models import Cluster
from portal.permissions import can, visible_to

register = template.Library()


@register.inclusion_tag("campaigns/clusters/_plan_links.html", takes_context=True)
def cluster_links(context, plan):
    """The plan's clusters the user sees, and the staff's way to create one."""
    user = context["request"].user
    clusters = list(visible_to(user, Cluster).filter(plan=plan).order_by("kind", "name"))
    may_create = can(user, "cluster.create", plan)
    return {
        "show": may_create or bool(clusters),
        "plan": plan,
        "clusters": clusters,
        "may_create": may_create,
    }
