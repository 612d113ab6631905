"""Importing a member sheet: template, upload, preview, confirm or drop."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.forms.members import ImportUploadForm
from portal.models import MemberImport, OrgUnit
from portal.permissions import authorize, can, login_view, policy_view, visible_to
from portal.services import import_matching, import_sheets, imports

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@policy_view("members.manage", model=OrgUnit)
def import_template(request, obj):
    kind = request.GET.get("loai", MemberImport.Kind.MEMBERS)
    if kind not in MemberImport.Kind.values:
        raise Http404
    name = "mau-danh-sach-doan-vien.xlsx" if kind == "members" else "mau-khen-thuong.xlsx"
    response = HttpResponse(import_sheets.template_workbook(kind), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@policy_view("members.manage", model=OrgUnit)
def import_upload(request, obj):
    unit = obj
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            member_import = imports.start_import(
                unit=unit,
                actor=request.user,
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            return redirect("import_preview", token=member_import.token)
    return render(
        request,
        "portal/members/import_upload.html",
        {
            "unit": unit,
            "form": form,
            "max_mb": import_sheets.MAX_BYTES // (1024 * 1024),
            "max_rows": import_sheets.MAX_ROWS,
        },
    )


def _import_for(user, token: str) -> MemberImport:
    """The import, if the user may see its unit's members (404) and manage them (403)."""
    member_import = MemberImport.objects.select_related("unit").filter(token=token).first()
    if (
        member_import is None
        or not visible_to(user, OrgUnit).filter(pk=member_import.unit_id).exists()
    ):
        raise Http404
    if not can(user, "members.view", member_import.unit):
        raise Http404
    authorize(user, "members.manage", member_import.unit)
    return member_import


@login_view
def import_preview(request, token):
    member_import = _import_for(request.user, token)
    preview = None
    error = None
    if member_import.status == MemberImport.Status.PREVIEW:
        try:
            preview = import_matching.preview_import(member_import)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return render(
        request,
        "portal/members/import_preview.html",
        {"import": member_import, "unit": member_import.unit, "preview": preview, "error": error},
    )


@require_POST
@login_view
def import_confirm(request, token):
    member_import = _import_for(request.user, token)
    try:
        preview = imports.confirm_import(member_import=member_import, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("import_preview", token=token)
    counts = preview.counts
    messages.success(
        request,
        _(
            "Đã nhập: %(new)s mới, %(updated)s cập nhật, %(unchanged)s không đổi; "
            "%(error)s dòng bị từ chối."
        )
        % {
            "new": counts["new"] + counts["join"],
            "updated": counts["updated"],
            "unchanged": counts["unchanged"],
            "error": counts["error"],
        },
    )
    return redirect("member_list", pk=member_import.unit_id)


@require_POST
@login_view
def import_discard(request, token):
    member_import = _import_for(request.user, token)
    try:
        imports.discard_import(member_import=member_import, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("member_list", pk=member_import.unit_id)
