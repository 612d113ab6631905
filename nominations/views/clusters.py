"""The cluster head's proposal: the cluster's units by their cross-scoring rank, and for
each a collective title of the federation's plan (or none)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from campaigns.forms.common import pk_of
from campaigns.models import Cluster, Target
from campaigns.selectors.clusters import consolidation
from nominations.models import ClusterProposal
from nominations.services.clusters import Pick, propose_from_cluster
from portal.permissions import can, policy_view
from portal.vietnamese import format_deadline


@policy_view("cluster.consolidation", model=Cluster)
def cluster_proposal(request, obj):
    cluster = obj
    board = consolidation(cluster)
    titles = list(cluster.plan.titles.filter(target=Target.COLLECTIVE).order_by("order", "id"))
    by_id = {t.pk: t for t in titles}
    errors, chosen = [], {}
    if request.method == "POST":
        picks = []
        for standing in board.standings:
            raw = request.POST.get(f"title_{standing.unit.pk}", "")
            title = by_id.get(pk_of(raw))
            chosen[standing.unit.pk] = raw
            if title is not None:
                text = request.POST.get(f"note_{standing.unit.pk}", "")
                picks.append(Pick(standing.unit, title, text))
        try:
            made = propose_from_cluster(cluster=cluster, actor=request.user, picks=picks)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(
                request,
                _("Đã gửi %(n)s đề nghị lên %(unit)s.")
                % {"n": len(made), "unit": cluster.federation.name},
            )
            return redirect("nominations:cluster_proposal", cluster.pk)
    proposals = list(
        ClusterProposal.objects.filter(cluster=cluster).select_related(
            "nomination__title", "nomination__collective"
        )
    )
    context = {
        "cluster": cluster,
        "board": board,
        "titles": titles,
        "chosen": chosen,
        "proposals": proposals,
        "errors": errors,
        "may_propose": can(request.user, "cluster.lead", cluster) and not cluster.proposed_at,
        "deadline_text": format_deadline(cluster.scoring_ends_at),
    }
    return render(
        request, "nominations/clusters/proposal.html", context, status=400 if errors else 200
    )
