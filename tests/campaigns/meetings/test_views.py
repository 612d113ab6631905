import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns.models import MeetingMaterial, Minutes, ThematicMeeting
from campaigns.services import meetings as services
from portal.due import due_items_for
from tests.campaigns.meetings.factories import (
    MinutesFactory,
    ThematicMeetingFactory,
    ThematicPlanFactory,
    local,
)

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def meeting(plan):
    return ThematicMeetingFactory(plan=plan, topic="Học tập và làm theo Bác")


@pytest.fixture
def draft(meeting, secretary, cell_committee_member):
    return MinutesFactory(meeting=meeting, chair=secretary, secretary=cell_committee_member)


@pytest.fixture
def confirmed(plan, secretary, cell_committee_member):
    meeting = ThematicMeetingFactory(plan=plan, quarter=2, planned_at=local(2022, 5, 19, 14))
    return MinutesFactory(
        meeting=meeting,
        chair=secretary,
        secretary=cell_committee_member,
        status=Minutes.Status.CONFIRMED,
        confirmed_at=local(2022, 5, 19, 17),
    )


def _get(client, user, name, *args):
    client.force_login(user)
    return client.get(reverse(f"campaigns:{name}", args=args))


@pytest.mark.parametrize(
    ("who", "plan_page", "create_page"),
    [
        ("secretary", 200, 200),
        ("cell_committee_member", 200, 200),
        ("party_member", 200, 403),
        ("committee_reader", 200, 403),
        ("union_member", 404, 404),
        ("outsider", 404, 404),
    ],
)
def test_plan_pages_per_role(client, request, plan, who, plan_page, create_page):
    user = request.getfixturevalue(who)

    assert _get(client, user, "meeting_plan", plan.pk).status_code == plan_page
    assert _get(client, user, "meeting_create", plan.pk).status_code == create_page


@pytest.mark.parametrize(
    ("who", "draft_status", "confirmed_status"),
    [
        ("secretary", 200, 200),
        ("cell_committee_member", 200, 200),  # the draft's secretary (thư ký)
        ("party_member", 404, 200),
        ("committee_reader", 404, 200),
        ("union_member", 404, 404),
        ("outsider", 404, 404),
    ],
)
def test_minutes_visibility_per_role(
    client, request, draft, confirmed, who, draft_status, confirmed_status
):
    user = request.getfixturevalue(who)

    assert _get(client, user, "minutes_detail", draft.pk).status_code == draft_status
    assert _get(client, user, "minutes_detail", confirmed.pk).status_code == confirmed_status


def test_meeting_create_posts_meeting_in_quarter(client, plan, secretary):
    client.force_login(secretary)

    response = client.post(
        reverse("campaigns:meeting_create", args=[plan.pk]),
        {
            "kind": "thematic",
            "topic": "Xây dựng môi trường thiên nhiên lấy trẻ làm trung tâm",
            "planned_at": "2022-08-26T14:00",
            "place": "Phòng họp",
            "preparer": secretary.pk,
        },
    )

    meeting = ThematicMeeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()
    assert (meeting.quarter, meeting.planned_at) == (3, local(2022, 8, 26, 14))


def test_meeting_create_refused_for_party_member(client, plan, party_member):
    client.force_login(party_member)

    response = client.post(
        reverse("campaigns:meeting_create", args=[plan.pk]),
        {"kind": "thematic", "topic": "X", "planned_at": "2022-08-26T14:00", "preparer_name": "A"},
    )

    assert response.status_code == 403
    assert ThematicMeeting.objects.count() == 0


def test_materials_post_then_member_downloads_attachment(client, meeting, secretary, party_member):
    client.force_login(secretary)
    client.post(
        reverse("campaigns:materials_post", args=[meeting.pk]),
        {"files": [SimpleUploadedFile("Đề cương.pdf", PDF_BYTES)], "description": ""},
    )
    material = MeetingMaterial.objects.get()

    client.force_login(party_member)
    response = client.get(reverse("campaigns:material_download", args=[material.pk]))

    assert response.status_code == 200
    assert response.content == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")


