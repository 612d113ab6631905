"""Reads for vote rounds: the visible rounds, the progress a chair sees, and the tally —
which exists only after the close."""

import json
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db.models import Count as DbCount
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.deadlines import WindowState
from nominations import tally as crypto
from nominations.ballots import secrecy_warnings
from nominations.models import Ballot, Nomination, OpenVote, Participation, VoteRound
from nominations.models.votes import Choice
from nominations.passrule import Count, Decision, decide_for_round
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
    """Open rounds where `user` is an elector voting on the phone and has not voted yet."""
    now = now or timezone.now()
    return (
        VoteRound.objects.filter(
            status=VoteRound.Status.OPEN,
            electors__user=user,
            electors__paper=False,  # who votes on paper does not vote on the phone
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
    if round.status == VoteRound.Status.COUNTING:
        return _("Đã kết thúc bỏ phiếu lúc %(at)s, chờ ban kiểm phiếu nhập mã khóa") % {
            "at": format_deadline(round.voting_closed_at or round.closes_at)
        }
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
        "paper": [e.user for e in round.electors.filter(paper=True).select_related("user")],
        "warnings": secrecy_warnings(electorate=len(electors)) if round.is_secret else [],
    }


def count_round(
    round: VoteRound, *, present: int | None = None, totals: dict | None = None
) -> dict[int, Count]:
    """Count a round per nomination id: the show of hands, or for a secret round the
    decrypted `totals` ({"cast": n, "<id>": {"a": n, "d": n}}, see ``decrypt_round``)."""
    electorate = round.electors.count()
    participations = Participation.objects.filter(round=round)
    if present is None:
        present = (
            round.present_count
            if round.present_count is not None
            else participations.filter(written=False).count()
        )
    if round.is_secret:
        if totals is None:
            raise TallyNotReady(_("Phiếu kín chỉ được đếm khi ban kiểm phiếu nhập đủ mã khóa."))
        cast = totals["cast"]
        counts = {}
        for nomination_id in round.nominations.values_list("id", flat=True):
            bits = totals[str(nomination_id)]
            counts[nomination_id] = Count(
                approve=bits["a"],
                disapprove=bits["d"],
                abstain=cast - bits["a"] - bits["d"],
                electorate=electorate,
                present=present,
                cast=cast,
            )
        return counts
    choice_sets = list(OpenVote.objects.filter(round=round).values_list("choices", flat=True))
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
    ended = round.status == VoteRound.Status.COUNTING or (
        round.status == VoteRound.Status.OPEN and round.window.state(now) is WindowState.CLOSED
    )
    if round.is_secret and ended:
        raise TallyNotReady(
            _("Đã kết thúc bỏ phiếu; kết quả có khi ban kiểm phiếu nhập đủ mã khóa.")
        )
    if not ended:
        raise TallyNotReady(
            _("Kết quả chỉ được công bố sau khi đợt biểu quyết kết thúc lúc %(at)s.")
            % {"at": format_deadline(round.closes_at)}
        )
    return compute_tally(round, final=False)


def compute_tally(
    round: VoteRound, *, final: bool, present: int | None = None, counts: dict | None = None
) -> RoundTally:
    if counts is None:
        counts = count_round(round, present=present)
    nominations = list(round.nominations.select_related("title", "nominee", "collective"))
    rows = [
        NomineeTally(n, counts[n.pk], decide_for_round(counts[n.pk], round, n.title))
        for n in nominations
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
        decision = decide_for_round(count, round, r.nomination.title)
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


def decrypt_round(round: VoteRound, members, *, present: int | None = None) -> dict:
    """Decrypt the sums of a secret round from every member's decryption shares, after
    checking each share's proof: the counts per nomination id. Raises TallyError when a
    share or the sums do not check out."""
    summed = round.summed
    electorate = round.electors.count()

    def open_total(path):
        ct = summed
        for key in path:
            ct = ct[key]
        shares = []
        for member in members:
            share = member.decryption
            for key in path:
                share = share[key]
            if not crypto.verify_partial(member.public_share, ct, share):
                raise crypto.TallyError(f"proof of {member.user} fails")
            shares.append(share)
        return crypto.decrypt_total(ct, shares, most=electorate)

    totals = {"cast": open_total(["cast"])}
    for nid in summed:
        if nid != "cast":
            totals[nid] = {bit: open_total([nid, bit]) for bit in ("a", "d")}
    return count_round(round, present=present, totals=totals)


def bulletin(round: VoteRound) -> dict:
    """The round's public bulletin: every slot's code and ciphertexts (in code order,
    which is random), the public key and shares, each member's decryption shares with
    their proofs, and the published totals. Enough for anyone to recount."""
    slots = [
        {"code": code, "cipher": cipher}
        for code, cipher in Ballot.objects.filter(round=round)
        .order_by("code")
        .values_list("code", "cipher")
    ]
    members = list(round.counters.select_related("user").order_by("user_id"))
    return {
        "round": round.pk,
        "public_key": round.public_key,
        "committee": [
            {"member": m.user_id, "public_share": m.public_share, "decryption": m.decryption}
            for m in members
        ],
        "slots": slots,
    }


def bulletin_text(round: VoteRound) -> str:
    """The bulletin as canonical JSON: the text whose SHA-256 the minutes print."""
    return json.dumps(bulletin(round), sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class Recount:
    matches: bool
    sums_match: bool
    proofs_ok: bool
    totals: dict  # nomination id -> (approve, disapprove, abstain)
    cast: int
    problem: str = ""


def recount(round: VoteRound, data: dict | None = None) -> Recount:
    """Recount a closed secret round from its bulletin alone: add up every slot, check
    the sums and every decryption proof, decrypt the totals, and compare with the results
    the portal published."""
    data = data or bulletin(round)
    slots = data["slots"]
    members = data["committee"]
    electorate = len(slots)
    nids = [k for k in (slots[0]["cipher"] if slots else {}) if k != "cast"]
    summed = {"cast": crypto.total(s["cipher"]["cast"] for s in slots)}
    for nid in nids:
        summed[nid] = {b: crypto.total(s["cipher"][nid][b] for s in slots) for b in ("a", "d")}
    sums_match = summed == round.summed
    proofs_ok = True
    problem = ""

    def open_total(ct, path):
        nonlocal proofs_ok
        shares = []
        for m in members:
            share = m["decryption"]
            for key in path:
                share = share[key]
            if not crypto.verify_partial(m["public_share"], ct, share):
                proofs_ok = False
            shares.append(share)
        return crypto.decrypt_total(ct, shares, most=electorate)

    totals = {}
    cast = 0
    try:
        cast = open_total(summed["cast"], ["cast"])
        for nid in nids:
            a = open_total(summed[nid]["a"], [nid, "a"])
            d = open_total(summed[nid]["d"], [nid, "d"])
            totals[int(nid)] = (a, d, cast - a - d)
    except (crypto.TallyError, KeyError) as error:
        problem = str(error)
    published = {r.nomination_id: (r.approve, r.disapprove, r.abstain) for r in round.results.all()}
    matches = not problem and proofs_ok and sums_match and totals == published
    if published and not matches and not problem:
        problem = _("Kết quả kiểm lại khác kết quả đã công bố.")
    return Recount(matches, sums_match, proofs_ok, totals, cast, problem)


def nominations_open_for_vote(plan):
    """Nominations of `plan` that can be put to a vote (proposed, or failed and retried)."""
    return (
        Nomination.objects.filter(plan=plan)
        .filter(Q(status=Nomination.Status.PROPOSED) | Q(status=Nomination.Status.FAILED))
        .select_related("title", "nominee", "collective")
    )
