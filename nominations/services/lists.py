"""Writes for nomination lists (W7): finalise, publish with a feedback window, objections
and the chair's answers."""

import datetime as dt
from collections import defaultdict
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.deadlines import WindowState
from nominations.mail import lists as mail
from nominations.models import ListEntry, Nomination, NominationList, Objection, VoteRound
from nominations.quotas import quota_for
from nominations.selectors.steps import require_running, require_step
from nominations.services.common import require
from nominations.steps import Action
from portal.audit import record
from portal.vietnamese import format_deadline, format_moment


def _latest_pass(nomination):
    return nomination.vote_results.filter(passed=True).order_by("-round__closes_at").first()


def _within_quota(title, rows, unit) -> tuple[list, list]:
    """Split (nomination, result) rows, highest vote share first, into those within the
    title's quota and those outside it. A tie on the last place is not decided here: it
    is refused, naming the tied nominees, for a new vote among them (the tie rule)."""
    rows = sorted(rows, key=lambda r: (-(r[1].share if r[1] else 0), r[0].nominee_name))
    quota = quota_for(title, unit)
    if quota.limit is None or len(rows) <= quota.limit:
        return rows, []

    def share(row):
        return row[1].share if row[1] else 0

    if quota.limit > 0 and share(rows[quota.limit - 1]) == share(rows[quota.limit]):
        tied = [r[0].nominee_name for r in rows if share(r) == share(rows[quota.limit])]
        raise ValidationError(
            _(
                "Danh hiệu “%(title)s” (%(quota)s): %(names)s cùng tỷ lệ phiếu ở vị trí cuối "
                "của chỉ tiêu. Cần biểu quyết lại giữa những người này."
            )
            % {"title": title.name, "quota": quota.text, "names": ", ".join(tied)}
        )
    return rows[: quota.limit], rows[quota.limit :]


# A prerequisite nomination in one of these states did not earn its title.
NOT_EARNED = (
    Nomination.Status.FAILED,
    Nomination.Status.WITHDRAWN,
    Nomination.Status.PREREQUISITE_FAILED,
)


def _prerequisite_failures(plan, passed: list) -> dict:
    """{nomination: reason} for each passed nomination whose title requires another title
    (Lao động tiên tiến before Chiến sĩ thi đua cơ sở) that the same nominee did not earn
    in this plan's vote; repeated until nothing changes, so a chain falls as a whole."""
    earned_not = {}
    others = {
        (n.title_id, n.nominee_id): n
        for n in Nomination.objects.filter(plan=plan).exclude(nominee=None)
        if n.status in NOT_EARNED
    }
    changed = True
    while changed:
        changed = False
        for nomination in passed:
            title = nomination.title
            if nomination in earned_not or title.prerequisite_id is None:
                continue
            before = others.get((title.prerequisite_id, nomination.nominee_id))
            if before is None:
                continue
            result = before.vote_results.order_by("-round__closes_at").first()
            if before.status == Nomination.Status.FAILED and result is not None:
                why = _("không đạt biểu quyết “%(t)s” (%(a)s/%(b)s)") % {
                    "t": title.prerequisite.name,
                    "a": result.approve,
                    "b": result.base,
                }
            else:
                why = _("không đạt “%(t)s” (%(status)s)") % {
                    "t": title.prerequisite.name,
                    "status": before.get_status_display(),
                }
            earned_not[nomination] = _("Danh hiệu phải có trước: %(why)s.") % {"why": why}
            others[(title.pk, nomination.nominee_id)] = nomination
            changed = True
    return earned_not


