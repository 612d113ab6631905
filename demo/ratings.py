"""Unit ratings of the live year (W12): LĐLĐ Gò Vấp rates its CĐCS on the "CĐCS vững
mạnh" standards (Sen Hồng has submitted its self-assessment, Hoa Mai and Lê Văn Thọ have
not); Sen Hồng's BCH rates its five tổ công đoàn. Nothing is verified or finalised:
``ldld_govap`` and ``chutich_senhong`` finish both by hand. The collective title
"Tập thể lao động xuất sắc" of the federation plan asks for "Vững mạnh" at least.
"""

import datetime as dt
from decimal import Decimal

from campaigns.models import Criterion, Target, Title
from campaigns.services import plan_parts as part_services
from campaigns.services import ratingschemes
from campaigns.services import unitassessments as services
from demo.context import DemoContext
from portal.models import OrgUnit

CDCS_STANDARDS = [
    ("Tham gia quản lý, đại diện, bảo vệ quyền lợi hợp pháp của đoàn viên", 30),
    ("Tuyên truyền, giáo dục; phong trào thi đua", 25),
    ("Xây dựng tổ chức công đoàn vững mạnh, phát triển đoàn viên", 25),
    ("Công tác kiểm tra, tài chính công đoàn; công tác nữ công", 20),
]
GROUP_STANDARDS = [
    ("Tổ viên hoàn thành nhiệm vụ, chấp hành tốt nội quy", 40),
    ("Tham gia đầy đủ các phong trào thi đua của công đoàn", 30),
    ("Sinh hoạt tổ đều đặn, chăm lo đời sống tổ viên", 30),
]
CDCS_LEVELS = [
    {"name": "Vững mạnh xuất sắc", "min_points": Decimal(90), "floor_share": Decimal("0.5")},
    {"name": "Vững mạnh", "min_points": Decimal(80), "floor_share": Decimal("0.5")},
    {"name": "Hoàn thành nhiệm vụ", "min_points": Decimal(50), "floor_share": None},
    {"name": "Chưa hoàn thành nhiệm vụ", "min_points": Decimal(0), "floor_share": None},
]
GROUP_LEVELS = [
    {"name": "Tổ công đoàn vững mạnh", "min_points": Decimal(80), "floor_share": Decimal("0.5")},
    {"name": "Hoàn thành nhiệm vụ", "min_points": Decimal(50), "floor_share": None},
    {"name": "Chưa hoàn thành nhiệm vụ", "min_points": Decimal(0), "floor_share": None},
]
SENHONG_SELF = [28, 23, 24, 18]


def load(ctx: DemoContext) -> None:
    federation_plan = ctx.plan("live-federation")
    staff = ctx.user("ldld_govap")
    fed_scheme = _scheme(
        ctx, federation_plan, staff, CDCS_STANDARDS, CDCS_LEVELS, OrgUnit.Kind.GRASSROOTS_UNION
    )
    senhong_plan = ctx.plan("live-grassroots")
    chair = ctx.user("chutich_senhong")
    _scheme(ctx, senhong_plan, chair, GROUP_STANDARDS, GROUP_LEVELS, OrgUnit.Kind.UNION_GROUP)
    senhong = fed_scheme.assessments.get(unit=ctx.unit("mn-senhong"))
    data = {
        c.pk: {"points": str(p), "evidence": "Biên bản, báo cáo năm lưu tại văn phòng CĐCS."}
        for c, p in zip(ratingschemes.standards(federation_plan), SENHONG_SELF, strict=True)
    }
    services.submit_unit_assessment(
        assessment=senhong, actor=chair, data=data, now=ctx.now - dt.timedelta(hours=3)
    )
    vung_manh = fed_scheme.levels.get(order=2)
    Title.objects.filter(
        plan=federation_plan, target=Target.COLLECTIVE, name="Tập thể lao động xuất sắc"
    ).update(rating_level=vung_manh)
    ctx.log("ratings: Gò Vấp rates its CĐCS (Sen Hồng submitted), Sen Hồng rates its tổ")


def _scheme(ctx, plan, actor, standards, levels, rated_kind):
    for text, top in standards:
        part_services.add_criterion(
            plan=plan,
            actor=actor,
            text=text,
            kind=Criterion.Kind.POINTS,
            max_points=Decimal(top),
            target=Target.COLLECTIVE,
            required=False,
        )
    return ratingschemes.configure_rating(
        plan=plan,
        actor=actor,
        rated_kind=rated_kind,
        starts_at=ctx.now - dt.timedelta(days=5),
        ends_at=ctx.now + dt.timedelta(days=12),
        objection_days=7,
        levels=levels,
    )
