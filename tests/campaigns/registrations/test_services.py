import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from campaigns.models import Plan, Registration
from campaigns.selectors.registrations import (
    registered,
    registrations_by_member,
    unit_registered,
)
from campaigns.services.registrations import (
    RegistrationError,
    register_for_title,
    register_unit_for_title,
    save_member_registrations,
    save_unit_registrations,
    withdraw_registration,
)
from portal.models import AuditEntry, Role
from tests.campaigns.registrations.factories import DEADLINE, OPENS
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

JUST_BEFORE = DEADLINE - dt.timedelta(milliseconds=1)


def test_register_for_title_before_deadline_records_and_audits(plan, bob, ldtt, union):
    registration = register_for_title(plan=plan, member=bob, title=ldtt, actor=bob, now=JUST_BEFORE)

    assert registration.unit == union
    assert registration.registered_at == JUST_BEFORE
    assert registered(plan, bob, ldtt) is True
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.unit) == ("registration.register", bob, union)
    assert entry.data == {"plan": plan.pk, "title": "Lao động tiên tiến"}


def test_register_for_title_at_deadline_is_refused_naming_it(plan, bob, ldtt):
    with pytest.raises(RegistrationError) as caught:
        register_for_title(plan=plan, member=bob, title=ldtt, actor=bob, now=DEADLINE)

    assert caught.value.message == (
        "Đã hết hạn đăng ký thi đua: hạn chót là 11h30 ngày 23/3/2023, yêu cầu của bạn gửi "
        "đến lúc 11:30:00 ngày 23/3/2023. Không thể đăng ký hay rút đăng ký nữa."
    )
    assert Registration.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_register_for_title_after_deadline_is_refused(plan, bob, ldtt):
    with pytest.raises(RegistrationError):
        register_for_title(
            plan=plan, member=bob, title=ldtt, actor=bob, now=DEADLINE + dt.timedelta(days=1)
        )

    assert registered(plan, bob, ldtt) is False


def test_register_for_title_before_window_opens_is_refused(plan, bob, ldtt):
    with pytest.raises(RegistrationError) as caught:
        register_for_title(
            plan=plan, member=bob, title=ldtt, actor=bob, now=OPENS - dt.timedelta(seconds=1)
        )

    assert caught.value.message == (
        "Đăng ký thi đua chưa mở: bắt đầu từ 7h00 ngày 15/3/2023, yêu cầu gửi đến lúc "
        "06:59:59 ngày 15/3/2023."
    )


def test_register_for_title_without_registration_milestone_is_refused(union, bob):
    from tests.campaigns.registrations.factories import IndividualTitleFactory
    from tests.factories import PlanFactory

    plan = PlanFactory(issuer=union)
    title = IndividualTitleFactory(plan=plan)

    with pytest.raises(RegistrationError) as caught:
        register_for_title(plan=plan, member=bob, title=title, actor=bob, now=JUST_BEFORE)

    assert caught.value.message == "Kế hoạch này không có đợt đăng ký thi đua."


def test_register_for_title_on_closed_plan_is_refused(plan, bob, ldtt):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.CLOSED)
    plan.refresh_from_db()

    with pytest.raises(RegistrationError) as caught:
        register_for_title(plan=plan, member=bob, title=ldtt, actor=bob, now=JUST_BEFORE)

    assert caught.value.message == "Kế hoạch này không còn nhận đăng ký thi đua."


def test_register_for_title_twice_is_refused_cleanly(plan, bob, ldtt):
    register_for_title(plan=plan, member=bob, title=ldtt, actor=bob, now=JUST_BEFORE)

    with pytest.raises(RegistrationError) as caught:
        register_for_title(plan=plan, member=bob, title=ldtt, actor=bob, now=JUST_BEFORE)

    assert caught.value.message == "Bạn đã đăng ký danh hiệu «Lao động tiên tiến» rồi."
    assert Registration.objects.count() == 1
    assert AuditEntry.objects.count() == 1


def test_registration_unique_constraint_backs_the_check(plan, bob, ldtt, union):
    """Two requests racing past the existence check: the database refuses the second."""
    register_for_title(plan=plan, member=bob, title=ldtt, actor=bob, now=JUST_BEFORE)

    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            plan=plan, member=bob, title=ldtt, unit=union, registered_at=JUST_BEFORE
        )


def test_register_for_title_of_another_member_is_refused(plan, bob, alice, ldtt):
    with pytest.raises(RegistrationError) as caught:
        register_for_title(plan=plan, member=bob, title=ldtt, actor=alice, now=JUST_BEFORE)

    assert caught.value.message == "Chỉ đoàn viên của đơn vị thực hiện kế hoạch tự đăng ký."


def test_register_for_title_by_member_of_another_union_is_refused(plan, charlie, ldtt):
    with pytest.raises(RegistrationError):
        register_for_title(plan=plan, member=charlie, title=ldtt, actor=charlie, now=JUST_BEFORE)

    assert Registration.objects.count() == 0


def test_register_for_title_collective_title_is_refused(plan, bob, collective):
    with pytest.raises(RegistrationError) as caught:
        register_for_title(plan=plan, member=bob, title=collective, actor=bob, now=JUST_BEFORE)

    assert caught.value.message == (
        "Danh hiệu «Tập thể lao động xuất sắc» dành cho tập thể, không dành cho cá nhân."
    )