@transaction.atomic
def finalise_list(*, plan, actor, now: datetime | None = None) -> NominationList:
    """Freeze the passed nominees of `plan` into its nomination list, per title and level,
    with their vote shares, within each title's quota (highest share first).

    Side effects: creates the list and its entries, sets the nominees listed (those
    passed but beyond the quota to "outside the quota", and those whose prerequisite
    title failed its vote to "prerequisite failed", with the reason), writes an audit
    entry. Raises
    ValidationError when a round is still open, nobody passed, or a tie on the last place
    of a quota needs a new vote.
    """
    now = now or timezone.now()
    require(actor, "list.manage", plan, _("Chỉ Chủ tịch chốt danh sách đề nghị."))
    if NominationList.objects.filter(plan=plan).exists():
        raise ValidationError(_("Danh sách đề nghị đã được chốt."))
    require_step(plan, Action.FINALISE_LIST, now)
    if VoteRound.objects.filter(
        plan=plan, status__in=(VoteRound.Status.DRAFT, VoteRound.Status.OPEN)
    ).exists():
        raise ValidationError(_("Còn đợt biểu quyết chưa kiểm phiếu hoặc chưa hủy."))
    passed = list(
        Nomination.objects.select_for_update(of=("self",))
        .filter(plan=plan, status=Nomination.Status.PASSED)
        .select_related("title", "nominee", "collective")
    )
    dropped = _prerequisite_failures(plan, passed)
    for nomination, reason in dropped.items():
        nomination.status = Nomination.Status.PREREQUISITE_FAILED
        nomination.dropped_reason = reason[:300]
        nomination.save(update_fields=["status", "dropped_reason"])
    passed = [n for n in passed if n not in dropped]
    if not passed:
        raise ValidationError(_("Chưa có ai đạt biểu quyết để đưa vào danh sách."))
    by_title = defaultdict(list)
    for nomination in passed:
        by_title[nomination.title].append((nomination, _latest_pass(nomination)))
    kept, outside = [], []
    for title in sorted(by_title, key=lambda t: (t.order, t.pk)):
        within, beyond = _within_quota(title, by_title[title], plan.issuer)
        kept += within
        outside += beyond
    nomination_list = NominationList.objects.create(plan=plan, finalised_by=actor, finalised_at=now)
    for order, (nomination, result) in enumerate(kept, start=1):
        ListEntry.objects.create(
            list=nomination_list,
            nomination=nomination,
            order=order,
            approve=result.approve if result else 0,
            base=result.base if result else 0,
            share=result.share if result else 0,
        )
    Nomination.objects.filter(pk__in=[n.pk for n, _r in kept]).update(
        status=Nomination.Status.LISTED
    )
    Nomination.objects.filter(pk__in=[n.pk for n, _r in outside]).update(
        status=Nomination.Status.OUTSIDE_QUOTA
    )
    record(
        actor=actor,
        action="list.finalise",
        obj=nomination_list,
        unit=plan.issuer,
        entries=[n.pk for n, _r in kept],
        outside_quota=[n.pk for n, _r in outside],
        **({"prerequisite_failed": {n.pk: r for n, r in dropped.items()}} if dropped else {}),
    )
    return nomination_list


@transaction.atomic
def publish_list(
    *,
    nomination_list: NominationList,
    actor,
    feedback_days: int = 5,
    feedback_ends_at: datetime | None = None,
    now: datetime | None = None,
) -> NominationList:
    """Publish the list to the unit's members (công khai) with a feedback window: until
    `feedback_ends_at` when given (any time within 30 days, e.g. the end of a meeting),
    otherwise `feedback_days` days (1 to 30).

    Side effects: locks the list, stamps it published with the window's end, writes an
    audit entry, and after commit mails every member of the unit (the list's address and
    the objection deadline); the home page of each member shows it until the window ends
    (``nominations.due.lists.published_lists``).
    """
    now = now or timezone.now()
    require(actor, "list.manage", nomination_list.plan, _("Chỉ Chủ tịch công khai danh sách."))
    nomination_list = NominationList.objects.select_for_update().get(pk=nomination_list.pk)
    if nomination_list.status != NominationList.Status.FINALISED:
        raise ValidationError(_("Danh sách đã được công khai."))
    require_step(nomination_list.plan, Action.PUBLISH_LIST, now)
    if feedback_ends_at is None:
        if not 1 <= feedback_days <= 30:
            raise ValidationError(_("Thời gian nhận góp ý từ 1 đến 30 ngày."))
        feedback_ends_at = now + dt.timedelta(days=feedback_days)
    elif not now < feedback_ends_at <= now + dt.timedelta(days=30):
        raise ValidationError(_("Hạn góp ý phải sau lúc công khai và trong vòng 30 ngày."))
    nomination_list.status = NominationList.Status.PUBLISHED
    nomination_list.published_at = now
    nomination_list.feedback_ends_at = feedback_ends_at
    nomination_list.save(update_fields=["status", "published_at", "feedback_ends_at"])
    record(
        actor=actor,
        action="list.publish",
        obj=nomination_list,
        unit=nomination_list.plan.issuer,
        feedback_ends_at=nomination_list.feedback_ends_at.isoformat(),
    )
    list_id = nomination_list.pk
    transaction.on_commit(lambda: mail.send_list_published_mail.enqueue(list_id))
    return nomination_list


