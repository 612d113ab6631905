"""Every write on registrations. Each service checks the deadline through
campaigns.deadlines, the person's role and the title, then writes an audit entry."""

from collections.abc import Iterable
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.deadlines import format_deadline, format_moment
from campaigns.models import Plan, Registration, Target, Title
from campaigns.selectors.registrations import chair_unit_ids, member_unit_id, registration_window
from portal.audit import record
from portal.models import OrgUnit


class RegistrationError(Exception):
    """A registration refused, with the Vietnamese message to show."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def check_registration_open(plan: Plan, now: datetime) -> None:
    """Raise RegistrationError unless `plan` takes registrations at `now`."""
    if plan.status != Plan.Status.PUBLISHED or plan.is_historical:
        raise RegistrationError(_("Kế hoạch này không còn nhận đăng ký thi đua."))
    reg_window = registration_window(plan, now)
    if reg_window.window is None:
        raise RegistrationError(reg_window.message)
    if reg_window.is_open:
        return
    window = reg_window.window
    if now < window.starts_at:
        raise RegistrationError(
            _("Đăng ký thi đua chưa mở: bắt đầu từ %(start)s, yêu cầu gửi đến lúc %(now)s.")
            % {"start": format_deadline(window.starts_at), "now": format_moment(now)}
        )
    raise RegistrationError(
        _(
            "Đã hết hạn đăng ký thi đua: hạn chót là %(deadline)s, yêu cầu của bạn gửi đến lúc "
            "%(now)s. Không thể đăng ký hay rút đăng ký nữa."
        )
        % {"deadline": window.deadline_text, "now": format_moment(now)}
    )


def _check_title(plan: Plan, title: Title, target: str) -> None:
    if title.plan_id != plan.pk:
        raise RegistrationError(
            _("Danh hiệu «%(title)s» không thuộc kế hoạch này.") % {"title": title.name}
        )
    if title.target != target:
        if target == Target.INDIVIDUAL:
            msg = _("Danh hiệu «%(title)s» dành cho tập thể, không dành cho cá nhân.")
        else:
            msg = _("Danh hiệu «%(title)s» dành cho cá nhân, không dành cho tập thể.")
        raise RegistrationError(msg % {"title": title.name})


def _create(registration: Registration, duplicate_message: str) -> Registration:
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:
        raise RegistrationError(duplicate_message) from exc
    return registration


@transaction.atomic
def register_for_title(
    *, plan: Plan, member, title: Title, actor, now: datetime | None = None
) -> Registration:
    """Register `member` for the individual `title` of `plan`.

    Only the member registers themselves, before the registration deadline. Side effects:
    one Registration row, one audit entry. Raises RegistrationError when late, when the
    person is not a member of a union taking part, or when already registered.
    """
    now = now or timezone.now()
    check_registration_open(plan, now)
    _check_title(plan, title, Target.INDIVIDUAL)
    unit_id = member_unit_id(member, plan)
    if unit_id is None or actor.pk != member.pk:
        raise RegistrationError(_("Chỉ đoàn viên của đơn vị thực hiện kế hoạch tự đăng ký."))
    duplicate = _("Bạn đã đăng ký danh hiệu «%(title)s» rồi.") % {"title": title.name}
    if Registration.objects.filter(plan=plan, member=member, title=title).exists():
        raise RegistrationError(duplicate)
    registration = _create(
        Registration(
            plan=plan,
            title=title,
            member=member,
            unit_id=unit_id,
            registered_by=actor,
            registered_at=now,
        ),
        duplicate,
    )
    record(
        actor=actor,
        action="registration.register",
        obj=registration,
        unit=registration.unit,
        plan=plan.pk,
        title=title.name,
    )
    return registration


@transaction.atomic
def register_unit_for_title(
    *, plan: Plan, unit: OrgUnit, title: Title, actor, now: datetime | None = None
) -> Registration:
    """Register `unit` for the collective `title` of `plan`; only its chair or vice chair.

    Side effects: one Registration row, one audit entry. Raises RegistrationError when
    late, when the actor does not chair `unit`, or when already registered.
    """
    now = now or timezone.now()
    check_registration_open(plan, now)
    _check_title(plan, title, Target.COLLECTIVE)
    if unit.pk not in chair_unit_ids(actor, plan):
        raise RegistrationError(_("Chỉ Chủ tịch, Phó Chủ tịch công đoàn đăng ký cho đơn vị."))
    duplicate = _("Đơn vị đã đăng ký danh hiệu «%(title)s» rồi.") % {"title": title.name}
    if Registration.objects.filter(plan=plan, unit=unit, title=title, member=None).exists():
        raise RegistrationError(duplicate)
    registration = _create(
        Registration(plan=plan, title=title, unit=unit, registered_by=actor, registered_at=now),
        duplicate,
    )
    record(
        actor=actor,
        action="registration.register_unit",
        obj=registration,
        unit=unit,
        plan=plan.pk,
        title=title.name,
    )
    return registration


@transaction.atomic
def withdraw_registration(
    *, registration: Registration, actor, now: datetime | None = None
) -> None:
    """Withdraw a registration before the deadline: the member their own, a chair their
    unit's. Side effects: deletes the row, writes an audit entry."""
    now = now or timezone.now()
    plan = registration.plan
    check_registration_open(plan, now)
    if registration.is_collective:
        allowed = registration.unit_id in chair_unit_ids(actor, plan)
    else:
        allowed = registration.member_id == actor.pk
    if not allowed:
        raise RegistrationError(_("Bạn không thể rút đăng ký này."))
    pk = registration.pk
    deleted, _rows = Registration.objects.filter(pk=pk).delete()
    if not deleted:
        raise RegistrationError(_("Đăng ký này đã được rút trước đó."))
    record(
        actor=actor,
        action="registration.withdraw",
        obj=None,
        unit=registration.unit,
        registration=pk,
        plan=plan.pk,
        title=registration.title.name,
        member=registration.member_id,
    )


