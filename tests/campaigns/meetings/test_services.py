import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.models import MeetingMaterial, Minutes, ThematicMeeting
from campaigns.services import meetings as services
from campaigns.services.meetings import Attendance, MinutesLocked, Speech
from portal.models import AuditEntry
from tests.campaigns.meetings.factories import ThematicMeetingFactory, local

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _pdf(name="tai-lieu.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def _draft(meeting, actor, chair, secretary, members, **overrides):
    fields = dict(
        meeting=meeting,
        actor=actor,
        started_at=local(2022, 2, 15, 14, 0),
        ended_at=local(2022, 2, 15, 16, 30),
        place="Phòng họp nhà trường",
        chair=chair,
        secretary=secretary,
        agenda="Quán triệt chuyên đề.",
        conclusions="Chi bộ thống nhất.",
        attendance=[Attendance(user=m, present=True) for m in members],
        speeches=[Speech(opinion="Tán thành.", speaker=members[0])],
    )
    fields.update(overrides)
    return services.draft_minutes(**fields)


def test_plan_meeting_derives_quarter_from_local_date(plan, secretary):
    # 31/3 23:30 in Việt Nam is still quarter 1 (16:30 UTC).
    meeting = services.plan_meeting(
        plan=plan, actor=secretary, topic=" An toàn cho trẻ ", planned_at=local(2022, 3, 31, 23, 30)
    )

    assert (meeting.year, meeting.quarter, meeting.topic) == (2022, 1, "An toàn cho trẻ")
    assert AuditEntry.objects.filter(action="meeting.plan", object_id=str(meeting.pk)).count() == 1


def test_plan_meeting_refuses_date_outside_plan_year(plan, secretary):
    with pytest.raises(ValidationError) as exc:
        services.plan_meeting(
            plan=plan, actor=secretary, topic="Chuyên đề", planned_at=local(2023, 1, 5, 8)
        )

    assert exc.value.messages == ["Ngày dự kiến phải thuộc năm 2022 của kế hoạch."]
    assert ThematicMeeting.objects.count() == 0


def test_post_materials_stores_random_name_and_mails_members_after_commit(
    plan,
    secretary,
    party_member,
    cell_committee_member,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    meeting = ThematicMeetingFactory(plan=plan, topic="Học tập và làm theo Bác")

    with django_capture_on_commit_callbacks(execute=True):
        [material] = services.post_materials(
            meeting=meeting, actor=secretary, files=[_pdf("Đề cương chuyên đề.pdf")]
        )

    assert material.original_name == "Đề cương chuyên đề.pdf"
    assert material.file.name.startswith("meetings/") and material.file.name.endswith(".pdf")
    assert "Đề cương" not in material.file.name
    assert default_storage.exists(material.file.name)
    assert sorted(m.to[0] for m in mailoutbox) == ["duc@example.vn", "tuyet@example.vn"]
    assert "Học tập và làm theo Bác" in mailoutbox[0].body


def test_post_materials_refuses_bad_file_and_stores_nothing(plan, secretary, media, mailoutbox):
    meeting = ThematicMeetingFactory(plan=plan)
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")

    with pytest.raises(ValidationError):
        services.post_materials(meeting=meeting, actor=secretary, files=[_pdf(), fake])

    assert MeetingMaterial.objects.count() == 0
    assert list(media.rglob("*.pdf")) == []
    assert mailoutbox == []


@pytest.mark.parametrize("name", ["bai-giang.bat", "bai-giang.hta", "bai-giang.html"])
def test_post_materials_refuses_a_pdf_named_otherwise(plan, secretary, media, mailoutbox, name):
    meeting = ThematicMeetingFactory(plan=plan)

    with pytest.raises(ValidationError) as refused:
        services.post_materials(meeting=meeting, actor=secretary, files=[_pdf(), _pdf(name)])

    assert refused.value.messages == [
        f"Tệp “{name}” thực chất là tệp PDF nhưng tên có đuôi .{name.rsplit('.', 1)[1]}: hãy "
        "đổi tên có đuôi .pdf rồi tải lên lại."
    ]
    assert MeetingMaterial.objects.count() == 0
    assert list(media.rglob("*.pdf")) == []


def test_confirm_minutes_needs_chair_and_secretary(plan, secretary, party_member):
    meeting = ThematicMeetingFactory(plan=plan)
    minutes = _draft(meeting, secretary, party_member, secretary, [secretary, party_member])

    services.confirm_minutes(minutes=minutes, actor=party_member, now=local(2022, 2, 15, 17))
    minutes.refresh_from_db()
    assert (minutes.status, minutes.confirmed_at) == (Minutes.Status.DRAFT, None)

    services.confirm_minutes(minutes=minutes, actor=secretary, now=local(2022, 2, 15, 18))
    minutes.refresh_from_db()
    meeting.refresh_from_db()
    assert (minutes.status, minutes.confirmed_at) == (
        Minutes.Status.CONFIRMED,
        local(2022, 2, 15, 18),
    )
    assert meeting.status == ThematicMeeting.Status.HELD


def test_confirm_minutes_refuses_someone_else(plan, secretary, party_member, cell_committee_member):
    minutes = _draft(
        ThematicMeetingFactory(plan=plan), secretary, party_member, secretary, [secretary]
    )

    with pytest.raises(ValidationError) as exc:
        services.confirm_minutes(minutes=minutes, actor=cell_committee_member)

    assert exc.value.messages == ["Chỉ người chủ trì và thư ký xác nhận biên bản."]


def test_update_minutes_after_confirmation_is_refused(plan, secretary, party_member):
    minutes = _draft(
        ThematicMeetingFactory(plan=plan), secretary, secretary, secretary, [secretary]
    )
    services.confirm_minutes(minutes=minutes, actor=secretary)

    with pytest.raises(MinutesLocked):
        services.update_minutes(
            minutes=minutes,
            actor=secretary,
            started_at=minutes.started_at,
            ended_at=minutes.ended_at,
            place="Nơi khác",
            chair=secretary,
            secretary=secretary,
            agenda="Sửa lén",
            attendance=[Attendance(user=secretary, present=True)],
            speeches=[],
        )

    minutes.refresh_from_db()
    assert (minutes.place, minutes.agenda) == ("Phòng họp nhà trường", "Quán triệt chuyên đề.")


def test_update_minutes_withdraws_partial_confirmation(plan, secretary, party_member):
    minutes = _draft(
        ThematicMeetingFactory(plan=plan), secretary, party_member, secretary, [secretary]
    )
    services.confirm_minutes(minutes=minutes, actor=party_member)

    services.update_minutes(
        minutes=minutes,
        actor=secretary,
        started_at=minutes.started_at,
        ended_at=minutes.ended_at,
        place="Hội trường",
        chair=party_member,
        secretary=secretary,
        agenda="Nội dung mới",
        attendance=[Attendance(user=secretary, present=True)],
        speeches=[],
    )

    minutes.refresh_from_db()
    assert (minutes.place, minutes.chair_confirmed_at) == ("Hội trường", None)


def test_draft_minutes_requires_absence_reason(plan, secretary, party_member):
    with pytest.raises(ValidationError) as exc:
        _draft(
            ThematicMeetingFactory(plan=plan),
            secretary,
            secretary,
            secretary,
            [secretary],
            attendance=[
                Attendance(user=secretary, present=True),
                Attendance(user=party_member, present=False, reason=" "),
            ],
        )

    assert exc.value.messages == ["Ghi lý do vắng mặt của đồng chí Trần Thị Ánh Tuyết."]
    assert Minutes.objects.count() == 0


def test_start_correction_links_new_version_and_keeps_old(plan, secretary, party_member):
    minutes = _draft(
        ThematicMeetingFactory(plan=plan),
        secretary,
        secretary,
        secretary,
        [secretary, party_member],
    )
    services.confirm_minutes(minutes=minutes, actor=secretary)

    correction = services.start_correction(
        minutes=minutes, actor=secretary, reason="Ghi sai giờ kết thúc"
    )

    minutes.refresh_from_db()
    assert (correction.version, correction.previous, correction.status) == (
        2,
        minutes,
        Minutes.Status.DRAFT,
    )
    assert minutes.status == Minutes.Status.CONFIRMED
    assert [a.name for a in correction.attendees.all()] == [a.name for a in minutes.attendees.all()]
    assert [s.opinion for s in correction.speakers.all()] == ["Tán thành."]
    with pytest.raises(ValidationError):
        services.start_correction(minutes=minutes, actor=secretary, reason="Lần nữa")


def test_minutes_services_write_audit_entries(plan, secretary):
    minutes = _draft(
        ThematicMeetingFactory(plan=plan), secretary, secretary, secretary, [secretary]
    )
    services.confirm_minutes(minutes=minutes, actor=secretary)
    services.start_correction(minutes=minutes, actor=secretary, reason="Sai tên")

    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["minutes.draft", "minutes.confirm", "minutes.correct"]


def test_draft_minutes_twice_is_refused(plan, secretary):
    meeting = ThematicMeetingFactory(plan=plan)
    _draft(meeting, secretary, secretary, secretary, [secretary])

    with pytest.raises(ValidationError):
        _draft(meeting, secretary, secretary, secretary, [secretary])

    assert Minutes.objects.filter(meeting=meeting).count() == 1


def test_materials_time_recorded_from_now_argument(plan, secretary):
    meeting = ThematicMeetingFactory(plan=plan, planned_at=local(2022, 2, 15, 14))
    at = meeting.planned_at - dt.timedelta(hours=24)

    [material] = services.post_materials(meeting=meeting, actor=secretary, files=[_pdf()], now=at)

    assert material.uploaded_at == at


def test_minutes_of_a_meeting_that_has_not_happened_are_refused(plan, secretary):
    """Issue 11: a document of a meeting that has not happened is not produced."""
    meeting = ThematicMeetingFactory(plan=plan)

    with pytest.raises(ValidationError) as exc:
        _draft(
            meeting,
            secretary,
            secretary,
            secretary,
            [secretary],
            now=local(2022, 2, 15, 13, 59),
        )

    assert exc.value.messages == [
        "Buổi họp chưa diễn ra (bắt đầu 14h00 ngày 15/2/2022): chưa lập biên bản được."
    ]
    assert not Minutes.objects.exists()


def test_minutes_refused_on_a_closed_plan(plan, secretary):
    meeting = ThematicMeetingFactory(plan=plan)
    type(plan).objects.filter(pk=plan.pk).update(status="closed")
    meeting.plan.refresh_from_db()

    with pytest.raises(ValidationError, match="Kế hoạch đã kết thúc"):
        _draft(meeting, secretary, secretary, secretary, [secretary])
