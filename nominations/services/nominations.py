"""Writes for nominations and consultation (W5): propose, withdraw, give an opinion."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Target
from campaigns.selectors.unitassessments import unit_rating
from nominations.gates import rating_failure
from nominations.models import Nomination, Opinion
from nominations.models.nominations import QUOTA_STATUSES
from nominations.permissions.common import bodies_of
from nominations.quotas import quota_for
from nominations.selectors.reviews import (
    collective_gates,
    conditions_for,
    member_gates,
    review_board,
)
from nominations.selectors.steps import require_running, require_step
from nominations.steps import Action
from portal.audit import record
from portal.models import UNION_MEMBER_ROLES, Membership
from portal.permissions import can
from portal.signals import figures_changed


def _check_nominee(plan, title, nominee, collective) -> None:
    if (nominee is None) == (collective is None):
        raise ValidationError(_("Chọn một cá nhân hoặc một tập thể, không chọn cả hai."))
    if title.target == Target.INDIVIDUAL and nominee is None:
        raise ValidationError(_("Danh hiệu “%(title)s” dành cho cá nhân.") % {"title": title.name})
    if title.target == Target.COLLECTIVE and collective is None:
        raise ValidationError(_("Danh hiệu “%(title)s” dành cho tập thể.") % {"title": title.name})
    if nominee is not None:
        is_member = (
            Membership.objects.current()
            .filter(user=nominee, unit=plan.issuer, role__in=UNION_MEMBER_ROLES)
            .exists()
        )
        if not is_member:
            raise ValidationError(
                _("%(name)s không phải đoàn viên của %(unit)s.")
                % {"name": nominee, "unit": plan.issuer}
            )
    elif not collective.path.startswith(plan.issuer.path):
        raise ValidationError(
            _("%(name)s không thuộc %(unit)s.") % {"name": collective, "unit": plan.issuer}
        )


def _check_gates(plan, title, nominee, collective, actor) -> None:
    """A nominee whose scored report fails the title's gates (or a collective failing its
    conditions on its members' results) is refused, naming every failed condition."""
    if nominee is not None:
        gate = member_gates(plan, nominee, title)
        if gate is None:
            raise ValidationError(
                _(
                    "%(name)s chưa có báo cáo tự đánh giá đã nộp và được BCH chấm: không đề "
                    "nghị danh hiệu “%(title)s” được."
                )
                % {"name": nominee, "title": title.name}
            )
    elif conditions_for(title):
        gate = collective_gates(review_board(actor, plan), title, collective)
    else:
        gate = None
    if collective is not None and title.rating_level_id is not None:
        failure = rating_failure(title.rating_level, unit_rating(title.rating_level, collective))
        if failure is not None:
            raise ValidationError(
                _("%(name)s chưa đủ điều kiện danh hiệu “%(title)s”: %(failures)s.")
                % {"name": collective, "title": title.name, "failures": failure}
            )
    if gate is not None and not gate.passed:
        raise ValidationError(
            _("%(name)s chưa đủ điều kiện danh hiệu “%(title)s”: %(failures)s.")
            % {
                "name": nominee or collective,
                "title": title.name,
                "failures": "; ".join(gate.failures),
            }
        )


def check_proposable(plan, title, actor, *, nominee=None, collective=None) -> None:
    """Every check a proposal passes before it is written (the nominee, the title's gates,
    a collective's rating): the BCH's proposals and a cluster head's (services.clusters)."""
    _check_nominee(plan, title, nominee, collective)
    _check_gates(plan, title, nominee, collective, actor)


def check_quota(title, unit, *, adding: int = 1) -> None:
    """Refuse when `adding` more nominees would exceed the title's quota in `unit`."""
    quota = quota_for(title, unit)
    if quota.limit is None:
        return
    taken = Nomination.objects.filter(title=title, status__in=QUOTA_STATUSES).count()
    if taken + adding > quota.limit:
        raise ValidationError(
            _("Vượt chỉ tiêu danh hiệu “%(title)s”: %(quota)s, đã có %(taken)s người.")
            % {"title": title.name, "quota": quota.text, "taken": taken}
        )


