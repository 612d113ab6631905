"""Units managed by those above them: the tree, create, rename, move, close."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.forms.units import CloseUnitForm, MoveUnitForm, UnitForm
from portal.models import OrgUnit
from portal.permissions import can, policy_view, visible_to
from portal.permissions.members import creatable_kinds
from portal.services import units


@policy_view("units.browse")
def unit_list(request):
    rows = [
        (
            unit,
            can(request.user, "unit.manage", unit),
            can(request.user, "units.create_under", unit),
            can(request.user, "members.view", unit),
        )
        for unit in visible_to(request.user, OrgUnit).select_related("parent")
    ]
    return render(request, "portal/units/list.html", {"rows": rows})


@policy_view("units.create_under", model=OrgUnit)
def unit_create(request, obj):
    form = UnitForm(request.POST or None, kinds=creatable_kinds(request.user, obj))
    if request.method == "POST" and form.is_valid():
        try:
            units.create_unit(parent=obj, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã tạo đơn vị."))
            return redirect("unit_list")
    return render(request, "portal/units/form.html", {"form": form, "parent": obj})


@policy_view("unit.manage", model=OrgUnit)
def unit_edit(request, obj):
    initial = {"name": obj.name, "short_name": obj.short_name, "place": obj.place}
    form = UnitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        units.rename_unit(unit=obj, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Đã lưu."))
        return redirect("unit_list")
    parents = [
        u
        for u in visible_to(request.user, OrgUnit)
        if obj.kind in creatable_kinds(request.user, u) and u.pk != obj.parent_id
    ]
    return render(
        request,
        "portal/units/form.html",
        {
            "form": form,
            "unit": obj,
            "move_form": MoveUnitForm(
                parents=OrgUnit.objects.filter(pk__in=[u.pk for u in parents])
            ),
            "close_form": CloseUnitForm(),
        },
    )


@policy_view("unit.manage", model=OrgUnit)
def unit_move(request, obj):
    if request.method != "POST":
        return redirect("unit_edit", pk=obj.pk)
    parents = OrgUnit.objects.filter(
        pk__in=[
            u.pk
            for u in visible_to(request.user, OrgUnit)
            if obj.kind in creatable_kinds(request.user, u)
        ]
    )
    form = MoveUnitForm(request.POST, parents=parents)
    if form.is_valid():
        try:
            units.move_unit(unit=obj, actor=request.user, parent=form.cleaned_data["parent"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã chuyển đơn vị."))
            return redirect("unit_list")
    else:
        messages.error(request, _("Hãy chọn cấp trên mới mà bạn quản lý."))
    return redirect("unit_edit", pk=obj.pk)


@policy_view("unit.manage", model=OrgUnit)
def unit_close(request, obj):
    if request.method != "POST":
        return redirect("unit_edit", pk=obj.pk)
    form = CloseUnitForm(request.POST)
    if form.is_valid():
        try:
            units.close_unit(unit=obj, actor=request.user, closed_on=form.cleaned_data["closed_on"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã giải thể đơn vị; lịch sử được giữ nguyên."))
            return redirect("unit_list")
    return redirect("unit_edit", pk=obj.pk)
