"""Extraction into a draft plan, and the scoring of the importer on the measured set."""

import json
import time
from pathlib import Path

import pytest

from campaigns.plan_imports.extract import JSON_KEYS, extract, to_json
from campaigns.plan_imports.pipeline import parse_text, parse_upload
from tests.plan_import import score

ROOT = Path(__file__).resolve().parents[3]
DOCS = ROOT / "tests/plan_import/documents"
EXPECTED = ROOT / "tests/plan_import/expected"


def _json(name):
    path = DOCS / name
    return to_json(parse_upload(path.name, path.read_bytes()).draft)


def test_seed000_docx_gives_the_expected_draft_exactly():
    expected = json.loads((EXPECTED / "seed000.json").read_text(encoding="utf-8"))
    got = _json("seed000.docx")
    assert list(got) == list(JSON_KEYS)
    right, total, misses = score.score(expected, got)
    assert (right, misses) == (total, [])


def test_keys_are_exactly_the_issue_s_and_missing_fields_are_null():
    got = to_json(extract("KẾ HOẠCH\nTổ chức hội nghị tuyên dương\n"))
    assert list(got) == [
        "issuer",
        "parent_issuer",
        "number",
        "place",
        "issued_on",
        "title",
        "parent_plan",
        "criteria",
        "titles",
        "self_report_window",
        "milestones",
        "recipients",
        "signatory",
    ]
    assert got["title"] == "Tổ chức hội nghị tuyên dương"
    assert all(got[k] is None for k in JSON_KEYS if k != "title")


def test_numbers_in_both_styles():
    assert to_json(extract("Số: 08 /KH-LĐLĐ\t\tQuận 1, ngày 18 tháng 03 năm 2020"))["number"] == (
        "08/KH-LĐLĐ"
    )
    header = "ĐẢNG BỘ PHƯỜNG 7\t\tĐẢNG CỘNG SẢN VIỆT NAM\nCHI BỘ TRƯỜNG TH\nSố 01-KH/CB\n\nKẾ HOẠCH"
    got = to_json(extract(header))
    assert got["number"] == "01-KH/CB"
    assert (got["parent_issuer"], got["issuer"]) == ("ĐẢNG BỘ PHƯỜNG 7", "CHI BỘ TRƯỜNG TH")


def test_self_report_deadline_with_hour():
    text = (
        "KẾ HOẠCH\nSơ kết\n\n2. Thời gian:\n"
        "- Cá nhân tự báo cáo kết quả: Từ ngày 15/3 đến ngày 23/3/2023\n"
        "- Đoàn viên nhập báo cáo trước 11h30 ngày 23/3/2023\n"
    )
    got = to_json(extract(text))
    assert got["self_report_window"] == {
        "start": "2023-03-15T00:00:00+07:00",
        "end": "2023-03-23T11:30:00+07:00",
    }


def test_seed003_without_diacritics_gives_its_issuer_title_and_signer():
    text = (ROOT / "fixtures/plan_import/seed003.txt").read_text(encoding="utf-8")
    parsed = parse_text(text, ["LĐLĐ huyện Hóc Môn", "Hóc Môn"])
    got = to_json(parsed.draft)
    assert parsed.restored
    assert got["issuer"] == "Liên đoàn Lao động huyện Hóc Môn"
    assert got["title"].startswith("Phát động phong trào thi đua trong cán")
    assert got["signatory"] == {
        "on_behalf": "BAN THƯỜNG VỤ",
        "title": None,
        "name": "Nguyễn Thị Thu Hiền",
    }
    assert "Ban Dân vận Huyện ủy" in got["recipients"]


def test_every_field_points_into_the_text_it_came_from():
    path = DOCS / "seed000.txt"
    parsed = parse_upload(path.name, path.read_bytes())
    for key, found in parsed.draft.fields.items():
        for item in found if isinstance(found, list) else [found]:
            assert 0 <= item.start < item.end <= len(parsed.text), key
            assert 0 < item.confidence <= 1


