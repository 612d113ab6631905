"""Writes for the emulation and reward fund: allocations in, decisions' money out (or
back, for a revocation), refused or chair-overridden when it would overdraw."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from nominations.models import Fund, FundMovement
from nominations.money import dong
from portal.audit import record
from portal.permissions import can


def balance(fund: Fund) -> int:
    moved = fund.movements.aggregate(s=Sum("amount"))["s"] or 0
    return int(fund.opening) + int(moved)


def _locked_fund(unit, year) -> Fund:
    Fund.objects.get_or_create(unit=unit, year=year)
    return Fund.objects.select_for_update().get(unit=unit, year=year)


@transaction.atomic
def allocate(*, unit, year: int, amount: int, on, actor, note: str = "") -> FundMovement:
    """Add money to `unit`'s fund for `year` (trích lập, bổ sung). Whole đồng, positive."""
    if not can(actor, "fund.manage", unit):
        raise PermissionDenied(_("Chỉ lãnh đạo đơn vị ghi trích lập quỹ."))
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise ValidationError(_("Số tiền trích lập phải là số nguyên đồng lớn hơn 0."))
    fund = _locked_fund(unit, year)
    movement = FundMovement.objects.create(
        fund=fund,
        kind=FundMovement.Kind.ALLOCATION,
        amount=amount,
        on=on,
        note=note,
        created_by=actor,
    )
    record(actor=actor, action="fund.allocate", obj=fund, unit=unit, amount=amount)
    return movement


def pay_out(*, decision, amount: int, actor, override: bool) -> FundMovement | None:
    """Record `decision`'s money out of (or, negative, back into) its issuer's fund for the
    decision's year. Runs inside the decision's transaction.

    Raises ValidationError when the balance would go below zero and the fund refuses
    overdraws, or allows them only with the chair's override and none was given."""
    if amount == 0:
        return None
    fund = _locked_fund(decision.issuer, decision.issued_on.year)
    after = balance(fund) - amount
    overdrawn = amount > 0 and after < 0
    if overdrawn:
        if fund.overdraw == Fund.Overdraw.REFUSE:
            raise ValidationError(
                _("Quỹ thi đua, khen thưởng năm %(y)s còn %(b)s đồng, không đủ chi %(a)s đồng.")
                % {"y": fund.year, "b": dong(balance(fund)), "a": dong(amount)}
            )
        if not override:
            raise ValidationError(
                _(
                    "Quỹ còn %(b)s đồng, không đủ chi %(a)s đồng. "
                    "Chủ tịch cần xác nhận chi vượt quỹ."
                )
                % {"b": dong(balance(fund)), "a": dong(amount)}
            )
        if not can(actor, "fund.override", decision.issuer):
            raise PermissionDenied(_("Chỉ Chủ tịch xác nhận chi vượt quỹ."))
    kind = FundMovement.Kind.PAYMENT if amount > 0 else FundMovement.Kind.REFUND
    return FundMovement.objects.create(
        fund=fund,
        kind=kind,
        amount=-amount,
        on=decision.issued_on,
        decision=decision,
        note=f"Quyết định số {decision.symbol}",
        override=overdrawn,
        created_by=actor,
    )
