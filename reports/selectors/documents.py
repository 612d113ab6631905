"""Reads for documents. Callers have already passed the permission policy for the object
(views fetch it with ``policy_view``); these load everything a document shows in a fixed
number of queries."""

from django.db.models import Prefetch

from campaigns.models import AgendaItem, Milestone, Plan


def plan_for_document(plan_id: int) -> Plan:
    """The plan with its issuer, parent plan and every part its document prints (7 queries)."""
    return (
        Plan.objects.select_related("issuer__parent", "parent__issuer")
        .prefetch_related(
            "sections",
            "phases",
            "criteria",
            "titles",
            Prefetch(
                "milestones",
                queryset=Milestone.objects.order_by("starts_at", "id").prefetch_related(
                    Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("order", "id"))
                ),
            ),
        )
        .get(pk=plan_id)
    )
