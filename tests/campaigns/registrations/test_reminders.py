import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command

from campaigns.mail.registrations import current_tier, send_deadline_reminders
from campaigns.models import DeadlineExtension, ReminderLog
from portal.models import Role, User
from tests.campaigns.registrations.factories import (
    DEADLINE,
    RegistrationFactory,
    SelfReportMilestoneFactory,
    submitted_report,
)
from tests.factories import MembershipFactory, PlanFactory, UserFactory

pytestmark = pytest.mark.django_db

H = dt.timedelta(hours=1)


@pytest.fixture
def sr_plan(union, alice, bob):
    """alice (chair) and bob (member) of Sen Hồng, with addresses; self-report window
    closing at 11h30 ngày 23/3/2023."""
    User.objects.filter(pk=alice.pk).update(email="alice@senhong.vn")
    User.objects.filter(pk=bob.pk).update(email="bob@senhong.vn")
    plan = PlanFactory(issuer=union, title="Kế hoạch học tập và làm theo Bác năm 2023")
    SelfReportMilestoneFactory(plan=plan)
    return plan


@pytest.fixture
def dung(union, group):
    """A member who submits on time."""
    user = UserFactory(full_name="Hoàng Văn Dũng", email="dung@senhong.vn")
    MembershipFactory(user=user, unit=union, role=Role.MEMBER, group=group)
    return user


def run(now):
    return send_deadline_reminders(now=now)


def sent_to():
    return sorted((m.to[0], m.subject) for m in mail.outbox)


def test_current_tier_boundaries():
    assert [
        current_tier(DEADLINE, DEADLINE - delta)
        for delta in (
            73 * H,
            72 * H,
            25 * H,
            24 * H,
            2 * H + dt.timedelta(seconds=1),
            2 * H,
            dt.timedelta(milliseconds=1),
            dt.timedelta(0),
        )
    ] == [None, "72h", "72h", "24h", "24h", "2h", "2h", None]


def test_reminders_nothing_before_72_hours(sr_plan):
    run(DEADLINE - 72 * H - dt.timedelta(seconds=1))

    assert mail.outbox == []


def test_reminders_72_hours_before_remind_members_with_nothing_submitted(sr_plan, dung):
    submitted_report(sr_plan, dung, DEADLINE - 80 * H)

    summary = run(DEADLINE - 72 * H)

    subject = "Nhắc nộp báo cáo cá nhân trước 11h30 ngày 23/3/2023"
    assert sent_to() == [("alice@senhong.vn", subject), ("bob@senhong.vn", subject)]
    bob_mail = next(m for m in mail.outbox if m.to == ["bob@senhong.vn"])
    assert bob_mail.body.startswith(
        "Kính gửi Lê Văn Bob,\n\nBạn chưa nộp báo cáo cá nhân cho kế hoạch “Kế hoạch học tập "
        "và làm theo Bác năm 2023” của CĐCS Trường MN Sen Hồng.\nHạn chót: 11h30 ngày 23/3/2023."
    )
    assert summary.total == 2
    assert set(ReminderLog.objects.values_list("recipient__username", "kind", "tier")) == {
        ("alice", "self_report", "72h"),
        ("bob", "self_report", "72h"),
    }


def test_reminders_draft_counts_as_nothing_submitted(sr_plan, dung):
    from campaigns.models import SelfReport

    SelfReport.objects.create(plan=sr_plan, member=dung, unit=sr_plan.issuer)

    run(DEADLINE - 2 * H)

    assert sorted(m.to[0] for m in mail.outbox) == [
        "alice@senhong.vn",
        "bob@senhong.vn",
        "dung@senhong.vn",
    ]


def test_reminders_run_twice_sends_nothing_twice(sr_plan):
    run(DEADLINE - 24 * H)
    first = sent_to()

    summary = run(DEADLINE - 24 * H + dt.timedelta(minutes=15))

    assert sent_to() == first
    assert len(first) == 2
    assert summary.total == 0