def test_accuracy_on_the_test_plans_reaches_the_goal():
    """The field-level accuracy docs/import.md reports: ≥ 95% on the plans written for the
    importer, on the held-out plans and on the blind sets (the third and fourth blind no
    longer: the rules their first runs called for were added; the fifth scored 100 % typed at
    its first run), for typed text (.txt, .docx, NFD)."""
    rows = score.run()
    for plans in (
        [
            r
            for r in rows
            if not r[0].startswith("seed")
            and r[0] not in score.HELDOUT | score.BLIND | score.BLIND2 | score.BLIND3
        ],
        [r for r in rows if r[0] in score.HELDOUT],
        [r for r in rows if r[0] in score.BLIND | score.BLIND2 | score.BLIND3],
    ):
        typed = [r for r in plans if r[1] in ("txt", "docx", "nfd.txt")]
        assert typed
        assert sum(r[2] for r in typed) / sum(r[3] for r in typed) >= 0.95


def test_a_twenty_page_docx_parses_in_about_a_second():
    from tests.plan_import.bench import twenty_page_docx

    data = twenty_page_docx()
    started = time.perf_counter()
    parsed = parse_upload("kh.docx", data)
    elapsed = time.perf_counter() - started
    assert len(parsed.draft.get("criteria")) >= 100
    # The figure (well under 1 s) is in docs/benchmarks.md; a loose bound here, as the
    # test machine is shared.
    assert elapsed < 5


def test_extraction_does_not_depend_on_restored_diacritics():
    """Keywords are matched without marks: the unrestored text gives the same fields."""
    text = (DOCS / "cdcs_benhvien_2025.nodiac.txt").read_text(encoding="utf-8")
    got = to_json(extract(text))
    assert got["number"] == "03/KH-CDBV"
    assert got["place"] == "Quan 8"
    assert got["issued_on"] == "2025-02-10"
    assert got["parent_plan"] == {"number": "07/KH-CDN", "date": "2025-01-20"}
    assert got["titles"] == ["Guong mat dieu duong tieu bieu"]
    ceremony = [m for m in got["milestones"] if m["kind"] == "ceremony"]
    assert ceremony == [{"kind": "ceremony", "date": "2025-05-12", "place": "Hoi truong Benh vien"}]
    assert got["recipients"][0] == "Cong doan nganh Y te TP"
    assert got["signatory"] == {
        "on_behalf": "BAN CHAP HANH",
        "title": "CHU TICH",
        "name": "Đỗ Thị Hồng Nhung",
    }
    # Spans found in the stripped text are the same spans in the text.
    draft = extract(text)
    number = draft.get("number")
    assert text[number.start : number.end].startswith("So: 03/KH-CDBV")


def test_plain_keeps_length_and_case():
    from campaigns.plan_imports.fields.common import plain

    assert plain("Nơi nhận: ĐẢNG ỦY") == "Noi nhan: DANG UY"
    text = "Số: 03/KH-CĐBV\u0301 ﬁ"
    assert len(plain(text)) == len(text)


