"""Plan pages. Thin: fetch through the policy, bind a form, call one service, redirect."""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from campaigns.forms.plans import (
    AgendaItemForm,
    CascadeForm,
    CriterionForm,
    MilestoneForm,
    PhaseForm,
    PlanCreateForm,
    PlanForm,
    SectionForm,
    TitleForm,
)
from campaigns.models import Plan
from campaigns.selectors.plans import (
    cascade_units_for,
    creatable_units_for,
    plan_cascade_status,
    plan_document,
    plan_for_detail,
    plan_years_for,
    plans_for_list,
)
from campaigns.services import cascade as cascade_services
from campaigns.services import milestones as milestone_services
from campaigns.services import plan_parts as part_services
from campaigns.services import plans as plan_services
from portal.permissions import can, login_view, policy_view

PLANS_PER_PAGE = 30
# Fields a new plan takes from its issuing unit when left empty.
_UNIT_DEFAULTS = ("place", "signing_body", "signer_title")


def _add_errors(form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on its field when the form has it."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            target = name if name in form.fields and name != NON_FIELD_ERRORS else None
            for message in errors:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _changed_fields(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if not form.fields[k].disabled}


# --- plans --------------------------------------------------------------------------


@login_view
def plan_list(request):
    try:
        year = int(request.GET.get("year") or 0)
    except ValueError:
        year = 0
    kind = request.GET.get("kind", "")
    if kind not in Plan.Kind.values:
        kind = ""
    query = request.GET.get("q", "").strip()[:100]
    plans = plans_for_list(request.user, year=year or None, kind=kind, query=query)
    page = Paginator(plans, PLANS_PER_PAGE).get_page(request.GET.get("page"))
    filters = urlencode({k: v for k, v in (("q", query), ("year", year), ("kind", kind)) if v})
    return render(
        request,
        "campaigns/plan_list.html",
        {
            "page": page,
            "plans": page.object_list,
            "filters": filters,
            "years": plan_years_for(request.user),
            "kinds": Plan.Kind.choices,
            "year": year,
            "kind": kind,
            "query": query,
            "can_create": can(request.user, "plan.create"),
        },
    )


@policy_view("plan.view", model=Plan)
def plan_detail(request, obj):
    plan = plan_for_detail(request.user, obj.pk)
    user = request.user
    cascade_units = cascade_units_for(user, plan) if can(user, "plan.cascade", plan) else []
    context = {
        "plan": plan,
        "doc": plan_document(plan),
        "can_edit": can(user, "plan.edit", plan),
        "can_publish": can(user, "plan.publish", plan),
        "can_close": can(user, "plan.close", plan),
        "cascade_units": list(cascade_units),
        "cascade": (
            plan_cascade_status(plan, viewer=user)
            if plan.status != Plan.Status.DRAFT and can(user, "plan.cascade_status", plan)
            else None
        ),
    }
    return render(request, "campaigns/plan_detail.html", context)


@policy_view("plan.create")
def plan_create(request):
    units = creatable_units_for(request.user)
    form = PlanCreateForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data.copy()
        issuer = data.pop("issuer")
        for name in _UNIT_DEFAULTS:
            if not data.get(name):
                data.pop(name, None)
        try:
            plan = plan_services.create_plan(issuer=issuer, actor=request.user, **data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Đã tạo bản nháp kế hoạch."))
            return redirect(plan)
    return render(
        request,
        "campaigns/plan_form.html",
        {"form": form, "heading": _("Tạo kế hoạch mới"), "plan": None},
    )


@policy_view("plan.edit", model=Plan)
def plan_edit(request, obj):
    form = PlanForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.update_plan(plan=obj, actor=request.user, **_changed_fields(form))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Đã lưu kế hoạch."))
            return redirect(obj)
    return render(
        request,
        "campaigns/plan_form.html",
        {"form": form, "heading": _("Sửa kế hoạch"), "plan": obj},
    )


@policy_view("plan.publish", model=Plan)
@require_POST
def plan_publish(request, obj):
    try:
        plan = plan_services.publish_plan(plan=obj, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Đã ban hành kế hoạch số %(symbol)s.") % {"symbol": plan.symbol}
        )
    return redirect(obj)


@policy_view("plan.close", model=Plan)
@require_POST
def plan_close(request, obj):
    try:
        plan_services.close_plan(plan=obj, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã kết thúc kế hoạch."))
    return redirect(obj)


@policy_view("plan.cascade", model=Plan)
def plan_cascade(request, obj):
    units = cascade_units_for(request.user, obj)
    initial = {"unit": request.GET.get("unit")} if request.GET.get("unit") else None
    form = CascadeForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            child = cascade_services.create_child_plan(
                parent=obj, issuer=form.cleaned_data["unit"], actor=request.user
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Đã tạo bản nháp kế hoạch của %(unit)s: đã kế thừa %(criteria)s tiêu chuẩn "
                    "và %(titles)s danh hiệu. Hãy thêm mốc thời gian, nội dung rồi ban hành."
                )
                % {
                    "unit": child.issuer.name,
                    "criteria": child.criteria.count(),
                    "titles": child.titles.count(),
                },
            )
            return redirect(child)
    return render(
        request,
        "campaigns/plan_cascade.html",
        {"form": form, "plan": obj, "has_units": units.exists()},
    )


# --- parts of a plan: criteria, titles, milestones, sections, phases -----------------


@dataclass(frozen=True)
class Part:
    """How one kind of plan part is listed, edited and changed."""

    key: str  # service keyword and anchor: "criterion"
    related: str  # Plan's related name: "criteria"
    form_class: type
    add: Callable
    update: Callable
    delete: Callable
    add_heading: str
    edit_heading: str
    deleted_message: str


PARTS = {
    "criterion": Part(
        "criterion",
        "criteria",
        CriterionForm,
        part_services.add_criterion,
        part_services.update_criterion,
        part_services.delete_criterion,
        gettext_lazy("Thêm tiêu chuẩn"),
        gettext_lazy("Sửa tiêu chuẩn"),
        gettext_lazy("Đã xóa tiêu chuẩn."),
    ),
    "title": Part(
        "title",
        "titles",
        TitleForm,
        part_services.add_title,
        part_services.update_title,
        part_services.delete_title,
        gettext_lazy("Thêm danh hiệu"),
        gettext_lazy("Sửa danh hiệu"),
        gettext_lazy("Đã xóa danh hiệu."),
    ),
    "milestone": Part(
        "milestone",
        "milestones",
        MilestoneForm,
        milestone_services.add_milestone,
        milestone_services.update_milestone,
        milestone_services.delete_milestone,
        gettext_lazy("Thêm mốc thời gian"),
        gettext_lazy("Sửa mốc thời gian"),
        gettext_lazy("Đã xóa mốc thời gian."),
    ),
    "section": Part(
        "section",
        "sections",
        SectionForm,
        part_services.add_section,
        part_services.update_section,
        part_services.delete_section,
        gettext_lazy("Thêm mục nội dung"),
        gettext_lazy("Sửa mục nội dung"),
        gettext_lazy("Đã xóa mục nội dung."),
    ),
    "phase": Part(
        "phase",
        "phases",
        PhaseForm,
        part_services.add_phase,
        part_services.update_phase,
        part_services.delete_phase,
        gettext_lazy("Thêm giai đoạn"),
        gettext_lazy("Sửa giai đoạn"),
        gettext_lazy("Đã xóa giai đoạn."),
    ),
}


def _part_item(plan, part: Part, item_pk):
    try:
        return getattr(plan, part.related).get(pk=item_pk)
    except getattr(plan, part.related).model.DoesNotExist as exc:
        raise Http404 from exc


def _form_kwargs(part: Part, plan) -> dict:
    return {"plan": plan} if part.form_class is TitleForm else {}


def _back_to(plan, part_key: str):
    return redirect(f"{plan.get_absolute_url()}#quan-ly-{part_key}")


def _render_part_form(request, plan, form, heading, item=None, part_key=""):
    return render(
        request,
        "campaigns/plan_part_form.html",
        {"plan": plan, "form": form, "heading": heading, "item": item, "part_key": part_key},
    )


def _part_create(request, plan, part: Part):
    instance = part.form_class._meta.model(plan=plan)
    form = part.form_class(request.POST or None, instance=instance, **_form_kwargs(part, plan))
    if request.method == "POST" and form.is_valid():
        try:
            part.add(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Đã thêm."))
            return _back_to(plan, part.key)
    return _render_part_form(request, plan, form, part.add_heading, part_key=part.key)


def _part_edit(request, plan, part: Part, item_pk):
    item = _part_item(plan, part, item_pk)
    form = part.form_class(request.POST or None, instance=item, **_form_kwargs(part, plan))
    if request.method == "POST" and form.is_valid():
        try:
            part.update(**{part.key: item}, actor=request.user, **_changed_fields(form))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Đã lưu."))
            return _back_to(plan, part.key)
    return _render_part_form(request, plan, form, part.edit_heading, item, part.key)


def _part_delete(request, plan, part: Part, item_pk):
    item = _part_item(plan, part, item_pk)
    try:
        part.delete(**{part.key: item}, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, part.deleted_message)
    return _back_to(plan, part.key)


def _part_views(key: str):
    part = PARTS[key]

    @policy_view("plan.edit", model=Plan)
    def create(request, obj):
        return _part_create(request, obj, part)

    @policy_view("plan.edit", model=Plan)
    def edit(request, obj, item_pk):
        return _part_edit(request, obj, part, item_pk)

    @policy_view("plan.edit", model=Plan)
    @require_POST
    def delete(request, obj, item_pk):
        return _part_delete(request, obj, part, item_pk)

    for view, action in ((create, "create"), (edit, "edit"), (delete, "delete")):
        view.__name__ = view.__qualname__ = f"{key}_{action}"
    return create, edit, delete


criterion_create, criterion_edit, criterion_delete = _part_views("criterion")
title_create, title_edit, title_delete = _part_views("title")
milestone_create, milestone_edit, milestone_delete = _part_views("milestone")
section_create, section_edit, section_delete = _part_views("section")
phase_create, phase_edit, phase_delete = _part_views("phase")


# --- agenda items of a milestone -----------------------------------------------------


def _milestone_of(plan, milestone_pk):
    try:
        return plan.milestones.get(pk=milestone_pk)
    except plan.milestones.model.DoesNotExist as exc:
        raise Http404 from exc


def _agenda_item_of(plan, item_pk):
    from campaigns.models import AgendaItem

    try:
        return AgendaItem.objects.select_related("milestone__plan").get(
            pk=item_pk, milestone__plan=plan
        )
    except AgendaItem.DoesNotExist as exc:
        raise Http404 from exc


@policy_view("plan.edit", model=Plan)
def agenda_create(request, obj, milestone_pk):
    milestone = _milestone_of(obj, milestone_pk)
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            milestone_services.add_agenda_item(
                milestone=milestone, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Đã thêm mục chương trình."))
            return _back_to(obj, "milestone")
    heading = _("Thêm mục chương trình: %(milestone)s") % {"milestone": milestone}
    return _render_part_form(request, obj, form, heading, part_key="milestone")


@policy_view("plan.edit", model=Plan)
def agenda_edit(request, obj, item_pk):
    item = _agenda_item_of(obj, item_pk)
    form = AgendaItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            milestone_services.update_agenda_item(
                item=item, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Đã lưu mục chương trình."))
            return _back_to(obj, "milestone")
    return _render_part_form(
        request, obj, form, _("Sửa mục chương trình"), item, part_key="milestone"
    )


@policy_view("plan.edit", model=Plan)
@require_POST
def agenda_delete(request, obj, item_pk):
    item = _agenda_item_of(obj, item_pk)
    try:
        milestone_services.delete_agenda_item(item=item, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã xóa mục chương trình."))
    return _back_to(obj, "milestone")
