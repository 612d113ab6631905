# ruff: noqa: E501  (hand-written expected values: long Vietnamese strings)
"""One-off writer of the hand-written expected JSON (kept so the values are reviewable
in one place; the JSON files in expected/ are what the scoring script reads)."""

import json
from pathlib import Path

HERE = Path(__file__).parent
HOCHIMINH = "tư tưởng, đạo đức, phong cách Hồ Chí Minh"


def ms(kind, date=None, place=None, starts_at=None, ends_at=None):
    m = {"kind": kind}
    if date:
        m["date"] = date
    else:
        m["starts_at"], m["ends_at"] = starts_at, ends_at
    m["place"] = place
    return m


def sig(on_behalf, title, name):
    return {"on_behalf": on_behalf, "title": title, "name": name}


def crit(kind, *texts):
    return [{"text": t, "kind": kind} for t in texts]


SEED001_GENERAL = (
    "Mô hình, gương điển hình tiên tiến phải là những tập thể, cá nhân có thành tích tiêu biểu, "
    "xuất sắc trong hoạt động công đoàn, trong giảng dạy, học tập, công tác; là nhân tố nổi trội, "
    "dẫn đầu trong các phong trào thi đua; gương mẫu chấp hành chủ trương, đường lối của Đảng, "
    "chính sách, pháp luật của Nhà nước gắn với việc “Học tập và làm theo tư tưởng, đạo đức, "
    "phong cách Hồ Chí Minh”; có tinh thần tương thân, tương ái, giúp đỡ mọi người cùng tiến bộ; "
    "tích cực tham gia xây dựng các loại quỹ, tham gia các hoạt động nhân đạo, từ thiện do tỉnh, "
    "địa phương, công đoàn các cấp phát động."
)


def seed_text(n):
    return next(Path("/work/shared/seeds").glob(f"{n:03d}_*.txt")).read_text()


def lines_after(text, start, count):
    lines = text.splitlines()
    i = next(k for k, line in enumerate(lines) if line.strip().startswith(start))
    return [line.strip() for line in lines[i : i + count]]


