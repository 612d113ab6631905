"""The plan and the ceremony programme as PDF documents in the ND 30/2020 layout."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from campaigns.models import Milestone, Plan
from reports.builders.plan import build_ceremony_programme, build_plan_document
from reports.renderers import pdf as pdf_renderer
from reports.renderers.pdf import render_pdf
from tests.factories import MilestoneFactory, PlanFactory, TitleFactory
from tests.reports.factories_pdf import (
    AGENDA,
    SEED_000_TITLE,
    at,
    federation_plan,
    party_cell,
    party_plan,
    seed_000_plan,
)
from tests.reports.pdf_helpers import (
    dark_pixel_share,
    first_page_image,
    pdf_pages_text,
    pdf_text,
    top_margin_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(union, federation):
    return seed_000_plan(union, parent=federation_plan(federation))


def render_plan(plan: Plan) -> bytes:
    return render_pdf("reports/pdf/plan.html", {"doc": build_plan_document(plan.pk)})


# --- builder -------------------------------------------------------------------------


def test_plan_document_header_follows_nd30(plan):
    doc = build_plan_document(plan.pk)

    assert doc.header.parent_lines == ("LĐLĐ QUẬN GÒ VẤP",)
    assert doc.header.issuer_line == "CĐCS TRƯỜNG MN SEN HỒNG"
    assert doc.header.is_party is False
    assert doc.header.number == "Số: 08/KH-CĐCS-MNSH"
    assert doc.header.place_date == "Gò Vấp, ngày 15 tháng 3 năm 2023"
    assert doc.doc_type == "KẾ HOẠCH"
    assert doc.title == SEED_000_TITLE


def test_plan_document_cites_parent_plan(plan):
    doc = build_plan_document(plan.pk)

    assert doc.references == (
        "Thực hiện Kế hoạch số 09/KH-LĐLĐ ngày 14/3/2023 của LĐLĐ Quận Gò Vấp về Sơ kết 02 "
        "năm thực hiện Kết luận số 01-KL/TW; tuyên dương người tốt việc tốt giai đoạn "
        "2022-2023.",
    )


def test_plan_document_timeline_and_ceremony(plan):
    doc = build_plan_document(plan.pk)

    assert [(e.label, e.when, e.place, e.note) for e in doc.timeline] == [
        (
            "Cá nhân tự báo cáo kết quả học tập",
            "từ ngày 15/3/2023 đến 11h30 ngày 23/3/2023",
            "",
            "Không nhận báo cáo nộp sau 11h30 ngày 23/3/2023",
        ),
        (
            "BCH CĐ họp xét đánh giá kết quả",
            "từ 14h00 đến 16h00 ngày 23/3/2023 (thứ Năm)",
            "",
            "",
        ),
        (
            "Tổ chức Hội nghị tuyên dương",
            "từ 8h00 đến 10h00 ngày 19/5/2023 (thứ Sáu)",
            "Lớp Chồi 1",
            "",
        ),
    ]
    assert doc.ceremony.place == "Lớp Chồi 1"
    assert [item.text for item in doc.ceremony.agenda] == list(AGENDA)


def test_plan_document_keeps_the_authors_sections(plan):
    doc = build_plan_document(plan.pk)

    assert [(s.heading, s.level) for s in doc.sections] == [("IV. Tổ chức thực hiện", 2)]
    assert doc.sections[0].paragraphs == (
        "1. Đoàn viên công đoàn nhập báo cáo kết quả thực hiện kế hoạch trên cổng thi đua.",
        "2. Ban Chấp hành công đoàn tổng hợp kết quả, tham mưu với Cấp ủy Chi bộ.",
    )


def test_plan_document_appendix_lists_titles_criteria_and_milestones(plan):
    doc = build_plan_document(plan.pk)

    assert doc.show_appendix is True
    assert doc.appendix_caption == (
        "Kèm theo Kế hoạch số 08/KH-CĐCS-MNSH ngày 15/3/2023 của CĐCS Trường MN Sen Hồng"
    )
    assert doc.appendix_parts == (
        ("I", "titles"),
        ("II", "criteria"),
        ("III", "timeline"),
        ("IV", "ceremony"),
    )
    assert [(t.name, t.target, t.level) for t in doc.titles] == [
        ("Gương điển hình tiên tiến", "Cá nhân", "Cấp quận/huyện"),
        ("Gương tiêu biểu cấp trường", "Cá nhân", "Cấp cơ sở / cấp trường"),
    ]
    assert [(c.text, c.assessment) for c in doc.criteria][-2:] == [
        ("Năm học 2022-2023 đạt giáo viên giỏi cấp trường", "Đạt / không đạt"),
        ("Tích cực hiến máu nhân đạo", "Tối đa 10 điểm"),
    ]


def test_plan_document_quota_shown_as_number_or_share(union):
    plan = PlanFactory(issuer=union, number=2)
    TitleFactory(plan=plan, name="Lao động tiên tiến", quota_count=12)
    TitleFactory(plan=plan, name="Chiến sĩ thi đua cơ sở", quota_share=Decimal("0.125"), order=1)
    TitleFactory(plan=plan, name="Gương điển hình", order=2)

    doc = build_plan_document(plan.pk)

    assert [t.quota for t in doc.titles] == ["12", "12,5% số đoàn viên", ""]


def test_plan_document_historical_plan_prints_without_appendix(union):
    plan = seed_000_plan(union)
    plan.is_historical = True
    plan.save()

    doc = build_plan_document(plan.pk)

    assert doc.show_appendix is False
    assert "PHỤ LỤC" not in pdf_text(render_plan(plan))


def test_plan_document_recipients_and_signature(plan):
    doc = build_plan_document(plan.pk)

    assert doc.recipients == (
        "- Đảng ủy Phường 10;",
        "- LĐLĐ Quận Gò Vấp;",
        "- Các tổ khối;",
        "- Lưu: VT.",
    )
    assert (doc.signature.on_behalf, doc.signature.title, doc.signature.name) == (
        "TM. BAN CHẤP HÀNH",
        "CHỦ TỊCH",
        "Nguyễn Thị Hồng",
    )


def test_plan_document_draft_leaves_number_and_date_blank(union):
    draft = PlanFactory(issuer=union, number=None, issued_on=None, status=Plan.Status.DRAFT)

    doc = build_plan_document(draft.pk)

    assert doc.header.number == "Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/KH-CĐCS-MNSH"
    assert doc.header.place_date == "Gò Vấp, ngày\u00a0\u00a0\u00a0\u00a0\u00a0tháng" + (
        "\u00a0\u00a0\u00a0\u00a0\u00a0năm 2023"
    )


def test_plan_document_party_cell_uses_party_layout():
    doc = build_plan_document(party_plan(party_cell()).pk)

    assert doc.header.is_party is True
    assert doc.header.parent_lines == ("ĐẢNG ỦY PHƯỜNG 10",)
    assert doc.header.issuer_line == "CHI BỘ TRƯỜNG MN SEN HỒNG"
    assert doc.header.number == "Số 05-KH/CB"
    assert doc.header.place_date == "Gò Vấp, ngày 05 tháng 01 năm 2022"
    assert (doc.signature.on_behalf, doc.signature.title) == ("T/M CHI BỘ", "BÍ THƯ")
    assert [(s.heading, s.level) for s in doc.sections] == [
        ("II. Nội dung sinh hoạt chuyên đề", 2),
        ("Quý 1", 3),
        ("Quý 2", 3),
    ]
    assert doc.show_appendix is False


def test_plan_document_query_count_is_constant(union, federation, django_assert_num_queries):
    small = PlanFactory(issuer=union, number=1)
    MilestoneFactory(plan=small, kind=Milestone.Kind.SELF_REPORT)
    big = seed_000_plan(union, parent=federation_plan(federation), long=True)

    with django_assert_num_queries(7):
        build_plan_document(small.pk)
    with django_assert_num_queries(7):
        build_plan_document(big.pk)


# --- rendered PDF ----------------------------------------------------------------------


def test_plan_pdf_text_keeps_diacritics(plan):
    text = pdf_text(render_plan(plan))

    for expected in (
        "LĐLĐ QUẬN GÒ VẤP",
        "CĐCS TRƯỜNG MN SEN HỒNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 08/KH-CĐCS-MNSH",
        "Gò Vấp, ngày 15 tháng 3 năm 2023",
        "KẾ HOẠCH",
        "Sơ kết 02 năm thực hiện Kết luận số 01-KL/TW",
        "đạo đức, phong cách Hồ Chí Minh",
        "Thực hiện Kế hoạch số 09/KH-LĐLĐ ngày 14/3/2023 của LĐLĐ Quận Gò Vấp",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "IV. TỔ CHỨC THỰC HIỆN",
        "Nơi nhận:",
        "- Lưu: VT.",
        "TM. BAN CHẤP HÀNH",
        "CHỦ TỊCH",
        "Nguyễn Thị Hồng",
        "PHỤ LỤC",
        "(Kèm theo Kế hoạch số 08/KH-CĐCS-MNSH ngày 15/3/2023 của CĐCS Trường MN Sen Hồng)",
        "Gương điển hình tiên tiến",
        "Tối đa 10 điểm",
        "đến 11h30 ngày 23/3/2023",
        "Lưu ý: Không nhận báo cáo nộp sau 11h30 ngày 23/3/2023.",
        "địa điểm: Lớp Chồi 1",
        "Giới thiệu gương điển hình",
    ):
        assert expected in text, expected
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in text


def test_plan_pdf_party_cell_has_party_header():
    text = pdf_text(render_plan(party_plan(party_cell())))

    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "ĐẢNG ỦY PHƯỜNG 10" in text
    assert "CHI BỘ TRƯỜNG MN SEN HỒNG" in text
    assert "Số 05-KH/CB" in text
    assert "T/M CHI BỘ" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text
    assert "Độc lập - Tự do - Hạnh phúc" not in text


def test_plan_pdf_page_numbers_start_on_page_two(union):
    pdf = render_plan(seed_000_plan(union, long=True))

    assert len(pdf_pages_text(pdf)) >= 3
    assert top_margin_text(pdf, 0) == ""
    assert top_margin_text(pdf, 1) == "2"
    assert top_margin_text(pdf, 2) == "3"


def test_plan_pdf_page_one_is_not_blank(plan):
    image = first_page_image(render_plan(plan))

    assert dark_pixel_share(image) > 0.01


# --- ceremony programme ----------------------------------------------------------------


def test_ceremony_programme_lists_agenda_in_order(plan):
    doc = build_ceremony_programme(plan.pk)

    assert doc.ceremony.when == "từ 8h00 đến 10h00 ngày 19/5/2023 (thứ Sáu)"
    assert doc.ceremony.place == "Lớp Chồi 1"
    assert [item.text for item in doc.ceremony.agenda] == list(AGENDA)


def test_ceremony_programme_none_without_ceremony(union):
    plan = PlanFactory(issuer=union)
    MilestoneFactory(plan=plan, kind=Milestone.Kind.SELF_REPORT)

    assert build_ceremony_programme(plan.pk) is None


def test_ceremony_pdf_text_and_image(plan):
    pdf = render_pdf("reports/pdf/ceremony.html", {"doc": build_ceremony_programme(plan.pk)})
    text = pdf_text(pdf)

    assert "CHƯƠNG TRÌNH HỘI NGHỊ TUYÊN DƯƠNG" in text
    assert "Thời gian: từ 8h00 đến 10h00 ngày 19/5/2023 (thứ Sáu)." in text
    assert "Địa điểm: Lớp Chồi 1." in text
    positions = [text.index(item) for item in AGENDA]
    assert positions == sorted(positions)
    assert dark_pixel_share(first_page_image(pdf)) > 0.01


# --- views -----------------------------------------------------------------------------


def test_plan_pdf_view_chair_downloads(client, alice, plan):
    client.force_login(alice)

    response = client.get(reverse("reports:plan_pdf", args=[plan.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="ke-hoach-08-kh-cdcs-mnsh-2023.pdf"'
    )
    assert response.content.startswith(b"%PDF-")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pdf_text(response.content)


def test_plan_pdf_view_member_downloads(client, bob, plan):
    client.force_login(bob)

    response = client.get(reverse("reports:plan_pdf", args=[plan.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_plan_pdf_view_outsider_gets_404(client, charlie, plan):
    client.force_login(charlie)

    response = client.get(reverse("reports:plan_pdf", args=[plan.pk]))

    assert response.status_code == 404


def test_plan_pdf_view_anonymous_redirects_to_login(client, plan):
    url = reverse("reports:plan_pdf", args=[plan.pk])

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_plan_pdf_view_draft_hidden_from_member(client, bob, union):
    draft = PlanFactory(issuer=union, status=Plan.Status.DRAFT)
    client.force_login(bob)

    response = client.get(reverse("reports:plan_pdf", args=[draft.pk]))

    assert response.status_code == 404


def test_ceremony_pdf_view_downloads(client, bob, plan):
    client.force_login(bob)

    response = client.get(reverse("reports:ceremony_pdf", args=[plan.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="chuong-trinh-hoi-nghi-08-kh-cdcs-mnsh-2023.pdf"'
    )
    assert "Lớp Chồi 1" in pdf_text(response.content)


def test_ceremony_pdf_view_without_ceremony_404(client, bob, union):
    plan = PlanFactory(
        issuer=union, issued_on=dt.date(2023, 3, 15), number=3, title="Kế hoạch không có hội nghị"
    )
    MilestoneFactory(plan=plan, starts_at=at(2023, 3, 15), ends_at=at(2023, 3, 23, 11, 30))
    client.force_login(bob)

    response = client.get(reverse("reports:ceremony_pdf", args=[plan.pk]))

    assert response.status_code == 404


def test_ceremony_pdf_view_outsider_gets_404(client, charlie, plan):
    client.force_login(charlie)

    response = client.get(reverse("reports:ceremony_pdf", args=[plan.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.png",
        "file:///etc/passwd",
        pdf_renderer.BASE_URL + "vendor/bootstrap/css/bootstrap.min.css",
    ],
)
def test_pdf_documents_load_no_external_resources(url):
    with pytest.raises(ValueError, match="External resource refused"):
        pdf_renderer._fetcher({}).fetch(url)


def test_plan_pdf_escapes_user_markup(union):
    plan = PlanFactory(issuer=union, number=4, title='<img src="http://x/y.png"> Kế hoạch <b>')

    text = pdf_text(render_plan(plan))

    assert '<img src="http://x/y.png"> Kế hoạch <b>' in text