def test_lettered_criteria_headings_chained_titles_and_more_milestone_wordings():
    text = """KẾ HOẠCH
Thi đua năm 2026

II. TIÊU CHÍ
a) Đối với tập thể công đoàn cơ sở:
+ Có công trình xanh tại nơi làm việc;
b) Đối với cá nhân đoàn viên:
+ Có một đề xuất được áp dụng.

III. KHEN THƯỞNG
Xét tặng danh hiệu “Lao động giỏi” cho cá nhân và “Tổ sản xuất xuất sắc” cho tập thể.

IV. THỜI GIAN
- Tự chấm điểm: từ ngày 01/10/2026 đến 17h00 ngày 15/10/2026.
- Lấy ý kiến Ban Giám đốc: ngày 20/10/2026.
- Ban Thường vụ họp xét khen thưởng: 8h00 ngày 06/11/2026 tại Phòng họp số 2.
- Tổng kết, trao danh hiệu: ngày 20/11/2026 tại Hội trường Công ty.
- Báo cáo sơ kết 6 tháng trước ngày 10/7/2026.
"""
    got = to_json(extract(text))
    assert [(c["text"], c["kind"]) for c in got["criteria"]] == [
        ("Có công trình xanh tại nơi làm việc", "collective"),
        ("Có một đề xuất được áp dụng.", "individual"),
    ]
    assert got["titles"] == ["Lao động giỏi", "Tổ sản xuất xuất sắc"]
    assert got["self_report_window"] == {
        "start": "2026-10-01T00:00:00+07:00",
        "end": "2026-10-15T17:00:00+07:00",
    }
    kinds = {m["kind"]: m for m in got["milestones"]}
    assert kinds["consultation"]["date"] == "2026-10-20"
    assert kinds["review_meeting"]["place"] == "Phòng họp số 2"
    assert kinds["ceremony"] == {
        "kind": "ceremony",
        "date": "2026-11-20",
        "place": "Hội trường Công ty",
    }
    assert kinds["periodic_report_due"]["date"] == "2026-07-10"
    assert "vote" not in kinds  # "Lấy ý kiến Ban Giám đốc" is a consultation


def test_units_and_persons_named_in_headings_a_title_beginning_thuc_hien_and_a_kt_signer():
    text = """KẾ HOẠCH
Thực hiện cuộc vận động “Mỗi công đoàn một mô hình hay” năm 2027

{cite}

I. TIÊU CHUẨN
1. Đối với các phòng, ban
- Có mô hình được nhân rộng;
2. Đối với đoàn viên
- Tham gia đủ các buổi sinh hoạt;
3. Đối với chi đoàn
- Không có đoàn viên vi phạm.

II. TIẾN ĐỘ
- Lễ biểu dương, trao bằng khen ngày 12/3/2027 tại Nhà thi đấu Phú Thọ.
- Tổng kết, khen thưởng: ngày 20/12/2027.

Nơi nhận:				TM. BAN CHẤP HÀNH
- Như trên;				KT. CHỦ TỊCH
- Lưu.				PHÓ CHỦ TỊCH

						Lâm Thị Hoa
""".format(
        cite="Căn cứ Hướng dẫn số 05/HD-CĐN ngày 02/01/2027 của Công đoàn ngành về biểu dương"
        " Gương lao động tiêu biểu, Ban Chấp hành xây dựng kế hoạch như sau:"
    )
    got = to_json(extract(text))
    assert got["title"] == "Thực hiện cuộc vận động “Mỗi công đoàn một mô hình hay” năm 2027"
    assert [c["kind"] for c in got["criteria"]] == ["collective", "individual", "collective"]
    assert got["titles"] is None  # the cited guide's subject is not this plan's title
    ceremonies = [m for m in got["milestones"] if m["kind"] == "ceremony"]
    assert ceremonies == [
        {"kind": "ceremony", "date": "2027-03-12", "place": "Nhà thi đấu Phú Thọ"},
        {"kind": "ceremony", "date": "2027-12-20", "place": None},
    ]
    assert got["signatory"] == {
        "on_behalf": "BAN CHẤP HÀNH",
        "title": "PHÓ CHỦ TỊCH",
        "name": "Lâm Thị Hoa",
    }


def test_a_sibling_heading_naming_no_known_unit_is_the_other_kind_and_events_split_at_semicolons():
    text = """KẾ HOẠCH
Hội thi năm 2028

II. TIÊU CHUẨN
1. Đối với người lao động
- Có chứng chỉ nghề bậc 3;
2. Đối với ca trực
- Không có sự cố trong quý;
- Được “Tổ an toàn” công nhận hai lần;

III. DANH HIỆU
Xét tặng danh hiệu “Ca trực mẫu mực”.

IV. TIẾN ĐỘ
{events}
""".format(
        events="- Năm 2028: gửi hồ sơ trước ngày 02/10/2028; Ban Chấp hành họp xét ngày"
        " 09/10/2028; Hội nghị tổng kết ngày 20/10/2028 tại Nhà khách Sông Bé."
    )
    got = to_json(extract(text))
    assert [c["kind"] for c in got["criteria"]] == ["individual", "collective", "collective"]
    assert got["titles"] == ["Ca trực mẫu mực"]  # not "Tổ an toàn", a condition
    kinds = {m["kind"]: m for m in got["milestones"]}
    assert kinds["review_meeting"] == {
        "kind": "review_meeting",
        "date": "2028-10-09",
        "place": None,
    }
    assert kinds["ceremony"] == {
        "kind": "ceremony",
        "date": "2028-10-20",
        "place": "Nhà khách Sông Bé",
    }


