import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from campaigns.mail.registrations import send_deadline_reminders
from campaigns.models import Milestone
from portal.models import Membership, Role
from reports.services.periodic import save_periodic_report, send_periodic_report
from tests.factories import MembershipFactory, MilestoneFactory, PlanFactory, UserFactory

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DUE = dt.datetime(2023, 5, 20, 17, 0, tzinfo=VN)


@pytest.fixture
def due(federation, union, other_union):
    plan = PlanFactory(issuer=federation, year=2023)
    milestone = MilestoneFactory(
        plan=plan,
        kind=Milestone.Kind.PERIODIC_REPORT,
        label="Báo cáo định kỳ đợt 1",
        starts_at=dt.datetime(2023, 3, 18, tzinfo=VN),
        ends_at=DUE,
    )
    for unit, name in ((union, "chair_senhong"), (other_union, "chair_hoahong")):
        chair = UserFactory(username=name, email=f"{name}@example.vn")
        MembershipFactory(user=chair, unit=unit, role=Role.CHAIR)
    staff = UserFactory(username="staff_govap", email="staff@example.vn")
    MembershipFactory(user=staff, unit=federation, role=Role.FEDERATION_STAFF)
    return milestone


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_chairs_reminded_24h_before_due_date_once(due):
    send_deadline_reminders(now=DUE - dt.timedelta(hours=23))
    first = recipients()
    send_deadline_reminders(now=DUE - dt.timedelta(hours=22))

    assert first == ["chair_hoahong@example.vn", "chair_senhong@example.vn"]
    assert recipients() == first
    assert "17h00 ngày 20/5/2023" in mail.outbox[0].subject


def test_unit_that_sent_its_report_is_not_reminded(due, union):
    chair = Membership.objects.get(unit=union, role=Role.CHAIR).user
    report = save_periodic_report(
        milestone=due, unit=union, actor=chair, sections={"results": "Đã thực hiện"}
    )
    send_periodic_report(report=report, actor=chair, now=DUE - dt.timedelta(days=2))

    send_deadline_reminders(now=DUE - dt.timedelta(hours=1))

    assert recipients() == ["chair_hoahong@example.vn"]


def test_federation_told_once_which_units_are_missing_after_due_date(due):
    send_deadline_reminders(now=DUE + dt.timedelta(minutes=1))
    send_deadline_reminders(now=DUE + dt.timedelta(hours=3))

    assert recipients() == ["staff@example.vn"]
    body = mail.outbox[0].body
    assert "CĐCS Trường MN Hoa Hồng" in body and "CĐCS Trường MN Sen Hồng" in body


def test_two_due_dates_are_reminded_apart(due):
    MilestoneFactory(
        plan=due.plan,
        kind=Milestone.Kind.PERIODIC_REPORT,
        starts_at=dt.datetime(2023, 3, 18, tzinfo=VN),
        ends_at=DUE + dt.timedelta(days=1),
    )

    send_deadline_reminders(now=DUE - dt.timedelta(hours=1))

    assert recipients() == [
        "chair_hoahong@example.vn",
        "chair_hoahong@example.vn",
        "chair_senhong@example.vn",
        "chair_senhong@example.vn",
    ]
