"""Ballots of a vote round (W6): casting one, paper ballots entered by the counting
committee, the encrypted box they go into, and the end of voting when the last elector
has voted. docs/ballots.md explains the box."""

import hashlib
import hmac
import secrets
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.deadlines import WindowState
from nominations import tally as crypto
from nominations.ballots import new_code, normalise_choices
from nominations.models import (
    Ballot,
    OpenVote,
    Participation,
    VoteRound,
)
from nominations.selectors.steps import require_running
from nominations.services.common import require
from portal.audit import record
from portal.vietnamese import format_deadline, format_moment


def _empty_cipher(public_key: str, nomination_ids) -> dict:
    cipher = {"cast": crypto.encrypt(0, public_key)}
    for nid in nomination_ids:
        cipher[str(nid)] = {
            "a": crypto.encrypt(0, public_key),
            "d": crypto.encrypt(0, public_key),
        }
    return cipher


def create_slots(round: VoteRound, nomination_ids, count: int) -> None:
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


def legacy_round_message() -> str:
    return _("Đợt bỏ phiếu kín này mở trước khi phiếu được mã hóa; hãy hủy và tạo đợt mới.")


def check_window(round: VoteRound, now: datetime) -> None:
    require_running(round.plan)
    if round.status != VoteRound.Status.OPEN:
        raise ValidationError(_("Đợt biểu quyết này không mở."))
    if round.is_secret and not round.public_key:
        raise ValidationError(legacy_round_message())
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
            check_window(round, now)
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
                end_voting(round, now, reason=_("Mọi người trong danh sách đã bỏ phiếu."))
    except IntegrityError as exc:
        raise ValidationError(duplicate) from exc
    return code


def normalise(round, raw):
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
    check_window(round, now)
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
        choices=normalise(round, choices),
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
    require(actor, "vote_round.count", round)
    check_window(round, now)
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
    require(actor, "vote_round.count", round)
    if confirmed_by is None or confirmed_by.pk == actor.pk:
        raise ValidationError(_("Phiếu giấy phải được một thành viên khác của ban xác nhận."))
    if not round.counters.filter(user=confirmed_by).exists():
        raise ValidationError(_("Người xác nhận không thuộc ban kiểm phiếu của đợt này."))
    check_window(round, now)
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
        choices=normalise(round, choices),
        written=True,
        entered_by=actor,
        confirmed_by=confirmed_by,
        duplicate=_("Người này đã bỏ phiếu trong đợt này rồi."),
        now=now,
    )


def _sum_box(round: VoteRound) -> dict:
    slots = list(Ballot.objects.filter(round=round).values_list("cipher", flat=True))
    summed = {"cast": crypto.total(s["cast"] for s in slots)}
    for nid in round.nominations.values_list("id", flat=True):
        summed[str(nid)] = {
            bit: crypto.total(s[str(nid)][bit] for s in slots) for bit in ("a", "d")
        }
    return summed


def end_voting(round: VoteRound, now: datetime, reason: str) -> None:
    round.voting_closed_at = now
    round.close_reason = reason[:300]
    round.status = VoteRound.Status.COUNTING
    if round.is_secret:
        round.summed = _sum_box(round)
    round.save(update_fields=["voting_closed_at", "close_reason", "status", "summed"])
