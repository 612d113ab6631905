"""The chair's member pages. Thin: fetch through the policy, bind a form, call a service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.forms.members import EndMembershipForm, MemberForm, RolesForm
from portal.models import Membership, OrgUnit
from portal.permissions import can, policy_view
from portal.selectors.members import member_rows
from portal.services import accounts, members


@policy_view("members.view", model=OrgUnit)
def member_list(request, obj):
    unit = obj
    show_ended = request.GET.get("da-ket-thuc") == "1"
    return render(
        request,
        "portal/members/list.html",
        {
            "unit": unit,
            "rows": member_rows(unit, ended=show_ended),
            "show_ended": show_ended,
            "can_manage": can(request.user, "members.manage", unit),
        },
    )


@policy_view("members.manage", model=OrgUnit)
def member_add(request, obj):
    unit = obj
    form = MemberForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            members.add_member(unit=unit, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã thêm đoàn viên."))
            return redirect("member_list", pk=unit.pk)
    return render(request, "portal/members/form.html", {"unit": unit, "form": form})


def _initial(membership: Membership) -> dict:
    person = membership.user
    data = {name: getattr(person, name) for name in members.PERSON_FIELDS}
    data.update(position=membership.position, group=membership.group_id)
    return data


@policy_view("member.manage", model=Membership)
def member_edit(request, obj):
    membership = obj
    unit = membership.unit
    form = MemberForm(request.POST or None, unit=unit, initial=_initial(membership))
    if request.method == "POST" and form.is_valid():
        try:
            members.update_member(membership=membership, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("member_list", pk=unit.pk)
    return render(
        request,
        "portal/members/form.html",
        {
            "unit": unit,
            "form": form,
            "membership": membership,
            "roles_form": RolesForm(
                unit=unit, initial={"roles": sorted(members.current_roles(membership))}
            ),
            "end_form": EndMembershipForm(),
        },
    )


@require_POST
@policy_view("member.manage", model=Membership)
def member_roles(request, obj):
    form = RolesForm(request.POST, unit=obj.unit)
    if form.is_valid():
        try:
            members.set_member_roles(
                membership=obj, actor=request.user, roles=form.cleaned_data["roles"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã cập nhật vai trò."))
    else:
        messages.error(request, _("Vai trò không hợp lệ."))
    return redirect("member_edit", pk=obj.pk)


@require_POST
@policy_view("member.manage", model=Membership)
def member_end(request, obj):
    form = EndMembershipForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn ngày và lý do kết thúc."))
        return redirect("member_edit", pk=obj.pk)
    try:
        members.end_membership(membership=obj, actor=request.user, **_end_args(form))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("member_edit", pk=obj.pk)
    messages.success(request, _("Đã kết thúc tư cách đoàn viên; lịch sử được giữ nguyên."))
    return redirect("member_list", pk=obj.unit_id)


def _end_args(form) -> dict:
    return {"ends_on": form.cleaned_data["ends_on"], "reason": form.cleaned_data["reason"]}


@require_POST
@policy_view("member.manage", model=Membership)
def member_send_link(request, obj):
    try:
        accounts.send_activation_link(
            membership=obj, actor=request.user, base_url=request.build_absolute_uri("/")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Đã gửi liên kết kích hoạt tới %(email)s.") % {"email": obj.user.email}
        )
    return redirect("member_list", pk=obj.unit_id)
