"""Plans shaped like the seed documents, for the PDF tests (seed 000: CĐCS Trường MN Sen
Hồng's plan implementing LĐLĐ Gò Vấp's plan 09; seed 004: a chi bộ's plan)."""

import datetime as dt
from zoneinfo import ZoneInfo

from campaigns.models import AgendaItem, Criterion, Milestone, Plan, PlanSection, Title
from portal.models import OrgUnit
from tests.factories import (
    CriterionFactory,
    MilestoneFactory,
    OrgUnitFactory,
    PlanFactory,
    TitleFactory,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")

SEED_000_TITLE = (
    "Sơ kết 02 năm thực hiện Kết luận số 01-KL/TW ngày 15/8/2021 của Bộ Chính trị về tiếp tục "
    "thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm "
    "theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
)

AGENDA = (
    "Văn nghệ",
    "Tuyên bố lý do, giới thiệu đại biểu",
    "Báo cáo sơ kết 02 năm thực hiện Kết luận số 01-KL/TW",
    "Giới thiệu gương điển hình thực hiện tốt học tập và làm theo tư tưởng, đạo đức, "
    "phong cách Hồ Chí Minh",
    "Phát biểu của Bí thư chi bộ",
    "Khen thưởng cá nhân",
    "Kết thúc Hội nghị",
)


def at(year, month, day, hour=0, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=VN)


def federation_plan(federation: OrgUnit) -> Plan:
    return PlanFactory(
        issuer=federation,
        number=9,
        issued_on=dt.date(2023, 3, 14),
        title="Sơ kết 02 năm thực hiện Kết luận số 01-KL/TW; tuyên dương người tốt việc tốt "
        "giai đoạn 2022-2023",
    )


def seed_000_plan(union: OrgUnit, *, parent: Plan | None = None, long: bool = False) -> Plan:
    """The CĐCS plan of seed 000 with its criteria, titles, timeline and ceremony."""
    plan = PlanFactory(
        issuer=union,
        parent=parent,
        number=8,
        issued_on=dt.date(2023, 3, 15),
        place="Gò Vấp",
        title=SEED_000_TITLE,
        preamble="Ban Chấp hành Công đoàn cơ sở triển khai kế hoạch với nội dung như sau:",
        purpose=(
            "- Đánh giá kết quả đạt được, rút ra những bài học kinh nghiệm.\n"
            "- Kịp thời biểu dương, khen thưởng, tôn vinh, nhân rộng các gương tập thể, cá nhân."
        ),
        requirements="Công tác tổ chức Hội nghị tuyên dương phải trang trọng, thiết thực.",
        recipients="Đảng ủy Phường 10\nLĐLĐ Quận Gò Vấp\nCác tổ khối",
        signer_name="Nguyễn Thị Hồng",
    )
    TitleFactory(plan=plan, name="Gương điển hình tiên tiến", level=Title.Level.DISTRICT)
    TitleFactory(plan=plan, name="Gương tiêu biểu cấp trường", level=Title.Level.UNIT, order=1)
    for order, text in enumerate(
        (
            "Gương mẫu chấp hành tốt chủ trương của Đảng, chính sách pháp luật của Nhà nước.",
            "Đảm bảo an toàn trẻ.",
            "Năm học 2022-2023 đạt giáo viên giỏi cấp trường.",
        )
    ):
        CriterionFactory(plan=plan, text=text, order=order)
    CriterionFactory(
        plan=plan, text="Tích cực hiến máu nhân đạo.", kind=Criterion.Kind.POINTS, max_points=10
    )
    MilestoneFactory(
        plan=plan,
        kind=Milestone.Kind.SELF_REPORT,
        label="Cá nhân tự báo cáo kết quả học tập",
        starts_at=at(2023, 3, 15, 7),
        ends_at=at(2023, 3, 23, 11, 30),
    )
    MilestoneFactory(
        plan=plan,
        kind=Milestone.Kind.REVIEW_MEETING,
        label="BCH CĐ họp xét đánh giá kết quả",
        starts_at=at(2023, 3, 23, 14),
        ends_at=at(2023, 3, 23, 16),
    )
    ceremony = MilestoneFactory(
        plan=plan,
        kind=Milestone.Kind.CEREMONY,
        label="Tổ chức Hội nghị tuyên dương",
        starts_at=at(2023, 5, 19, 8),
        ends_at=at(2023, 5, 19, 10),
        place="Lớp Chồi 1",
    )
    for order, text in enumerate(AGENDA):
        AgendaItem.objects.create(milestone=ceremony, order=order, text=text)
    PlanSection.objects.create(
        plan=plan,
        order=1,
        heading="IV. Tổ chức thực hiện",
        body=(
            "1. Đoàn viên công đoàn nhập báo cáo kết quả thực hiện kế hoạch trên cổng thi đua.\n"
            "2. Ban Chấp hành công đoàn tổng hợp kết quả, tham mưu với Cấp ủy Chi bộ."
        ),
    )
    if long:
        for n in range(2, 8):
            PlanSection.objects.create(
                plan=plan,
                order=n,
                heading=f"Nội dung bổ sung {n}",
                body="\n".join(
                    f"{i}. Đoàn viên tích cực học tập và làm theo tư tưởng, đạo đức, phong cách "
                    "Hồ Chí Minh, thực hành tiết kiệm, phòng chống tham nhũng, lãng phí."
                    for i in range(1, 6)
                ),
            )
    return plan


def party_cell() -> OrgUnit:
    committee = OrgUnitFactory(
        code="dangu-p10",
        name="Đảng ủy Phường 10",
        short_name="ĐU",
        kind=OrgUnit.Kind.PARTY_COMMITTEE,
        parent=None,
    )
    return OrgUnitFactory(
        code="chibo-senhong",
        name="Chi bộ Trường MN Sen Hồng",
        short_name="CB",
        kind=OrgUnit.Kind.PARTY_CELL,
        parent=committee,
    )


def party_plan(cell: OrgUnit) -> Plan:
    plan = PlanFactory(
        issuer=cell,
        number=5,
        year=2022,
        issued_on=dt.date(2022, 1, 5),
        title="Tổ chức sinh hoạt chuyên đề năm 2022",
        kind=Plan.Kind.THEMATIC_MEETINGS,
        signing_body="Chi bộ",
        signer_title="Bí thư",
        signer_name="Lê Thị Mỹ",
        recipients="Đảng ủy Phường 10\nĐảng viên chi bộ",
        purpose="Nâng cao chất lượng sinh hoạt chi bộ.",
    )
    for order, (heading, body) in enumerate(
        (
            ("II. Nội dung sinh hoạt chuyên đề", ""),
            ("Quý 1", "Xây dựng các phương án đảm bảo an toàn cho trẻ."),
            ("Quý 2", "Học tập và làm theo tấm gương đạo đức Hồ Chí Minh."),
        )
    ):
        PlanSection.objects.create(plan=plan, order=order, heading=heading, body=body)
    return plan