@transaction.atomic
def submit_objection(
    *,
    nomination_list: NominationList,
    actor,
    text: str,
    entry: ListEntry | None = None,
    now: datetime | None = None,
) -> Objection:
    """A member's objection to the published list, inside the feedback window.

    Side effects: creates the objection, writes an audit entry.
    """
    now = now or timezone.now()
    require(
        actor,
        "list.object",
        nomination_list,
        _("Chỉ đoàn viên của đơn vị gửi ý kiến về danh sách."),
    )
    require_running(nomination_list.plan)
    window = nomination_list.feedback_window
    if window is None:
        raise ValidationError(_("Danh sách chưa được công khai."))
    if window.state(now) is WindowState.CLOSED:
        raise ValidationError(
            _("Đã hết hạn góp ý lúc %(at)s; góp ý của bạn gửi đến lúc %(now)s.")
            % {"at": format_deadline(window.ends_at), "now": format_moment(now)}
        )
    if entry is not None and entry.list_id != nomination_list.pk:
        raise ValidationError(_("Người này không có trong danh sách."))
    if not text.strip():
        raise ValidationError(_("Cần ghi nội dung góp ý."))
    objection = Objection.objects.create(
        list=nomination_list, entry=entry, author=actor, text=text.strip(), sent_at=now
    )
    record(
        actor=actor,
        action="list.objection",
        obj=objection,
        unit=nomination_list.plan.issuer,
        entry=entry.pk if entry else None,
    )
    return objection


@transaction.atomic
def answer_objection(
    *, objection: Objection, actor, answer: str, now: datetime | None = None
) -> Objection:
    """The chair answers an objection (required before any dossier goes up).

    Side effects: locks the objection, stores the answer, writes an audit entry.
    """
    now = now or timezone.now()
    require(actor, "list.manage", objection.list.plan, _("Chỉ Chủ tịch trả lời góp ý."))
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    require_running(objection.list.plan)
    if objection.is_answered:
        raise ValidationError(_("Ý kiến này đã được trả lời."))
    if not answer.strip():
        raise ValidationError(_("Cần ghi nội dung trả lời."))
    objection.answer = answer.strip()
    objection.answered_by = actor
    objection.answered_at = now
    objection.save(update_fields=["answer", "answered_by", "answered_at"])
    record(
        actor=actor,
        action="list.objection_answer",
        obj=objection,
        unit=objection.list.plan.issuer,
    )
    return objection


def check_list_cleared(nomination_list: NominationList | None, now: datetime) -> None:
    """Nothing goes up before the list was published, its feedback window closed and
    every objection answered."""
    if nomination_list is None or nomination_list.status != NominationList.Status.PUBLISHED:
        raise ValidationError(_("Danh sách đề nghị chưa được công khai."))
    window = nomination_list.feedback_window
    if window.state(now) is not WindowState.CLOSED:
        raise ValidationError(
            _("Chưa hết hạn góp ý (đến %(at)s).") % {"at": format_deadline(window.ends_at)}
        )
    waiting = nomination_list.objections.filter(answered_at__isnull=True).count()
    if waiting:
        raise ValidationError(_("Còn %(n)s ý kiến góp ý chưa được trả lời.") % {"n": waiting})
