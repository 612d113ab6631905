"""Writes for award decisions (W11): issue a decision from a published list or from the
dossiers a federation received, and correct one with a new decision that names it.

Every decision is numbered in its issuer's own yearly series under the issuer's row lock
(the lock ``campaigns.services.publish_plan`` takes to number plans, so plans and
decisions of one unit are numbered one at a time), pays its money out of the issuer's
fund for the year, and writes each awardee into the award history."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Target
from nominations.models import (
    AwardAuthority,
    AwardRecord,
    BaseSalary,
    Decision,
    DecisionEntry,
    Dossier,
    NominationList,
    RewardRate,
)
from nominations.money import dong, reward_amount, school_year_of
from nominations.services.common import require
from nominations.services.funds import pay_out
from portal.audit import record
from portal.models import OrgUnit
from portal.vietnamese import fold, format_short_date


@dataclass(frozen=True)
class Awardee:
    """A line to award: who, for what (the caller has checked the authority)."""

    name: str
    title_name: str
    target: str
    nomination: object = None
    person: object = None
    collective: object = None
    position: str = ""


def base_salary_on(day: dt.date) -> BaseSalary:
    found = BaseSalary.in_force(day).order_by("-valid_from").first()
    if found is None:
        raise ValidationError(
            _("Chưa có mức lương cơ sở áp dụng ngày %(d)s.") % {"d": format_short_date(day)}
        )
    return found


def rate_for(title_name: str, target: str, day: dt.date) -> RewardRate:
    key = fold(title_name)
    for rate in RewardRate.in_force(day).filter(target=target).order_by("-valid_from"):
        if fold(rate.award_name) == key:
            return rate
    raise ValidationError(
        _("Chưa có hệ số tiền thưởng cho “%(t)s” áp dụng ngày %(d)s.")
        % {"t": title_name, "d": format_short_date(day)}
    )


def authorised_levels(issuer: OrgUnit, day: dt.date) -> set[str]:
    """The title levels `issuer` may award itself on `day` (dated configuration)."""
    return set(
        AwardAuthority.in_force(day).filter(unit_kind=issuer.kind).values_list("level", flat=True)
    )


def next_number(issuer: OrgUnit, year: int, doc_type: str = "QĐ") -> int:
    """The next number of `issuer`'s series. Call inside a transaction: it takes the
    issuer's row lock (the same lock plan numbering takes) until commit."""
    OrgUnit.objects.select_for_update().filter(pk=issuer.pk).first()
    last = Decision.objects.filter(issuer=issuer, year=year, doc_type=doc_type).aggregate(
        m=Max("number")
    )["m"]
    return (last or 0) + 1


def _new_decision(
    *,
    issuer,
    plan,
    actor,
    issued_on,
    effective_on,
    signer_title,
    signer_name,
    title,
    grounds,
    now,
    **extra,
) -> Decision:
    if effective_on < issued_on:
        raise ValidationError(_("Ngày có hiệu lực không được trước ngày ký."))
    if not signer_name.strip() or not signer_title.strip():
        raise ValidationError(_("Cần ghi chức vụ và họ tên người ký."))
    base = base_salary_on(issued_on)
    return Decision.objects.create(
        issuer=issuer,
        plan=plan,
        year=issued_on.year,
        number=next_number(issuer, issued_on.year),
        issued_on=issued_on,
        effective_on=effective_on,
        place=(plan.place if plan else "") or issuer.place,
        title=title,
        grounds=grounds,
        signing_mode=plan.signing_mode if plan else "TM.",
        signing_body=plan.signing_body if plan else "BAN CHẤP HÀNH",
        signer_title=signer_title.strip(),
        signer_name=signer_name.strip(),
        base_salary=base.amount,
        created_by=actor,
        created_at=now,
        **extra,
    )


def _school_year(plan, effective_on) -> str:
    if plan is not None and plan.school_year and len(plan.school_year) >= 9:
        return plan.school_year[:9]
    return school_year_of(effective_on)


def _add_line(decision, serial, awardee: Awardee, school_year: str) -> DecisionEntry:
    rate = rate_for(awardee.title_name, awardee.target, decision.issued_on)
    amount = reward_amount(
        rate.coefficient, decision.base_salary, round_to=rate.round_to, rounding=rate.rounding
    )
    entry = DecisionEntry.objects.create(
        decision=decision,
        serial=serial,
        nomination=awardee.nomination,
        person=awardee.person,
        collective=awardee.collective,
        name=awardee.name,
        position=awardee.position,
        title_name=awardee.title_name,
        target=awardee.target,
        coefficient=rate.coefficient,
        amount=amount,
    )
    AwardRecord.objects.create(
        unit=awardee.collective or decision.issuer,
        person=awardee.person,
        collective=awardee.collective,
        full_name=awardee.name,
        title_name=awardee.title_name,
        year=decision.effective_on.year,
        school_year=school_year,
        source=AwardRecord.Source.DECISION,
        entry=entry,
    )
    return entry


