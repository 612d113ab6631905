"""The collective conditions of a plan's titles: read by the committee, set by the unit's
leaders."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.models import Plan
from nominations.forms.conditions import CollectiveConditionForm
from nominations.models import CollectiveCondition
from nominations.selectors.reviews import conditions_for
from nominations.services import conditions as services
from portal.permissions import can, policy_view


@policy_view("review.board", model=Plan)
def condition_list(request, obj):
    plan = obj
    titles = plan.titles.filter(target="collective").select_related("inherited_from")
    return render(
        request,
        "nominations/conditions.html",
        {
            "plan": plan,
            "rows": [(t, conditions_for(t)) for t in titles],
            "own": CollectiveCondition.objects.filter(title__plan=plan).select_related(
                "title", "member_title"
            ),
            "form": CollectiveConditionForm(plan=plan)
            if can(request.user, "condition.manage", plan)
            else None,
        },
    )


@require_POST
@policy_view("condition.manage", model=Plan)
def condition_add(request, obj):
    form = CollectiveConditionForm(request.POST, plan=obj)
    if not form.is_valid():
        messages.error(request, _("Điều kiện chưa hợp lệ."))
        return redirect("nominations:condition_list", pk=obj.pk)
    data = form.cleaned_data
    try:
        services.add_collective_condition(
            title=data["title"],
            member_title=data["member_title"],
            min_share=form.min_share(),
            strict=data["strict"],
            min_count=data["min_count"],
            actor=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã thêm điều kiện."))
    return redirect("nominations:condition_list", pk=obj.pk)


@require_POST
@policy_view("condition.remove", model=CollectiveCondition)
def condition_remove(request, obj):
    plan_id = obj.title.plan_id
    services.remove_collective_condition(condition=obj, actor=request.user)
    messages.success(request, _("Đã bỏ điều kiện."))
    return redirect("nominations:condition_list", pk=plan_id)
