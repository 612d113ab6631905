"""Award history, a decision and funds (W11).

- Sen Hồng's members' titles of 2021–2023 (school years 2020-2021 to 2022-2023), as the
  rows of a sheet the chair imports (``source=imported``, the old decision's number as text);
  the seed-000 plan's individual titles read them ("năm 2022 đạt LĐTT": the school year
  before 2022-2023).
- Sen Hồng's decision of 10/7/2024 for school year 2023-2024 (lương cơ sở 2.340.000 đ),
  paid from its fund of 2024, which has an allocation; Gò Vấp's fund with an allocation.
"""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from campaigns.models import Target
from demo.context import DemoContext
from nominations.models import AwardAuthority, Fund, FundMovement, HistoryCondition
from nominations.services.decisions import Awardee, _issue
from portal.services import imports

LDTT = "Lao động tiên tiến"
CSTD = "Chiến sĩ thi đua cơ sở"
# username -> titles per calendar year (the school year ending that year)
IMPORTED = {
    "chutich_senhong": {2021: [LDTT], 2022: [LDTT, CSTD], 2023: [LDTT]},
    "bch_senhong": {2021: [LDTT], 2022: [LDTT], 2023: [LDTT]},
    "doanvien_senhong": {2021: [LDTT], 2023: [LDTT]},  # 2022 missing: the gate shows it
    "senhong01": {2022: [LDTT], 2023: [LDTT]},
}
DECIDED = [("chutich_senhong", CSTD), ("bch_senhong", LDTT), ("doanvien_senhong", LDTT)]
SIGNED = dt.date(2024, 7, 10)


def history_sheet(ctx: DemoContext) -> bytes:
    """The sheet a chair keeps of the union's awards: họ và tên, năm, danh hiệu, số QĐ."""
    book = Workbook()
    sheet = book.active
    sheet.append(["Họ và tên", "Năm", "Danh hiệu", "Số quyết định"])
    for username, years in IMPORTED.items():
        name = ctx.user(username).full_name
        for year, titles in years.items():
            for title in titles:
                sheet.append([name, year, title, f"{year % 100:02d}/QĐ-CĐCS ngày 25/5/{year}"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def import_history(senhong, chair, ctx: DemoContext) -> None:
    """Sen Hồng's titles of 2021–2023, imported as a chair would from the sheet; the
    import copies them into the award history (``AwardRecord``, source "imported")."""
    upload = SimpleUploadedFile(
        "khen-thuong-2021-2023.xlsx",
        history_sheet(ctx),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    started = imports.start_import(unit=senhong, actor=chair, upload=upload, kind="awards")
    imports.confirm_import(member_import=started, actor=chair)


def load(ctx: DemoContext) -> None:
    # The rules are loaded by a data migration; ``seed_demo --reset`` flushes every table,
    # so load them again when they are gone.
    if not AwardAuthority.objects.exists():
        from importlib import import_module

        from django.apps import apps

        import_module("nominations.migrations.0006_reward_rules_config").load(apps, None)
    senhong = ctx.unit("mn-senhong")
    govap = ctx.unit("ldld-govap")
    chair = ctx.user("chutich_senhong")
    import_history(senhong, chair, ctx)
    seed000 = ctx.plan("senhong-2023-so-ket")
    for title in seed000.titles.filter(target=Target.INDIVIDUAL):
        HistoryCondition.objects.create(
            title=title, kind=HistoryCondition.Kind.PREVIOUS_YEAR, award_name=LDTT
        )
    # Funds: Sen Hồng's of 2024 (opening and an allocation), Gò Vấp's of this year.
    Fund.objects.create(unit=senhong, year=2024, opening=1_200_000)
    FundMovement.objects.create(
        fund=Fund.objects.get(unit=senhong, year=2024),
        kind=FundMovement.Kind.ALLOCATION,
        amount=4_000_000,
        on=dt.date(2024, 1, 15),
        note="Trích từ kinh phí công đoàn năm 2024",
        created_by=chair,
    )
    Fund.objects.create(unit=govap, year=ctx.today.year, opening=15_000_000)
    FundMovement.objects.create(
        fund=Fund.objects.get(unit=govap, year=ctx.today.year),
        kind=FundMovement.Kind.ALLOCATION,
        amount=30_000_000,
        on=dt.date(ctx.today.year, 1, 10),
        note=f"Trích lập quỹ thi đua, khen thưởng năm {ctx.today.year}",
        created_by=ctx.user("ldld_govap"),
    )
    awardees = [
        (
            "unit",
            Awardee(
                name=ctx.user(u).full_name,
                title_name=t,
                target=Target.INDIVIDUAL,
                person=ctx.user(u),
            ),
        )
        for u, t in DECIDED
    ]
    # Not from a list in the portal (the campaign of 2023-2024 predates it): the demo
    # issues it through the same numbering, money, fund and history code.
    _issue(
        issuer=senhong,
        plan=None,
        awardees=awardees,
        actor=chair,
        issued_on=SIGNED,
        effective_on=SIGNED,
        signer_title="Chủ tịch",
        signer_name=chair.full_name,
        override=False,
        now=ctx.now,
    )
