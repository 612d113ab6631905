"""Helpers shared by the due providers of nominations/."""

from campaigns.models import Milestone


def milestone_end(plan_id, kind):
    return (
        Milestone.objects.filter(plan_id=plan_id, kind=kind)
        .order_by("-ends_at")
        .values_list("ends_at", flat=True)
        .first()
    )
