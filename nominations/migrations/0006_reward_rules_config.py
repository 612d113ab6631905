"""Today's rules for decisions and reward money, as dated configuration rows (DESIGN.md
§4b): who may award what, lương cơ sở, coefficients and rounding. Values whose text was
not checked against the source in this change are marked ``is_demo_value``."""

import datetime as dt
from decimal import Decimal

from django.db import migrations

LAW = dt.date(2024, 1, 1)  # Luật Thi đua, khen thưởng 2022 in force
ND98 = "Nghị định 98/2023/NĐ-CP (mức thưởng × lương cơ sở; làm tròn lên hàng chục nghìn đồng)"
UNION = "Quy chế khen thưởng của tổ chức công đoàn (giá trị minh họa)"

AUTHORITIES = [
    ("grassroots_union", "unit", "BCH CĐCS: giấy khen và danh hiệu cấp cơ sở của đơn vị mình"),
    ("district_federation", "district", "LĐLĐ quận/huyện: giấy khen, danh hiệu cấp quận"),
    ("sector_union", "sector", "Công đoàn ngành: giấy khen, danh hiệu cấp ngành"),
    ("city_federation", "province", "LĐLĐ tỉnh/thành phố: bằng khen, danh hiệu cấp tỉnh"),
]
BASE = [
    (dt.date(2023, 7, 1), dt.date(2024, 6, 30), 1_800_000, "Nghị định 24/2023/NĐ-CP"),
    (dt.date(2024, 7, 1), None, 2_340_000, "Nghị định 73/2024/NĐ-CP"),
]
# (name, target, coefficient, source, demo value?)
RATES = [
    ("Lao động tiên tiến", "individual", "0.3", ND98 + ", Điều 73", True),
    ("Chiến sĩ thi đua cơ sở", "individual", "1.0", ND98 + ", Điều 73", True),
    ("Tập thể lao động tiên tiến", "collective", "0.8", ND98 + ", Điều 73", True),
    ("Tập thể lao động xuất sắc", "collective", "1.5", ND98 + ", Điều 73", True),
    ("Giấy khen", "individual", "0.3", ND98 + ", Điều 75", True),
    ("Giấy khen", "collective", "0.6", ND98 + ", Điều 75", True),
    ("Gương điển hình tiên tiến cấp Quận", "individual", "0.3", UNION, True),
]


def load(apps, schema_editor):
    AwardAuthority = apps.get_model("nominations", "AwardAuthority")
    BaseSalary = apps.get_model("nominations", "BaseSalary")
    RewardRate = apps.get_model("nominations", "RewardRate")
    for kind, level, source in AUTHORITIES:
        AwardAuthority.objects.create(unit_kind=kind, level=level, source=source, valid_from=LAW)
    for start, end, amount, source in BASE:
        BaseSalary.objects.create(valid_from=start, valid_to=end, amount=amount, source=source)
    for name, target, coefficient, source, demo in RATES:
        RewardRate.objects.create(
            award_name=name,
            target=target,
            coefficient=Decimal(coefficient),
            round_to=10_000,
            rounding="up",
            source=source,
            is_demo_value=demo,
            valid_from=LAW,
        )


def unload(apps, schema_editor):
    for name in ("AwardAuthority", "BaseSalary", "RewardRate"):
        apps.get_model("nominations", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("nominations", "0005_decisions_history_funds")]

    operations = [migrations.RunPython(load, unload)]
