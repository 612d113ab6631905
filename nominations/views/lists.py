"""Nomination list and dossier pages (W7)."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.models import Plan
from nominations.forms import AnswerForm, AttachmentForm, ObjectionForm, PublishForm, ReasonForm
from nominations.models import Dossier, DossierAttachment, Nomination, Objection
from nominations.selectors.lists import (
    dossier_contents,
    dropped_nominations,
    incoming_dossiers,
    list_groups,
    list_of,
    objections_of,
)
from nominations.selectors.steps import forward_blocked_reason, step_reasons
from nominations.services import dossiers as dossier_services
from nominations.services import lists as services
from nominations.steps import Action
from portal.permissions import can, policy_view
from portal.vietnamese import format_deadline


def _entries(nomination_list):
    return nomination_list.entries.select_related("nomination__nominee", "nomination__collective")


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


@require_POST
@policy_view("dossier.prepare", model=Nomination)
def dossier_prepare(request, obj):
    try:
        dossier = dossier_services.prepare_dossier(nomination=obj, actor=request.user)
    except ValidationError as error:
        _errors(request, error)
        return redirect("nominations:list_page", pk=obj.plan_id)
    return redirect("nominations:dossier_detail", pk=dossier.pk)


@policy_view("dossier.view", model=Dossier)
def dossier_detail(request, obj):
    user = request.user
    return render(
        request,
        "nominations/dossier_detail.html",
        {
            "dossier": obj,
            "contents": dossier_contents(obj),
            "manage": can(user, "dossier.manage", obj),
            "forward_blocked": forward_blocked_reason(obj),
            "decide": can(user, "dossier.decide", obj),
            "attachment_form": AttachmentForm(),
            "reason_form": ReasonForm(),
        },
    )


def _dossier_action(request, dossier, action, success, **kwargs):
    try:
        action(dossier=dossier, actor=request.user, **kwargs)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, success)
    return redirect("nominations:dossier_detail", pk=dossier.pk)


@require_POST
@policy_view("dossier.manage", model=Dossier)
def dossier_attach(request, obj):
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Chọn loại tài liệu và tệp."))
        return redirect("nominations:dossier_detail", pk=obj.pk)
    return _dossier_action(
        request,
        obj,
        dossier_services.add_dossier_attachment,
        _("Đã thêm tài liệu."),
        file=form.cleaned_data["file"],
        kind=form.cleaned_data["kind"],
    )


@require_POST
@policy_view("dossier.manage", model=Dossier)
def dossier_forward(request, obj):
    return _dossier_action(
        request, obj, dossier_services.forward_dossier, _("Đã gửi hồ sơ lên cấp trên.")
    )


@require_POST
@policy_view("dossier.decide", model=Dossier)
def dossier_receive(request, obj):
    return _dossier_action(request, obj, dossier_services.receive_dossier, _("Đã tiếp nhận hồ sơ."))


@require_POST
@policy_view("dossier.decide", model=Dossier)
def dossier_return(request, obj):
    form = ReasonForm(request.POST)
    return _dossier_action(
        request,
        obj,
        dossier_services.return_dossier,
        _("Đã trả lại hồ sơ để bổ sung."),
        reason=form.cleaned_data["reason"] if form.is_valid() else "",
    )


@policy_view("dossier.incoming", model=Plan)
def incoming(request, obj):
    return render(
        request,
        "nominations/incoming.html",
        {"plan": obj, "dossiers": incoming_dossiers(request.user, obj)},
    )


@policy_view("dossier.download", model=DossierAttachment)
def attachment_download(request, obj):
    """Served only through the policy, always as an attachment."""
    return FileResponse(
        obj.file.open("rb"), as_attachment=True, filename=obj.original_name, content_type=obj.mime
    )