def _signed(block: str) -> dict:
    text = (
        "KẾ HOẠCH\nThi đua năm 2027\n\nI. MỤC ĐÍCH\n- Động viên đoàn viên.\n\n"
        "Nơi nhận:\t\t\t\t" + block
    )
    draft = extract(text)
    found = draft.get("signatory")
    return {"mode": found.value["mode"], **to_json(draft)["signatory"]} if found else {}


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (  # thừa lệnh: the chief of staff signs by the chair's order
            "TL. CHỦ TỊCH\n- Như trên;\t\t\t\tCHÁNH VĂN PHÒNG\n- Lưu.\n\n\t\t\t\t\t\tHồ Văn Tài",
            {"mode": "TL.", "on_behalf": "CHỦ TỊCH", "title": "CHÁNH VĂN PHÒNG"},
        ),
        (  # thừa ủy quyền
            "TUQ. CHỦ TỊCH\n- Như trên;\t\t\t\tTRƯỞNG BAN TỔ CHỨC\n- Lưu.\n\n"
            "\t\t\t\t\t\tHồ Văn Tài",
            {"mode": "TUQ.", "on_behalf": "CHỦ TỊCH", "title": "TRƯỞNG BAN TỔ CHỨC"},
        ),
        (  # quyền: the acting chair, no position below
            "Q. CHỦ TỊCH\n- Như trên;\n- Lưu.\n\n\t\t\t\t\t\tHồ Văn Tài",
            {"mode": "Q.", "on_behalf": "CHỦ TỊCH", "title": None},
        ),
        (  # the acting chair for the committee: the position is "Q. CHỦ TỊCH"
            "TM. BAN CHẤP HÀNH\n- Như trên;\t\t\t\tQ. CHỦ TỊCH\n- Lưu.\n\n\t\t\t\t\t\tHồ Văn Tài",
            {"mode": "TM.", "on_behalf": "BAN CHẤP HÀNH", "title": "Q. CHỦ TỊCH"},
        ),
        (
            "TM. BAN CHẤP HÀNH\n- Như trên;\t\t\t\tKT. CHỦ TỊCH\n- Lưu.\t\t\t\tPHÓ CHỦ TỊCH\n\n"
            "\t\t\t\t\t\tHồ Văn Tài",
            {"mode": "KT.", "on_behalf": "BAN CHẤP HÀNH", "title": "PHÓ CHỦ TỊCH"},
        ),
        (
            "T/M CHI BỘ\n- Như trên;\t\t\t\tBÍ THƯ\n- Lưu.\n\n\t\t\t\t\t\tHồ Văn Tài",
            {"mode": "TM.", "on_behalf": "CHI BỘ", "title": "BÍ THƯ"},
        ),
    ],
)
def test_the_signing_prefix_reads_as_itself(block, expected):
    got = _signed(block)
    assert got == {**expected, "name": "Hồ Văn Tài"}


def test_tl_without_its_dot_is_no_signing_line():
    """ "TL" alone (a unit's initials) signs nothing; "TM" without a dot still does."""
    assert _signed("TL CHỦ TỊCH\n- Lưu.\n\n\t\t\t\t\t\tHồ Văn Tài") == {}
    assert _signed("TM CHI BỘ\n- Lưu.\t\t\t\tBÍ THƯ\n\n\t\t\t\t\t\tHồ Văn Tài")["mode"] == "TM."
