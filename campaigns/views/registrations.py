"""Registration pages (W2): the member's own, the chair's collective form, the overview."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.forms.registrations import TitleRegistrationForm
from campaigns.models import Plan, Target
from campaigns.selectors.registrations import (
    chair_unit_ids,
    overview_units,
    registered_title_ids,
    registration_overview,
    registration_window,
    unit_registered_title_ids,
)
from campaigns.services.registrations import (
    RegistrationError,
    save_member_registrations,
    save_unit_registrations,
)
from portal.arrival import arrival_time
from portal.models import OrgUnit
from portal.permissions import policy_view


def _changes_message(added, withdrawn) -> str:
    if not added and not withdrawn:
        return _("Không có thay đổi.")
    parts = []
    if added:
        parts.append(_("Đã đăng ký: %(titles)s.") % {"titles": ", ".join(t.name for t in added)})
    if withdrawn:
        parts.append(
            _("Đã rút đăng ký: %(titles)s.") % {"titles": ", ".join(t.name for t in withdrawn)}
        )
    return " ".join(parts)


def _pick_unit(request, unit_ids: list[int]) -> int:
    """The unit named by ?don_vi= among `unit_ids` (404 if it is not one), or the first."""
    raw = request.GET.get("don_vi") or request.POST.get("don_vi")
    if raw is None:
        return unit_ids[0]
    try:
        chosen = int(raw)
    except ValueError:
        raise Http404 from None
    if chosen not in unit_ids:
        raise Http404
    return chosen


@policy_view("registration.register", model=Plan)
def registration_member(request, obj):
    """A member ticks the individual titles they aim for; unticking withdraws."""
    plan = obj
    now = arrival_time(request)
    reg_window = registration_window(plan, now)
    titles = plan.titles.filter(target=Target.INDIVIDUAL).order_by("order", "id")
    current = registered_title_ids(plan, request.user)
    form = TitleRegistrationForm(
        request.POST if request.method == "POST" else None,
        titles=titles,
        initial={"titles": sorted(current)},
        disabled=not reg_window.is_open,
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                added, withdrawn = save_member_registrations(
                    plan=plan,
                    member=request.user,
                    titles=form.cleaned_data["titles"],
                    actor=request.user,
                    now=now,
                )
            except RegistrationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _changes_message(added, withdrawn))
                return redirect("campaigns:registration_member", pk=plan.pk)
        status = 400
    else:
        status = 200
    return render(
        request,
        "campaigns/registrations/member.html",
        {"plan": plan, "form": form, "window": reg_window, "has_titles": titles.exists()},
        status=status,
    )


@policy_view("registration.register_unit", model=Plan)
def registration_unit(request, obj):
    """The chair registers their unit for the plan's collective titles."""
    plan = obj
    now = arrival_time(request)
    unit_ids = chair_unit_ids(request.user, plan)
    unit = OrgUnit.objects.get(pk=_pick_unit(request, unit_ids))
    reg_window = registration_window(plan, now)
    titles = plan.titles.filter(target=Target.COLLECTIVE).order_by("order", "id")
    form = TitleRegistrationForm(
        request.POST if request.method == "POST" else None,
        titles=titles,
        initial={"titles": sorted(unit_registered_title_ids(plan, unit.pk))},
        disabled=not reg_window.is_open,
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                added, withdrawn = save_unit_registrations(
                    plan=plan,
                    unit=unit,
                    titles=form.cleaned_data["titles"],
                    actor=request.user,
                    now=now,
                )
            except RegistrationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _changes_message(added, withdrawn))
                url = f"{request.path}?don_vi={unit.pk}"
                return redirect(url)
    units = list(OrgUnit.objects.filter(pk__in=unit_ids)) if len(unit_ids) > 1 else [unit]
    return render(
        request,
        "campaigns/registrations/unit.html",
        {
            "plan": plan,
            "form": form,
            "window": reg_window,
            "unit": unit,
            "units": units,
            "has_titles": titles.exists(),
        },
        status=status,
    )


@policy_view("registration.overview", model=Plan)
def registration_overview_view(request, obj):
    """Who registered for what, by union group, with counts per title."""
    plan = obj
    units = overview_units(request.user, plan)
    chosen = _pick_unit(request, [u.pk for u in units])
    unit = next(u for u in units if u.pk == chosen)
    return render(
        request,
        "campaigns/registrations/overview.html",
        {
            "plan": plan,
            "overview": registration_overview(plan, unit),
            "window": registration_window(plan, timezone.now()),
            "units": units,
            "unit": unit,
        },
    )