def _awardee_of(nomination) -> Awardee:
    title = nomination.title
    return Awardee(
        name=nomination.nominee_name,
        title_name=title.name,
        target=Target.COLLECTIVE if nomination.is_collective else Target.INDIVIDUAL,
        nomination=nomination,
        person=nomination.nominee,
        collective=nomination.collective,
    )


def _grounds(plan) -> str:
    from campaigns.services.plans import plan_reference

    lines = [
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định "
        "chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
    ]
    if plan is not None:
        lines.append(f"Căn cứ {plan_reference(plan)}")
        lines.append("Xét đề nghị của Ban Chấp hành và kết quả bình xét, biểu quyết")
    return "\n".join(lines)


def _issue(
    *,
    issuer,
    plan,
    awardees,
    actor,
    issued_on,
    effective_on,
    signer_title,
    signer_name,
    override,
    now,
) -> Decision:
    levels = authorised_levels(issuer, issued_on)
    allowed = [a for a in awardees if a[0] in levels]
    if not allowed:
        raise ValidationError(
            _(
                "%(u)s không có thẩm quyền khen thưởng danh hiệu nào trong danh sách "
                "(theo cấu hình thẩm quyền áp dụng ngày %(d)s)."
            )
            % {"u": issuer.name, "d": format_short_date(issued_on)}
        )
    decision = _new_decision(
        issuer=issuer,
        plan=plan,
        actor=actor,
        issued_on=issued_on,
        effective_on=effective_on,
        signer_title=signer_title,
        signer_name=signer_name,
        title=f"Về việc khen thưởng {plan.title[0].lower() + plan.title[1:]}"
        if plan
        else _("Về việc khen thưởng"),
        grounds=_grounds(plan),
        now=now,
        overdraw_override=override,
    )
    school_year = _school_year(plan, effective_on)
    total = 0
    for serial, (_level, awardee) in enumerate(allowed, start=1):
        total += _add_line(decision, serial, awardee, school_year).amount
    decision.total = total
    decision.save(update_fields=["total"])
    pay_out(decision=decision, amount=total, actor=actor, override=override)
    record(
        actor=actor,
        action="decision.issue",
        obj=decision,
        unit=issuer,
        symbol=decision.symbol,
        total=total,
        awardees=len(allowed),
    )
    return decision


@transaction.atomic
def issue_decision(
    *,
    plan,
    actor,
    issued_on: dt.date,
    effective_on: dt.date,
    signer_title: str,
    signer_name: str,
    override: bool = False,
    now: dt.datetime | None = None,
) -> Decision:
    """Issue the award decision of `plan`'s published list (its feedback window over):
    every listed nominee for a title the issuer has the authority to award on
    `issued_on`, in the list's order.

    Side effects: numbers the decision (issuer's row lock), writes its lines, the award
    history and the fund's payment, and an audit entry. Raises ValidationError when the
    list is not published or its feedback window is open, a decision exists already, the
    issuer may award none of the titles, a coefficient or base salary is missing, or the
    fund would be overdrawn (see ``funds.pay_out``)."""
    now = now or timezone.now()
    require(actor, "decision.issue", plan, _("Chỉ Chủ tịch ban hành quyết định khen thưởng."))
    nomination_list = NominationList.objects.select_for_update().filter(plan=plan).first()
    if nomination_list is None or nomination_list.status != NominationList.Status.PUBLISHED:
        raise ValidationError(_("Danh sách đề nghị chưa được công khai."))
    if nomination_list.feedback_ends_at and nomination_list.feedback_ends_at > now:
        raise ValidationError(_("Danh sách đề nghị còn trong thời hạn góp ý."))
    if Decision.objects.filter(plan=plan, kind=Decision.Kind.AWARD).exists():
        raise ValidationError(_("Kế hoạch này đã có quyết định khen thưởng."))
    entries = nomination_list.entries.select_related(
        "nomination__title", "nomination__nominee", "nomination__collective"
    ).order_by("nomination__title__order", "order", "id")
    awardees = [(e.nomination.title.level, _awardee_of(e.nomination)) for e in entries]
    return _issue(
        issuer=plan.issuer,
        plan=plan,
        awardees=awardees,
        actor=actor,
        issued_on=issued_on,
        effective_on=effective_on,
        signer_title=signer_title,
        signer_name=signer_name,
        override=override,
        now=now,
    )


