"""Plan pages. Thin: fetch through the policy, call a service, render."""

from django.shortcuts import render

from campaigns.models import Plan
from campaigns.selectors import plans_for_list
from portal.permissions import login_view, policy_view


@login_view
def plan_list(request):
    return render(request, "campaigns/plan_list.html", {"plans": plans_for_list(request.user)})


@policy_view("plan.view", model=Plan)
def plan_detail(request, obj):
    plan = obj
    return render(request, "campaigns/plan_detail.html", {"plan": plan})