def test_reminders_each_tier_fires_once(sr_plan):
    for moment in (72 * H, 71 * H, 24 * H, 23 * H, 2 * H, H, dt.timedelta(seconds=1)):
        run(DEADLINE - moment)

    bob_tiers = list(
        ReminderLog.objects.filter(recipient__username="bob")
        .order_by("sent_at")
        .values_list("tier", flat=True)
    )
    assert bob_tiers == ["72h", "24h", "2h"]
    assert len([m for m in mail.outbox if m.to == ["bob@senhong.vn"]]) == 3


def test_reminders_missed_tier_sends_only_the_current_one(sr_plan):
    run(DEADLINE - 23 * H)

    assert list(ReminderLog.objects.values_list("tier", flat=True).distinct()) == ["24h"]


def test_reminders_claim_of_another_run_is_respected(sr_plan, bob):
    ReminderLog.objects.create(
        plan=sr_plan,
        recipient=bob,
        unit=sr_plan.issuer,
        kind="self_report",
        tier="2h",
        sent_at=DEADLINE - 2 * H,
    )

    run(DEADLINE - H)

    assert sent_to() == [
        ("alice@senhong.vn", "Nhắc nộp báo cáo cá nhân trước 11h30 ngày 23/3/2023")
    ]


def test_reminders_member_without_address_is_counted_not_sent(sr_plan, union):
    nomail = UserFactory(full_name="Vũ Thị Không Thư", email="")
    MembershipFactory(user=nomail, unit=union, role=Role.MEMBER)

    summary = run(DEADLINE - 2 * H)

    assert (summary.total, summary.no_address) == (2, 1)
    assert not ReminderLog.objects.filter(recipient=nomail).exists()


def test_reminders_after_deadline_chair_gets_missing_list_once(sr_plan, dung, group):
    submitted_report(sr_plan, dung, DEADLINE - H)
    late = UserFactory(full_name="Đặng Thị Trễ", email="tre@senhong.vn")
    MembershipFactory(user=late, unit=sr_plan.issuer, role=Role.MEMBER, group=group)

    run(DEADLINE)
    run(DEADLINE + H)

    assert sent_to() == [
        ("alice@senhong.vn", "Danh sách chưa nộp báo cáo cá nhân (hạn chót 11h30 ngày 23/3/2023)")
    ]
    body = mail.outbox[0].body
    assert (
        "3/4 đoàn viên chưa nộp:\n- Trần Thị Alice\n- Lê Văn Bob\n- Đặng Thị Trễ (Tổ Chồi)\n"
        in body
    )
    assert "Dũng" not in body


def test_reminders_no_missing_list_when_everyone_submitted(sr_plan, alice, bob, federation_staff):
    submitted_report(sr_plan, alice, DEADLINE - H)
    submitted_report(sr_plan, bob, DEADLINE - H)

    run(DEADLINE + H)

    assert mail.outbox == []


def test_reminders_whole_unit_late_tells_the_parent_federation_once(sr_plan, federation_staff):
    User.objects.filter(pk=federation_staff.pk).update(email="canbo@govap.vn")

    run(DEADLINE)
    run(DEADLINE + 2 * H)

    staff_mail = [m for m in mail.outbox if m.to == ["canbo@govap.vn"]]
    assert [m.subject for m in staff_mail] == [
        "CĐCS Trường MN Sen Hồng chưa có báo cáo nào (hạn chót 11h30 ngày 23/3/2023)"
    ]
    assert "chưa đoàn viên nào của CĐCS Trường MN Sen Hồng nộp báo cáo cá nhân" in (
        staff_mail[0].body
    )
    assert ReminderLog.objects.get(kind="unit_late").unit == sr_plan.issuer


def test_reminders_unit_with_a_submission_is_not_escalated(sr_plan, bob, federation_staff):
    User.objects.filter(pk=federation_staff.pk).update(email="canbo@govap.vn")
    submitted_report(sr_plan, bob, DEADLINE - dt.timedelta(milliseconds=1))

    run(DEADLINE + H)

    assert [m.to for m in mail.outbox] == [["alice@senhong.vn"]]  # alice's missing list only


def test_reminders_late_submission_does_not_save_the_unit(sr_plan, bob, federation_staff):
    User.objects.filter(pk=federation_staff.pk).update(email="canbo@govap.vn")
    submitted_report(sr_plan, bob, DEADLINE)

    run(DEADLINE + H)

    assert ["canbo@govap.vn"] in [m.to for m in mail.outbox]