@transaction.atomic
def issue_decision_from_dossiers(
    *,
    plan,
    actor,
    issued_on: dt.date,
    effective_on: dt.date,
    signer_title: str,
    signer_name: str,
    override: bool = False,
    now: dt.datetime | None = None,
) -> Decision:
    """At a federation: award the nominees of the dossiers `plan` received (not yet in a
    decision), for the titles it has the authority to award. As ``issue_decision``."""
    now = now or timezone.now()
    require(actor, "decision.issue", plan, _("Chỉ lãnh đạo đơn vị ban hành quyết định."))
    dossiers = (
        Dossier.objects.select_for_update(of=("self",))
        .filter(target_plan=plan, status=Dossier.Status.RECEIVED)
        .exclude(nomination__decision_entries__isnull=False)
        .select_related("nomination__title", "nomination__nominee", "nomination__collective")
        .order_by("nomination__title__order", "forwarded_at", "id")
    )
    awardees = [(d.nomination.title.level, _awardee_of(d.nomination)) for d in dossiers]
    if not awardees:
        raise ValidationError(_("Không có hồ sơ đã tiếp nhận nào chờ quyết định."))
    return _issue(
        issuer=plan.issuer,
        plan=plan,
        awardees=awardees,
        actor=actor,
        issued_on=issued_on,
        effective_on=effective_on,
        signer_title=signer_title,
        signer_name=signer_name,
        override=override,
        now=now,
    )


@transaction.atomic
def correct_decision(
    *,
    decision: Decision,
    entry: DecisionEntry,
    actor,
    reason: str,
    issued_on: dt.date,
    effective_on: dt.date,
    signer_title: str,
    signer_name: str,
    new_title=None,
    override: bool = False,
    now: dt.datetime | None = None,
) -> Decision:
    """A new decision amending one line of `decision`: the line is revoked (its money
    back to the fund) and, with `new_title`, the awardee is awarded that title instead.
    Nothing of `decision` is edited; both stay in the record.

    Raises ValidationError when the line is not `decision`'s, is already revoked, or no
    reason is given."""
    now = now or timezone.now()
    require(actor, "decision.correct", decision, _("Chỉ Chủ tịch ban hành quyết định sửa đổi."))
    if entry.decision_id != decision.pk or entry.action != DecisionEntry.Action.AWARD:
        raise ValidationError(_("Dòng này không thuộc quyết định được sửa đổi."))
    if DecisionEntry.objects.select_for_update().filter(amends_entry=entry).exists():
        raise ValidationError(_("Khen thưởng này đã được thu hồi bằng một quyết định khác."))
    if not reason.strip():
        raise ValidationError(_("Cần ghi lý do sửa đổi."))
    kind = Decision.Kind.CORRECTION if new_title else Decision.Kind.REVOCATION
    verb = "sửa đổi" if new_title else "thu hồi một phần"
    correction = _new_decision(
        issuer=decision.issuer,
        plan=decision.plan,
        actor=actor,
        issued_on=issued_on,
        effective_on=effective_on,
        signer_title=signer_title,
        signer_name=signer_name,
        title=f"Về việc {verb} Quyết định số {decision.symbol} ngày "
        f"{format_short_date(decision.issued_on)}",
        grounds=_grounds(decision.plan) + f"\nCăn cứ Quyết định số {decision.symbol} ngày "
        f"{format_short_date(decision.issued_on)} của {decision.issuer.name}",
        now=now,
        kind=kind,
        amends=decision,
        reason=reason.strip(),
        overdraw_override=override,
    )
    DecisionEntry.objects.create(
        decision=correction,
        serial=1,
        action=DecisionEntry.Action.REVOKE,
        amends_entry=entry,
        nomination=entry.nomination,
        person=entry.person,
        collective=entry.collective,
        name=entry.name,
        position=entry.position,
        title_name=entry.title_name,
        target=entry.target,
        coefficient=entry.coefficient,
        amount=-entry.amount,
    )
    total = -entry.amount
    if new_title is not None:
        replacement = Awardee(
            name=entry.name,
            title_name=new_title.name,
            target=entry.target,
            nomination=entry.nomination,
            person=entry.person,
            collective=entry.collective,
            position=entry.position,
        )
        school_year = (
            entry.record.school_year
            if hasattr(entry, "record")
            else _school_year(decision.plan, effective_on)
        )
        total += _add_line(correction, 2, replacement, school_year).amount
    correction.total = total
    correction.save(update_fields=["total"])
    pay_out(decision=correction, amount=total, actor=actor, override=override)
    record(
        actor=actor,
        action="decision.correct",
        obj=correction,
        unit=decision.issuer,
        symbol=correction.symbol,
        amends=decision.symbol,
        entry=entry.pk,
        total=total,
    )
    return correction


def total_text(decision: Decision) -> str:
    return f"{dong(decision.total)} đồng"
