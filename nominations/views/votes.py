"""Vote round pages: the chair prepares, opens, follows and counts; members vote on a phone."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.models import Milestone, Plan
from nominations.forms.common import ReasonForm
from nominations.forms.votes import BallotForm, CloseRoundForm, VoteRoundForm, WrittenBallotForm
from nominations.models import VoteRound
from nominations.selectors.steps import step_verdict
from nominations.selectors.votes import (
    TallyNotReady,
    has_voted,
    is_elector,
    nominations_open_for_vote,
    round_progress,
    round_status_text,
    rounds_for_plan,
    tally,
)
from nominations.services import votes as services
from nominations.steps import Action
from portal.arrival import arrival_time
from portal.models import User
from portal.permissions import can, policy_view


@policy_view("plan.view", model=Plan)
def round_list(request, obj):
    plan = obj
    now = timezone.now()
    rounds = [(r, round_status_text(r, now)) for r in rounds_for_plan(request.user, plan)]
    return render(
        request,
        "nominations/round_list.html",
        {
            "plan": plan,
            "rounds": rounds,
            "can_create": can(request.user, "vote_round.create", plan),
        },
    )


@policy_view("vote_round.create", model=Plan)
def round_create(request, obj):
    plan = obj
    milestone = plan.milestones.filter(kind=Milestone.Kind.VOTE).order_by("starts_at").first()
    initial = (
        {
            "name": milestone.label or _("Biểu quyết bình chọn"),
            "opens_at": timezone.localtime(milestone.starts_at),
            "closes_at": timezone.localtime(milestone.ends_at),
        }
        if milestone
        else {}
    )
    form = VoteRoundForm(
        request.POST or None,
        initial=initial,
        nominations=nominations_open_for_vote(plan),
        plan=plan,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round = services.create_vote_round(
                plan=plan,
                name=data["name"],
                nominations=data["nominations"],
                electorate=data["electorate"],
                mode=data["mode"],
                choice_mode=data["choice_mode"],
                max_choices=data["max_choices"],
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã tạo đợt biểu quyết (đang chuẩn bị)."))
            return redirect("nominations:round_detail", pk=round.pk)
    return render(request, "nominations/round_form.html", {"plan": plan, "form": form})


@policy_view("vote_round.view", model=VoteRound)
def round_detail(request, obj):
    round = obj
    now = timezone.now()
    manage = can(request.user, "vote_round.manage", round)
    context = {
        "round": round,
        "status_text": round_status_text(round, now),
        "window_open": round.status == VoteRound.Status.OPEN and round.window.is_open(now),
        "time_up": round.window.state(now) == "closed",
        "nominations": round.nominations.select_related("title", "nominee", "collective"),
        "manage": manage,
        "is_elector": is_elector(round, request.user),
        "has_voted": has_voted(round, request.user),
        "close_form": CloseRoundForm(),
        "cancel_form": ReasonForm(),
    }
    if manage:
        context["progress"] = round_progress(round)
        context["blocked"] = {
            "open": step_verdict(round.plan, Action.OPEN_ROUND, now).reason
            if round.status == VoteRound.Status.DRAFT
            else "",
            "close": services.close_blocked_reason(round, now) if round.status == "open" else "",
        }
    return render(request, "nominations/round_detail.html", context)


def _run(request, round, action, **kwargs):
    try:
        action(round=round, actor=request.user, **kwargs)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False
    return True


@require_POST
@policy_view("vote_round.manage", model=VoteRound)
def round_open(request, obj):
    if _run(request, obj, services.open_vote_round):
        messages.success(request, _("Đã mở đợt biểu quyết."))
    return redirect("nominations:round_detail", pk=obj.pk)


@require_POST
@policy_view("vote_round.manage", model=VoteRound)
def round_close(request, obj):
    form = CloseRoundForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Số người có mặt không hợp lệ."))
    elif _run(
        request, obj, services.close_vote_round, present_count=form.cleaned_data["present_count"]
    ):
        messages.success(request, _("Đã kiểm phiếu và công bố kết quả."))
        return redirect("nominations:round_results", pk=obj.pk)
    return redirect("nominations:round_detail", pk=obj.pk)


@require_POST
@policy_view("vote_round.manage", model=VoteRound)
def round_cancel(request, obj):
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    if _run(request, obj, services.cancel_vote_round, reason=reason):
        messages.success(request, _("Đã hủy đợt biểu quyết."))
    return redirect("nominations:round_detail", pk=obj.pk)


def _nominations(round):
    return round.nominations.select_related("title", "nominee", "collective").order_by("id")


@policy_view("vote_round.vote", model=VoteRound)
def ballot(request, obj):
    """The voter's page: the ballot, then once only the ballot code."""
    round = obj
    form = BallotForm(request.POST or None, round=round, nominations=_nominations(round))
    if request.method == "POST" and form.is_valid():
        try:
            code = services.cast_ballot(
                round=round, actor=request.user, choices=form.choices(), now=arrival_time(request)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render(
                request, "nominations/ballot_receipt.html", {"round": round, "code": code}
            )
    now = timezone.now()
    return render(
        request,
        "nominations/ballot.html",
        {
            "round": round,
            "form": form,
            "status_text": round_status_text(round, now),
            "has_voted": has_voted(round, request.user),
            "window_open": round.status == VoteRound.Status.OPEN and round.window.is_open(now),
        },
    )


@policy_view("vote_round.manage", model=VoteRound)
def written_ballot(request, obj):
    round = obj
    voters = User.objects.filter(pk__in=round.electors.values("user")).exclude(
        pk__in=round.participations.values("voter")
    )
    form = WrittenBallotForm(
        request.POST or None, round=round, nominations=_nominations(round), voters=voters
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.enter_written_ballot(
                round=round,
                voter=form.cleaned_data["voter"],
                choices=form.choices(),
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Đã ghi phiếu bằng văn bản của %(name)s.") % {"name": form.cleaned_data["voter"]},
            )
            return redirect("nominations:round_detail", pk=round.pk)
    return render(request, "nominations/written_ballot.html", {"round": round, "form": form})


@policy_view("vote_round.view", model=VoteRound)
def round_results(request, obj):
    round = obj
    try:
        result = tally(round)
    except TallyNotReady as error:
        return render(
            request,
            "nominations/round_results.html",
            {"round": round, "not_ready": error.messages[0]},
        )
    code = request.GET.get("ma", "").strip().upper()
    return render(
        request,
        "nominations/round_results.html",
        {
            "round": round,
            "result": result,
            "code": code,
            "code_counted": bool(code) and code in result.codes,
        },
    )
