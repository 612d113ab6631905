import pytest
from django.urls import reverse

from campaigns.services import meetings as services
from campaigns.services.meetings import Attendance, Speech
from reports.builders.meetings import build_minutes_document
from tests.campaigns.meetings.factories import ThematicMeetingFactory, local
from tests.reports.pdf_helpers import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def minutes(plan, secretary, party_member, cell_committee_member):
    meeting = ThematicMeetingFactory(
        plan=plan, topic="Học tập và làm theo tấm gương đạo đức Hồ Chí Minh"
    )
    minutes = services.draft_minutes(
        meeting=meeting,
        actor=secretary,
        started_at=local(2022, 5, 20, 14, 0),
        ended_at=local(2022, 5, 20, 16, 30),
        place="Phòng họp Trường MN Sen Hồng",
        chair=secretary,
        secretary=cell_committee_member,
        agenda="Đồng chí Bí thư quán triệt chuyên đề.",
        conclusions="Mỗi đảng viên đăng ký một việc làm theo Bác.",
        attendance=[
            Attendance(user=secretary, present=True),
            Attendance(user=cell_committee_member, present=True),
            Attendance(user=party_member, present=False, reason="Đi tập huấn"),
        ],
        speeches=[Speech(opinion="Đề nghị đưa vào kế hoạch năm học.", speaker=party_member)],
    )
    services.confirm_minutes(minutes=minutes, actor=secretary)
    services.confirm_minutes(minutes=minutes, actor=cell_committee_member)
    return minutes


def test_minutes_document_counts_attendance(minutes):
    doc = build_minutes_document(minutes)

    assert (doc.present, doc.total, doc.is_draft) == (2, 3, False)
    assert [(a.name, a.reason) for a in doc.absentees] == [("Trần Thị Ánh Tuyết", "Đi tập huấn")]
    assert doc.header.is_party is True
    assert doc.header.parent_lines == ("ĐẢNG ỦY PHƯỜNG 17",)
    assert doc.header.place_date == "Gò Vấp, ngày 20 tháng 5 năm 2022"


def test_minutes_pdf_has_party_header_cell_and_speaker(client, minutes, party_member):
    client.force_login(party_member)

    response = client.get(reverse("reports:minutes_pdf", args=[minutes.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    text = pdf_text(response.content)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "CHI BỘ TRƯỜNG MN SEN HỒNG" in text
    assert "BIÊN BẢN" in text
    assert "SINH HOẠT CHUYÊN ĐỀ" in text
    assert "Đồng chí Trần Thị Ánh Tuyết:" in text
    assert "Gò Vấp, ngày 20 tháng 5 năm 2022" in text
    assert "THƯ KÝ" in text and "CHỦ TRÌ" in text


def test_minutes_pdf_hidden_from_union_only_member(client, minutes, union_member):
    client.force_login(union_member)

    response = client.get(reverse("reports:minutes_pdf", args=[minutes.pk]))

    assert response.status_code == 404


def test_quarter_report_pdf_lists_meeting_attendance_and_conclusion(
    client, minutes, committee_reader
):
    client.force_login(committee_reader)

    response = client.get(
        reverse("reports:meeting_quarter_report_pdf", args=[minutes.meeting.plan_id, 1])
    )

    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "BÁO CÁO" in text
    assert "Kết quả sinh hoạt chuyên đề quý 1 năm 2022" in text
    assert "2/3" in text
    assert "Mỗi đảng viên đăng ký một việc làm theo Bác." in text
    assert "Đảng ủy Phường 17 (để báo cáo)" in text
    assert "Nguyễn Thị Thu Hà" in text


@pytest.mark.parametrize(("who", "status"), [("union_member", 404), ("outsider", 404)])
def test_quarter_report_pdf_hidden_from_non_members(client, request, minutes, who, status):
    client.force_login(request.getfixturevalue(who))

    response = client.get(
        reverse("reports:meeting_quarter_report_pdf", args=[minutes.meeting.plan_id, 1])
    )

    assert response.status_code == status
