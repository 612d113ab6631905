"""A small cascaded campaign with hand-counted figures, for the dashboard, periodic
reports, workbook and summary tests.

LĐLĐ Quận Gò Vấp's plan 09/KH-LĐLĐ (titles "Lao động tiên tiến" and "Gương điển hình",
criteria "Chấp hành tốt" (met) and "Tham gia học tập" (points /10), periodic reports due
20/5/2023 and 20/10/2023) is cascaded to:

- Sen Hồng: 4 members, window closed 23/3/2023 11:30 → 2 on time, 1 late, 1 missing;
  review finalised; nominees forwarded: 1 for Lao động tiên tiến (+1 listed, not sent);
  periodic report of 20/5 sent on 19/5 (on time).
- Hoa Hồng: 3 members, no plan (not cascaded); periodic report of 20/5 missing.
- Hướng Dương: 2 members, window still open (to 30/6/2023) → 1 on time, 1 pending;
  nominee forwarded: 1 for Gương điển hình; periodic report of 20/5 sent 21/5 (late).

The clock of the tests: NOW = 1/6/2023 9:00 in Hồ Chí Minh City, so 20/5 has passed and
20/10 is pending for everyone.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from campaigns.models import Criterion, Milestone, Plan, SelfReport, SelfReportAnswer, Title
from nominations.models import Nomination, Review
from portal.models import OrgUnit, Role, User
from reports.models import PeriodicReport
from tests.factories import (
    CriterionFactory,
    MembershipFactory,
    MilestoneFactory,
    OrgUnitFactory,
    PlanFactory,
    TitleFactory,
    UserFactory,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2023, 6, 1, 9, 0, tzinfo=VN)


def at(year, month, day, hour=0, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=VN)


@dataclass
class Campaign:
    federation: OrgUnit
    plan: Plan
    senhong: OrgUnit
    hoahong: OrgUnit
    huongduong: OrgUnit
    senhong_plan: Plan
    huongduong_plan: Plan
    may_20: Milestone
    oct_20: Milestone
    title_ldtt: Title
    title_gdh: Title
    crit_met: Criterion
    crit_points: Criterion
    chair_senhong: User
    chair_hoahong: User
    staff: User
    members: dict  # unit code -> list of users


def _members(unit: OrgUnit, names: list[str], chair_role=Role.CHAIR) -> list[User]:
    users = []
    for i, name in enumerate(names):
        user = UserFactory(username=f"{unit.code}-{i}", full_name=name)
        MembershipFactory(user=user, unit=unit, role=Role.MEMBER)
        if i == 0:
            MembershipFactory(user=user, unit=unit, role=chair_role)
        users.append(user)
    return users


def _child_plan(parent: Plan, unit: OrgUnit, number: int, window_end: dt.datetime) -> Plan:
    plan = PlanFactory(issuer=unit, parent=parent, number=number, title=parent.title)
    for title in parent.titles.all():
        Title.objects.create(
            plan=plan, name=title.name, level=title.level, inherited_from=title, order=title.order
        )
    for criterion in parent.criteria.all():
        Criterion.objects.create(
            plan=plan,
            text=criterion.text,
            kind=criterion.kind,
            max_points=criterion.max_points,
            inherited_from=criterion,
            order=criterion.order,
        )
    MilestoneFactory(plan=plan, starts_at=at(2023, 3, 15, 7), ends_at=window_end)
    return plan


def submit(plan: Plan, user: User, *, late=False, met=True, points=None, when=None) -> SelfReport:
    report = SelfReport.objects.create(
        plan=plan,
        member=user,
        unit=plan.issuer,
        status=SelfReport.Status.SUBMITTED,
        submitted_at=when or at(2023, 3, 20, 10),
        is_late=late,
        version=1,
    )
    for criterion in plan.criteria.all():
        SelfReportAnswer.objects.create(
            report=report,
            criterion=criterion,
            met=met if criterion.kind == Criterion.Kind.MET else None,
            points=points if criterion.kind == Criterion.Kind.POINTS else None,
        )
    return report


def nominate(plan: Plan, title_name: str, user: User, status, by: User) -> Nomination:
    return Nomination.objects.create(
        plan=plan,
        title=plan.titles.get(name=title_name),
        nominee=user,
        status=status,
        proposed_by=by,
        achievements="Hoàn thành xuất sắc nhiệm vụ",
    )


def build_campaign(federation: OrgUnit) -> Campaign:
    staff = UserFactory(username="ldld-staff", full_name="Huỳnh Thị Bích Ngọc")
    MembershipFactory(user=staff, unit=federation, role=Role.FEDERATION_STAFF)
    plan = PlanFactory(issuer=federation, number=9, title="Sơ kết 02 năm thực hiện Kết luận 01")
    title_ldtt = TitleFactory(plan=plan, name="Lao động tiên tiến", order=1)
    title_gdh = TitleFactory(plan=plan, name="Gương điển hình", order=2)
    crit_met = CriterionFactory(plan=plan, text="Chấp hành tốt chủ trương", order=1)
    crit_points = CriterionFactory(
        plan=plan,
        text="Tham gia học tập chuyên đề",
        kind=Criterion.Kind.POINTS,
        max_points=Decimal("10"),
        order=2,
    )
    may_20 = MilestoneFactory(
        plan=plan,
        kind=Milestone.Kind.PERIODIC_REPORT,
        label="Báo cáo 6 tháng",
        starts_at=at(2023, 3, 14),
        ends_at=at(2023, 5, 20),
    )
    oct_20 = MilestoneFactory(
        plan=plan,
        kind=Milestone.Kind.PERIODIC_REPORT,
        label="Báo cáo năm",
        starts_at=at(2023, 3, 14),
        ends_at=at(2023, 10, 20),
    )
    senhong = OrgUnitFactory(
        code="senhong", name="CĐCS Trường MN Sen Hồng", short_name="CĐCS-MNSH", parent=federation
    )
    hoahong = OrgUnitFactory(code="hoahong", name="CĐCS Trường MN Hoa Hồng", parent=federation)
    huongduong = OrgUnitFactory(
        code="huongduong", name="CĐCS Trường TH Hướng Dương", parent=federation
    )
    # A union group and a party cell are not rows.
    OrgUnitFactory(code="senhong-choi", kind=OrgUnit.Kind.UNION_GROUP, parent=senhong)
    sh = _members(
        senhong,
        ["Nguyễn Thị Thu Trang", "Lê Thị Ngọc Hân", "Trần Thị Mỹ Linh", "Võ Thị Kim Phượng"],
    )
    hh = _members(hoahong, ["Đặng Văn Hùng", "Bùi Thị Lan", "Phan Văn Minh"])
    hd = _members(huongduong, ["Hồ Thị Xuân", "Đỗ Văn Bình"])

    senhong_plan = _child_plan(plan, senhong, 8, at(2023, 3, 23, 11, 30))
    huongduong_plan = _child_plan(plan, huongduong, 5, at(2023, 6, 30, 17))
    submit(senhong_plan, sh[0], met=True, points=Decimal("9"))
    submit(senhong_plan, sh[1], met=True, points=Decimal("8"))
    submit(senhong_plan, sh[2], late=True, met=False, points=Decimal("5"), when=at(2023, 3, 24))
    submit(huongduong_plan, hd[0], met=True, points=Decimal("10"))

    Review.objects.create(
        plan=senhong_plan, unit=senhong, finalised_by=sh[0], finalised_at=at(2023, 4, 1)
    )
    nominate(senhong_plan, "Lao động tiên tiến", sh[0], Nomination.Status.FORWARDED, sh[0])
    nominate(senhong_plan, "Gương điển hình", sh[1], Nomination.Status.LISTED, sh[0])
    nominate(huongduong_plan, "Gương điển hình", hd[0], Nomination.Status.FORWARDED, hd[0])

    PeriodicReport.objects.create(
        plan=plan,
        unit=senhong,
        milestone=may_20,
        results="Đã tổ chức học tập chuyên đề",
        status=PeriodicReport.Status.SENT,
        sent_at=at(2023, 5, 19, 15),
        sent_by=sh[0],
    )
    PeriodicReport.objects.create(
        plan=plan,
        unit=huongduong,
        milestone=may_20,
        results="Báo cáo bổ sung",
        status=PeriodicReport.Status.SENT,
        sent_at=at(2023, 5, 21, 8),
        sent_by=hd[0],
    )
    return Campaign(
        federation=federation,
        plan=plan,
        senhong=senhong,
        hoahong=hoahong,
        huongduong=huongduong,
        senhong_plan=senhong_plan,
        huongduong_plan=huongduong_plan,
        may_20=may_20,
        oct_20=oct_20,
        title_ldtt=title_ldtt,
        title_gdh=title_gdh,
        crit_met=crit_met,
        crit_points=crit_points,
        chair_senhong=sh[0],
        chair_hoahong=hh[0],
        staff=staff,
        members={"senhong": sh, "hoahong": hh, "huongduong": hd},
    )
