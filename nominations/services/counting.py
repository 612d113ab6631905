"""The counting committee of a secret vote round (W6): choosing it, each member's key
share, entering the shares at the count, and the result stored when the last share is in.
docs/ballots.md explains the threshold key."""

import hashlib
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nominations import tally as crypto
from nominations.models import (
    CountingMember,
    Nomination,
    VoteResult,
    VoteRound,
)
from nominations.permissions.common import committee_roles
from nominations.selectors.votes import compute_tally
from nominations.services.common import require
from portal.audit import record
from portal.models import Membership

COMMITTEE_SIZES = (2, 3)


def set_counters(round: VoteRound, users) -> None:
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
    require(actor, "vote_round.manage", round)
    round = VoteRound.objects.select_for_update().get(pk=round.pk)
    if round.status != VoteRound.Status.DRAFT:
        raise ValidationError(_("Chỉ đổi ban kiểm phiếu khi đợt biểu quyết đang chuẩn bị."))
    set_counters(round, users)
    record(
        actor=actor,
        action="vote_round.committee",
        obj=round,
        unit=round.unit,
        members=[u.pk for u in users],
    )
    return round


def share_context(round: VoteRound, user) -> str:
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
        crypto.share_secret(code, share_context(round, actor))
    )
    member.save(update_fields=["public_share"])
    record(actor=actor, action="vote_round.key_share", obj=round, unit=round.unit)
    return code


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
    secret = crypto.share_secret(code, share_context(round, actor))
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
        finalise(round, actor, compute_tally(round, final=True, counts=counts))
    return round


def finalise(round: VoteRound, actor, result) -> None:
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
