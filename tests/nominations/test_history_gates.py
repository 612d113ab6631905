"""Gates that read award history: "đạt X năm trước", "N năm liên tục", "chưa được khen Y
trong N năm", in school years or calendar years as the plan says."""

import pytest

from nominations.gates import HistoryEntry, HistoryRule, Period, evaluate, history_failures
from nominations.models import AwardRecord, HistoryCondition
from nominations.selectors.reviews import member_facts
from portal.vietnamese import fold
from tests.factories import PlanFactory, TitleFactory

LDTT = "Lao động tiên tiến"
PREVIOUS = HistoryRule("previous", fold(LDTT), LDTT, 1)


def entry(year, school_start, name=LDTT):
    return HistoryEntry(fold(name), year, school_start)


def test_previous_school_year_across_the_calendar_boundary():
    # Awarded in December 2024 for school year 2024-2025: for the plan of 2025-2026 that
    # is the previous school year, though its calendar year is two before 2026.
    history = (entry(2024, 2024),)
    assert history_failures([PREVIOUS], history, Period(2025, school_years=True)) == []
    # Counted in calendar years (a plan of 2026) the same award is not "last year".
    failures = history_failures([PREVIOUS], history, Period(2026, school_years=False))
    assert failures == ["Chưa đạt “Lao động tiên tiến” năm trước (2025); hồ sơ có: 2024"]


def test_previous_school_year_missing_names_years_found():
    history = (entry(2023, 2022), entry(2024, 2023, "Chiến sĩ thi đua cơ sở"))
    failures = history_failures([PREVIOUS], history, Period(2024, school_years=True))
    assert failures == [
        "Chưa đạt “Lao động tiên tiến” năm học trước (2023-2024); hồ sơ có: 2022-2023"
    ]


def test_consecutive_years():
    rule = HistoryRule("consecutive", fold(LDTT), LDTT, 3)
    full = (entry(2022, 2021), entry(2023, 2022), entry(2024, 2023))
    assert history_failures([rule], full, Period(2024, school_years=True)) == []
    gap = (entry(2022, 2021), entry(2024, 2023))
    (failure,) = history_failures([rule], gap, Period(2024, school_years=True))
    assert "3 năm học liên tục (2021-2022 – 2023-2024)" in failure
    assert "thiếu 2022-2023" in failure and "hồ sơ có: 2021-2022, 2023-2024" in failure


def test_not_awarded_within_years():
    rule = HistoryRule("not_within", fold("Giấy khen"), "Giấy khen", 2)
    assert history_failures([rule], (entry(2021, 2021, "Giấy khen"),), Period(2024, False)) == []
    failures = history_failures([rule], (entry(2023, 2023, "giấy khen"),), Period(2024, False))
    assert failures == ["Đã được khen “Giấy khen” trong 2 năm gần đây: 2023"]


@pytest.mark.django_db
def test_gate_reads_the_record_and_ignores_revoked_or_other_people(union, bob, alice):
    plan = PlanFactory(issuer=union, year=2025, school_year="2025-2026")
    title = TitleFactory(plan=plan, name="Chiến sĩ thi đua cơ sở")
    HistoryCondition.objects.create(title=title, kind="previous", award_name=LDTT)
    AwardRecord.objects.create(
        unit=union,
        person=alice,
        full_name="Alice",
        title_name=LDTT,
        year=2025,
        school_year="2024-2025",
        source=AwardRecord.Source.IMPORTED,
    )
    facts = member_facts(plan, [bob.pk, alice.pk])
    assert evaluate(title, None, [], facts[alice.pk]).passed
    failures = evaluate(title, None, [], facts[bob.pk]).failures
    assert failures == [
        "Chưa đạt “Lao động tiên tiến” năm học trước (2024-2025); hồ sơ có: không có năm nào"
    ]
    AwardRecord.objects.create(
        unit=union,
        person=bob,
        full_name="Bob",
        title_name="lao dong tien tien",
        year=2025,
        school_year="2024-2025",
        source=AwardRecord.Source.IMPORTED,
        decision_text="05/QĐ-CĐCS ngày 30/5/2025",
    )
    facts = member_facts(plan, [bob.pk])
    assert evaluate(title, None, [], facts[bob.pk]).passed