def test_materials_post_bad_file_shows_message_and_stores_nothing(client, meeting, secretary):
    client.force_login(secretary)

    response = client.post(
        reverse("campaigns:materials_post", args=[meeting.pk]),
        {"files": [SimpleUploadedFile("a.pdf", b"<html>not a pdf</html>")]},
        follow=True,
    )

    assert MeetingMaterial.objects.count() == 0
    assert "không phải PDF, JPEG, PNG hay DOCX" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"), [("party_member", 403), ("union_member", 404), ("committee_reader", 403)]
)
def test_materials_post_refused_for_readers(client, request, meeting, who, status):
    client.force_login(request.getfixturevalue(who))

    response = client.post(
        reverse("campaigns:materials_post", args=[meeting.pk]),
        {"files": [SimpleUploadedFile("a.pdf", PDF_BYTES)]},
    )

    assert response.status_code == status
    assert MeetingMaterial.objects.count() == 0


def test_material_download_hidden_from_union_member(client, meeting, union_member):
    material = MeetingMaterial.objects.create(
        meeting=meeting,
        file="meetings/x.pdf",
        original_name="a.pdf",
        mime="application/pdf",
        size=1,
    )

    response = _get(client, union_member, "material_download", material.pk)

    assert response.status_code == 404


def test_minutes_confirm_by_both_locks_edit(client, draft, secretary, cell_committee_member):
    url = reverse("campaigns:minutes_confirm", args=[draft.pk])
    client.force_login(secretary)
    client.post(url)
    client.force_login(cell_committee_member)
    client.post(url)
    draft.refresh_from_db()

    edit_get = _get(client, secretary, "minutes_edit", draft.pk)
    edit_post = client.post(reverse("campaigns:minutes_edit", args=[draft.pk]), {"place": "X"})

    assert draft.status == Minutes.Status.CONFIRMED
    assert (edit_get.status_code, edit_post.status_code) == (403, 403)
    draft.refresh_from_db()
    assert draft.place == "Phòng họp nhà trường"


def test_minutes_confirm_refuses_get(client, draft, secretary):
    client.force_login(secretary)

    response = client.get(reverse("campaigns:minutes_confirm", args=[draft.pk]))

    assert response.status_code == 405
    draft.refresh_from_db()
    assert draft.chair_confirmed_at is None


def test_minutes_confirm_refused_for_other_editor(client, plan, draft, party_member):
    client.force_login(party_member)

    response = client.post(reverse("campaigns:minutes_confirm", args=[draft.pk]))

    assert response.status_code == 404  # a plain member does not see drafts


def test_minutes_correct_creates_linked_draft(client, confirmed, secretary):
    client.force_login(secretary)

    response = client.post(
        reverse("campaigns:minutes_correct", args=[confirmed.pk]), {"reason": "Sai giờ"}
    )

    correction = Minutes.objects.get(previous=confirmed)
    assert response["Location"] == reverse("campaigns:minutes_edit", args=[correction.pk])
    assert (correction.version, correction.status) == (2, Minutes.Status.DRAFT)


