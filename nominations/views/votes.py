"""Vote round pages: the chair prepares, opens, follows and counts; members vote on a phone."""

import json

from django.contrib import messages
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.models import Milestone, Plan
from nominations.forms.common import ReasonForm
from nominations.forms.votes import (
    BallotForm,
    CloseRoundForm,
    CommitteeForm,
    PaperVoterForm,
    PaperVotersForm,
    ShareCodeForm,
    VoteRoundForm,
    WrittenBallotForm,
)
from nominations.models import VoteRound
from nominations.models.votes import Choice
from nominations.permissions.common import committee_roles
from nominations.selectors.steps import step_verdict
from nominations.selectors.votes import (
    TallyNotReady,
    bulletin,
    bulletin_text,
    has_voted,
    is_elector,
    nominations_open_for_vote,
    recount,
    round_progress,
    round_status_text,
    rounds_for_plan,
    tally,
)
from nominations.services import ballots, counting, votes
from nominations.steps import Action
from portal.arrival import arrival_time
from portal.models import Membership, User
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
        counters=_committee_candidates(plan.issuer),
        plan=plan,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round = votes.create_vote_round(
                plan=plan,
                name=data["name"],
                nominations=data["nominations"],
                electorate=data["electorate"],
                mode=data["mode"],
                choice_mode=data["choice_mode"],
                max_choices=data["max_choices"],
                counters=list(data.get("counters") or []),
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
        "counters": list(round.counters.select_related("user").order_by("user__sort_name")),
        "is_counter": can(request.user, "vote_round.count", round),
    }
    if context["is_counter"] and round.status == VoteRound.Status.OPEN:
        context["paper_form"] = PaperVoterForm(
            voters=_not_voted(round).filter(
                pk__in=round.electors.filter(paper=False).values("user")
            )
        )
    if manage and round.status == VoteRound.Status.DRAFT:
        context["paper_voters_form"] = PaperVotersForm(voters=_future_electors(round))
    if manage:
        context["progress"] = round_progress(round)
        context["blocked"] = {
            "open": step_verdict(round.plan, Action.OPEN_ROUND, now).reason
            if round.status == VoteRound.Status.DRAFT
            else "",
            "close": votes.close_blocked_reason(round, now) if round.status == "open" else "",
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
    # Electors the committee marked, before the opening, as voting on paper.
    form = PaperVotersForm(request.POST, voters=_future_electors(obj))
    if not form.is_valid():
        messages.error(request, _("Danh sách người bỏ phiếu giấy không hợp lệ."))
    elif _run(request, obj, votes.open_vote_round, paper_voters=form.cleaned_data["paper_voters"]):
        messages.success(request, _("Đã mở đợt biểu quyết."))
    return redirect("nominations:round_detail", pk=obj.pk)


@require_POST
@policy_view("vote_round.manage", model=VoteRound)
def round_close(request, obj):
    form = CloseRoundForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Số người có mặt không hợp lệ."))
    elif _run(
        request,
        obj,
        votes.close_vote_round,
        present_count=form.cleaned_data["present_count"],
        reason=form.cleaned_data["reason"],
    ):
        obj.refresh_from_db()
        if obj.status == VoteRound.Status.COUNTING:
            messages.success(
                request, _("Đã kết thúc bỏ phiếu. Ban kiểm phiếu nhập mã khóa để kiểm phiếu.")
            )
            return redirect("nominations:round_count", pk=obj.pk)
        messages.success(request, _("Đã kiểm phiếu và công bố kết quả."))
        return redirect("nominations:round_results", pk=obj.pk)
    return redirect("nominations:round_detail", pk=obj.pk)


@require_POST
@policy_view("vote_round.manage", model=VoteRound)
def round_cancel(request, obj):
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    if _run(request, obj, votes.cancel_vote_round, reason=reason):
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
            code = ballots.cast_ballot(
                round=round, actor=request.user, choices=form.choices(), now=arrival_time(request)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            labels = dict(Choice.choices)
            picked = _normalised_labels(round, form.choices(), labels)
            return render(
                request,
                "nominations/ballot_receipt.html",
                {"round": round, "code": code, "picked": picked},
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


def _not_voted(round):
    return User.objects.filter(pk__in=round.electors.values("user")).exclude(
        pk__in=round.participations.values("voter")
    )


def _normalised_labels(round, raw, labels):
    """(nominee, chosen label) for the receipt: what the voter's own page shows, once."""
    try:
        stored = ballots.normalise(round, raw)
    except ValidationError:
        return []
    return [
        (n.nominee_name, labels.get(stored.get(str(n.pk), "abstain"), ""))
        for n in _nominations(round)
    ]


@policy_view("vote_round.count", model=VoteRound)
def written_ballot(request, obj):
    """A paper ballot under the two-person rule: the signed-in committee member enters
    it, another member confirms with their own password on the same screen."""
    round = obj
    voters = _not_voted(round).filter(pk__in=round.electors.filter(paper=True).values("user"))
    confirmers = User.objects.filter(pk__in=round.counters.values("user")).exclude(
        pk=request.user.pk
    )
    form = WrittenBallotForm(
        request.POST or None,
        round=round,
        nominations=_nominations(round),
        voters=voters,
        confirmers=confirmers,
    )
    if request.method == "POST" and form.is_valid():
        confirmer = form.cleaned_data["confirmed_by"]
        checked = authenticate(
            request, username=confirmer.username, password=form.cleaned_data["confirm_password"]
        )
        if checked is None or checked.pk != confirmer.pk:
            form.add_error("confirm_password", _("Mật khẩu của người xác nhận không đúng."))
        else:
            try:
                ballots.enter_written_ballot(
                    round=round,
                    voter=form.cleaned_data["voter"],
                    choices=form.choices(),
                    actor=request.user,
                    confirmed_by=confirmer,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Đã ghi phiếu giấy của %(name)s.") % {"name": form.cleaned_data["voter"]},
                )
                return redirect("nominations:round_detail", pk=round.pk)
    return render(request, "nominations/written_ballot.html", {"round": round, "form": form})


@require_POST
@policy_view("vote_round.count", model=VoteRound)
def paper_mark(request, obj):
    round = obj
    form = PaperVoterForm(request.POST, voters=_not_voted(round))
    if not form.is_valid():
        messages.error(request, _("Chọn người bỏ phiếu giấy."))
    elif _run(request, round, ballots.mark_paper_voter, voter=form.cleaned_data["voter"]):
        messages.success(
            request,
            _("%(name)s bỏ phiếu giấy tại hội nghị.") % {"name": form.cleaned_data["voter"]},
        )
    return redirect("nominations:round_detail", pk=round.pk)


@policy_view("vote_round.manage", model=VoteRound)
def round_committee(request, obj):
    round = obj
    candidates = _committee_candidates(round.unit)
    form = CommitteeForm(
        request.POST or None,
        candidates=candidates,
        initial={"members": [m.user_id for m in round.counters.all()]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            counting.set_counting_committee(
                round=round, users=list(form.cleaned_data["members"]), actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Đã chọn ban kiểm phiếu. Mỗi thành viên vào đây nhận mã khóa của mình.")
            )
            return redirect("nominations:round_detail", pk=round.pk)
    return render(request, "nominations/round_committee.html", {"round": round, "form": form})


def _future_electors(round):
    return User.objects.filter(pk__in=votes.electorate_ids(round)).order_by("sort_name")


def _committee_candidates(unit):
    return User.objects.filter(
        pk__in=Membership.objects.current()
        .filter(unit=unit, role__in=committee_roles(unit), user__is_active=True)
        .values("user")
    ).order_by("sort_name")


@policy_view("vote_round.count", model=VoteRound)
def key_share(request, obj):
    """A committee member takes their share code: shown once, to be written on paper."""
    round = obj
    member = round.counters.get(user=request.user)
    if request.method == "POST":
        try:
            code = counting.issue_key_share(round=round, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect("nominations:round_detail", pk=round.pk)
        return render(request, "nominations/key_share_code.html", {"round": round, "code": code})
    return render(request, "nominations/key_share.html", {"round": round, "member": member})


@policy_view("vote_round.view", model=VoteRound)
def round_count(request, obj):
    """The count: each committee member enters their share code; when the last one has,
    the totals are decrypted and published."""
    round = obj
    is_counter = can(request.user, "vote_round.count", round)
    form = ShareCodeForm(request.POST or None) if is_counter else None
    if request.method == "POST" and is_counter and form.is_valid():
        try:
            counting.submit_key_share(
                round=round, actor=request.user, code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            round.refresh_from_db()
            if round.status == VoteRound.Status.CLOSED:
                messages.success(request, _("Đã kiểm phiếu và công bố kết quả."))
                return redirect("nominations:round_results", pk=round.pk)
            messages.success(request, _("Đã nhận mã khóa của bạn."))
            return redirect("nominations:round_count", pk=round.pk)
    counters = list(round.counters.select_related("user").order_by("user__sort_name"))
    return render(
        request,
        "nominations/round_count.html",
        {
            "round": round,
            "form": form,
            "counters": counters,
            "mine": next((m for m in counters if m.user_id == request.user.pk), None),
        },
    )


def _bulletin_ready(round):
    # A round counted before the encrypted box (no public key) has no bulletin.
    return round.is_secret and round.status == VoteRound.Status.CLOSED and bool(round.public_key)


@policy_view("vote_round.view", model=VoteRound)
def round_bulletin(request, obj):
    """The public bulletin of a counted secret round, and the recount from it."""
    round = obj
    if not _bulletin_ready(round):
        return render(
            request,
            "nominations/round_bulletin.html",
            {"round": round, "not_ready": _("Bảng niêm yết có sau khi kiểm phiếu kín.")},
        )
    if request.GET.get("tai") == "json":
        response = HttpResponse(bulletin_text(round), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="bang-niem-yet-{round.pk}.json"'
        return response
    data = bulletin(round)
    check = recount(round, data)
    names = {n.pk: n.nominee_name for n in _nominations(round)}
    results = {r.nomination_id: r for r in round.results.all()}
    rows = [(names.get(nid, nid), results.get(nid), totals) for nid, totals in check.totals.items()]
    slots = [(slot["code"], crypto_fingerprint(slot["cipher"])) for slot in data["slots"]]
    return render(
        request,
        "nominations/round_bulletin.html",
        {
            "round": round,
            "check": check,
            "rows": rows,
            "slots": slots,
            "committee": round.counters.select_related("user").order_by("user__sort_name"),
        },
    )


def crypto_fingerprint(cipher) -> str:
    """A short fingerprint of one slot's ciphertexts, to compare with the JSON file."""
    from nominations.tally import fingerprint

    return fingerprint(json.dumps(cipher, sort_keys=True, separators=(",", ":")))[:16]


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
            "recount": recount(round) if _bulletin_ready(round) else None,
        },
    )
