"""The safe workbook writer: typed cells, frozen header, autofilter, no formula injection."""

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from reports.renderers.xlsx import NO, YES, Column, Sheet, percent, write_workbook

HYPERLINK = '=HYPERLINK("http://x","y")'


def read_back(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def units_sheet(rows) -> Sheet:
    return Sheet(
        title="Đơn vị",
        columns=[
            Column("Đơn vị", width=40),
            Column("Hạn chót", width=18),
            Column("Ngày nộp", width=12),
            Column("Số đoàn viên", width=10),
            Column("Tỷ lệ nộp", **percent(12)),
            Column("Điểm TB", width=8),
            Column("Đã chốt", width=8),
        ],
        rows=rows,
    )


def test_write_workbook_keeps_types():
    deadline = dt.datetime(2023, 3, 23, 4, 30, tzinfo=dt.UTC)  # 11h30 in Hồ Chí Minh City
    data = write_workbook(
        [
            units_sheet(
                [
                    [
                        "CĐCS Trường MN Sen Hồng",
                        deadline,
                        dt.date(2023, 3, 22),
                        58,
                        0.125,
                        Decimal("8.75"),
                        True,
                    ]
                ]
            )
        ]
    )

    ws = read_back(data)["Đơn vị"]
    header = [c.value for c in ws[1]]
    row = ws[2]
    assert header == [
        "Đơn vị",
        "Hạn chót",
        "Ngày nộp",
        "Số đoàn viên",
        "Tỷ lệ nộp",
        "Điểm TB",
        "Đã chốt",
    ]
    assert [c.data_type for c in row] == ["s", "d", "d", "n", "n", "n", "s"]
    assert row[0].value == "CĐCS Trường MN Sen Hồng"
    assert row[1].value == dt.datetime(2023, 3, 23, 11, 30)
    assert row[1].number_format == "dd/mm/yyyy hh:mm"
    assert row[2].value == dt.datetime(2023, 3, 22)
    assert row[2].number_format == "dd/mm/yyyy"
    assert (row[3].value, row[3].number_format) == (58, "#,##0")
    assert (row[4].value, row[4].number_format) == (0.125, "0.0%")
    assert (row[5].value, row[5].number_format) == (8.75, "#,##0.00")
    assert row[6].value == "Có"  # a flag reads as a word, not TRUE


def test_write_workbook_each_row_keeps_its_own_values_and_formats():
    """Formatted cells are reused from row to row: no row may show another's value, and
    a column mixing types keeps each cell's own format."""
    rows = [
        [f"Đơn vị {i}", None, dt.date(2023, 3, i), i, i / 100, Decimal(i) / 4, i % 2 == 1]
        for i in range(1, 29)
    ]
    rows.append(["=1+1", dt.date(2023, 4, 1), 7, 2.5, None, "chưa chấm", None])
    ws = read_back(write_workbook([units_sheet(rows)]))["Đơn vị"]

    got = [[c.value for c in row] for row in ws.iter_rows(min_row=2, max_row=29)]
    assert got == [
        [f"Đơn vị {i}", None, dt.datetime(2023, 3, i), i, i / 100, i / 4, YES if i % 2 else NO]
        for i in range(1, 29)
    ]
    last = ws[30]
    assert (last[0].value, last[0].data_type, last[0].quotePrefix) == ("=1+1", "s", True)
    assert (last[1].value, last[1].number_format) == (dt.datetime(2023, 4, 1), "dd/mm/yyyy")
    assert (last[2].value, last[2].number_format) == (7, "#,##0")
    assert (last[3].value, last[3].number_format) == (2.5, "#,##0.00")
    assert (last[5].value, last[5].data_type) == ("chưa chấm", "s")
    # Plain values share one cell in the writer: no number format leaks into them from
    # the formatted cells beside them.
    plain = [ws.cell(r, c) for r in range(2, 31) for c in (1, 7) if ws.cell(r, c).value]
    assert {(c.data_type, c.number_format) for c in plain} == {("s", "General")}
    assert last[5].number_format == "General"


def test_write_workbook_freezes_header_and_filters_all_rows():
    data = write_workbook(
        [units_sheet([["A", None, None, 1, 0.5, 1, False], ["B", None, None, 2, 1, 2, True]])]
    )

    ws = read_back(data)["Đơn vị"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:G3"
    assert ws.column_dimensions["A"].width == 40
    assert ws.column_dimensions["E"].width == 12
    assert ws["A1"].font.bold is True


@pytest.mark.parametrize(
    "text",
    [HYPERLINK, "=1+1", "+1", "-2+3", "@SUM(A1)", "\t=1", "\n=1", "=cmd|' /C calc'!A0"],
)
def test_write_workbook_user_text_never_becomes_formula(text):
    data = write_workbook([units_sheet([[text, None, None, 1, 0.1, 1, False]])])

    cell = read_back(data)["Đơn vị"]["A2"]
    assert cell.data_type == "s"
    assert cell.value == text
    assert cell.quotePrefix is True


def test_write_workbook_plain_text_has_no_quote_prefix():
    data = write_workbook([units_sheet([["Tổ Chồi", None, None, 1, 0.1, 1, False]])])

    cell = read_back(data)["Đơn vị"]["A2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("Tổ Chồi", "s", False)


def test_write_workbook_formula_text_stays_text_in_raw_xml():
    import zipfile

    data = write_workbook([units_sheet([[HYPERLINK, None, None, 1, 0.1, 1, False]])])

    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml
    assert 't="inlineStr"' in sheet_xml


def test_write_workbook_carriage_return_is_stored_as_newline_text():
    data = write_workbook([units_sheet([["\r=1+1\r\nx", None, None, 1, 0.1, 1, False]])])

    cell = read_back(data)["Đơn vị"]["A2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("\n=1+1\nx", "s", True)


def test_write_workbook_drops_control_characters():
    data = write_workbook([units_sheet([["Sen\x00 Hồng\x07", None, None, 1, 0.1, 1, False]])])

    assert read_back(data)["Đơn vị"]["A2"].value == "Sen Hồng"


def test_write_workbook_one_sheet_per_view_with_safe_unique_titles():
    columns = [Column("Họ và tên")]
    data = write_workbook(
        [
            Sheet("Đề nghị: cấp Quận/Huyện", columns, [["Nguyễn Văn A"]]),
            Sheet("Đề nghị: cấp Quận/Huyện", columns, [["Trần Thị B"]]),
            Sheet("Trễ hạn và chưa nộp của các đơn vị trong quận Gò Vấp", columns, []),
        ]
    )

    wb = read_back(data)
    assert wb.sheetnames == [
        "Đề nghị  cấp Quận Huyện",
        "Đề nghị  cấp Quận Huyện (2)",
        "Trễ hạn và chưa nộp của các đơn",
    ]
    assert wb.worksheets[2].auto_filter.ref == "A1:A1"


def test_write_workbook_row_of_wrong_length_is_refused():
    with pytest.raises(ValueError, match="has 2 values for 7 columns"):
        write_workbook([units_sheet([["A", 1]])])


def test_write_workbook_unknown_type_is_refused():
    with pytest.raises(TypeError, match="Cannot write a object"):
        write_workbook([units_sheet([[object(), None, None, 1, 0.1, 1, False]])])


def test_write_workbook_without_sheets_is_refused():
    with pytest.raises(ValueError, match="at least one sheet"):
        write_workbook([])


def test_write_workbook_streams_a_district(settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    rows = (
        [
            f"Đoàn viên {n}",
            dt.datetime(2023, 3, 23, 11, 30, tzinfo=tz),
            None,
            n,
            n / 12000,
            n,
            False,
        ]
        for n in range(12000)
    )

    ws = read_back(write_workbook([units_sheet(rows)]))["Đơn vị"]

    assert ws.max_row == 12001
    assert ws.auto_filter.ref == "A1:G12001"
    assert ws["B12001"].value == dt.datetime(2023, 3, 23, 11, 30)


def test_write_workbook_flags_read_co_or_khong_never_true_false():
    data = write_workbook(
        [units_sheet([["A", None, None, 1, 0.5, 1, False], ["B", None, None, 2, 1, 2, True]])]
    )

    ws = read_back(data)["Đơn vị"]
    assert [ws["G2"].value, ws["G3"].value] == ["Không", "Có"]
    assert {ws["G2"].data_type, ws["G3"].data_type} == {"s"}
