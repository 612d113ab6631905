"""Awards imported with a members' sheet join the award history, and the history gates
count them: a chair who imports last year's "Lao động tiên tiến" sees it pass the
"đạt LĐTT năm trước" condition."""

import importlib

import pytest
from django.apps import apps as global_apps

from nominations.gates import evaluate
from nominations.models import AwardRecord, HistoryCondition
from nominations.selectors.reviews import member_facts
from portal.models import PastAward
from portal.services import imports
from tests.factories import PlanFactory, TitleFactory
from tests.portal.sheets import upload, xlsx

pytestmark = pytest.mark.django_db

HEADERS = ["Họ và tên", "Năm", "Danh hiệu", "Số quyết định"]
ROWS = [
    ["Lê Văn Bob", 2025, "Lao động tiên tiến", "45/QĐ-CĐCS"],
    ["Người Đã Nghỉ", 2024, "Chiến sĩ thi đua cơ sở", ""],
]


def import_awards(union, actor, rows=ROWS):
    sheet = upload(xlsx(rows, headers=HEADERS), "kt.xlsx")
    started = imports.start_import(unit=union, actor=actor, upload=sheet, kind="awards")
    return imports.confirm_import(member_import=started, actor=actor)


def test_imported_awards_are_in_the_history_once(union, alice, bob):
    import_awards(union, alice)
    import_awards(union, alice)  # the same sheet again changes nothing

    records = AwardRecord.objects.order_by("year")
    assert [
        (r.person, r.full_name, r.year, r.school_year, r.title_name, r.decision_text, r.source)
        for r in records
    ] == [
        (None, "Người Đã Nghỉ", 2024, "2023-2024", "Chiến sĩ thi đua cơ sở", "", "imported"),
        (bob, "Lê Văn Bob", 2025, "2024-2025", "Lao động tiên tiến", "45/QĐ-CĐCS", "imported"),
    ]
    assert {r.past_award_id for r in records} == set(PastAward.objects.values_list("pk", flat=True))


def test_history_gate_counts_an_imported_award(union, alice, bob):
    plan = PlanFactory(issuer=union, year=2025, school_year="2025-2026")
    title = TitleFactory(plan=plan, name="Chiến sĩ thi đua cơ sở")
    HistoryCondition.objects.create(title=title, kind="previous", award_name="Lao động tiên tiến")
    assert not evaluate(title, None, [], member_facts(plan, [bob.pk])[bob.pk]).passed

    import_awards(union, alice)

    assert evaluate(title, None, [], member_facts(plan, [bob.pk])[bob.pk]).passed


def test_a_failed_import_leaves_no_history(union, alice):
    bad = [["Lê Văn Bob", "năm ngoái", "LĐTT", ""]]
    import_awards(union, alice, bad)
    assert not AwardRecord.objects.exists()


def test_migration_copies_awards_imported_before_the_history(union, alice, bob):
    PastAward.objects.create(unit=union, user=bob, full_name="Lê Văn Bob", year=2023, title="LĐTT")
    migration = importlib.import_module("nominations.migrations.0008_copy_past_awards")

    migration.copy(global_apps, None)
    migration.copy(global_apps, None)  # runs twice without copying twice

    record = AwardRecord.objects.get()
    assert (record.person, record.title_key, record.school_year) == (bob, "ldtt", "2022-2023")
