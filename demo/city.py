"""The city's plan of the live campaign (issue 18): LĐLĐ Thành phố Hồ Chí Minh issues it,
and LĐLĐ Quận Gò Vấp's live plan (demo/live.py) is made from it, so that the city's
officer (``ldld_tphcm``, fixtures/people.toml) has a city dashboard — one row per district
federation — that drills down into Gò Vấp's. Written straight through the ORM, as the
synthetic district is (the city's plan is the federation spec issued one level up)."""

from campaigns.models import Plan
from demo.context import DemoContext
from demo.specs import build_plan, read

CITY_CODE = "ldld-tphcm"
CITY_OVERRIDES = {
    "signer_name": "Nguyễn Thị Thanh Hà",
    "preamble": (
        "Ban Thường vụ Liên đoàn Lao động Thành phố xây dựng kế hoạch bình xét, tuyên dương "
        "điển hình tiên tiến và danh hiệu thi đua trong các Liên đoàn Lao động quận, huyện "
        "và công đoàn cơ sở trực thuộc như sau:"
    ),
    "recipients": (
        "Tổng Liên đoàn Lao động Việt Nam “để b/c”;\nLĐLĐ quận, huyện “để th/hiện”;\nLưu: VP, TG."
    ),
}


def city_plan(ctx: DemoContext, city) -> Plan:
    """The city's live plan, from the federation spec (fixtures/live/1_federation.toml)."""
    return build_plan(
        read("live/1_federation.toml"), ctx, issuer=city, relative=True, overrides=CITY_OVERRIDES
    )


def load(ctx: DemoContext) -> None:
    plan = city_plan(ctx, ctx.unit(CITY_CODE))
    district = ctx.plan("live-federation")
    Plan.objects.filter(pk=district.pk).update(parent=plan)
    district.parent = plan
    ctx.plans["live-city"] = plan
    ctx.log(f"city plan: {plan.symbol} → {district.symbol}")


SCALE_CITY_CODE = "ldld-tp-mophong"
SCALE_CITY_NAME = "LĐLĐ Thành phố Mô Phỏng"
SCALE_STAFF_USERNAME = "ldld_tp_mophong"


def city_present() -> bool:
    from portal.models import OrgUnit

    return OrgUnit.objects.filter(code=SCALE_CITY_CODE).exists()


def district_naming(k: int):
    """The names of the synthetic city's district `k` (1-based)."""
    from demo.district import DistrictNaming

    return DistrictNaming(
        code=f"{SCALE_CITY_CODE}-q{k:02d}",
        name=f"LĐLĐ Quận Mô Phỏng {k:02d}",
        place=f"Quận Mô Phỏng {k:02d}",
        staff=f"ldld_tpmp_q{k:02d}",
        unit_prefix=f"tpmp-q{k:02d}",
        user_prefix=f"q{k:02d}m",
        seed=f"thidua-tpmp-q{k:02d}",
        label=f"Q{k:02d}",
        short=f"Q{k:02d}",
    )


def load_city(
    ctx: DemoContext, *, districts: int = 24, units: int = 200, members: int = 60, log=None
):
    """``seed_demo --scale city``: a synthetic city federation with `districts` district
    federations of `units` CĐCS of `members` members each (24 × 200 × 60 = 288,000), the
    live campaign issued by the city, made by every district from the city's plan and by
    every CĐCS from its district's (the synthetic district's builder, demo/district.py,
    once per district: people and memberships in bulk). Returns a JSON-safe summary."""
    import time

    from demo.district import load_district
    from portal.models import Membership, OrgUnit, Role, User

    city = OrgUnit(
        code=SCALE_CITY_CODE,
        name=SCALE_CITY_NAME,
        short_name="LĐLĐ",
        kind=OrgUnit.Kind.CITY_FEDERATION,
        place="Thành phố Mô Phỏng",
    )
    city.save()
    staff = User(
        username=SCALE_STAFF_USERNAME, full_name="Lê Thị Hồng Nhung", password=ctx.password_hash
    )
    staff.save()
    Membership.objects.create(
        user=staff, unit=city, role=Role.FEDERATION_STAFF, position="Chuyên viên"
    )
    plan = city_plan(ctx, city)
    for k in range(1, districts + 1):
        started = time.monotonic()
        load_district(
            ctx,
            units=units,
            members=members,
            naming=district_naming(k),
            parent=city,
            parent_plan=plan,
        )
        if log:
            log(f"district {k}/{districts} loaded in {time.monotonic() - started:.1f} s")
    return {
        "city": SCALE_CITY_CODE,
        "plan": plan.pk,
        "districts": districts,
        "units_per_district": units,
        "members_per_unit": members,
    }
