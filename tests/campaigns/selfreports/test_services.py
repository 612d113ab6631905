import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from campaigns.models import Plan, SelfReport, SelfReportAnswer, SelfReportVersion
from campaigns.selectors.selfreports import own_report
from campaigns.services.selfreports import (
    DeadlineError,
    remind_missing_members,
    save_draft,
    submit_self_report,
)
from portal.models import AuditEntry
from tests.campaigns.selfreports.conftest import BEFORE, DEADLINE, START, VN, answers

pytestmark = pytest.mark.django_db

MS = dt.timedelta(milliseconds=1)


def submit(plan, member, data=None, now=BEFORE):
    return submit_self_report(
        report=own_report(plan, member), actor=member, data=data or answers(plan), now=now
    )


def actions():
    return list(AuditEntry.objects.order_by("id").values_list("action", flat=True))


def test_submit_before_deadline_stores_version_one(plan, bob):
    version = submit(plan, bob)

    report = SelfReport.objects.get(plan=plan, member=bob)
    assert (report.status, report.version, report.is_late) == ("submitted", 1, False)
    assert report.submitted_at == BEFORE
    assert version.number == 1
    assert version.submitted_at == BEFORE
    assert report.receipt_code == version.receipt_code
    assert len(version.receipt_code) == 8
    assert set(version.receipt_code) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    assert version.snapshot["narrative"] == "Tôi học tập và làm theo Bác bằng việc làm cụ thể."
    assert [a["met"] for a in version.snapshot["answers"]] == [True, None, None]
    assert [a["points"] for a in version.snapshot["answers"]] == [None, "8.50", None]
    assert version.snapshot["titles"] == [
        {
            "id": plan.titles.get(name="Gương điển hình tiên tiến").pk,
            "name": "Gương điển hình tiên tiến",
        }
    ]
    assert actions() == ["selfreport.submitted"]
    entry = AuditEntry.objects.get()
    assert entry.data["version"] == 1
    assert entry.data["receipt"] == version.receipt_code


def test_submit_last_millisecond_accepted_with_server_in_utc(plan, bob, settings):
    settings.TIME_ZONE = "UTC"

    version = submit(plan, bob, now=dt.datetime(2023, 3, 23, 11, 29, 59, 999000, tzinfo=VN))

    assert version.number == 1
    assert version.is_late is False


def test_submit_at_deadline_refused_with_server_in_utc(plan, bob, settings):
    settings.TIME_ZONE = "UTC"
    arrived = dt.datetime(2023, 3, 23, 11, 30, 0, 0, tzinfo=VN)

    with pytest.raises(DeadlineError) as refused:
        submit(plan, bob, now=arrived.astimezone(dt.UTC))

    assert refused.value.messages == [
        "Báo cáo không được nhận vì đã quá hạn chót 11h30 ngày 23/3/2023: yêu cầu nộp của bạn "
        "gửi đến lúc 11:30:00 ngày 23/3/2023. Nội dung bạn đã nhập được giữ lại dưới dạng "
        "bản nháp."
    ]
    assert refused.value.deadline == DEADLINE
    assert refused.value.arrived_at == arrived


def test_submit_late_keeps_what_was_typed_as_draft(plan, bob):
    data = answers(plan, points="7")

    with pytest.raises(DeadlineError):
        submit(plan, bob, data=data, now=DEADLINE + dt.timedelta(seconds=5))

    report = SelfReport.objects.get(plan=plan, member=bob)
    assert report.status == "draft"
    assert report.narrative == data["narrative"]
    assert report.draft_saved_at == DEADLINE + dt.timedelta(seconds=5)
    assert list(report.answers.values_list("met", "points")) == [
        (True, None),
        (None, Decimal("7.00")),
        (None, None),
    ]
    assert list(report.titles.values_list("name", flat=True)) == ["Gương điển hình tiên tiến"]
    assert SelfReportVersion.objects.count() == 0
    assert actions() == ["selfreport.refused_late"]
    entry = AuditEntry.objects.get()
    assert entry.data["arrived_at"] == (DEADLINE + dt.timedelta(seconds=5)).isoformat()


def test_late_resubmit_keeps_version_one_and_marks_unsent_changes(plan, bob):
    submit(plan, bob)
    changed = answers(plan, points="9")
    changed["narrative"] = "Bổ sung sau hạn"

    with pytest.raises(DeadlineError):
        submit(plan, bob, data=changed, now=DEADLINE)

    report = SelfReport.objects.get(plan=plan, member=bob)
    assert (report.status, report.version, report.has_unsent_changes) == ("submitted", 1, True)
    assert report.narrative == "Bổ sung sau hạn"
    assert report.versions.get().snapshot["narrative"] != "Bổ sung sau hạn"


