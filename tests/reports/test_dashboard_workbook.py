"""The federation's workbook read back with openpyxl: sheets, Vietnamese headers, typed
cells, frozen headers, autofilter, and user text that never becomes a formula."""

import datetime as dt
import io

import openpyxl
import pytest

from reports.builders.workbook import (
    SHEET_CRITERIA,
    SHEET_LATE,
    SHEET_NOMINEES,
    SHEET_PERIODIC,
    SHEET_UNITS,
    build_workbook_sheets,
)
from reports.models import PeriodicReport
from reports.renderers.xlsx import write_workbook
from tests.reports.cascade import NOW, build_campaign

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example","Bấm vào đây")'


@pytest.fixture
def campaign(federation):
    return build_campaign(federation)


def workbook(plan) -> openpyxl.Workbook:
    data = write_workbook(build_workbook_sheets(plan, now=NOW))
    return openpyxl.load_workbook(io.BytesIO(data))


def values(ws) -> list[list]:
    return [[cell.value for cell in row] for row in ws.iter_rows()]


def test_workbook_has_one_sheet_per_view(campaign):
    wb = workbook(campaign.plan)

    assert wb.sheetnames == [
        SHEET_UNITS,
        SHEET_NOMINEES,
        SHEET_CRITERIA,
        SHEET_LATE,
        SHEET_PERIODIC,
    ]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref.startswith("A1:")
        assert ws["A1"].font.bold is True


def test_workbook_units_sheet_is_typed(campaign):
    ws = workbook(campaign.plan)[SHEET_UNITS]

    rows = values(ws)
    assert rows[0][:10] == [
        "Đơn vị",
        "Kế hoạch",
        "Đã triển khai",
        "Số đoàn viên",
        "Nộp đúng hạn",
        "Nộp trễ",
        "Còn thiếu",
        "Chưa đến hạn",
        "Tỷ lệ đã nộp",
        "Đã chốt bình xét",
    ]
    assert rows[0][10:] == [
        "Đề nghị: Lao động tiên tiến",
        "Đề nghị: Gương điển hình",
        "Định kỳ đúng hạn",
        "Định kỳ trễ hạn",
        "Định kỳ còn thiếu",
    ]
    assert rows[1] == [
        "CĐCS Trường MN Hoa Hồng",
        None,
        "Không",
        3,
        0,
        0,
        0,
        0,
        0.0,
        "Không",
        0,
        0,
        0,
        0,
        1,
    ]
    assert rows[2] == [
        "CĐCS Trường MN Sen Hồng",
        "08/KH-CĐCS-MNSH",
        "Có",
        4,
        2,
        1,
        1,
        0,
        0.75,
        "Có",
        1,
        0,
        1,
        0,
        0,
    ]
    assert rows[4][:9] == ["Tổng cộng", None, None, 9, 3, 1, 1, 1, 4 / 9]
    assert ws["I3"].number_format == "0.0%"
    assert ws["D3"].data_type == "n"
    assert ws.column_dimensions["A"].width == 42


def test_workbook_criteria_and_late_sheets(campaign):
    wb = workbook(campaign.plan)

    criteria = values(wb[SHEET_CRITERIA])
    assert criteria[1][:6] == ["Chấp hành tốt chủ trương", "Đạt / không đạt", 4, 3, 1, 0.75]
    assert criteria[2][0] == "Tham gia học tập chuyên đề"
    assert criteria[2][6] == 8 and criteria[2][7] == 10
    late = values(wb[SHEET_LATE])
    assert [row[:3] for row in late[1:]] == [
        ["CĐCS Trường MN Sen Hồng", "Trần Thị Mỹ Linh", "Trễ hạn"],
        ["CĐCS Trường MN Sen Hồng", "Võ Thị Kim Phượng", "Còn thiếu"],
    ]
    assert late[1][3] == dt.datetime(2023, 3, 23, 11, 30)  # local wall clock, a real date
    assert late[1][4] == dt.datetime(2023, 3, 24, 0, 0)
    assert late[2][4] is None


