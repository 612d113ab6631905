"""Dossier pages: prepare, attach, forward, receive, return, incoming (W7)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.models import Plan
from campaigns.uploads import served_name
from nominations.forms.common import ReasonForm
from nominations.forms.dossiers import AttachmentForm
from nominations.models import Dossier, DossierAttachment, Nomination
from nominations.selectors.dossiers import dossier_contents, incoming_dossiers
from nominations.selectors.steps import forward_blocked_reason
from nominations.services import dossiers as dossier_services
from nominations.views.lists import _errors
from portal.permissions import can, policy_view


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
        title=form.cleaned_data["title"].strip(),
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
        {
            "plan": obj,
            "dossiers": incoming_dossiers(request.user, obj),
            "can_decide": can(request.user, "decision.issue", obj),
        },
    )


@policy_view("dossier.download", model=DossierAttachment)
def attachment_download(request, obj):
    """Served only through the policy, always as an attachment."""
    return FileResponse(
        obj.file.open("rb"),
        as_attachment=True,
        filename=served_name(obj.original_name, obj.mime),
        content_type=obj.mime,
    )
