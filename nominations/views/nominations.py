"""Nomination pages: the plan's board per title, proposing, consultation and withdrawal."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.models import Plan
from nominations.forms.common import ReasonForm
from nominations.forms.nominations import NominationForm, OpinionForm
from nominations.models import Nomination, Opinion
from nominations.permissions.common import bodies_of, expected_bodies
from nominations.selectors.nominations import missing_opinions, nomination_board
from nominations.selectors.reviews import (
    collective_gates,
    conditions_for,
    member_gates,
    review_board,
)
from nominations.services import nominations as services
from portal.models import UNION_MEMBER_ROLES, OrgUnit, User
from portal.permissions import can, policy_view


@policy_view("nomination.list", model=Plan)
def nomination_list(request, obj):
    plan = obj
    user = request.user
    manage = can(user, "vote_round.create", plan)
    board = nomination_board(user, plan)
    return render(
        request,
        "nominations/nomination_list.html",
        {
            "plan": plan,
            "groups": board,
            "can_propose": can(user, "nomination.propose", plan),
            "can_vote_rounds": manage,
            "missing": missing_opinions(board) if manage else {},
            "my_bodies": bodies_of(user, plan.issuer),
        },
    )


@policy_view("nomination.propose", model=Plan)
def nomination_create(request, obj):
    plan = obj
    unit = plan.issuer
    members = User.objects.filter(
        memberships__unit=unit, memberships__role__in=UNION_MEMBER_ROLES
    ).distinct()
    collectives = OrgUnit.objects.filter(path__startswith=unit.path).exclude(
        Q(kind__in=OrgUnit.PARTY_KINDS)
    )
    initial = {k: request.GET[k] for k in ("title", "nominee") if request.GET.get(k, "").isdigit()}
    form = NominationForm(
        request.POST or None,
        initial=initial,
        titles=plan.titles.all(),
        members=members,
        collectives=collectives,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.propose_nomination(
                plan=plan,
                title=data["title"],
                nominee=data["nominee"],
                collective=data["collective"],
                achievements=data["achievements"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã đề xuất."))
            return redirect("nominations:nomination_list", pk=plan.pk)
    return render(request, "nominations/nomination_form.html", {"plan": plan, "form": form})


@policy_view("nomination.view", model=Nomination)
def nomination_detail(request, obj):
    nomination = obj
    user = request.user
    bodies = bodies_of(user, nomination.plan.issuer)
    opinions = {o.body: o for o in nomination.opinions.select_related("author")}
    labels = dict(nomination.opinions.model.Body.choices)
    return render(
        request,
        "nominations/nomination_detail.html",
        {
            "nomination": nomination,
            "opinions": opinions.values(),
            "missing": [
                labels[b] for b in expected_bodies(nomination.plan.issuer) if b not in opinions
            ],
            "opinion_form": OpinionForm(bodies=bodies) if bodies else None,
            "can_withdraw": can(user, "nomination.withdraw", nomination)
            and nomination.status in (Nomination.Status.PROPOSED, Nomination.Status.FAILED),
            "withdraw_form": ReasonForm(),
            "results": nomination.vote_results.select_related("round"),
            "gate": _gate(user, nomination),
        },
    )


def _gate(user, nomination):
    """The title's conditions for this nominee, when they can be computed."""
    if nomination.is_collective:
        if not conditions_for(nomination.title):
            return None
        board = review_board(user, nomination.plan)
        return collective_gates(board, nomination.title, nomination.collective)
    return member_gates(nomination.plan, nomination.nominee, nomination.title)


@require_POST
@policy_view("nomination.give_opinion", model=Nomination)
def opinion_give(request, obj):
    form = OpinionForm(request.POST, bodies=bodies_of(request.user, obj.plan.issuer))
    if not form.is_valid():
        messages.error(request, _("Ý kiến chưa hợp lệ: chọn đồng ý hoặc không đồng ý."))
        return redirect("nominations:nomination_detail", pk=obj.pk)
    try:
        services.give_opinion(
            nomination=obj,
            body=form.cleaned_data["body"],
            agree=form.cleaned_data["agree"],
            note=form.cleaned_data["note"],
            actor=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã ghi ý kiến."))
    return redirect("nominations:nomination_detail", pk=obj.pk)


@policy_view("nomination.give_opinions", model=Plan)
def opinions_page(request, obj):
    """The opinions of the chi bộ and the school board on every nominee of the plan, on
    one page: a row per nominee and body, saved in one go."""
    plan = obj
    bodies = bodies_of(request.user, plan.issuer)
    labels = dict(Opinion.Body.choices)
    nominations = list(
        Nomination.objects.filter(plan=plan, status__in=services.OPEN_FOR_OPINION)
        .select_related("title", "nominee", "collective")
        .prefetch_related("opinions")
        .order_by("title__order", "title_id", "nominee__sort_name", "id")
    )
    rows = []
    for n in nominations:
        given = {o.body: o for o in n.opinions.all()}
        for body in bodies:
            rows.append(
                {"nomination": n, "body": body, "label": labels[body], "opinion": given.get(body)}
            )
    errors = []
    if request.method == "POST":
        chosen = []
        for row in rows:
            key = f"n{row['nomination'].pk}_{row['body']}"
            agree = {"1": True, "0": False}.get(request.POST.get(key))
            note = request.POST.get(f"{key}_note", "").strip()
            if agree is None:
                continue
            chosen.append({**row, "agree": agree, "note": note})
        try:
            count = services.give_opinions(plan=plan, actor=request.user, opinions=chosen)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Đã ghi %(n)s ý kiến.") % {"n": count})
            return redirect("nominations:opinions_page", pk=plan.pk)
    return render(
        request,
        "nominations/opinions_page.html",
        {"plan": plan, "rows": rows, "errors": errors, "post": request.POST},
        status=400 if errors else 200,
    )


@require_POST
@policy_view("nomination.withdraw", model=Nomination)
def nomination_withdraw(request, obj):
    form = ReasonForm(request.POST)
    try:
        services.withdraw_nomination(
            nomination=obj,
            actor=request.user,
            reason=form.cleaned_data["reason"] if form.is_valid() else "",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã rút đề nghị."))
    return redirect("nominations:nomination_detail", pk=obj.pk)
