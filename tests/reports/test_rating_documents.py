"""Issue 16 item 2's documents, read back: the standards table, one unit's scoring sheet
with its self-score, verified score and reason, the summary of levels (PDF and XLSX)."""

import io

import openpyxl
import pytest
from django.urls import reverse

from campaigns.services import unitassessments as services
from tests.campaigns.ratings.conftest import NOW, fed_plan, scheme, scores, standards
from tests.reports.pdf_helpers import pdf_text

pytestmark = pytest.mark.django_db

# The rating fixtures, shared with tests/campaigns/ratings/.
__all__ = ["fed_plan", "scheme", "standards"]


@pytest.fixture
def rated(scheme, union, other_union, standards, alice, federation_staff):
    mine = scheme.assessments.get(unit=union)
    services.submit_unit_assessment(
        assessment=mine, actor=alice, data=scores(standards, 28, 27, 38), now=NOW
    )
    verified = {
        standards[0].pk: {"points": "28"},
        standards[1].pk: {"points": "20", "reason": "Thiếu biên bản quý 3"},
        standards[2].pk: {"points": "38"},
    }
    services.verify_unit_assessment(assessment=mine, actor=federation_staff, scores=verified)
    services.finalise_unit_assessment(assessment=mine, actor=federation_staff, now=NOW)
    return mine


def test_standards_table_pdf(client, scheme, alice):
    client.force_login(alice)
    response = client.get(reverse("reports:rating_standards_pdf", args=[scheme.plan.pk]))
    text = pdf_text(response.content)
    assert response["Content-Type"] == "application/pdf"
    assert "BẢNG TIÊU CHUẨN" in text
    assert "Tổ chức, hoạt động 30" in text
    assert "Tổng cộng 100" in text
    assert "Vững mạnh xuất sắc: Tổng điểm từ 90, không tiêu chuẩn nào dưới 50% số điểm" in text


def test_scoring_sheet_pdf_shows_self_verified_and_reason(client, rated, federation_staff):
    client.force_login(federation_staff)
    response = client.get(reverse("reports:rating_sheet_pdf", args=[rated.pk]))
    text = pdf_text(response.content)
    assert "PHIẾU CHẤM ĐIỂM" in text
    assert "Đơn vị: CĐCS Trường MN Sen Hồng" in text
    assert "Chăm lo đời sống 30 27 20 Thiếu biên bản quý 3" in text
    assert "Cộng 100 93 86" in text
    assert "Xếp loại: Vững mạnh." in text


def test_scoring_sheet_hidden_from_unit_until_published(client, rated, alice):
    client.force_login(alice)
    assert client.get(reverse("reports:rating_sheet_pdf", args=[rated.pk])).status_code == 403


def test_summary_pdf_and_xlsx(client, rated, federation_staff):
    client.force_login(federation_staff)
    plan_pk = rated.scheme.plan.pk
    text = pdf_text(client.get(reverse("reports:rating_summary_pdf", args=[plan_pk])).content)
    assert "Kết quả xếp loại công đoàn cơ sở năm 2026" in text
    assert "CĐCS Trường MN Sen Hồng 93 86 Vững mạnh" in text
    assert "CĐCS Trường MN Hoa Hồng — — Chưa nộp" in text
    response = client.get(reverse("reports:rating_xlsx", args=[plan_pk]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Tiêu chuẩn", "Xếp loại", "Chấm điểm"]
    summary = [list(r) for r in book["Xếp loại"].iter_rows(min_row=2, values_only=True)]
    assert summary == [
        [1, "CĐCS Trường MN Hoa Hồng", "Chưa nộp", None, None, None],
        [2, "CĐCS Trường MN Sen Hồng", "Đã chốt xếp loại", 93, 86, "Vững mạnh"],
    ]
    rows = [list(r) for r in book["Chấm điểm"].iter_rows(min_row=2, values_only=True)]
    assert rows[1][:5] == ["CĐCS Trường MN Sen Hồng", 2, 27, 20, "Thiếu biên bản quý 3"]


def test_summary_refused_to_the_chair(client, scheme, alice):
    client.force_login(alice)
    url = reverse("reports:rating_summary_pdf", args=[scheme.plan.pk])
    assert client.get(url).status_code == 403


def test_scoring_sheet_pdf_carries_the_objection_and_its_answer(
    client, scheme, rated, other_union, standards, alice, federation_staff
):
    theirs = scheme.assessments.get(unit=other_union)
    services.verify_unit_assessment(
        assessment=theirs,
        actor=federation_staff,
        scores={c.pk: {"points": "10"} for c in standards},
    )
    services.finalise_unit_assessment(assessment=theirs, actor=federation_staff, now=NOW)
    services.publish_ratings(scheme=scheme, actor=federation_staff, now=NOW)
    services.object_to_rating(assessment=rated, actor=alice, text="Có biên bản quý 3", now=NOW)
    services.answer_objection(
        assessment=rated,
        actor=federation_staff,
        accept=True,
        reason="Đã nhận biên bản quý 3",
        scores={standards[1].pk: {"points": "27"}},
        now=NOW,
    )
    client.force_login(alice)
    text = pdf_text(client.get(reverse("reports:rating_sheet_pdf", args=[rated.pk])).content)
    assert "Chăm lo đời sống 30 27 27 Đã nhận biên bản quý 3" in text
    assert "Cộng 100 93 93" in text
    assert "Xếp loại: Vững mạnh xuất sắc." in text
    assert "Ý kiến của đơn vị: Có biên bản quý 3" in text
    assert "Trả lời của cấp trên: Chấp nhận, điều chỉnh điểm. Đã nhận biên bản quý 3" in text
