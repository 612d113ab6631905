"""Reads for the order of steps: where a plan stands (``nominations.steps.Facts``), and
the one check every service calls before it writes."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import DeadlineExtension, Milestone, Plan
from nominations.models import Dossier, Nomination, NominationList, Review, VoteRound
from nominations.permissions.common import expected_bodies
from nominations.steps import Action, Facts, Verdict, check, progress

INACTIVE = (Nomination.Status.WITHDRAWN,)


def _first_start(plan, kind) -> datetime | None:
    return (
        plan.milestones.filter(kind=kind).order_by("starts_at").values_list("starts_at", flat=True)
    ).first()


def reports_until(plan) -> datetime | None:
    """The last moment a self-report of `plan` may still arrive: its deadline, or the latest
    extension granted; None when the plan has no self-report window."""
    deadline = (
        plan.milestones.filter(kind=Milestone.Kind.SELF_REPORT).aggregate(m=Max("ends_at")).get("m")
    )
    if deadline is None:
        return None
    extended = (
        DeadlineExtension.objects.filter(plan=plan, status=DeadlineExtension.Status.GRANTED)
        .aggregate(m=Max("new_deadline"))
        .get("m")
    )
    return max(deadline, extended) if extended else deadline


def _without_opinion(plan, nominations) -> tuple[str, ...]:
    bodies = set(expected_bodies(plan.issuer))
    if not bodies:
        return ()
    missing = []
    for nomination in nominations:
        given = {o.body for o in nomination.opinions.all()}
        if not bodies <= given:
            missing.append(nomination.nominee_name)
    return tuple(missing)


def step_facts(plan) -> Facts:
    """Where `plan` stands, in a handful of queries."""
    review = Review.objects.filter(plan=plan, unit=plan.issuer).first()
    nominations = list(
        Nomination.objects.filter(plan=plan)
        .exclude(status__in=INACTIVE)
        .select_related("nominee", "collective")
        .prefetch_related("opinions")
    )
    # A nominee counted or listed has passed the consultation: only those still waiting
    # for the vote need the opinions.
    waiting = [
        n
        for n in nominations
        if n.status in (Nomination.Status.PROPOSED, Nomination.Status.IN_VOTE)
    ]
    rounds = VoteRound.objects.filter(plan=plan)
    nomination_list = NominationList.objects.filter(plan=plan).first()
    return Facts(
        plan_status=plan.status,
        steps=tuple(plan.steps or ()),
        reports_until=reports_until(plan),
        review_finalised_at=review.finalised_at if review else None,
        review_starts_at=_first_start(plan, Milestone.Kind.REVIEW_MEETING),
        vote_starts_at=_first_start(plan, Milestone.Kind.VOTE),
        nominations=len(nominations),
        without_opinion=_without_opinion(plan, waiting),
        rounds_counted=rounds.filter(status=VoteRound.Status.CLOSED).count(),
        rounds_pending=rounds.filter(
            status__in=(VoteRound.Status.DRAFT, VoteRound.Status.OPEN)
        ).count(),
        list_finalised=nomination_list is not None,
        list_published=bool(
            nomination_list and nomination_list.status == NominationList.Status.PUBLISHED
        ),
        feedback_ends_at=nomination_list.feedback_ends_at if nomination_list else None,
        objections_waiting=(
            nomination_list.objections.filter(answered_at__isnull=True).count()
            if nomination_list
            else 0
        ),
        forwarded=Dossier.objects.filter(nomination__plan=plan, forwarded_at__isnull=False).count(),
    )


def step_verdict(plan, action: Action | str, now: datetime | None = None) -> Verdict:
    """May `action` be taken on `plan` now (for the buttons: the reason shows beside them)."""
    return check(action, step_facts(plan), now or timezone.now())


def step_reasons(plan, actions, now: datetime | None = None) -> dict[str, str]:
    """{action: why it cannot be taken now, "" when it can}, reading the facts once."""
    facts, now = step_facts(plan), now or timezone.now()
    return {str(action): check(action, facts, now).reason for action in actions}


def require_step(plan, action: Action | str, now: datetime | None = None) -> None:
    """Raise ValidationError naming the missing step when `action` may not be taken."""
    verdict = step_verdict(plan, action, now)
    if not verdict:
        raise ValidationError(verdict.reason, code="step_order")


def require_running(plan) -> None:
    """Every write of the campaign's workflow refuses a plan that is closed (read-only)
    or not yet published."""
    if plan.status == Plan.Status.CLOSED:
        raise ValidationError(
            _("Kế hoạch đã kết thúc: chỉ xem, không thay đổi được nữa."), code="plan_closed"
        )
    if plan.status != Plan.Status.PUBLISHED:
        raise ValidationError(_("Kế hoạch chưa ban hành."), code="plan_draft")


def forward_blocked_reason(dossier, now: datetime | None = None) -> str:
    """Why the dossier cannot go up yet ("" when it can), for the button."""
    now = now or timezone.now()
    plan = dossier.nomination.plan
    verdict = step_verdict(plan, Action.FORWARD_DOSSIER, now)
    if not verdict:
        return verdict.reason
    if "publication" in (plan.steps or ()):
        from nominations.services.lists import check_list_cleared

        try:
            check_list_cleared(NominationList.objects.filter(plan=plan).first(), now)
        except ValidationError as error:
            return " ".join(error.messages)
    return ""


def plan_progress(plan, now: datetime | None = None):
    return progress(step_facts(plan), now or timezone.now())
