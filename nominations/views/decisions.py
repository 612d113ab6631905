"""Award decision pages (W11): issue from the published list, read, correct."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Plan, Title
from nominations.forms.decisions import CorrectionForm, DecisionForm
from nominations.models import Decision, DecisionEntry, Dossier
from nominations.money import dong
from nominations.selectors.lists import list_of
from nominations.services import decisions as services
from portal.permissions import can, policy_view


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@policy_view("decision.issue", model=Plan)
def decision_new(request, obj):
    plan = obj
    existing = plan.decisions.filter(kind=Decision.Kind.AWARD).first()
    if existing is not None:
        return redirect("nominations:decision_detail", pk=existing.pk)
    form = _signing_form(request, plan)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.issue_decision(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(
                request,
                _("Đã ban hành Quyết định số %(s)s, tổng tiền thưởng %(t)s đồng.")
                % {"s": decision.symbol, "t": dong(decision.total)},
            )
            return redirect("nominations:decision_detail", pk=decision.pk)
    nomination_list = list_of(plan)
    entries = (
        nomination_list.entries.select_related("nomination__title", "nomination__nominee")
        if nomination_list
        else []
    )
    return render(
        request,
        "nominations/decision_form.html",
        {"plan": plan, "form": form, "entries": entries, "list": nomination_list},
    )


def _signing_form(request, plan):
    today = timezone.localdate()
    return DecisionForm(
        request.POST or None,
        initial={
            "issued_on": today,
            "effective_on": today,
            "signer_title": plan.signer_title.capitalize() or "Chủ tịch",
            "signer_name": plan.signer_name,
        },
    )


@policy_view("decision.issue", model=Plan)
def decision_from_dossiers(request, obj):
    """At a federation: one decision for the received dossiers not yet decided. Each later
    batch of dossiers gets its own decision, numbered on in the series."""
    plan = obj
    form = _signing_form(request, plan)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.issue_decision_from_dossiers(
                plan=plan, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(
                request,
                _("Đã ban hành Quyết định số %(s)s, tổng tiền thưởng %(t)s đồng.")
                % {"s": decision.symbol, "t": dong(decision.total)},
            )
            return redirect("nominations:decision_detail", pk=decision.pk)
    waiting = (
        Dossier.objects.filter(target_plan=plan, status=Dossier.Status.RECEIVED)
        .exclude(nomination__decision_entries__isnull=False)
        .select_related("nomination__title", "nomination__plan__issuer")
        .order_by("nomination__title__order", "forwarded_at", "id")
    )
    return render(
        request,
        "nominations/decision_from_dossiers.html",
        {
            "plan": plan,
            "form": form,
            "dossiers": waiting,
            "decisions": plan.decisions.filter(kind=Decision.Kind.AWARD).order_by("-pk"),
        },
    )


@policy_view("decision.view", model=Decision)
def decision_detail(request, obj):
    decision = obj
    manage = can(request.user, "decision.correct", decision)
    form = None
    if manage and decision.kind == Decision.Kind.AWARD:
        form = _correction_form(decision, None)
    return render(
        request,
        "nominations/decision_detail.html",
        {
            "decision": decision,
            "entries": decision.entries.select_related("amends_entry__decision").prefetch_related(
                "revocations__decision"
            ),
            "amendments": decision.amendments.select_related("issuer"),
            "manage": manage,
            "form": form,
            "total": dong(decision.total),
            "base": dong(decision.base_salary),
        },
    )


def _correction_form(decision, data):
    today = timezone.localdate()
    titles = decision.plan.titles.all() if decision.plan else Title.objects.none()
    return CorrectionForm(
        data,
        entries=decision.entries.filter(action=DecisionEntry.Action.AWARD, revocations=None),
        titles=titles,
        initial={
            "issued_on": today,
            "effective_on": today,
            "signer_title": decision.signer_title,
            "signer_name": decision.signer_name,
        },
    )


@policy_view("decision.correct", model=Decision)
def decision_correct(request, obj):
    if request.method != "POST":
        return redirect("nominations:decision_detail", pk=obj.pk)
    form = _correction_form(obj, request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("nominations:decision_detail", pk=obj.pk)
    data = form.cleaned_data
    try:
        correction = services.correct_decision(decision=obj, actor=request.user, **data)
    except ValidationError as error:
        _errors(request, error)
        return redirect("nominations:decision_detail", pk=obj.pk)
    messages.success(request, _("Đã ban hành Quyết định số %(s)s.") % {"s": correction.symbol})
    return redirect("nominations:decision_detail", pk=correction.pk)