def test_workbook_nominees_and_periodic_sheets(campaign):
    wb = workbook(campaign.plan)

    nominees = values(wb[SHEET_NOMINEES])
    assert [row[:7] for row in nominees[1:]] == [
        [
            "CĐCS Trường MN Sen Hồng",
            "Lê Thị Ngọc Hân",
            "Cá nhân",
            "Gương điển hình",
            "Cấp quận/huyện",
            "Trong danh sách đề nghị",
            "Không",
        ],
        [
            "CĐCS Trường MN Sen Hồng",
            "Nguyễn Thị Thu Trang",
            "Cá nhân",
            "Lao động tiên tiến",
            "Cấp quận/huyện",
            "Đã gửi lên cấp trên",
            "Có",
        ],
        [
            "CĐCS Trường TH Hướng Dương",
            "Hồ Thị Xuân",
            "Cá nhân",
            "Gương điển hình",
            "Cấp quận/huyện",
            "Đã gửi lên cấp trên",
            "Có",
        ],
    ]
    periodic = values(wb[SHEET_PERIODIC])
    assert [(r[0], r[1], r[3]) for r in periodic[1:]] == [
        ("CĐCS Trường MN Hoa Hồng", "Báo cáo 6 tháng", "Còn thiếu"),
        ("CĐCS Trường MN Sen Hồng", "Báo cáo 6 tháng", "Đúng hạn"),
        ("CĐCS Trường TH Hướng Dương", "Báo cáo 6 tháng", "Trễ hạn"),
        ("CĐCS Trường MN Hoa Hồng", "Báo cáo năm", "Chưa đến hạn"),
        ("CĐCS Trường MN Sen Hồng", "Báo cáo năm", "Chưa đến hạn"),
        ("CĐCS Trường TH Hướng Dương", "Báo cáo năm", "Chưa đến hạn"),
    ]
    assert periodic[2][4] == dt.datetime(2023, 5, 19, 15, 0)


def test_workbook_user_text_never_becomes_a_formula(campaign):
    member = campaign.members["senhong"][3]  # the missing one: listed on the late sheet
    member.full_name = HYPERLINK
    member.save()
    PeriodicReport.objects.filter(unit=campaign.senhong).update(
        results=HYPERLINK, difficulties="+1+1", proposals="@SUM(A1)"
    )

    wb = workbook(campaign.plan)

    late = wb[SHEET_LATE]
    name_cell = next(row[1] for row in late.iter_rows(min_row=2) if row[2].value == "Còn thiếu")
    assert name_cell.value == HYPERLINK
    assert name_cell.data_type == "s"
    periodic = wb[SHEET_PERIODIC]
    row = next(r for r in periodic.iter_rows(min_row=2) if r[0].value == "CĐCS Trường MN Sen Hồng")
    assert [c.value for c in row[6:9]] == [HYPERLINK, "+1+1", "@SUM(A1)"]
    assert all(c.data_type == "s" for c in row[6:9])
    assert all(c.quotePrefix for c in row[6:9])


def test_rows_read_a_unit_at_a_time_are_the_rows_read_at_once(campaign, monkeypatch):
    """The nominees and late sheets stream their units in chunks (flat memory, issue 18):
    with one unit per chunk the sheets hold the same rows, in the same order, as with
    every unit in one chunk."""
    from reports.builders import figures

    whole = workbook(campaign.plan)
    monkeypatch.setattr(figures, "NOMINEE_CHUNK", 1)
    monkeypatch.setattr(figures, "LATE_CHUNK", 1)
    chunked = workbook(campaign.plan)

    for sheet in (SHEET_NOMINEES, SHEET_LATE):
        assert values(chunked[sheet]) == values(whole[sheet])
    # The nominees come from two units, so the order across chunks is really checked.
    assert len({row[0] for row in values(whole[SHEET_NOMINEES])[1:]}) == 2
