"""The chair's progress page of one plan: where each step of its review stands."""

from django.shortcuts import render
from django.utils import timezone

from campaigns.models import Plan
from nominations.selectors.progress import plan_progress
from portal.permissions import can, policy_view


@policy_view("nomination.list", model=Plan)
def plan_progress_view(request, obj):
    """The chair's progress view: where each step of the plan's review stands."""
    plan = obj
    return render(
        request,
        "nominations/plan_progress.html",
        {
            "plan": plan,
            "progress": plan_progress(request.user, plan, timezone.now()),
            "review_access": can(request.user, "review.board", plan),
            "incoming_access": can(request.user, "dossier.incoming", plan),
        },
    )