@transaction.atomic
def propose_nomination(
    *,
    plan,
    title,
    actor,
    nominee=None,
    collective=None,
    achievements: str = "",
    now: datetime | None = None,
) -> Nomination:
    """Propose a person (a member of the plan's unit) or a collective (the unit or a unit
    under it) for a title of the plan, within the title's quota.

    Side effects: locks the title (so two proposals cannot both take the last place),
    creates the nomination, writes an audit entry. Raises ValidationError naming the
    quota when it is full, or when the nominee is wrong or already proposed.
    """
    if not can(actor, "nomination.propose", plan):
        raise PermissionDenied(_("Chỉ Ban Chấp hành của đơn vị được đề xuất."))
    if title.plan_id != plan.pk:
        raise ValidationError(_("Danh hiệu không thuộc kế hoạch này."))
    now = now or timezone.now()
    require_step(plan, Action.PROPOSE, now)
    check_proposable(plan, title, actor, nominee=nominee, collective=collective)
    type(title).objects.select_for_update().filter(pk=title.pk).first()
    check_quota(title, plan.issuer)
    try:
        with transaction.atomic():
            nomination = Nomination.objects.create(
                plan=plan,
                title=title,
                nominee=nominee,
                collective=collective,
                achievements=achievements,
                proposed_by=actor,
                proposed_at=now,
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("%(name)s đã được đề nghị danh hiệu này.") % {"name": nominee or collective}
        ) from exc
    figures_changed.send(sender=Nomination, plan_ids=[plan.pk])
    record(
        actor=actor,
        action="nomination.propose",
        obj=nomination,
        unit=plan.issuer,
        title=title.name,
        nominee=nomination.nominee_name,
    )
    return nomination


@transaction.atomic
def withdraw_nomination(*, nomination: Nomination, actor, reason: str) -> Nomination:
    """Withdraw a nomination that is not in a vote or on a list.

    Side effects: locks the nomination, sets it withdrawn, writes an audit entry.
    """
    if not can(actor, "nomination.withdraw", nomination):
        raise PermissionDenied(_("Chỉ Chủ tịch được rút đề nghị."))
    require_running(nomination.plan)
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if nomination.status not in (Nomination.Status.PROPOSED, Nomination.Status.FAILED):
        raise ValidationError(
            _("Không rút được đề nghị ở trạng thái “%(status)s”.")
            % {"status": nomination.get_status_display()}
        )
    if not reason.strip():
        raise ValidationError(_("Cần ghi lý do rút đề nghị."))
    nomination.status = Nomination.Status.WITHDRAWN
    nomination.save(update_fields=["status"])
    figures_changed.send(sender=Nomination, plan_ids=[nomination.plan_id])
    record(
        actor=actor,
        action="nomination.withdraw",
        obj=nomination,
        unit=nomination.plan.issuer,
        reason=reason,
    )
    return nomination


OPEN_FOR_OPINION = (
    Nomination.Status.PROPOSED,
    Nomination.Status.IN_VOTE,
    Nomination.Status.PASSED,
)


@transaction.atomic
def give_opinion(
    *,
    nomination: Nomination,
    body: str,
    agree: bool,
    actor,
    note: str = "",
    now: datetime | None = None,
) -> Opinion:
    """Record the opinion of a consulted body on a nominee (a later one replaces it).

    Side effects: creates or updates the body's opinion, writes an audit entry. Raises
    PermissionDenied when `actor` does not sit on `body` for the nominating unit, and
    ValidationError for a disagreement without a note or a nomination already listed.
    """
    if body not in bodies_of(actor, nomination.plan.issuer):
        raise PermissionDenied(_("Bạn không thuộc cơ quan được lấy ý kiến này."))
    now = now or timezone.now()
    require_step(nomination.plan, Action.OPINION, now)
    if nomination.status not in OPEN_FOR_OPINION:
        raise ValidationError(
            _("Không nhận ý kiến cho đề nghị ở trạng thái “%(status)s”.")
            % {"status": nomination.get_status_display()}
        )
    if not agree and not note.strip():
        raise ValidationError(_("Khi không đồng ý, cần ghi rõ lý do."))
    opinion, created = Opinion.objects.update_or_create(
        nomination=nomination,
        body=body,
        defaults={"author": actor, "agree": agree, "note": note, "given_at": now},
    )
    record(
        actor=actor,
        action="opinion.give" if created else "opinion.change",
        obj=nomination,
        unit=nomination.plan.issuer,
        body=body,
        agree=agree,
        note=note,
    )
    return opinion


@transaction.atomic
def give_opinions(*, plan, actor, opinions: list[dict], now: datetime | None = None) -> int:
    """The opinions of the actor's bodies on several of `plan`'s nominees at once (one
    page for all nominees): [{"nomination": Nomination, "body", "agree", "note"}]. All or
    nothing: the first refusal (see ``give_opinion``) rolls every one back. Returns the
    number recorded."""
    now = now or timezone.now()
    for item in opinions:
        if item["nomination"].plan_id != plan.pk:
            raise ValidationError(_("Có đề nghị không thuộc kế hoạch này."))
        give_opinion(
            nomination=item["nomination"],
            body=item["body"],
            agree=item["agree"],
            note=item.get("note", ""),
            actor=actor,
            now=now,
        )
    return len(opinions)
