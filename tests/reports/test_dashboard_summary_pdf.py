"""The summary report (báo cáo sơ kết): figures, charts as inline SVG, the chair's
narrative, the Vietnamese date, text extracted with diacritics, a page that is not blank."""

import datetime as dt

import pytest
from django.urls import reverse

from reports.builders.summary import build_summary, pct
from reports.models import SummaryNarrative
from reports.renderers.pdf import render_pdf
from reports.renderers.svg import Bar, bar_chart
from tests.reports.cascade import NOW, build_campaign
from tests.reports.pdf_helpers import dark_pixel_share, first_page_image, pdf_text

pytestmark = pytest.mark.django_db

TODAY = dt.date(2023, 6, 1)


@pytest.fixture
def campaign(federation):
    return build_campaign(federation)


def test_summary_figures_match_hand_counts(campaign):
    doc = build_summary(campaign.plan, now=NOW, today=TODAY)

    assert doc.header.place_date == "Gò Vấp, ngày 01 tháng 6 năm 2023"
    assert doc.header.number == "Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-LĐLĐ"
    assert (doc.unit_count, doc.cascaded_count, doc.members, doc.reported) == (3, 2, 9, 4)
    assert doc.report_rate == "44,4%"
    assert [(t.label, t.on_time, t.late, t.missing, t.pending) for t in doc.timeliness] == [
        ("Báo cáo cá nhân của đoàn viên", 3, 1, 1, 1),
        ("Báo cáo định kỳ của đơn vị", 1, 1, 1, 3),
    ]
    assert [(c.text, c.answered, c.met, c.not_met, c.met_share) for c in doc.criteria] == [
        ("Chấp hành tốt chủ trương", 4, 3, 1, "75%"),
        ("Tham gia học tập chuyên đề", 4, 0, 0, ""),
    ]
    assert doc.criteria[1].mean_points == "8/10"  # one number format (portal.vietnamese)
    assert [(t.name, t.forwarded, t.nominees) for t in doc.titles] == [
        ("Lao động tiên tiến", 1, ("Nguyễn Thị Thu Trang (CĐCS Trường MN Sen Hồng)",)),
        ("Gương điển hình", 1, ("Hồ Thị Xuân (CĐCS Trường TH Hướng Dương)",)),
    ]


def test_summary_charts_are_inline_svg(campaign):
    doc = build_summary(campaign.plan, now=NOW, today=TODAY)

    for chart in (doc.participation_chart, doc.timeliness_chart, doc.criteria_chart):
        assert chart.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
        assert "<script" not in chart and "href" not in chart
    assert "CĐCS Trường MN Sen Hồng" in doc.participation_chart
    assert "75%" in doc.participation_chart


def test_bar_chart_escapes_labels():
    svg = bar_chart([Bar('<script>alert("x")</script>', 3)], title="A & B")

    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "A &amp; B" in svg


def test_pct_uses_the_decimal_comma():
    assert (pct(0.755), pct(1.0), pct(None)) == ("75,5%", "100%", "—")


def test_summary_pdf_text_keeps_diacritics_and_narrative(campaign):
    SummaryNarrative.objects.create(
        plan=campaign.plan,
        unit=campaign.federation,
        overview="Các công đoàn cơ sở đã triển khai nghiêm túc.",
        strengths="Tỷ lệ đoàn viên tham gia cao.",
        weaknesses="Một số đơn vị gửi báo cáo trễ hạn.",
        next_steps="Tiếp tục nhân rộng gương điển hình.",
    )

    pdf = render_pdf(
        "reports/pdf/summary.html", {"doc": build_summary(campaign.plan, now=NOW, today=TODAY)}
    )

    text = pdf_text(pdf)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "BÁO CÁO",
        "Sơ kết sơ kết 02 năm thực hiện Kết luận 01",
        "Gò Vấp, ngày 01 tháng 6 năm 2023",
        "Các công đoàn cơ sở đã triển khai nghiêm túc.",
        "Một số đơn vị gửi báo cáo trễ hạn.",
        "Tiếp tục nhân rộng gương điển hình.",
        "đạt tỷ lệ 44,4%",
        "Có 2/3 đơn vị trực thuộc đã xây dựng kế hoạch thực hiện.",
        "Nguyễn Thị Thu Trang (CĐCS Trường MN Sen Hồng)",
        "Tỷ lệ đoàn viên đã nộp báo cáo",  # a chart's title, drawn as SVG text
        "PHỤ LỤC",
    ):
        assert expected in text, expected


def test_summary_pdf_first_page_is_not_blank(campaign):
    pdf = render_pdf(
        "reports/pdf/summary.html", {"doc": build_summary(campaign.plan, now=NOW, today=TODAY)}
    )

    assert dark_pixel_share(first_page_image(pdf)) > 0.01


def test_summary_narrative_saved_by_the_federation_chair(client, campaign):
    client.force_login(campaign.staff)

    response = client.post(
        reverse("reports:summary_edit", args=[campaign.plan.pk]),
        {"overview": "Đánh giá chung", "strengths": "", "weaknesses": "", "next_steps": "Tiếp tục"},
    )

    assert response.status_code == 302
    narrative = SummaryNarrative.objects.get(plan=campaign.plan)
    assert (narrative.overview, narrative.next_steps, narrative.updated_by) == (
        "Đánh giá chung",
        "Tiếp tục",
        campaign.staff,
    )


def test_summary_narrative_refused_to_a_unit_chair(client, campaign):
    client.force_login(campaign.chair_senhong)

    response = client.post(
        reverse("reports:summary_edit", args=[campaign.plan.pk]), {"overview": "x"}
    )

    assert response.status_code == 403
    assert not SummaryNarrative.objects.exists()
