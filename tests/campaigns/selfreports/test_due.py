import datetime as dt

import pytest
from django.urls import reverse

from campaigns.due.selfreports import self_reports_due
from campaigns.models import DeadlineExtension
from campaigns.selectors.selfreports import own_report
from campaigns.services.selfreports import save_draft, submit_self_report
from tests.campaigns.selfreports.conftest import BEFORE, DEADLINE, answers

pytestmark = pytest.mark.django_db


def test_due_item_open_until_submitted(plan, bob):
    (item,) = self_reports_due(bob, BEFORE)

    assert (item.title, item.status, item.action, item.done) == (
        "Báo cáo cá nhân: Sơ kết 02 năm thực hiện Kết luận số 01-KL/TW",
        "Chưa làm",
        "Nộp báo cáo",
        False,
    )
    assert item.due_at == DEADLINE
    assert item.url == reverse("campaigns:selfreport_fill", args=[plan.pk])


def test_due_item_draft_then_done(plan, bob):
    save_draft(report=own_report(plan, bob), actor=bob, data=answers(plan), now=BEFORE)
    assert [i.status for i in self_reports_due(bob, BEFORE)] == ["Bản nháp"]

    submit_self_report(report=own_report(plan, bob), actor=bob, data=answers(plan), now=BEFORE)

    assert [(i.status, i.done) for i in self_reports_due(bob, BEFORE)] == [("Đã nộp", True)]


def test_due_item_uses_granted_personal_deadline(plan, bob):
    DeadlineExtension.objects.create(
        plan=plan,
        member=bob,
        reason="Ốm",
        requested_at=BEFORE,
        status=DeadlineExtension.Status.GRANTED,
        new_deadline=DEADLINE + dt.timedelta(days=2),
    )

    assert [i.due_at for i in self_reports_due(bob, BEFORE)] == [DEADLINE + dt.timedelta(days=2)]


def test_no_due_item_outside_the_union(plan, charlie, federation_staff):
    assert self_reports_due(charlie, BEFORE) == []
    assert self_reports_due(federation_staff, BEFORE) == []


def test_home_lists_the_self_report(client, live_plan, bob):
    client.force_login(bob)

    response = client.get(reverse("home"))

    assert "Báo cáo cá nhân: Kế hoạch thi đua đang mở" in response.content.decode()