def test_minutes_form_draft_round_trip(client, meeting, secretary, party_member):
    client.force_login(secretary)
    data = {
        "started_at": "2022-02-15T14:00",
        "ended_at": "2022-02-15T16:00",
        "place": "Phòng họp",
        "chair": secretary.pk,
        "secretary": secretary.pk,
        "agenda": "Quán triệt chuyên đề",
        "conclusions": "Thống nhất",
        "resolutions": "",
        f"present_{secretary.pk}": "on",
        f"reason_{party_member.pk}": "Ốm",
        "speakers-TOTAL_FORMS": "2",
        "speakers-INITIAL_FORMS": "0",
        "speakers-MIN_NUM_FORMS": "0",
        "speakers-MAX_NUM_FORMS": "1000",
        "speakers-0-speaker": party_member.pk,
        "speakers-0-opinion": "Tán thành",
        "speakers-1-speaker_name": "Khách mời Đoàn Văn Hậu",
        "speakers-1-opinion": "Góp ý thêm",
    }

    response = client.post(reverse("campaigns:minutes_create", args=[meeting.pk]), data)

    minutes = Minutes.objects.get()
    assert response["Location"] == minutes.get_absolute_url()
    assert [(a.name, a.present, a.absence_reason) for a in minutes.attendees.all()] == [
        ("Nguyễn Thị Thu Hà", True, ""),
        ("Trần Thị Ánh Tuyết", False, "Ốm"),
    ]
    assert [s.speaker_name for s in minutes.speakers.all()] == [
        "Trần Thị Ánh Tuyết",
        "Khách mời Đoàn Văn Hậu",
    ]


def test_committee_overview_per_role(client, cell, committee_reader, secretary, union_member):
    assert _get(client, committee_reader, "meeting_committee_overview").status_code == 200
    assert _get(client, secretary, "meeting_committee_overview").status_code == 403
    assert _get(client, union_member, "meeting_committee_overview").status_code == 403


def _plan_page_queries(client, plan):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("campaigns:meeting_plan", args=[plan.pk]))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_plan_page_constant_queries_for_one_and_three_meetings(client, plan, secretary):
    client.force_login(secretary)
    ThematicMeetingFactory(plan=plan, quarter=1, preparer=secretary)
    one = _plan_page_queries(client, plan)
    for q in (2, 3):
        meeting = ThematicMeetingFactory(
            plan=plan, quarter=q, planned_at=local(2022, 3 * q, 2, 8), preparer=secretary
        )
        MinutesFactory(meeting=meeting, chair=secretary, secretary=secretary)
    three = _plan_page_queries(client, plan)

    assert one == three


def test_committee_overview_page_constant_queries(client, committee, committee_reader):
    from tests.campaigns.meetings.factories import PartyCellFactory

    client.force_login(committee_reader)
    url = reverse("campaigns:meeting_committee_overview") + "?nam=2022"
    ThematicPlanFactory(issuer=PartyCellFactory(parent=committee))
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(2):
        ThematicPlanFactory(issuer=PartyCellFactory(parent=committee))
    with CaptureQueriesContext(connection) as three:
        response = client.get(url)

    assert response.content.decode().count('">Không sinh hoạt<') == 3 * 4
    assert len(one.captured_queries) == len(three.captured_queries)


def test_due_items_for_secretary_and_confirmers(
    plan, secretary, cell_committee_member, party_member
):
    now = timezone.now()
    upcoming_plan = ThematicPlanFactory(issuer=plan.issuer, year=timezone.localdate(now).year)
    upcoming = ThematicMeetingFactory(
        plan=upcoming_plan, planned_at=now + dt.timedelta(days=3), topic="Quý này"
    )
    services.draft_minutes(
        meeting=ThematicMeetingFactory(plan=plan, topic="Quý trước"),
        actor=secretary,
        started_at=local(2022, 2, 15, 14),
        ended_at=local(2022, 2, 15, 16),
        place="Phòng họp",
        chair=secretary,
        secretary=cell_committee_member,
        agenda="Nội dung",
        attendance=[],
        speeches=[],
    )

    mine = [(i.title, i.action) for i in due_items_for(secretary, now)]
    theirs = [(i.title, i.action) for i in due_items_for(cell_committee_member, now)]

    assert mine == [
        ("Quý trước", "Đọc lại và xác nhận biên bản"),
        ("Quý này", "Đăng tài liệu sinh hoạt"),
    ]
    assert theirs == mine  # the cell committee edits too, and is the draft's secretary
    assert due_items_for(party_member, now) == []
    assert upcoming.materials.count() == 0
