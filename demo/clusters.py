"""An emulation cluster of the live year (issue 16, item 3): LĐLĐ Gò Vấp's kindergartens
form "Cụm thi đua các trường mầm non" — Sen Hồng (head), Hoa Mai (deputy) and a third
kindergarten added here, Họa Mi (``chutich_hoami``). Last year Hoa Mai led, so the
rotation proposes the others first. The pact is issued; Sen Hồng and Hoa Mai confirmed it,
Họa Mi not yet. Hoa Mai has sent its cross-scores; the deadline is ten days away, so
``chutich_senhong`` can score by hand. The federation plan offers "Cờ thi đua" and
"Bằng khen" for the head's proposal after the deadline.
"""

import datetime as dt

from campaigns.models import Cluster, Target, Title
from campaigns.services import clusters as services
from campaigns.services import plan_parts
from demo.context import DemoContext
from portal.models import Membership, OrgUnit, Role, User

CRITERIA = [
    {"text": "Tổ chức phong trào thi đua, thực hiện các nội dung giao ước", "max_points": "30"},
    {"text": "Chăm lo đời sống, bảo vệ quyền lợi đoàn viên", "max_points": "30"},
    {"text": "Xây dựng tổ chức công đoàn vững mạnh", "max_points": "20"},
    {"text": "Phối hợp, hỗ trợ các đơn vị trong cụm", "max_points": "20"},
]
PACT = """Thực hiện kế hoạch thi đua năm học của Liên đoàn Lao động quận Gò Vấp, các công đoàn \
cơ sở trong Cụm thi đua các trường mầm non cùng giao ước:

1. Vận động đoàn viên hoàn thành tốt nhiệm vụ chăm sóc, nuôi dưỡng, giáo dục trẻ; không có \
đoàn viên vi phạm đạo đức nhà giáo.
2. Chăm lo, bảo vệ quyền lợi hợp pháp của đoàn viên; tổ chức hội nghị cán bộ, công chức, \
viên chức đúng quy định.
3. Phát triển đoàn viên, xây dựng công đoàn cơ sở vững mạnh; hoàn thành công tác tài chính \
công đoàn.
4. Tham gia đầy đủ các hoạt động chung của cụm; chấm chéo khách quan vào cuối năm."""
HOAMAI_SCORES = {"mn-senhong": (27, 26, 18, 18), "mn-hoami": (24, 25, 16, 17)}


def load(ctx: DemoContext) -> None:
    plan = ctx.plan("live-federation")
    staff = ctx.user("ldld_govap")
    federation = ctx.unit("ldld-govap")
    hoami = _third_kindergarten(ctx, federation)
    senhong, hoamai = ctx.unit("mn-senhong"), ctx.unit("mn-hoamai")
    for name in ("Cờ thi đua", "Bằng khen"):
        plan_parts.add_title(
            plan=plan,
            actor=staff,
            name=f"{name} của Liên đoàn Lao động Thành phố",
            target=Target.COLLECTIVE,
            level=Title.Level.PROVINCE,
        )
    _last_year(ctx, plan, federation, staff, hoamai, senhong)
    cluster = services.create_cluster(
        plan=plan,
        actor=staff,
        name="Cụm thi đua các trường mầm non",
        kind=Cluster.Kind.CLUSTER,
        scoring_ends_at=ctx.now + dt.timedelta(days=10),
        criteria=CRITERIA,
        now=ctx.now - dt.timedelta(days=60),
    )
    services.assign_units(cluster=cluster, actor=staff, units=[senhong, hoamai, hoami])
    services.set_leaders(cluster=cluster, actor=staff, head=senhong, deputy=hoamai)
    services.issue_pact(
        cluster=cluster, actor=staff, text=PACT, now=ctx.now - dt.timedelta(days=55)
    )
    for username in ("chutich_senhong", "chutich_hoamai"):
        services.confirm_pact(
            cluster=cluster, actor=ctx.user(username), now=ctx.now - dt.timedelta(days=50)
        )
    criteria = list(cluster.criteria.all())
    scores = {
        ctx.unit(code).pk: {c.pk: str(p) for c, p in zip(criteria, points, strict=True)}
        for code, points in HOAMAI_SCORES.items()
    }
    services.submit_cross_scores(
        cluster=cluster,
        actor=ctx.user("chutich_hoamai"),
        scores=scores,
        now=ctx.now - dt.timedelta(days=1),
    )
    ctx.log("clusters: Gò Vấp's kindergartens (head Sen Hồng, deputy Hoa Mai, with Họa Mi)")


def _third_kindergarten(ctx, federation) -> OrgUnit:
    unit = OrgUnit(
        code="mn-hoami",
        name="CĐCS Trường MN Họa Mi",
        short_name="CĐCS-MNHMi",
        kind=OrgUnit.Kind.GRASSROOTS_UNION,
        place="Gò Vấp",
        parent=federation,
    )
    unit.save()
    ctx.units[unit.code] = unit
    chair = User(username="chutich_hoami", full_name="Phan Thị Thu Hà", password=ctx.password_hash)
    chair.save()
    ctx.users[chair.username] = chair
    Membership.objects.bulk_create(
        [
            Membership(user=chair, unit=unit, role=Role.MEMBER, position="Giáo viên"),
            Membership(user=chair, unit=unit, role=Role.CHAIR, position="Giáo viên"),
        ]
    )
    return unit


def _last_year(ctx, plan, federation, staff, head, deputy) -> None:
    """Last year's cluster (a record only: Hoa Mai led, Sen Hồng was deputy)."""
    Cluster.objects.create(
        federation=federation,
        plan=plan,
        year=plan.year - 1,
        kind=Cluster.Kind.CLUSTER,
        name="Cụm thi đua các trường mầm non",
        head=head,
        deputy=deputy,
        scoring_ends_at=ctx.now - dt.timedelta(days=300),
        created_by=staff,
        created_at=ctx.now - dt.timedelta(days=400),
    )
