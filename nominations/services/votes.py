"""Writes for vote rounds (W6): create, open, cast, written ballots, close, cancel."""

import secrets
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.deadlines import WindowState
from nominations.ballots import new_code, normalise_choices
from nominations.models import (
    Ballot,
    Elector,
    Nomination,
    OpenVote,
    Participation,
    VoteResult,
    VoteRound,
)
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
    record(actor=actor, action="vote_round.create", obj=round, unit=round.unit, name=name)
    return round


@transaction.atomic
def open_vote_round(*, round: VoteRound, actor, now: datetime | None = None) -> VoteRound:
    """Fix the electorate and open the round for ballots at its opening time.

    Side effects: locks the round, stores the electors (current members of the unit with
    the electorate's roles), marks the nominees as in the vote, writes an audit entry.
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
    if round.electorate == VoteRound.Electorate.BCH:
        roles = committee_roles(round.unit)
    else:
        roles = UNION_MEMBER_ROLES
    user_ids = set(
        Membership.objects.current(on=timezone.localdate(now))
        .filter(unit=round.unit, role__in=roles, user__is_active=True)
        .values_list("user_id", flat=True)
    )
    if not user_ids:
        raise ValidationError(_("Đơn vị chưa có ai trong danh sách bỏ phiếu."))
    Elector.objects.bulk_create(Elector(round=round, user_id=uid) for uid in sorted(user_ids))
    Nomination.objects.filter(pk__in=[n.pk for n in nominations]).update(
        status=Nomination.Status.IN_VOTE
    )
    round.status = VoteRound.Status.OPEN
    round.save(update_fields=["status"])
    record(
        actor=actor, action="vote_round.open", obj=round, unit=round.unit, electorate=len(user_ids)
    )
    return round


def _check_window(round: VoteRound, now: datetime) -> None:
    require_running(round.plan)
    if round.status != VoteRound.Status.OPEN:
        raise ValidationError(_("Đợt biểu quyết này không mở."))
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


def _store_vote(*, round, voter, choices, written: bool, entered_by, duplicate: str) -> str:
    """Participation and ballot in one transaction: the unique (round, voter) constraint
    refuses a second ballot even from a concurrent request."""
    code = new_code() if round.is_secret else ""
    try:
        with transaction.atomic():
            Participation.objects.create(
                round=round, voter=voter, written=written, entered_by=entered_by
            )
            if round.is_secret:
                Ballot.objects.create(round=round, code=code, choices=choices)
            else:
                OpenVote.objects.create(round=round, voter=voter, choices=choices, written=written)
            record(
                actor=entered_by or voter,
                action="vote.written" if written else "vote.cast",
                obj=round,
                unit=round.unit,
                **({"voter": voter.pk} if written else {}),
            )
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

    Side effects: one Participation (who) and one Ballot (what, with a random code, no
    voter) — or, in an open round, one OpenVote with the name — in one transaction, and an
    audit entry that names the voter but not the choice. Raises ValidationError outside
    the window, for a non-elector, for a second ballot, or for a malformed ballot.
    """
    now = now or timezone.now()
    _check_window(round, now)
    if not round.electors.filter(user=actor).exists():
        raise ValidationError(_("Bạn không có trong danh sách bỏ phiếu của đợt này."))
    if Participation.objects.filter(round=round, voter=actor).exists():
        raise ValidationError(_("Bạn đã bỏ phiếu trong đợt này rồi."))
    return _store_vote(
        round=round,
        voter=actor,
        choices=_normalise(round, choices),
        written=False,
        entered_by=None,
        duplicate=_("Bạn đã bỏ phiếu trong đợt này rồi."),
    )


def enter_written_ballot(
    *, round: VoteRound, voter, choices, actor, now: datetime | None = None
) -> str:
    """The chair enters the written ballot of an absent elector, marked as written.

    Side effects: as ``cast_ballot``; the participation records who entered it.
    """
    now = now or timezone.now()
    _require(actor, "vote_round.manage", round)
    _check_window(round, now)
    if not round.electors.filter(user=voter).exists():
        raise ValidationError(_("%(name)s không có trong danh sách bỏ phiếu.") % {"name": voter})
    return _store_vote(
        round=round,
        voter=voter,
        choices=_normalise(round, choices),
        written=True,
        entered_by=actor,
        duplicate=_("Người này đã bỏ phiếu trong đợt này rồi."),
    )


def _shuffle_ballot_box(round: VoteRound) -> None:
    """Rewrite the round's ballots in a random order under new random keys, so that not
    even the physical order of rows in the database (SQLite's rowid, PostgreSQL's heap)
    follows the order in which people voted — the order participations were recorded in."""
    ballots = [(b.code, b.choices) for b in Ballot.objects.filter(round=round)]
    secrets.SystemRandom().shuffle(ballots)
    Ballot.objects.filter(round=round).delete()
    Ballot.objects.bulk_create(Ballot(round=round, code=c, choices=ch) for c, ch in ballots)


def close_blocked_reason(round: VoteRound, now: datetime) -> str:
    """Why the round cannot be counted yet ("" when it can): before its close, unless every
    elector has voted. The count button shows this next to it."""
    if round.window.state(now) is WindowState.CLOSED:
        return ""
    if round.participations.count() >= round.electors.count() > 0:
        return ""
    return _("Chưa hết giờ bỏ phiếu (đóng lúc %(at)s) và còn người chưa bỏ phiếu.") % {
        "at": format_deadline(round.closes_at)
    }


@transaction.atomic
def close_vote_round(
    *, round: VoteRound, actor, present_count: int | None = None, now: datetime | None = None
) -> VoteRound:
    """Count the round after its close (or once every elector voted) and apply each title's
    pass rule.

    Side effects: locks the round, rewrites the ballot box in a random order, stores the
    present count and one VoteResult per nominee, sets each nominee to passed or failed,
    publishes the ballot codes (they show on the results page from now on), writes an
    audit entry.
    """
    now = now or timezone.now()
    _require(actor, "vote_round.manage", round)
    round = VoteRound.objects.select_for_update().get(pk=round.pk)
    require_running(round.plan)
    if round.status != VoteRound.Status.OPEN:
        raise ValidationError(_("Chỉ kiểm phiếu được đợt biểu quyết đang mở."))
    electorate = round.electors.count()
    everyone_voted = round.participations.count() >= electorate
    if round.window.state(now) is not WindowState.CLOSED and not everyone_voted:
        raise ValidationError(
            _("Chưa hết giờ bỏ phiếu (đóng lúc %(at)s) và còn người chưa bỏ phiếu.")
            % {"at": format_deadline(round.closes_at)}
        )
    if present_count is not None and not 0 <= present_count <= electorate:
        raise ValidationError(_("Số người có mặt phải từ 0 đến %(n)s.") % {"n": electorate})
    _shuffle_ballot_box(round)
    result = compute_tally(round, final=True, present=present_count)
    round.present_count = result.rows[0].count.present if result.rows else (present_count or 0)
    round.status = VoteRound.Status.CLOSED
    round.save(update_fields=["present_count", "status"])
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
    )
    return round


@transaction.atomic
def cancel_vote_round(*, round: VoteRound, actor, reason: str) -> VoteRound:
    """Cancel a round that has not been counted; its nominees go back to proposed.

    Side effects: locks the round, deletes nothing (ballots stay, uncounted), writes an
    audit entry with the reason.
    """
    _require(actor, "vote_round.manage", round)
    round = VoteRound.objects.select_for_update().get(pk=round.pk)
    require_running(round.plan)
    if round.status not in (VoteRound.Status.DRAFT, VoteRound.Status.OPEN):
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
