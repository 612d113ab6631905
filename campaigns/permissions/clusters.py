"""Who may see and act on emulation clusters.

- The federation's staff create clusters on the federation's plan, assign units, set the
  head and deputy, and see every cluster of their federation.
- A member unit's chair (or vice chair) sees its cluster, confirms the pact and scores
  the other members.
- The head unit's chair also writes the pact (with the staff), sees the consolidation,
  records the year-end meeting and proposes the cluster's best units.
"""

from django.db.models import Q

from campaigns.models import Cluster, Plan
from portal.models import OrgUnit, Role
from portal.permissions import has_role, is_admin, rule, selector, unit_ids_with

STAFF_ROLES = (Role.FEDERATION_STAFF,)
CHAIR_ROLES = (Role.CHAIR, Role.VICE_CHAIR)


def is_cluster_staff(user, cluster: Cluster) -> bool:
    return is_admin(user) or has_role(user, cluster.federation, STAFF_ROLES)


def chaired_member(user, cluster: Cluster) -> OrgUnit | None:
    """The member unit of `cluster` the user chairs, if any."""
    ids = unit_ids_with(user, CHAIR_ROLES)
    if not ids:
        return None
    member = cluster.members.filter(unit_id__in=ids).select_related("unit").first()
    return member.unit if member else None


def chairs_head(user, cluster: Cluster) -> bool:
    return cluster.head_id is not None and cluster.head_id in unit_ids_with(user, CHAIR_ROLES)


@selector(Cluster)
def clusters_visible_to(user):
    qs = Cluster.objects.select_related("federation", "plan", "head", "deputy")
    if is_admin(user):
        return qs
    return qs.filter(
        Q(federation_id__in=unit_ids_with(user, STAFF_ROLES))
        | Q(members__unit_id__in=unit_ids_with(user, CHAIR_ROLES))
    ).distinct()


@rule("cluster.create")
def can_create_cluster(user, plan):
    return (
        plan is not None
        and plan.status != Plan.Status.CLOSED
        and plan.issuer.kind in OrgUnit.FEDERATION_KINDS
        and (is_admin(user) or has_role(user, plan.issuer, STAFF_ROLES))
    )


@rule("cluster.list")
def can_list_clusters(user, obj=None):
    return is_admin(user) or bool(unit_ids_with(user, STAFF_ROLES + CHAIR_ROLES))


@rule("cluster.view")
def can_view_cluster(user, cluster):
    return is_cluster_staff(user, cluster) or chaired_member(user, cluster) is not None


@rule("cluster.manage")
def can_manage_cluster(user, cluster):
    return cluster.plan.status != Plan.Status.CLOSED and is_cluster_staff(user, cluster)


@rule("cluster.pact")
def can_write_pact(user, cluster):
    return cluster.plan.status != Plan.Status.CLOSED and (
        is_cluster_staff(user, cluster) or chairs_head(user, cluster)
    )


@rule("cluster.member")
def can_act_as_member(user, cluster):
    """Confirm the pact, score the others: a member unit's chair."""
    return cluster.plan.status != Plan.Status.CLOSED and chaired_member(user, cluster) is not None


@rule("cluster.consolidation")
def can_see_consolidation(user, cluster):
    return is_cluster_staff(user, cluster) or chairs_head(user, cluster)


@rule("cluster.lead")
def can_lead(user, cluster):
    """Record the year-end meeting and propose the best units: the head's chair."""
    return cluster.plan.status != Plan.Status.CLOSED and chairs_head(user, cluster)
