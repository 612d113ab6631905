import datetime as dt

import pytest
from django.urls import reverse

from campaigns.due.registrations import registration_due_items
from tests.campaigns.registrations.factories import DEADLINE, RegistrationFactory

pytestmark = pytest.mark.django_db

NOW = DEADLINE - dt.timedelta(hours=5)


def test_registration_due_items_member_not_yet_registered(bob, plan, ldtt, collective):
    [item] = registration_due_items(bob, NOW)

    assert (item.title, item.url, item.due_at, item.status, item.done) == (
        "Đăng ký thi đua: Kế hoạch thi đua năm học 2022-2023",
        reverse("campaigns:registration_member", args=[plan.pk]),
        DEADLINE,
        "Chưa đăng ký",
        False,
    )


def test_registration_due_items_member_registered_is_done(bob, plan, ldtt, union):
    RegistrationFactory(plan=plan, member=bob, title=ldtt, unit=union)

    [item] = registration_due_items(bob, NOW)

    assert (item.status, item.done) == ("Đã đăng ký 1 danh hiệu", True)


def test_registration_due_items_chair_gets_the_unit_item(alice, plan, ldtt, collective, union):
    items = registration_due_items(alice, NOW)

    assert [(i.title, i.url, i.done) for i in items] == [
        (
            "Đăng ký thi đua: Kế hoạch thi đua năm học 2022-2023",
            reverse("campaigns:registration_member", args=[plan.pk]),
            False,
        ),
        (
            "Đăng ký thi đua tập thể: Kế hoạch thi đua năm học 2022-2023",
            reverse("campaigns:registration_unit", args=[plan.pk]) + f"?don_vi={union.pk}",
            False,
        ),
    ]


def test_registration_due_items_closed_window_shows_nothing(bob, plan, ldtt):
    assert registration_due_items(bob, DEADLINE) == []


def test_registration_due_items_other_union_shows_nothing(charlie, plan, ldtt):
    assert registration_due_items(charlie, NOW) == []
