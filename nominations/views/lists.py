"""Nomination list pages: finalise, publish, objections (W7)."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.models import Plan
from nominations.forms.lists import AnswerForm, ObjectionForm, PublishForm
from nominations.models import Nomination, Objection
from nominations.selectors.lists import dropped_nominations, list_groups, list_of, objections_of
from nominations.selectors.steps import step_reasons
from nominations.services import lists as services
from nominations.steps import Action
from portal.arrival import arrival_time
from portal.permissions import can, policy_view
from portal.vietnamese import format_deadline


def _entries(nomination_list):
    return nomination_list.entries.select_related(
        "nomination__nominee", "nomination__collective", "nomination__title"
    )


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@policy_view("list.view", model=Plan)
def list_page(request, obj):
    plan = obj
    user = request.user
    nomination_list = list_of(plan)
    manage = can(user, "list.manage", plan)
    context = {"plan": plan, "list": nomination_list, "manage": manage}
    if manage:
        action = Action.PUBLISH_LIST if nomination_list else Action.FINALISE_LIST
        reasons = step_reasons(plan, [action])
        context["blocked"] = {
            "finalise": reasons.get(Action.FINALISE_LIST, ""),
            "publish": reasons.get(Action.PUBLISH_LIST, ""),
        }
    if nomination_list is None:
        if manage:
            context["passed"] = Nomination.objects.filter(
                plan=plan, status=Nomination.Status.PASSED
            ).select_related("title", "nominee", "collective")
        return render(request, "nominations/list_page.html", context)
    window = nomination_list.feedback_window
    now = timezone.now()
    objections = objections_of(nomination_list)
    context.update(
        decision=plan.decisions.filter(kind="award").first()
        if can(user, "decision.issue", plan)
        else None,
        can_decide=can(user, "decision.issue", plan),
        groups=list_groups(nomination_list),
        dropped=dropped_nominations(plan),
        window_open=bool(window and window.is_open(now)),
        window_end=format_deadline(window.ends_at) if window else "",
        objections=objections if manage else objections.filter(author=user),
        answer_form=AnswerForm(),
        publish_form=PublishForm(
            initial={"feedback_ends_at": timezone.localtime(now + dt.timedelta(days=5))}
        ),
        objection_form=ObjectionForm(entries=_entries(nomination_list))
        if can(user, "list.object", nomination_list)
        else None,
    )
    return render(request, "nominations/list_page.html", context)


@require_POST
@policy_view("list.manage", model=Plan)
def list_finalise(request, obj):
    try:
        services.finalise_list(plan=obj, actor=request.user)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("Đã chốt danh sách đề nghị."))
    return redirect("nominations:list_page", pk=obj.pk)


@require_POST
@policy_view("list.manage", model=Plan)
def list_publish(request, obj):
    form = PublishForm(request.POST)
    nomination_list = list_of(obj)
    if nomination_list is None:
        messages.error(request, _("Danh sách đề nghị chưa được chốt."))
    elif not form.is_valid():
        messages.error(request, _("Chọn thời điểm hết hạn góp ý."))
    else:
        try:
            services.publish_list(
                nomination_list=nomination_list,
                actor=request.user,
                feedback_ends_at=form.cleaned_data["feedback_ends_at"],
            )
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("Đã công khai danh sách tới đoàn viên."))
    return redirect("nominations:list_page", pk=obj.pk)


@require_POST
@policy_view("list.view", model=Plan)
def objection_submit(request, obj):
    nomination_list = list_of(obj)
    if nomination_list is None:
        messages.error(request, _("Danh sách chưa được công khai."))
        return redirect("nominations:list_page", pk=obj.pk)
    form = ObjectionForm(request.POST, entries=_entries(nomination_list))
    if not form.is_valid():
        messages.error(request, _("Cần ghi nội dung góp ý."))
        return redirect("nominations:list_page", pk=obj.pk)
    try:
        services.submit_objection(
            nomination_list=nomination_list,
            actor=request.user,
            text=form.cleaned_data["text"],
            entry=form.cleaned_data["entry"],
            now=arrival_time(request),
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("Đã gửi góp ý tới Chủ tịch."))
    return redirect("nominations:list_page", pk=obj.pk)


@require_POST
@policy_view("objection.answer", model=Objection)
def objection_answer(request, obj):
    form = AnswerForm(request.POST)
    try:
        services.answer_objection(
            objection=obj,
            actor=request.user,
            answer=form.cleaned_data["answer"] if form.is_valid() else "",
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("Đã trả lời góp ý."))
    return redirect("nominations:list_page", pk=obj.list.plan_id)
