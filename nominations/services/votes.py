"""Writes for vote rounds (W6): create, committee keys, open, cast, paper ballots, end of
voting, count, cancel. The encrypted ballot box is explained in docs/ballots.md."""

import hashlib
import hmac
import math
import secrets
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.deadlines import WindowState
from nominations import tally as crypto
from nominations.ballots import new_code, normalise_choices
from nominations.models import (
    Ballot,
    CountingMember,
    Elector,
    Nomination,
    OpenVote,
    Participation,
    VoteResult,
    VoteRound,
)
from nominations.passrule import as_fraction, rule_of_title
from nominations.permissions.common import committee_roles
from nominations.selectors.steps import require_running, require_step, step_facts
from nominations.selectors.votes import compute_tally
from nominations.steps import Action
from portal.audit import record
from portal.models import UNION_MEMBER_ROLES, Membership
from portal.permissions import can
from portal.vietnamese import format_deadline, format_moment

VOTABLE = (Nomination.Status.PROPOSED, Nomination.Status.FAILED)


def _require(actor, action, obj):
    if not can(actor, action, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


@transaction.atomic
def create_vote_round(
    *,
    plan,
    name: str,
    nominations,
    opens_at: datetime,
    closes_at: datetime,
    actor,
    electorate: str = VoteRound.Electorate.BCH,
    mode: str = VoteRound.Mode.SECRET,
    choice_mode: str = VoteRound.ChoiceMode.PER_NOMINEE,
    max_choices: int | None = None,
    counters=(),
    now: datetime | None = None,
) -> VoteRound:
    """Prepare a vote round (draft) over `nominations` of `plan`.

    Side effects: creates the round, writes an audit entry. Raises ValidationError when a
    nominee is not open for a vote, the times are wrong, K is out of range, or a title that
    needs a secret ballot would be voted by show of hands.
    """
    now = now or timezone.now()
    _require(actor, "vote_round.create", plan)
    require_step(plan, Action.CREATE_ROUND, now)
    starts = step_facts(plan).vote_starts_at
    if starts is not None and opens_at < starts:
        raise ValidationError(
            _("Giờ mở phải từ %(at)s trở đi — mốc lấy ý kiến tập thể của kế hoạch.")
            % {"at": format_deadline(starts)}
        )
    nominations = list(nominations)
    if not nominations:
        raise ValidationError(_("Chọn ít nhất một người được đề nghị để biểu quyết."))
    for nomination in nominations:
        if nomination.plan_id != plan.pk or nomination.status not in VOTABLE:
            raise ValidationError(
                _("%(name)s không ở trạng thái chờ biểu quyết của kế hoạch này.")
                % {"name": nomination.nominee_name}
            )
        if mode == VoteRound.Mode.OPEN and nomination.title.secret_ballot:
            raise ValidationError(
                _("Danh hiệu “%(title)s” phải bỏ phiếu kín.") % {"title": nomination.title.name}
            )
    if closes_at <= opens_at:
        raise ValidationError(_("Giờ đóng phải sau giờ mở."))
    if closes_at <= now:
        raise ValidationError(_("Giờ đóng đã qua."))
    if choice_mode == VoteRound.ChoiceMode.CHOOSE_UP_TO:
        if not max_choices or not 1 <= max_choices <= len(nominations):
            raise ValidationError(
                _("Số người được chọn tối đa phải từ 1 đến %(n)s.") % {"n": len(nominations)}
            )
    else:
        max_choices = None
    round = VoteRound.objects.create(
        plan=plan,
        unit=plan.issuer,
        name=name,
        electorate=electorate,
        mode=mode,
        choice_mode=choice_mode,
        max_choices=max_choices,
        opens_at=opens_at,
        closes_at=closes_at,
        created_by=actor,
        created_at=now,
    )
    round.nominations.set(nominations)
    if counters:
        _set_counters(round, counters)
    record(actor=actor, action="vote_round.create", obj=round, unit=round.unit, name=name)
    return round


COMMITTEE_SIZES = (2, 3)


def _set_counters(round: VoteRound, users) -> None:
    users = list(dict.fromkeys(users))
    if len(users) not in COMMITTEE_SIZES:
        raise ValidationError(_("Ban kiểm phiếu gồm 2 hoặc 3 người."))
    allowed = set(
        Membership.objects.current()
        .filter(unit=round.unit, role__in=committee_roles(round.unit), user__is_active=True)
        .values_list("user_id", flat=True)
    )
    for user in users:
        if user.pk not in allowed:
            raise ValidationError(
                _("%(name)s không thuộc Ban Chấp hành của đơn vị.") % {"name": user}
            )
    round.counters.all().delete()
    CountingMember.objects.bulk_create(CountingMember(round=round, user=u) for u in users)


@transaction.atomic
def set_counting_committee(*, round: VoteRound, users, actor) -> VoteRound:
    """Choose the round's counting committee (2 or 3 BCH members) while it is prepared.

    Side effects: replaces the committee (and any key shares already issued), audits it.
    """
    _require(actor, "vote_round.manage", round)
    round = VoteRound.objects.select_for_update().get(pk=round.pk)
    if round.status != VoteRound.Status.DRAFT:
        raise ValidationError(_("Chỉ đổi ban kiểm phiếu khi đợt biểu quyết đang chuẩn bị."))
    _set_counters(round, users)
    record(
        actor=actor,
        action="vote_round.committee",
        obj=round,
        unit=round.unit,
        members=[u.pk for u in users],
    )
    return round


def _share_context(round: VoteRound, user) -> str:
    return f"round:{round.pk}:member:{user.pk}"


@transaction.atomic
def issue_key_share(*, round: VoteRound, actor) -> str:
    """Give `actor` (a committee member) a fresh share code and keep only its public half.

    Returns the code: it is shown once and never stored. Issuing again before the opening
    replaces the share (a lost code); after the opening the key is fixed.
    """
    round = VoteRound.objects.select_for_update().get(pk=round.pk)
    member = round.counters.filter(user=actor).first()
    if member is None:
        raise PermissionDenied(_("Bạn không có trong ban kiểm phiếu của đợt này."))
    if round.status != VoteRound.Status.DRAFT:
        raise ValidationError(_("Khóa của đợt đã cố định khi mở đợt."))
    code = crypto.new_share_code()
    member.public_share = crypto.public_share(
        crypto.share_secret(code, _share_context(round, actor))
    )
    member.save(update_fields=["public_share"])
    record(actor=actor, action="vote_round.key_share", obj=round, unit=round.unit)
    return code


def electorate_ids(round: VoteRound, now: datetime | None = None):
    """Who would vote if the round opened at `now`: current, active members of the unit
    with the electorate's roles (a query of user ids)."""
    now = now or timezone.now()
    if round.electorate == VoteRound.Electorate.BCH:
        roles = committee_roles(round.unit)
    else:
        roles = UNION_MEMBER_ROLES
    return (
        Membership.objects.current(on=timezone.localdate(now))
        .filter(unit=round.unit, role__in=roles, user__is_active=True)
        .values_list("user_id", flat=True)
        .distinct()
    )


@transaction.atomic
def open_vote_round(
    *, round: VoteRound, actor, paper_voters=(), now: datetime | None = None
) -> VoteRound:
    """Fix the electorate, the key and the pass rules, and open the round.

    Side effects: locks the round, stores the electors (current members of the unit with
    the electorate's roles; `paper_voters` marked as voting on paper), each title's pass
    rule, and for a secret round the public key and one encrypted empty slot per elector
    in random order; marks the nominees as in the vote; writes an audit entry.
    """
    now = now or timezone.now()
    _require(actor, "vote_round.manage", round)
    round = VoteRound.objects.select_for_update().get(pk=round.pk)
    if round.status != VoteRound.Status.DRAFT:
        raise ValidationError(_("Chỉ mở được đợt biểu quyết đang chuẩn bị."))
    require_step(round.plan, Action.OPEN_ROUND, now)
    if round.closes_at <= now:
        raise ValidationError(_("Giờ đóng đã qua; hãy tạo đợt mới."))
    nominations = list(round.nominations.all())
    if any(n.status not in VOTABLE for n in nominations):
        raise ValidationError(_("Có người trong danh sách không còn ở trạng thái chờ biểu quyết."))
    user_ids = set(electorate_ids(round, now))
    if not user_ids:
        raise ValidationError(_("Đơn vị chưa có ai trong danh sách bỏ phiếu."))
    paper_ids = {u.pk for u in paper_voters}
    if paper_ids - user_ids:
        raise ValidationError(_("Người bỏ phiếu giấy phải có trong danh sách bỏ phiếu."))
    if round.is_secret:
        members = list(round.counters.all())
        if len(members) not in COMMITTEE_SIZES:
            raise ValidationError(_("Chọn ban kiểm phiếu (2 hoặc 3 người) trước khi mở đợt."))
        if any(not m.public_share for m in members):
            raise ValidationError(
                _("Mỗi thành viên ban kiểm phiếu phải nhận mã khóa của mình trước khi mở đợt.")
            )
        round.public_key = crypto.combine_public(m.public_share for m in members)
    Elector.objects.bulk_create(
        Elector(round=round, user_id=uid, paper=uid in paper_ids) for uid in sorted(user_ids)
    )
    round.rules = {str(n.title_id): rule_of_title(n.title) for n in nominations}
    if round.is_secret:
        _create_slots(round, [n.pk for n in nominations], len(user_ids))
    Nomination.objects.filter(pk__in=[n.pk for n in nominations]).update(
        status=Nomination.Status.IN_VOTE
    )
    round.status = VoteRound.Status.OPEN
    round.save(update_fields=["status", "public_key", "rules"])
    record(
        actor=actor, action="vote_round.open", obj=round, unit=round.unit, electorate=len(user_ids)
    )
    return round


def _empty_cipher(public_key: str, nomination_ids) -> dict:
    cipher = {"cast": crypto.encrypt(0, public_key)}
    for nid in nomination_ids:
        cipher[str(nid)] = {
            "a": crypto.encrypt(0, public_key),
            "d": crypto.encrypt(0, public_key),
        }
    return cipher


def _create_slots(round: VoteRound, nomination_ids, count: int) -> None:
    """One encrypted empty slot per elector, with random codes, keys and order."""
    codes = set()
    while len(codes) < count:
        codes.add(new_code())
    codes = list(codes)
    secrets.SystemRandom().shuffle(codes)
    Ballot.objects.bulk_create(
        Ballot(round=round, code=code, cipher=_empty_cipher(round.public_key, nomination_ids))
        for code in codes
    )


def _slot_rank(round: VoteRound, code: str) -> bytes:
    """Where a slot stands in the round's secret filling order: a keyed hash of its code
    under the server's secret (settings.BALLOT_SLOT_KEY, else SECRET_KEY), which is not in
    the database. The n-th ballot goes to the n-th slot of that order."""
    key = getattr(settings, "BALLOT_SLOT_KEY", "") or settings.SECRET_KEY
    return hmac.new(key.encode(), f"{round.pk}:{code}".encode(), hashlib.sha256).digest()


def _ballot_bits(choices: dict) -> dict:
    bits = {"cast": 1}
    for nid, choice in choices.items():
        bits[nid] = {"a": int(choice == "approve"), "d": int(choice == "disapprove")}
    return bits


def _add_ballot_to_box(round: VoteRound, choices: dict, filled: int) -> str:
    """Rewrite every slot of the round under fresh randomness and add the ballot into the
    next slot of the secret order; return that slot's code. Every row changes in the
    same statement, so no row, dead version, xmin or ctid tells which slot took it."""
    pk = round.public_key
    fresh = crypto.rerandomiser(pk)
    slots = list(Ballot.objects.filter(round=round).order_by("id"))
    target = sorted(slots, key=lambda s: _slot_rank(round, s.code))[filled]
    bits = _ballot_bits(choices)
    for slot in slots:
        new = {}
        for key, value in slot.cipher.items():
            if key == "cast":
                new[key] = fresh(value)
                if slot is target:
                    new[key] = crypto.add(new[key], crypto.encrypt(1, pk))
                continue
            new[key] = {
                bit: crypto.add(fresh(ct), crypto.encrypt(1, pk))
                if slot is target and bits[key][bit]
                else fresh(ct)
                for bit, ct in value.items()
            }
        slot.cipher = new
    Ballot.objects.bulk_update(slots, ["cipher"])
    return target.code


def _legacy_round() -> str:
    return _("Đợt bỏ phiếu kín này mở trước khi phiếu được mã hóa; hãy hủy và tạo đợt mới.")


def _check_window(round: VoteRound, now: datetime) -> None:
    require_running(round.plan)
    if round.status != VoteRound.Status.OPEN:
        raise ValidationError(_("Đợt biểu quyết này không mở."))
    if round.is_secret and not round.public_key:
        raise ValidationError(_legacy_round())
    state = round.window.state(now)
    if state is WindowState.NOT_YET_OPEN:
        raise ValidationError(
            _("Chưa đến giờ bỏ phiếu: mở lúc %(at)s; phiếu gửi đến lúc %(now)s.")
            % {"at": format_deadline(round.opens_at), "now": format_moment(now)}
        )
    if state is WindowState.CLOSED:
        raise ValidationError(
            _("Đã hết giờ bỏ phiếu lúc %(at)s; phiếu gửi đến lúc %(now)s.")
            % {"at": format_deadline(round.closes_at), "now": format_moment(now)}
        )


def _store_vote(
    *, round, voter, choices, written: bool, entered_by, confirmed_by, duplicate: str, now
) -> str:
    """Participation and ballot in one transaction, under the round's lock: the unique
    (round, voter) constraint refuses a second ballot even from a concurrent request.
    The audit entry names the voter (who took part), never the slot or the choice."""
    try:
        with transaction.atomic():
            round = VoteRound.objects.select_for_update().get(pk=round.pk)
            _check_window(round, now)
            if Participation.objects.filter(round=round, voter=voter).exists():
                raise ValidationError(duplicate)
            filled = Participation.objects.filter(round=round).count()
            Participation.objects.create(
                round=round, voter=voter, written=written, entered_by=entered_by
            )
            code = ""
            if round.is_secret:
                code = _add_ballot_to_box(round, choices, filled)
            else:
                OpenVote.objects.create(round=round, voter=voter, choices=choices, written=written)
            if written:
                record(
                    actor=entered_by,
                    action="vote.paper",
                    obj=round,
                    unit=round.unit,
                    voter=voter.pk,
                    confirmed_by=confirmed_by.pk,
                )
            else:
                record(actor=voter, action="vote.cast", obj=round, unit=round.unit)
            if filled + 1 >= round.electors.count():
                _end_voting(round, now, reason=_("Mọi người trong danh sách đã bỏ phiếu."))
    except IntegrityError as exc:
        raise ValidationError(duplicate) from exc
    return code


def _normalise(round, raw):
    return normalise_choices(
        nomination_ids=round.nominations.values_list("id", flat=True),
        choice_mode=round.choice_mode,
        max_choices=round.max_choices,
        raw=raw,
    )


def cast_ballot(*, round: VoteRound, actor, choices, now: datetime | None = None) -> str:
    """Cast `actor`'s ballot; return the ballot code (secret rounds; "" when open).

    Side effects: one Participation (who); in a secret round every slot of the encrypted
    box rewritten with the ballot added to one of them, in an open round one OpenVote
    with the name; an audit entry that names the voter but not the choice; the end of
    voting when this was the last elector. Raises ValidationError outside the window, for
    a non-elector, an elector marked to vote on paper, a second ballot or a bad ballot.
    """
    now = now or timezone.now()
    _check_window(round, now)
    elector = round.electors.filter(user=actor).first()
    if elector is None:
        raise ValidationError(_("Bạn không có trong danh sách bỏ phiếu của đợt này."))
    if Participation.objects.filter(round=round, voter=actor).exists():
        raise ValidationError(_("Bạn đã bỏ phiếu trong đợt này rồi."))
    if elector.paper:
        raise ValidationError(
            _("Bạn được ghi là bỏ phiếu giấy tại hội nghị; hãy nộp phiếu giấy cho ban kiểm phiếu.")
        )
    return _store_vote(
        round=round,
        voter=actor,
        choices=_normalise(round, choices),
        written=False,
        entered_by=None,
        confirmed_by=None,
        duplicate=_("Bạn đã bỏ phiếu trong đợt này rồi."),
        now=now,
    )


@transaction.atomic
def mark_paper_voter(*, round: VoteRound, voter, actor, now: datetime | None = None):
    """A committee member marks an elector present at the meeting without a phone: from
    now on they vote on paper only. Refused once they have voted."""
    now = now or timezone.now()
    _require(actor, "vote_round.count", round)
    _check_window(round, now)
    elector = round.electors.select_for_update().filter(user=voter).first()
    if elector is None:
        raise ValidationError(_("%(name)s không có trong danh sách bỏ phiếu.") % {"name": voter})
    if Participation.objects.filter(round=round, voter=voter).exists():
        raise ValidationError(
            _("%(name)s đã bỏ phiếu trong đợt này rồi, không nhận phiếu giấy.") % {"name": voter}
        )
    if not elector.paper:
        elector.paper = True
        elector.save(update_fields=["paper"])
        record(actor=actor, action="vote.paper_mark", obj=round, unit=round.unit, voter=voter.pk)
    return elector


def enter_written_ballot(
    *, round: VoteRound, voter, choices, actor, confirmed_by, now: datetime | None = None
) -> str:
    """A paper ballot, entered by one committee member and confirmed by another who read
    the same paper (two-person rule). Only for electors marked to vote on paper who have
    not voted. Side effects: as ``cast_ballot``, marked as written; the audit entry names
    both members and the voter, never the choices.
    """
    now = now or timezone.now()
    _require(actor, "vote_round.count", round)
    if confirmed_by is None or confirmed_by.pk == actor.pk:
        raise ValidationError(_("Phiếu giấy phải được một thành viên khác của ban xác nhận."))
    if not round.counters.filter(user=confirmed_by).exists():
        raise ValidationError(_("Người xác nhận không thuộc ban kiểm phiếu của đợt này."))
    _check_window(round, now)
    elector = round.electors.filter(user=voter).first()
    if elector is None:
        raise ValidationError(_("%(name)s không có trong danh sách bỏ phiếu.") % {"name": voter})
    if Participation.objects.filter(round=round, voter=voter).exists():
        raise ValidationError(
            _("%(name)s đã bỏ phiếu trong đợt này rồi, không nhận phiếu giấy.") % {"name": voter}
        )
    if not elector.paper:
        raise ValidationError(
            _("%(name)s không được ghi là bỏ phiếu giấy; người này bỏ phiếu trên điện thoại.")
            % {"name": voter}
        )
    return _store_vote(
        round=round,
        voter=voter,
        choices=_normalise(round, choices),
        written=True,
        entered_by=actor,
        confirmed_by=confirmed_by,
        duplicate=_("Người này đã bỏ phiếu trong đợt này rồi."),
        now=now,
    )


def _quorum_needed(round: VoteRound, electorate: int) -> int:
    """Ballots needed before the chair may end voting early: the strictest quorum among
    the round's stored rules, at least one."""
    quorums = [as_fraction(r.get("quorum") or 0) for r in round.rules.values()]
    share = max(quorums, default=0)
    return max(1, math.ceil(share * electorate))


def close_blocked_reason(round: VoteRound, now: datetime) -> str:
    """Why voting cannot end now without a reason ("" when it can): the time is not up
    and someone has not voted. The chair may still end it early with a reason once the
    quorum has voted."""
    if round.status != VoteRound.Status.OPEN:
        return ""
    if round.window.state(now) is WindowState.CLOSED:
        return ""
    voted, electorate = round.participations.count(), round.electors.count()
    if voted >= electorate > 0 or voted >= _quorum_needed(round, electorate):
        return ""
    return _(
        "Chưa hết giờ bỏ phiếu (đóng lúc %(at)s); muốn kết thúc sớm cần ít nhất %(need)s "
        "người đã bỏ phiếu."
    ) % {"at": format_deadline(round.closes_at), "need": _quorum_needed(round, electorate)}


def _sum_box(round: VoteRound) -> dict:
    slots = list(Ballot.objects.filter(round=round).values_list("cipher", flat=True))
    summed = {"cast": crypto.total(s["cast"] for s in slots)}
    for nid in round.nominations.values_list("id", flat=True):
        summed[str(nid)] = {
            bit: crypto.total(s[str(nid)][bit] for s in slots) for bit in ("a", "d")
        }
    return summed


def _end_voting(round: VoteRound, now: datetime, reason: str) -> None:
    round.voting_closed_at = now
    round.close_reason = reason[:300]
    round.status = VoteRound.Status.COUNTING
    if round.is_secret:
        round.summed = _sum_box(round)
    round.save(update_fields=["voting_closed_at", "close_reason", "status", "summed"])


@transaction.atomic
def close_vote_round(
    *,
    round: VoteRound,
    actor,
    present_count: int | None = None,
    reason: str = "",
    now: datetime | None = None,
) -> VoteRound:
    """End voting, and count a show-of-hands round at once.

    Voting ends when the time is up, when every elector has voted (then it has already
    ended by itself), or early with the chair's `reason` once the quorum has voted. A
    secret round then waits for its counting committee (``submit_key_share``).

    Side effects: locks the round, stores when and why voting ended, the present count,
    the sums of the encrypted box (secret), or the results (show of hands); audits it.
    """
    now = now or timezone.now()
    _require(actor, "vote_round.manage", round)
    round = VoteRound.objects.select_for_update().get(pk=round.pk)
    require_running(round.plan)
    if round.status not in (VoteRound.Status.OPEN, VoteRound.Status.COUNTING):
        raise ValidationError(_("Chỉ kiểm phiếu được đợt biểu quyết đang mở."))
    electorate = round.electors.count()
    if present_count is not None and not 0 <= present_count <= electorate:
        raise ValidationError(_("Số người có mặt phải từ 0 đến %(n)s.") % {"n": electorate})
    if round.is_secret and not round.public_key:
        raise ValidationError(_legacy_round())
    if round.status == VoteRound.Status.OPEN:
        voted = round.participations.count()
        reason = (reason or "").strip()
        if round.window.state(now) is WindowState.CLOSED:
            why = _("Hết giờ bỏ phiếu.")
        elif voted >= electorate:
            why = _("Mọi người trong danh sách đã bỏ phiếu.")
        elif not reason:
            raise ValidationError(
                _("Chưa hết giờ bỏ phiếu (đóng lúc %(at)s) và còn người chưa bỏ phiếu.")
                % {"at": format_deadline(round.closes_at)}
                + " "
                + _("Muốn kết thúc sớm, hãy ghi lý do.")
            )
        elif voted < _quorum_needed(round, electorate):
            raise ValidationError(
                _("Chưa đủ số người bỏ phiếu để kết thúc sớm: %(voted)s/%(n)s, cần %(need)s.")
                % {"voted": voted, "n": electorate, "need": _quorum_needed(round, electorate)}
            )
        else:
            why = _("Kết thúc sớm: %(reason)s") % {"reason": reason}
        _end_voting(round, now, why)
    if present_count is not None:
        round.present_count = present_count
        round.save(update_fields=["present_count"])
    record(
        actor=actor,
        action="vote_round.end_voting",
        obj=round,
        unit=round.unit,
        reason=round.close_reason,
        present=present_count,
    )
    if not round.is_secret:
        _finalise(round, actor, compute_tally(round, final=True, present=round.present_count))
    return round


@transaction.atomic
def submit_key_share(*, round: VoteRound, actor, code: str) -> VoteRound:
    """A committee member enters their share code at the count.

    Side effects: stores the member's decryption shares of the box's sums, with proofs
    (never the code); when the last member has entered theirs, decrypts the totals only,
    stores the results, publishes the bulletin's hash and closes the round. Raises
    ValidationError for a wrong code or a round that is not waiting for its count.
    """
    round = VoteRound.objects.select_for_update().get(pk=round.pk)
    member = round.counters.filter(user=actor).first()
    if member is None:
        raise PermissionDenied(_("Bạn không có trong ban kiểm phiếu của đợt này."))
    if round.status != VoteRound.Status.COUNTING or not round.is_secret:
        raise ValidationError(_("Đợt biểu quyết này không chờ kiểm phiếu."))
    secret = crypto.share_secret(code, _share_context(round, actor))
    if crypto.normalise_code(code) == "" or crypto.public_share(secret) != member.public_share:
        raise ValidationError(_("Mã khóa không đúng. Kiểm tra lại tờ giấy ghi mã."))
    decryption = {"cast": crypto.partial_decrypt(secret, round.summed["cast"])}
    for nid, bits in round.summed.items():
        if nid != "cast":
            decryption[nid] = {b: crypto.partial_decrypt(secret, ct) for b, ct in bits.items()}
    member.decryption = decryption
    member.save(update_fields=["decryption"])
    record(actor=actor, action="vote_round.key_entered", obj=round, unit=round.unit)
    members = list(round.counters.all())
    if all(m.decryption for m in members):
        from nominations.selectors.votes import decrypt_round

        counts = decrypt_round(round, members)
        _finalise(round, actor, compute_tally(round, final=True, counts=counts))
    return round


def _finalise(round: VoteRound, actor, result) -> None:
    from nominations.selectors.votes import bulletin_text

    round.present_count = (
        result.rows[0].count.present if result.rows else (round.present_count or 0)
    )
    round.status = VoteRound.Status.CLOSED
    if round.is_secret:
        round.bulletin_hash = hashlib.sha256(bulletin_text(round).encode()).hexdigest()
    round.save(update_fields=["present_count", "status", "bulletin_hash"])
    for row in result.rows:
        VoteResult.objects.create(
            round=round,
            nomination=row.nomination,
            approve=row.count.approve,
            disapprove=row.count.disapprove,
            abstain=row.count.abstain,
            base=row.decision.base,
            share=Decimal(row.decision.share.numerator) / Decimal(row.decision.share.denominator),
            passed=row.decision.passed,
            reason=row.decision.reason[:300],
        )
        Nomination.objects.filter(pk=row.nomination.pk).update(
            status=Nomination.Status.PASSED if row.decision.passed else Nomination.Status.FAILED
        )
    record(
        actor=actor,
        action="vote_round.close",
        obj=round,
        unit=round.unit,
        present=round.present_count,
        passed=[row.nomination.pk for row in result.rows if row.decision.passed],
        bulletin=round.bulletin_hash,
    )


@transaction.atomic
def cancel_vote_round(*, round: VoteRound, actor, reason: str) -> VoteRound:
    """Cancel a round that has not been counted; its nominees go back to proposed.

    Side effects: locks the round, deletes nothing (the encrypted slots stay, never
    decrypted: no total is ever computed for a cancelled round), writes an audit entry.
    """
    _require(actor, "vote_round.manage", round)
    round = VoteRound.objects.select_for_update().get(pk=round.pk)
    require_running(round.plan)
    if round.status not in (
        VoteRound.Status.DRAFT,
        VoteRound.Status.OPEN,
        VoteRound.Status.COUNTING,
    ):
        raise ValidationError(_("Không hủy được đợt biểu quyết đã kiểm phiếu."))
    if not reason.strip():
        raise ValidationError(_("Cần ghi lý do hủy."))
    round.nominations.filter(status=Nomination.Status.IN_VOTE).update(
        status=Nomination.Status.PROPOSED
    )
    round.status = VoteRound.Status.CANCELLED
    round.save(update_fields=["status"])
    record(actor=actor, action="vote_round.cancel", obj=round, unit=round.unit, reason=reason)
    return round