EXPECTED = {
    "seed000": {
        "issuer": "CĐCS Trường MN Sen Hồng",
        "parent_issuer": "LĐLĐ Quận Gò Vấp",
        "number": "/KH-CĐCS-MNSH",
        "place": "Gò Vấp",
        "issued_on": "2023-03-15",
        "title": "Sơ kết 02 năm thực hiện Kết luận số 01-KL/TW ngày 15/8/2021 của Bộ Chính trị về "
        "tiếp tục thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ chính trị về đẩy mạnh học "
        f"tập và làm theo {HOCHIMINH}",
        "parent_plan": {"number": "09/LĐLĐ", "date": "2023-03-14"},
        "criteria": crit(
            "individual",
            "Đoàn viên công đoàn, người lao động gương mẫu chấp hành tốt chủ trương của Đảng, chính "
            "sách pháp luật của nhà nước, có phẩm chất đạo đức cách mạng, tấm gương tiêu biểu vế ý "
            "chí rèn luyện, phấn đấu nêu cao tinh thần trách nhiệm trong thực hiện nhiệm vụ tại đơn "
            "vị; Gương mẫu thực hiện các quy định của địa phương, không vi phạm pháp luật.",
            "Có hành động và việc làm cụ thể, thiết thực hiệu quả trong học tập, rèn luyện, tu dưỡng "
            "đạo đức thực hành tiết kiệm, phòng chống tham nhũng lãng phí, tiêu cực hoặc có nhiều "
            "giải pháp, cách làm mô hình sáng kiến có giá trị đem lại hiệu quả thiết thực đóng góp "
            "cho sự phát triển của đơn vị.",
            "Có thành tích nổi bật tiêu biểu trong thực hiện các tiêu chí “Trung thực, trách nhiệm, "
            "chủ động, hợp tác, chia sẻ, tiết kiệm” là gương điển hình tạo sự lan tỏa tích cực của "
            "đơn vị",
            "Đảm bảo an toàn trẻ",
            "Năm học 2022-2023 đạt giáo viên giỏi/ trường",
            "Tích cực tham gia hiên máu nhân đạo và đạt giấy khen hội thi cấp trên cơ sở",
            "Năm 2022 đoàn viên được đánh giá hoàn thành tốt nhiệm vụ trở lên, đạt lao động tiên "
            "tiến trở lên",
        ),
        "titles": [
            f"Cá nhân thực hiện tốt học tập và làm theo {HOCHIMINH}",
            "Gương tiêu biểu cấp Quận",
        ],
        "self_report_window": {
            "start": "2023-03-15T00:00:00+07:00",
            "end": "2023-03-23T11:30:00+07:00",
        },
        "milestones": [
            ms("review_meeting", "2023-03-23"),
            ms("consultation", "2023-03-23"),
            ms("vote", "2023-03-24"),
            ms("ceremony", "2023-05-19", "Lớp Chồi 1"),
        ],
        "recipients": None,
        "signatory": sig("BCH CÔNG ĐOÀN", None, None),
    },
    "seed001": {
        "issuer": "Công đoàn Giáo dục Hòa Bình",
        "parent_issuer": "Liên đoàn Lao động tỉnh Hòa Bình",
        "number": None,
        "place": None,
        "issued_on": None,
        "title": "Xây dựng và nhân rộng điển hình tiên tiến trong học tập và làm theo tư tưởng, "
        "đạo đức, phong cách Hồ Chí Minh giai đoạn 2017 - 2020",
        "parent_plan": {"number": "17-KH-CĐGD", "date": "2017-07-27"},
        "criteria": [
            {"text": SEED001_GENERAL, "kind": "collective"},
            {"text": SEED001_GENERAL, "kind": "individual"},
            {
                "text": "Mô hình điển hình tiên tiến Công đoàn trong lĩnh vực Giáo dục - Đào tạo: "
                + lines_after(seed_text(1), "Công đoàn các trường học phối hợp", 1)[0],
                "kind": "collective",
            },
            {
                "text": "Mô hình Công đoàn cơ quan, đơn vị kiểu mẫu: "
                + lines_after(seed_text(1), "Đối với Công đoàn cơ quan quản lý", 1)[0]
                + " "
                + lines_after(seed_text(1), "Phân loại cuối năm đạt", 1)[0],
                "kind": "collective",
            },
            {"text": lines_after(seed_text(1), "Là cá nhân tích cực", 1)[0], "kind": "individual"},
            {
                "text": lines_after(seed_text(1), "Đối với cá nhân giữ chức vụ", 1)[0],
                "kind": "individual",
            },
        ],
        "titles": ["Mô hình điển hình tiên tiến", "Gương điển hình tiên tiến"],
        "self_report_window": None,
        "milestones": None,
        "recipients": [
            "Đảng uỷ Sở GD&ĐT",
            "LĐLĐ tỉnh Hòa Bình",
            "Lãnh đạo CĐGD",
            "CĐ các đơn vị trực thuộc",
            "Website ngành",
            "Lưu: VP",
        ],
        "signatory": sig("BAN THƯỜNG VỤ", "PHÓ CHỦ TỊCH", "Lê Thị Thúy Hường"),
    },
    "seed002": {
        "issuer": "Liên đoàn Lao động quận 1",
        "parent_issuer": "Quận ủy quận 1",
        "number": "08/KH-LĐLĐ",
        "place": "Quận 1",
        "issued_on": "2020-03-18",
        "title": "Tổ chức thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị về đẩy mạnh học tập và làm "
        f"theo {HOCHIMINH} năm 2020",
        "parent_plan": {"number": "249-KH/QU", "date": "2020-01-20"},
        "criteria": None,
        "titles": [
            f"Gương tập thể, cá nhân điển hình, tiêu biểu trong học tập và làm theo {HOCHIMINH}",
            "Gương người tốt, việc tốt",
        ],
        "self_report_window": None,
        "milestones": [
            ms("periodic_report_due", "2020-05-20"),
            ms("periodic_report_due", "2020-10-20"),
        ],
        "recipients": [
            "Ban Tuyên giáo LĐLĐ TP “để b/c”",
            "Ban Tuyên giáo Quận ủy Q1 “để b/c”",
            "Ban Dân vận Quận ủy Q1 “để b/c”",
            "BCH LĐLĐ Q1 “để biết”",
            "CĐCS trực thuộc “để th/hiện”",
            "Lưu: VP, TG, mail, web",
        ],
        "signatory": sig("BAN THƯỜNG VỤ", "CHỦ TỊCH", "Trương Thị Minh Dung"),
    },
    "seed003": {
        "issuer": "Liên đoàn Lao động huyện Hóc Môn",
        "parent_issuer": None,
        "number": None,
        "place": None,
        "issued_on": None,
        "title": "Phát động phong trào thi đua trong cán bộ, nhà giáo, người lao động khối trường "
        "học trên địa bàn huyện năm học 2023 - 2024",
        "parent_plan": None,
        "criteria": None,
        "titles": None,
        "self_report_window": None,
        "milestones": None,
        "recipients": [
            "Thường trực LĐLĐ T/p",
            "Ban Chính sách - Pháp luật LĐLĐ T/p",
            "Ban Dân vận Huyện ủy",
            "Phòng GD & ĐT",
            "Bí thư chi bộ, Ban giám hiệu trường học",
            "Các CĐCS trường học",
            "Lưu",
        ],
        "signatory": sig("BAN THƯỜNG VỤ", None, "Nguyễn Thị Thu Hiền"),
    },
    "seed004": {
        "issuer": "Chi bộ Mầm Non Mỹ Hòa",
        "parent_issuer": "Ban Tổ chức Trung ương",
        "number": None,
        "place": None,
        "issued_on": None,
        "title": "Tổ chức sinh hoạt chuyên đề năm 2022",
        "parent_plan": {"number": "12-HD/BTCTW", "date": "2018-07-06"},
        "criteria": None,
        "titles": None,
        "self_report_window": None,
        "milestones": None,
        "recipients": None,
        "signatory": None,
    },
    "cdcs_thcs_2024": {
        "issuer": "CĐCS Trường THCS Ngô Quyền",
        "parent_issuer": "Công đoàn Giáo dục quận Tân Bình",
        "number": "05/KH-CĐCS",
        "place": "Tân Bình",
        "issued_on": "2024-11-04",
        "title": "Bình xét, tuyên dương đoàn viên tiêu biểu học kỳ I năm học 2024 - 2025",
        "parent_plan": {"number": "12/KH-CĐGD", "date": "2024-10-28"},
        "criteria": crit(
            "individual",
            "Hoàn thành tốt nhiệm vụ được giao, không vi phạm đạo đức nhà giáo",
            "Có ít nhất một sáng kiến hoặc chuyên đề được tổ chuyên môn công nhận",
            "Tham gia đầy đủ các hoạt động do công đoàn tổ chức",
        )
        + crit(
            "collective",
            "Tổ công đoàn có 100% đoàn viên hoàn thành nhiệm vụ, không có đoàn viên vi phạm kỷ luật",
        ),
        "titles": ["Đoàn viên công đoàn tiêu biểu", "Tổ công đoàn xuất sắc"],
        "self_report_window": {
            "start": "2024-11-05T00:00:00+07:00",
            "end": "2024-11-15T16:00:00+07:00",
        },
        "milestones": [
            ms("review_meeting", "2024-11-18", "Phòng họp"),
            ms("consultation", "2024-11-19"),
            ms("vote", "2024-11-20", "Hội trường"),
            ms("ceremony", "2024-11-22", "Hội trường A"),
        ],
        "recipients": ["CĐGD quận Tân Bình", "Chi bộ trường", "Các tổ công đoàn", "Lưu: CĐCS"],
        "signatory": sig("BAN CHẤP HÀNH", "CHỦ TỊCH", "Phạm Thị Ngọc Lan"),
    },
    "ldld_binhchanh_2024": {
        "issuer": "Liên đoàn Lao động huyện Bình Chánh",
        "parent_issuer": "LĐLĐ Thành phố Hồ Chí Minh",
        "number": "27/KH-LĐLĐ",
        "place": "Bình Chánh",
        "issued_on": "2024-08-20",
        "title": "Phát động phong trào thi đua “Giỏi việc trường, đảm việc nhà” năm học 2024 - 2025",
        "parent_plan": {"number": "115/KH-LĐLĐ", "date": "2024-08-02"},
        "criteria": crit(
            "collective",
            "Công đoàn cơ sở xây dựng và triển khai kế hoạch phát động thi đua ngay từ đầu năm học",
            "Có ít nhất 90% đoàn viên đăng ký thi đua",
        )
        + crit(
            "individual",
            "Hoàn thành xuất sắc nhiệm vụ chuyên môn",
            "Gia đình văn hóa, nuôi dạy con tốt",
        ),
        "titles": [
            "Lao động tiên tiến",
            "Chiến sĩ thi đua cơ sở",
            "Tập thể lao động xuất sắc",
            "Công đoàn cơ sở vững mạnh xuất sắc",
        ],
        "self_report_window": None,
        "milestones": [
            ms("registration", "2024-09-30"),
            ms("periodic_report_due", "2025-01-15"),
            ms("periodic_report_due", "2025-05-31"),
            ms("ceremony", "2025-06-10", "Hội trường Trung tâm Văn hóa huyện"),
        ],
        "recipients": [
            "Thường trực LĐLĐ Thành phố",
            "Thường trực Huyện ủy",
            "Các CĐCS khối trường học",
            "Lưu: VT, TG",
        ],
        "signatory": sig("BAN THƯỜNG VỤ", "PHÓ CHỦ TỊCH", "Võ Văn Minh"),
    },
    "chibo_tieuhoc_2025": {
        "issuer": "Chi bộ Trường Tiểu học Hòa Bình",
        "parent_issuer": "Đảng bộ Phường 7",
        "number": "01-KH/CB",
        "place": "Quận 3",
        "issued_on": "2025-01-06",
        "title": f"Học tập và làm theo {HOCHIMINH} năm 2025",
        "parent_plan": {"number": "45-KH/ĐU", "date": "2024-12-30"},
        "criteria": crit(
            "individual",
            "Đảng viên gương mẫu thực hiện chủ trương của Đảng, chính sách pháp luật của Nhà nước",
            "Có ít nhất một việc làm cụ thể làm theo gương Bác được chi bộ ghi nhận",
            "Không vi phạm quy định những điều đảng viên không được làm",
        ),
        "titles": None,
        "self_report_window": {"start": None, "end": "2025-12-10T17:00:00+07:00"},
        "milestones": [
            ms("review_meeting", "2025-12-15"),
            ms("vote", "2025-12-18"),
            ms("periodic_report_due", "2025-12-25"),
        ],
        "recipients": ["Đảng ủy Phường 7", "Đảng viên chi bộ", "Lưu"],
        "signatory": sig("CHI BỘ", "BÍ THƯ", "Trần Minh Tâm"),
    },
    "ldld_quan3_2021_2025": {
        "issuer": "Liên đoàn Lao động quận 3",
        "parent_issuer": "LĐLĐ Thành phố Hồ Chí Minh",
        "number": "14/KH-LĐLĐ",
        "place": "Quận 3",
        "issued_on": "2021-04-15",
        "title": "Xây dựng và nhân rộng điển hình tiên tiến giai đoạn 2021 - 2025",
        "parent_plan": {"number": "87/KH-LĐLĐ", "date": "2021-04-01"},
        "criteria": crit(
            "collective",
            "Công đoàn cơ sở nhiều năm liền đạt danh hiệu vững mạnh xuất sắc",
            "Có mô hình, cách làm hay được nhân rộng",
        )
        + crit("individual", "Có sáng kiến được công nhận ở cấp quận trở lên"),
        "titles": [
            "Gương điển hình tiên tiến cấp quận",
            "Tập thể điển hình tiên tiến cấp quận",
        ],
        "self_report_window": None,
        "milestones": [
            ms("ceremony", "2025-10-20", "Hội trường LĐLĐ quận 3"),
            ms("periodic_report_due", "2021-11-30"),
        ],
        "recipients": [
            "Thường trực LĐLĐ Thành phố",
            "Quận ủy quận 3",
            "CĐCS trực thuộc",
            "Lưu: VP",
        ],
        "signatory": sig("BAN THƯỜNG VỤ", "CHỦ TỊCH", "Lê Hoàng Nam"),
    },
    # Held out: written after the extractor was last changed, scored without changing it.
    "cdcs_benhvien_2025": {
        "issuer": "Công đoàn Bệnh viện Quận 8",
        "parent_issuer": "Công đoàn ngành Y tế Thành phố",
        "number": "03/KH-CĐBV",
        "place": "Quận 8",
        "issued_on": "2025-02-10",
        "title": "Tổ chức bình chọn “Gương mặt điều dưỡng tiêu biểu” năm 2025",
        "parent_plan": {"number": "07/KH-CĐN", "date": "2025-01-20"},
        "criteria": crit(
            "individual",
            "Có ít nhất 05 năm công tác trong ngành điều dưỡng",
            "Không có đơn thư khiếu nại của người bệnh trong năm",
            "Được khoa, phòng giới thiệu.",
        )
        + crit("collective", "Khoa có tỷ lệ hài lòng của người bệnh từ 95% trở lên."),
        "titles": ["Gương mặt điều dưỡng tiêu biểu"],
        "self_report_window": {
            "start": "2025-02-15T00:00:00+07:00",
            "end": "2025-02-28T17:00:00+07:00",
        },
        "milestones": [
            ms("review_meeting", "2025-03-05"),
            ms(
                "vote",
                starts_at="2025-03-06T00:00:00+07:00",
                ends_at="2025-03-10T23:59:00+07:00",
            ),
            ms("ceremony", "2025-05-12", "Hội trường Bệnh viện"),
        ],
        "recipients": [
            "Công đoàn ngành Y tế TP",
            "Ban Giám đốc Bệnh viện",
            "Các tổ công đoàn",
            "Lưu: CĐ",
        ],
        "signatory": sig("BAN CHẤP HÀNH", "CHỦ TỊCH", "Đỗ Thị Hồng Nhung"),
    },
    "chibo_khupho_2024": {
        "issuer": "Chi bộ Khu phố 3",
        "parent_issuer": "Đảng bộ phường Tân Định",
        "number": "05-KH/CB",
        "place": "Quận 1",
        "issued_on": "2024-03-02",
        "title": "Đánh giá, xếp loại chất lượng đảng viên năm 2024",
        "parent_plan": {"number": "21-HD/ĐU", "date": "2024-02-25"},
        "criteria": crit(
            "individual",
            "Đảng viên hoàn thành tốt nhiệm vụ được giao tại nơi cư trú",
            "Tham gia sinh hoạt chi bộ đầy đủ, đóng đảng phí đúng quy định.",
        ),
        "titles": ["Đảng viên hoàn thành xuất sắc nhiệm vụ"],
        "self_report_window": {"start": None, "end": "2024-12-05T17:00:00+07:00"},
        "milestones": [
            ms("review_meeting", "2024-12-10"),
            ms("vote", "2024-12-15"),
            ms("periodic_report_due", "2024-12-20"),
        ],
        "recipients": ["Đảng ủy phường Tân Định", "Lưu chi bộ"],
        "signatory": sig("CHI BỘ", "BÍ THƯ", "Nguyễn Văn Phúc"),
    },
}

if __name__ == "__main__":
    for name, value in EXPECTED.items():
        path = HERE / "expected" / f"{name}.json"
        path.write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(path)
