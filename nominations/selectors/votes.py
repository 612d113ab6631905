"""Reads for vote rounds: the visible rounds, the progress a chair sees, and the tally —
which exists only after the close."""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db.models import Count as DbCount
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.deadlines import WindowState
from nominations.ballots import secrecy_warnings
from nominations.models import Ballot, Nomination, OpenVote, Participation, VoteRound
from nominations.models.votes import Choice
from nominations.passrule import Count, Decision, decide_for_title
from portal.permissions import visible_to
from portal.vietnamese import format_deadline


class TallyNotReady(ValidationError):
    """Asked for a tally before the round closed."""


@dataclass(frozen=True)
class NomineeTally:
    nomination: Nomination
    count: Count
    decision: Decision


@dataclass(frozen=True)
class RoundTally:
    round: VoteRound
    rows: list[NomineeTally]
    codes: list[str]
    warnings: list[str]
    final: bool  # stored by the chair's close, not a preview
    # Show-of-hands rounds only: (voter, written, [choice label per row's nominee]).
    named: list = field(default_factory=list)


def rounds_for_plan(user, plan):
    """The plan's vote rounds the user may see, with their counts, in one query."""
    return (
        visible_to(user, VoteRound)
        .filter(plan=plan)
        .annotate(
            elector_count=DbCount("electors", distinct=True),
            participation_count=DbCount("participations", distinct=True),
        )
        .order_by("-opens_at", "-id")
    )


def open_rounds_for_voter(user, now: datetime | None = None):
    """Open rounds where `user` is an elector and has not voted yet."""
    now = now or timezone.now()
    return (
        VoteRound.objects.filter(
            status=VoteRound.Status.OPEN,
            electors__user=user,
            opens_at__lte=now,
            closes_at__gt=now,
        )
        .exclude(participations__voter=user)
        .select_related("unit", "plan")
        .order_by("closes_at")
    )


def has_voted(round: VoteRound, user) -> bool:
    return Participation.objects.filter(round=round, voter=user).exists()


def is_elector(round: VoteRound, user) -> bool:
    return round.electors.filter(user=user).exists()


def round_status_text(round: VoteRound, now: datetime) -> str:
    """ "Bỏ phiếu đóng lúc 16h00 ngày 24/11/2026", in Asia/Ho_Chi_Minh."""
    if round.status == VoteRound.Status.CANCELLED:
        return _("Đã hủy")
    if round.status == VoteRound.Status.CLOSED:
        return _("Đã kết thúc và kiểm phiếu")
    state = round.window.state(now)
    if round.status == VoteRound.Status.DRAFT:
        return _("Đang chuẩn bị, dự kiến mở lúc %(at)s") % {"at": format_deadline(round.opens_at)}
    if state is WindowState.NOT_YET_OPEN:
        return _("Mở lúc %(at)s") % {"at": format_deadline(round.opens_at)}
    if state is WindowState.OPEN:
        return _("Đang bỏ phiếu, đóng lúc %(at)s") % {"at": format_deadline(round.closes_at)}
    return _("Đã hết giờ bỏ phiếu, chờ Chủ tịch kiểm phiếu")


def round_progress(round: VoteRound) -> dict:
    """What the chair watches: electorate, who has voted (names only, never choices)."""
    voted = list(
        Participation.objects.filter(round=round)
        .select_related("voter")
        .order_by("voter__sort_name")
    )
    voted_ids = {p.voter_id for p in voted}
    electors = [e.user for e in round.electors.select_related("user").order_by("user__sort_name")]
    return {
        "electorate": len(electors),
        "voted": voted,
        "not_voted": [u for u in electors if u.pk not in voted_ids],
        "written": sum(1 for p in voted if p.written),
        "warnings": secrecy_warnings(electorate=len(electors)) if round.is_secret else [],
    }


def count_round(round: VoteRound, *, present: int | None = None) -> dict[int, Count]:
    """Count the ballots (or the show of hands) of a round, per nomination id."""
    electorate = round.electors.count()
    participations = Participation.objects.filter(round=round)
    if present is None:
        present = (
            round.present_count
            if round.present_count is not None
            else participations.filter(written=False).count()
        )
    source = Ballot if round.is_secret else OpenVote
    choice_sets = list(source.objects.filter(round=round).values_list("choices", flat=True))
    counts = {}
    for nomination_id in round.nominations.values_list("id", flat=True):
        picked = [c.get(str(nomination_id), "abstain") for c in choice_sets]
        counts[nomination_id] = Count(
            approve=picked.count("approve"),
            disapprove=picked.count("disapprove"),
            abstain=picked.count("abstain"),
            electorate=electorate,
            present=present,
            cast=len(choice_sets),
        )
    return counts


def tally(round: VoteRound, *, now: datetime | None = None) -> RoundTally:
    """The result of a round, after its close only; raises TallyNotReady before.

    A closed round shows the figures stored at the close; a round whose time is up but
    that the chair has not closed yet shows a preview.
    """
    now = now or timezone.now()
    if round.status == VoteRound.Status.CLOSED:
        return _stored_tally(round)
    if round.status != VoteRound.Status.OPEN or round.window.state(now) is not WindowState.CLOSED:
        raise TallyNotReady(
            _("Kết quả chỉ được công bố sau khi đợt biểu quyết kết thúc lúc %(at)s.")
            % {"at": format_deadline(round.closes_at)}
        )
    return compute_tally(round, final=False)


def compute_tally(round: VoteRound, *, final: bool, present: int | None = None) -> RoundTally:
    counts = count_round(round, present=present)
    nominations = list(round.nominations.select_related("title", "nominee", "collective"))
    rows = [
        NomineeTally(n, counts[n.pk], decide_for_title(counts[n.pk], n.title)) for n in nominations
    ]
    return _tally_of(round, rows, final)


def _stored_tally(round: VoteRound) -> RoundTally:
    rows = []
    electorate = round.electors.count()
    results = round.results.select_related(
        "nomination__title", "nomination__nominee", "nomination__collective"
    )
    for r in results:
        count = Count(
            r.approve,
            r.disapprove,
            r.abstain,
            electorate,
            round.present_count or 0,
            r.approve + r.disapprove + r.abstain,
        )
        decision = decide_for_title(count, r.nomination.title)
        rows.append(NomineeTally(r.nomination, count, decision))
    return _tally_of(round, rows, True)


def _tally_of(round, rows, final) -> RoundTally:
    codes = list(Ballot.objects.filter(round=round).order_by("code").values_list("code", flat=True))
    warnings = []
    if round.is_secret:
        warnings = secrecy_warnings(
            electorate=round.electors.count(),
            counts=[(row.nomination.nominee_name, row.count) for row in rows],
        )
    named = []
    if not round.is_secret:
        labels = dict(Choice.choices)
        for vote in (
            OpenVote.objects.filter(round=round)
            .select_related("voter")
            .order_by("voter__sort_name")
        ):
            picked = [
                labels.get(vote.choices.get(str(row.nomination.pk), "abstain"), "") for row in rows
            ]
            named.append((vote.voter, vote.written, picked))
    return RoundTally(round, rows, codes, warnings, final, named)


def nominations_open_for_vote(plan):
    """Nominations of `plan` that can be put to a vote (proposed, or failed and retried)."""
    return (
        Nomination.objects.filter(plan=plan)
        .filter(Q(status=Nomination.Status.PROPOSED) | Q(status=Nomination.Status.FAILED))
        .select_related("title", "nominee", "collective")
    )
