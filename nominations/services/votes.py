"""Writes for vote rounds (W6): create, open, end of voting, cancel. Ballots and paper
ballots are in `ballots`, the counting committee and the count in `counting`. The
encrypted ballot box is explained in docs/ballots.md."""

import math
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.deadlines import WindowState
from nominations import tally as crypto
from nominations.models import (
    Elector,
    Nomination,
    VoteRound,
)
from nominations.passrule import as_fraction, rule_of_title
from nominations.permissions.common import committee_roles
from nominations.selectors.steps import require_running, require_step, step_facts
from nominations.selectors.votes import compute_tally
from nominations.services.ballots import create_slots, end_voting, legacy_round_message
from nominations.services.common import require
from nominations.services.counting import COMMITTEE_SIZES, finalise, set_counters
from nominations.steps import Action
from portal.audit import record
from portal.models import UNION_MEMBER_ROLES, Membership
from portal.vietnamese import format_deadline

VOTABLE = (Nomination.Status.PROPOSED, Nomination.Status.FAILED)


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
    require(actor, "vote_round.create", plan)
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
        set_counters(round, counters)
    record(actor=actor, action="vote_round.create", obj=round, unit=round.unit, name=name)
    return round


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
    require(actor, "vote_round.manage", round)
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
        create_slots(round, [n.pk for n in nominations], len(user_ids))
    Nomination.objects.filter(pk__in=[n.pk for n in nominations]).update(
        status=Nomination.Status.IN_VOTE
    )
    round.status = VoteRound.Status.OPEN
    round.save(update_fields=["status", "public_key", "rules"])
    record(
        actor=actor, action="vote_round.open", obj=round, unit=round.unit, electorate=len(user_ids)
    )
    return round


def quorum_needed(round: VoteRound, electorate: int) -> int:
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
    if voted >= electorate > 0 or voted >= quorum_needed(round, electorate):
        return ""
    return _(
        "Chưa hết giờ bỏ phiếu (đóng lúc %(at)s); muốn kết thúc sớm cần ít nhất %(need)s "
        "người đã bỏ phiếu."
    ) % {"at": format_deadline(round.closes_at), "need": quorum_needed(round, electorate)}


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
    require(actor, "vote_round.manage", round)
    round = VoteRound.objects.select_for_update().get(pk=round.pk)
    require_running(round.plan)
    if round.status not in (VoteRound.Status.OPEN, VoteRound.Status.COUNTING):
        raise ValidationError(_("Chỉ kiểm phiếu được đợt biểu quyết đang mở."))
    electorate = round.electors.count()
    if present_count is not None and not 0 <= present_count <= electorate:
        raise ValidationError(_("Số người có mặt phải từ 0 đến %(n)s.") % {"n": electorate})
    if round.is_secret and not round.public_key:
        raise ValidationError(legacy_round_message())
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
        elif voted < quorum_needed(round, electorate):
            raise ValidationError(
                _("Chưa đủ số người bỏ phiếu để kết thúc sớm: %(voted)s/%(n)s, cần %(need)s.")
                % {"voted": voted, "n": electorate, "need": quorum_needed(round, electorate)}
            )
        else:
            why = _("Kết thúc sớm: %(reason)s") % {"reason": reason}
        end_voting(round, now, why)
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
        finalise(round, actor, compute_tally(round, final=True, present=round.present_count))
    return round


@transaction.atomic
def cancel_vote_round(*, round: VoteRound, actor, reason: str) -> VoteRound:
    """Cancel a round that has not been counted; its nominees go back to proposed.

    Side effects: locks the round, deletes nothing (the encrypted slots stay, never
    decrypted: no total is ever computed for a cancelled round), writes an audit entry.
    """
    require(actor, "vote_round.manage", round)
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