def test_reminders_extension_reminds_against_personal_deadline(sr_plan, bob, alice):
    personal = DEADLINE + 48 * H
    DeadlineExtension.objects.create(
        plan=sr_plan,
        member=bob,
        reason="Ốm",
        requested_at=DEADLINE - 30 * H,
        status=DeadlineExtension.Status.GRANTED,
        new_deadline=personal,
        decided_by=alice,
        decided_at=DEADLINE - 29 * H,
    )

    run(DEADLINE - 2 * H)  # alice's 2 h tier; bob is 50 h before his own deadline: 72 h tier
    run(personal - 2 * H)  # bob's 2 h tier; the plan deadline passed: alice's missing list

    assert list(
        ReminderLog.objects.order_by("id").values_list("recipient__username", "kind", "tier")
    ) == [
        ("alice", "self_report", "2h"),
        ("bob", "self_report", "ext-72h"),
        ("bob", "self_report", "ext-2h"),
        ("alice", "missing", "after"),
    ]
    bob_last = [m for m in mail.outbox if m.to == ["bob@senhong.vn"]][-1]
    assert bob_last.subject == "Nhắc nộp báo cáo cá nhân trước 11h30 ngày 25/3/2023"
    missing = mail.outbox[-1].body
    assert "1/2 đoàn viên chưa nộp:\n- Trần Thị Alice\n" in missing
    assert (
        "Đang trong thời gian gia hạn:\n- Lê Văn Bob: gia hạn đến 11h30 ngày 25/3/2023" in missing
    )


def test_reminders_registration_24_hours_before(plan, ldtt, collective, alice, bob, union):
    User.objects.filter(pk__in=[alice.pk, bob.pk]).update(email="x@senhong.vn")
    RegistrationFactory(plan=plan, member=alice, title=ldtt, unit=union)

    run(DEADLINE - 25 * H)
    assert mail.outbox == []
    run(DEADLINE - 24 * H)
    run(DEADLINE - 23 * H)

    assert list(
        ReminderLog.objects.order_by("kind").values_list("recipient__username", "kind", "tier")
    ) == [("bob", "registration", "24h"), ("alice", "unit_registration", "24h")]
    assert sorted(m.subject for m in mail.outbox) == [
        "Nhắc đăng ký thi đua trước 11h30 ngày 23/3/2023",
        "Nhắc đăng ký thi đua tập thể trước 11h30 ngày 23/3/2023",
    ]


def test_send_deadline_reminders_command_prints_summary(sr_plan):
    out = StringIO()

    call_command("send_deadline_reminders", "--now", "2023-03-23T09:30+07:00", stdout=out)

    assert out.getvalue() == (
        "Đã chạy nhắc hạn lúc 9h30 ngày 23/3/2023:\n"
        "  Kế hoạch học tập và làm theo Bác năm 2023: Nhắc nộp báo cáo, 2 giờ trước hạn: 2\n"
        "  Tổng cộng: 2 thư đã gửi.\n"
    )
    assert len(mail.outbox) == 2


def test_send_deadline_reminders_command_naive_now_is_vietnam_time(sr_plan):
    call_command("send_deadline_reminders", "--now", "2023-03-23T09:30", stdout=StringIO())

    assert ReminderLog.objects.get(recipient__username="bob").sent_at == DEADLINE - 2 * H


def test_send_deadline_reminders_command_bad_now():
    with pytest.raises(CommandError, match="--now không hợp lệ"):
        call_command("send_deadline_reminders", "--now", "hôm qua", stdout=StringIO())


def test_reminders_name_the_deadline_in_vietnam_time_with_the_server_in_utc(sr_plan, settings):
    settings.TIME_ZONE = "UTC"

    run(DEADLINE - 2 * H)

    assert {m.subject for m in mail.outbox} == {
        "Nhắc nộp báo cáo cá nhân trước 11h30 ngày 23/3/2023"
    }


class BrokenBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP down")


def test_reminders_failed_mail_releases_the_claim_for_the_next_run(sr_plan, settings):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenBackend"

    summary = run(DEADLINE - 2 * H)

    assert (summary.total, summary.failed) == (0, 2)
    assert ReminderLog.objects.count() == 0

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert run(DEADLINE - H).total == 2