def test_submit_before_window_opens_refused_and_draft_kept(plan, bob):
    with pytest.raises(DeadlineError) as refused:
        submit(plan, bob, now=START - MS)

    assert "bắt đầu nhận từ 0h00 ngày 15/3/2023" in refused.value.messages[0]
    assert SelfReport.objects.get(plan=plan, member=bob).status == "draft"
    assert actions() == ["selfreport.refused_early"]


def test_accept_late_policy_stores_version_marked_late(plan, bob):
    plan.late_policy = Plan.LatePolicy.ACCEPT_LATE
    plan.save()

    version = submit(plan, bob, now=DEADLINE)

    assert version.is_late is True
    report = SelfReport.objects.get(plan=plan, member=bob)
    assert (report.status, report.is_late) == ("submitted", True)
    assert AuditEntry.objects.get().data["late"] is True


def test_duplicate_submit_makes_version_two(plan, bob):
    first = submit(plan, bob)
    second = submit(
        plan, bob, data=answers(plan, points="10"), now=BEFORE + dt.timedelta(seconds=1)
    )

    assert [v.number for v in SelfReportVersion.objects.order_by("number")] == [1, 2]
    assert first.receipt_code != second.receipt_code
    report = SelfReport.objects.get(plan=plan, member=bob)
    assert (report.version, report.receipt_code) == (2, second.receipt_code)
    assert first.snapshot["answers"][1]["points"] == "8.50"
    assert second.snapshot["answers"][1]["points"] == "10.00"


def test_version_is_immutable(plan, bob):
    version = submit(plan, bob)

    version.is_late = True
    with pytest.raises(RuntimeError):
        version.save()


def test_submit_points_over_maximum_refused_nothing_changed(plan, bob):
    save_draft(report=own_report(plan, bob), actor=bob, data=answers(plan, points="5"), now=BEFORE)

    with pytest.raises(ValidationError) as refused:
        submit(plan, bob, data=answers(plan, points="10.5"))

    assert refused.value.messages == ["Tiêu chuẩn 2: điểm phải từ 0 đến 10."]
    report = SelfReport.objects.get(plan=plan, member=bob)
    assert report.status == "draft"
    assert report.answers.get(criterion__order=2).points == Decimal("5.00")
    assert SelfReportVersion.objects.count() == 0
    assert actions() == []


def test_submit_negative_points_refused(plan, bob):
    with pytest.raises(ValidationError) as refused:
        submit(plan, bob, data=answers(plan, points="-1"))

    assert refused.value.messages == ["Tiêu chuẩn 2: điểm phải từ 0 đến 10."]


def test_submit_unknown_criterion_refused_nothing_changed(plan, bob, live_plan):
    data = answers(plan)
    foreign = live_plan.criteria.first()
    data["answers"][foreign.pk] = {"met": True, "evidence": ""}

    with pytest.raises(ValidationError) as refused:
        submit(plan, bob, data=data)

    assert refused.value.messages == [f"Tiêu chuẩn “{foreign.pk}” không thuộc kế hoạch này."]
    assert SelfReportAnswer.objects.count() == 0
    assert SelfReportVersion.objects.count() == 0


def test_submit_title_of_other_plan_refused(plan, bob, live_plan):
    data = answers(plan)
    data["titles"] = [live_plan.titles.first().pk]

    with pytest.raises(ValidationError) as refused:
        submit(plan, bob, data=data)

    assert refused.value.messages == ["Danh hiệu đề nghị không thuộc kế hoạch này."]


def test_submit_missing_required_answer_refused(plan, bob):
    with pytest.raises(ValidationError) as refused:
        submit(plan, bob, data=answers(plan, met=None, points=None))

    assert refused.value.messages == ["Chưa trả lời tiêu chuẩn bắt buộc: 1, 2."]
    assert SelfReportVersion.objects.count() == 0


def test_not_met_is_an_answer(plan, bob):
    version = submit(plan, bob, data=answers(plan, met=False))

    assert version.snapshot["answers"][0]["met"] is False