@transaction.atomic
def save_member_registrations(
    *, plan: Plan, member, titles: Iterable[Title], actor, now: datetime | None = None
) -> tuple[list[Title], list[Title]]:
    """Make `member`'s registrations in `plan` exactly `titles` (the page's checkboxes).

    Registers the new ones and withdraws the unticked ones, all or nothing. Returns
    (added, withdrawn). Refused as a whole after the deadline, even with no change.
    """
    now = now or timezone.now()
    check_registration_open(plan, now)
    wanted = {t.pk: t for t in titles}
    current = {
        r.title_id: r
        for r in Registration.objects.filter(plan=plan, member=member).select_related(
            "title", "unit", "plan"
        )
    }
    added = [
        register_for_title(plan=plan, member=member, title=t, actor=actor, now=now)
        for pk, t in wanted.items()
        if pk not in current
    ]
    withdrawn = []
    for pk, registration in current.items():
        if pk not in wanted:
            withdraw_registration(registration=registration, actor=actor, now=now)
            withdrawn.append(registration.title)
    return [r.title for r in added], withdrawn


@transaction.atomic
def save_unit_registrations(
    *, plan: Plan, unit: OrgUnit, titles: Iterable[Title], actor, now: datetime | None = None
) -> tuple[list[Title], list[Title]]:
    """Make `unit`'s collective registrations in `plan` exactly `titles`. Returns
    (added, withdrawn); all or nothing."""
    now = now or timezone.now()
    check_registration_open(plan, now)
    wanted = {t.pk: t for t in titles}
    current = {
        r.title_id: r
        for r in Registration.objects.filter(plan=plan, unit=unit, member=None).select_related(
            "title", "unit", "plan"
        )
    }
    added = [
        register_unit_for_title(plan=plan, unit=unit, title=t, actor=actor, now=now)
        for pk, t in wanted.items()
        if pk not in current
    ]
    withdrawn = []
    for pk, registration in current.items():
        if pk not in wanted:
            withdraw_registration(registration=registration, actor=actor, now=now)
            withdrawn.append(registration.title)
    return [r.title for r in added], withdrawn
