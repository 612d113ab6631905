"""Periodic reports to the parent unit (W9) and the summary report's narrative: the
chair writes and sends; the federation reads the list per unit."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.deadlines import window_of
from campaigns.models import Milestone, Plan
from portal.models import OrgUnit
from portal.permissions import authorize, can, login_view, policy_view, visible_to
from reports.builders.dashboard import build_dashboard, timeliness
from reports.forms.periodic import PeriodicReportForm, SummaryNarrativeForm
from reports.models import PeriodicReport, SummaryNarrative
from reports.services.periodic import (
    PERIODIC_FIELDS,
    SUMMARY_FIELDS,
    save_periodic_report,
    save_summary_narrative,
    send_periodic_report,
    unit_figures,
)


@policy_view("periodic.list", model=Plan)
def periodic_list(request, obj):
    """Every child unit's periodic report for each due date of the plan."""
    board = build_dashboard(obj)
    # A unit looking at its own plan writes its reports to the parent from here.
    can_write = board.self_row and can(request.user, "periodic.write", obj.issuer)
    return render(
        request,
        "reports/periodic_list.html",
        {"plan": obj, "board": board, "can_write": can_write},
    )


def _milestone_and_unit(request, milestone_pk: int, unit_pk: int):
    plans = visible_to(request.user, Plan)
    try:
        milestone = Milestone.objects.select_related("plan__issuer").get(
            pk=milestone_pk, plan__in=plans, kind=Milestone.Kind.PERIODIC_REPORT
        )
        unit = visible_to(request.user, OrgUnit).get(pk=unit_pk)
    except (Milestone.DoesNotExist, OrgUnit.DoesNotExist) as exc:
        raise Http404 from exc
    if unit.parent_id != milestone.plan.issuer_id:
        raise Http404
    authorize(request.user, "periodic.write", unit)
    return milestone, unit


@login_view
def periodic_edit(request, milestone_pk: int, unit_pk: int):
    """The chair writes the unit's report for one due date, saves drafts and sends it."""
    milestone, unit = _milestone_and_unit(request, milestone_pk, unit_pk)
    report = PeriodicReport.objects.filter(milestone=milestone, unit=unit).first()
    if report is not None and report.is_sent:
        return redirect("reports:periodic_detail", report.pk)
    initial = {name: getattr(report, name) for name in PERIODIC_FIELDS} if report else {}
    form = PeriodicReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report = save_periodic_report(
                milestone=milestone, unit=unit, actor=request.user, sections=form.cleaned_data
            )
            if "send" in request.POST:
                report = send_periodic_report(report=report, actor=request.user)
                messages.success(
                    request, _("Đã gửi báo cáo lên %(p)s.") % {"p": milestone.plan.issuer.name}
                )
                return redirect("reports:periodic_detail", report.pk)
            messages.success(request, _("Đã lưu bản nháp."))
            return redirect("reports:periodic_edit", milestone.pk, unit.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    now = timezone.now()
    return render(
        request,
        "reports/periodic_form.html",
        {
            "form": form,
            "milestone": milestone,
            "unit": unit,
            "report": report,
            "state": timeliness(window_of(milestone), None, now),
            "figures": unit_figures(milestone.plan, unit, now=now),
        },
    )


@policy_view("periodic.view", model=PeriodicReport)
def periodic_detail(request, obj):
    state = timeliness(
        window_of(obj.milestone), obj.sent_at if obj.is_sent else None, timezone.now()
    )
    can_edit = not obj.is_sent and can(request.user, "periodic.write", obj.unit)
    return render(
        request,
        "reports/periodic_detail.html",
        {"report": obj, "state": state, "can_edit": can_edit},
    )


@policy_view("report.summary_edit", model=Plan)
def summary_edit(request, obj):
    """The chair writes the summary report's narrative sections."""
    narrative = SummaryNarrative.objects.filter(plan=obj, unit=obj.issuer).first()
    initial = {name: getattr(narrative, name) for name in SUMMARY_FIELDS} if narrative else {}
    form = SummaryNarrativeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            save_summary_narrative(plan=obj, actor=request.user, sections=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu nội dung báo cáo sơ kết."))
            return redirect("reports:dashboard", obj.pk)
    return render(request, "reports/periodic_summary_form.html", {"plan": obj, "form": form})