def test_submit_by_someone_else_denied(plan, bob, alice):
    report = save_draft(report=own_report(plan, bob), actor=bob, data=answers(plan), now=BEFORE)

    with pytest.raises(PermissionDenied):
        submit_self_report(report=report, actor=alice, data=answers(plan), now=BEFORE)
    with pytest.raises(PermissionDenied):
        save_draft(report=report, actor=alice, data=answers(plan), now=BEFORE)


def test_outsider_cannot_start_a_report(plan, charlie):
    with pytest.raises(PermissionDenied):
        submit(plan, charlie)
    assert SelfReport.objects.count() == 0


def test_save_draft_after_deadline_is_allowed(plan, bob):
    report = save_draft(
        report=own_report(plan, bob),
        actor=bob,
        data=answers(plan),
        now=DEADLINE + dt.timedelta(days=3),
    )

    assert report.status == "draft"
    assert report.draft_saved_at == DEADLINE + dt.timedelta(days=3)
    assert AuditEntry.objects.count() == 0


def test_save_draft_on_closed_plan_refused(plan, bob):
    report = save_draft(report=own_report(plan, bob), actor=bob, data=answers(plan), now=BEFORE)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.CLOSED)

    with pytest.raises(ValidationError) as refused:
        save_draft(report=report, actor=bob, data={"narrative": "mới"}, now=BEFORE)

    assert refused.value.messages == ["Kế hoạch không còn mở, báo cáo không sửa được nữa."]
    report.refresh_from_db()
    assert report.narrative == "Tôi học tập và làm theo Bác bằng việc làm cụ thể."


def test_receipt_mailed_after_commit_when_member_has_email(
    plan, bob, mailoutbox, django_capture_on_commit_callbacks
):
    bob.email = "bob@example.vn"
    bob.save()

    with django_capture_on_commit_callbacks(execute=True):
        version = submit(plan, bob, now=dt.datetime(2023, 3, 20, 9, 5, 7, 250000, tzinfo=VN))

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["bob@example.vn"]
    assert message.subject == f"Biên nhận báo cáo cá nhân — mã {version.receipt_code}"
    assert "Thời điểm nhận: 09:05:07 ngày 20/3/2023 (giờ Việt Nam)" in message.body
    assert f"Mã biên nhận: {version.receipt_code}" in message.body


def test_no_receipt_mail_without_email(plan, bob, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(plan, bob)

    assert mailoutbox == []


def test_no_mail_when_submit_refused(plan, bob, mailoutbox, django_capture_on_commit_callbacks):
    bob.email = "bob@example.vn"
    bob.save()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DeadlineError):
        submit(plan, bob, now=DEADLINE)

    assert mailoutbox == []


def test_remind_mails_members_with_nothing_submitted(
    live_plan, alice, dave, erin, bob, mailoutbox, django_capture_on_commit_callbacks
):
    submit(live_plan, erin, now=None)
    alice.email = "alice@example.vn"
    alice.save()

    with django_capture_on_commit_callbacks(execute=True):
        count = remind_missing_members(plan=live_plan, actor=dave)

    assert count == 2  # alice and dave; bob has no address, erin has submitted
    assert sorted(m.to[0] for m in mailoutbox) == ["alice@example.vn", "dave@example.vn"]
    entry = AuditEntry.objects.get(action="selfreport.reminded")
    assert sorted(entry.data["members"]) == sorted([alice.pk, dave.pk])


def test_remind_by_ordinary_member_denied(live_plan, bob):
    with pytest.raises(PermissionDenied):
        remind_missing_members(plan=live_plan, actor=bob)


def test_submit_points_with_three_decimals_refused(plan, bob):
    with pytest.raises(ValidationError) as refused:
        submit(plan, bob, data=answers(plan, points="8.125"))

    assert refused.value.messages == ["Tiêu chuẩn 2: điểm lấy tối đa hai chữ số thập phân."]


def test_partial_answers_keep_stored_ones_in_the_version(plan, bob):
    save_draft(report=own_report(plan, bob), actor=bob, data=answers(plan), now=BEFORE)
    c2 = plan.criteria.get(order=2)

    version = submit(plan, bob, data={"answers": {c2.pk: {"points": "6"}}})

    assert [(a["met"], a["points"]) for a in version.snapshot["answers"]] == [
        (True, None),
        (None, "6.00"),
        (None, None),
    ]
    assert [t["name"] for t in version.snapshot["titles"]] == ["Gương điển hình tiên tiến"]
    assert version.snapshot["narrative"] == "Tôi học tập và làm theo Bác bằng việc làm cụ thể."