def test_withdraw_registration_before_deadline_deletes_and_audits(plan, bob, ldtt):
    registration = register_for_title(plan=plan, member=bob, title=ldtt, actor=bob, now=OPENS)

    withdraw_registration(registration=registration, actor=bob, now=JUST_BEFORE)

    assert registered(plan, bob, ldtt) is False
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "registration.register",
        "registration.withdraw",
    ]


def test_withdraw_registration_at_deadline_is_refused(plan, bob, ldtt):
    registration = register_for_title(plan=plan, member=bob, title=ldtt, actor=bob, now=OPENS)

    with pytest.raises(RegistrationError):
        withdraw_registration(registration=registration, actor=bob, now=DEADLINE)

    assert registered(plan, bob, ldtt) is True


def test_withdraw_registration_of_someone_else_is_refused(plan, bob, alice, ldtt):
    registration = register_for_title(plan=plan, member=bob, title=ldtt, actor=bob, now=OPENS)

    with pytest.raises(RegistrationError) as caught:
        withdraw_registration(registration=registration, actor=alice, now=OPENS)

    assert caught.value.message == "Bạn không thể rút đăng ký này."
    assert registered(plan, bob, ldtt) is True


def test_save_member_registrations_adds_and_withdraws(plan, bob, ldtt, cstd):
    register_for_title(plan=plan, member=bob, title=ldtt, actor=bob, now=OPENS)

    added, withdrawn = save_member_registrations(
        plan=plan, member=bob, titles=[cstd], actor=bob, now=JUST_BEFORE
    )

    assert (added, withdrawn) == ([cstd], [ldtt])
    assert registrations_by_member(plan) == {bob.pk: {cstd.pk}}


def test_save_member_registrations_after_deadline_changes_nothing(plan, bob, ldtt, cstd):
    register_for_title(plan=plan, member=bob, title=ldtt, actor=bob, now=OPENS)

    with pytest.raises(RegistrationError):
        save_member_registrations(plan=plan, member=bob, titles=[cstd], actor=bob, now=DEADLINE)

    assert registrations_by_member(plan) == {bob.pk: {ldtt.pk}}


def test_register_unit_for_title_by_chair(plan, alice, union, collective):
    registration = register_unit_for_title(
        plan=plan, unit=union, title=collective, actor=alice, now=JUST_BEFORE
    )

    assert (registration.member, registration.unit) == (None, union)
    assert unit_registered(plan, union, collective) is True
    assert AuditEntry.objects.get().action == "registration.register_unit"


def test_register_unit_for_title_by_vice_chair(plan, union, collective):
    vice = UserFactory(full_name="Đỗ Thị Phó")
    MembershipFactory(user=vice, unit=union, role=Role.VICE_CHAIR)

    register_unit_for_title(plan=plan, unit=union, title=collective, actor=vice, now=OPENS)

    assert unit_registered(plan, union, collective) is True


def test_register_unit_for_title_by_member_is_refused(plan, bob, union, collective):
    with pytest.raises(RegistrationError) as caught:
        register_unit_for_title(plan=plan, unit=union, title=collective, actor=bob, now=OPENS)

    assert caught.value.message == "Chỉ Chủ tịch, Phó Chủ tịch công đoàn đăng ký cho đơn vị."
    assert unit_registered(plan, union, collective) is False


def test_register_unit_for_title_twice_is_refused(plan, alice, union, collective):
    register_unit_for_title(plan=plan, unit=union, title=collective, actor=alice, now=OPENS)

    with pytest.raises(RegistrationError) as caught:
        register_unit_for_title(plan=plan, unit=union, title=collective, actor=alice, now=OPENS)

    assert caught.value.message == "Đơn vị đã đăng ký danh hiệu «Tập thể lao động xuất sắc» rồi."


def test_register_unit_for_title_at_deadline_is_refused(plan, alice, union, collective):
    with pytest.raises(RegistrationError):
        register_unit_for_title(plan=plan, unit=union, title=collective, actor=alice, now=DEADLINE)

    assert unit_registered(plan, union, collective) is False


def test_save_unit_registrations_withdraws_unticked(plan, alice, union, collective):
    register_unit_for_title(plan=plan, unit=union, title=collective, actor=alice, now=OPENS)

    added, withdrawn = save_unit_registrations(
        plan=plan, unit=union, titles=[], actor=alice, now=JUST_BEFORE
    )

    assert (added, withdrawn) == ([], [collective])
    assert unit_registered(plan, union, collective) is False


def test_individual_and_unit_registrations_do_not_collide(plan, alice, union, collective, ldtt):
    register_for_title(plan=plan, member=alice, title=ldtt, actor=alice, now=OPENS)
    register_unit_for_title(plan=plan, unit=union, title=collective, actor=alice, now=OPENS)

    assert registrations_by_member(plan) == {alice.pk: {ldtt.pk}}
    assert unit_registered(plan, union, collective) is True


def test_register_for_title_boundary_with_the_server_in_utc(plan, bob, ldtt, settings):
    settings.TIME_ZONE = "UTC"

    register_for_title(plan=plan, member=bob, title=ldtt, actor=bob, now=JUST_BEFORE)
    with pytest.raises(RegistrationError) as caught:
        register_for_title(
            plan=plan, member=bob, title=ldtt, actor=bob, now=DEADLINE.astimezone(dt.UTC)
        )

    assert "hạn chót là 11h30 ngày 23/3/2023" in caught.value.message
    assert "lúc 11:30:00 ngày 23/3/2023" in caught.value.message
