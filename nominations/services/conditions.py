"""Writes for the collective conditions of a plan's titles ("≥ 70 % Lao động tiên tiến")."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.models import Target
from nominations.models import CollectiveCondition
from portal.audit import record
from portal.permissions import can


@transaction.atomic
def add_collective_condition(
    *,
    title,
    member_title,
    actor,
    min_share: Decimal | None = None,
    strict: bool = False,
    min_count: int | None = None,
) -> CollectiveCondition:
    """Add a condition on a collective title of a plan: a share (0 < s ≤ 1) and/or a count
    of its members reaching an individual title of the same plan.

    Side effects: creates the condition, writes an audit entry.
    """
    if not can(actor, "condition.manage", title.plan):
        raise PermissionDenied(_("Chỉ lãnh đạo đơn vị ban hành kế hoạch đặt điều kiện."))
    if title.target != Target.COLLECTIVE:
        raise ValidationError(_("Chỉ đặt điều kiện cho danh hiệu tập thể."))
    if member_title.plan_id != title.plan_id or member_title.target != Target.INDIVIDUAL:
        raise ValidationError(_("Điều kiện phải dựa trên một danh hiệu cá nhân của kế hoạch này."))
    if min_share is None and min_count is None:
        raise ValidationError(_("Cần một tỷ lệ hoặc một số lượng tối thiểu."))
    if min_share is not None and not Decimal(0) < min_share <= Decimal(1):
        raise ValidationError(_("Tỷ lệ phải lớn hơn 0% và không quá 100%."))
    condition = CollectiveCondition.objects.create(
        title=title,
        member_title=member_title,
        min_share=min_share,
        strict=strict,
        min_count=min_count,
    )
    record(
        actor=actor,
        action="condition.add",
        obj=condition,
        unit=title.plan.issuer,
        title=title.name,
        member_title=member_title.name,
        min_share=str(min_share) if min_share is not None else None,
        strict=strict,
        min_count=min_count,
    )
    return condition


@transaction.atomic
def remove_collective_condition(*, condition: CollectiveCondition, actor) -> None:
    """Remove a condition. Side effects: deletes it, writes an audit entry."""
    if not can(actor, "condition.manage", condition.title.plan):
        raise PermissionDenied(_("Chỉ lãnh đạo đơn vị ban hành kế hoạch bỏ điều kiện."))
    record(
        actor=actor,
        action="condition.remove",
        obj=condition,
        unit=condition.title.plan.issuer,
        title=condition.title.name,
        member_title=condition.member_title.name,
    )
    condition.delete()
