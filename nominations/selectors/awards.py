"""Reads of award history: a person's or a unit's record year by year, and the facts
the history gates need."""

from collections import defaultdict
from dataclasses import dataclass

from nominations.gates import HistoryEntry, HistoryRule, Period
from nominations.models import AwardRecord, HistoryCondition
from portal.vietnamese import fold, format_short_date


def plan_period(plan) -> Period:
    """The year `plan` judges: its school year when it names one, else its year."""
    if plan.school_year and plan.school_year[:4].isdigit():
        return Period(int(plan.school_year[:4]), school_years=True)
    return Period(plan.year, school_years=False)


def counted(qs):
    """Records the gates count: not revoked by a correction."""
    return qs.exclude(entry__revocations__isnull=False)


def history_rules(plan) -> dict[int, tuple[HistoryRule, ...]]:
    rules = defaultdict(list)
    for c in HistoryCondition.objects.filter(title__plan=plan).order_by("id"):
        rules[c.title_id].append(HistoryRule(c.kind, fold(c.award_name), c.award_name, c.years))
    return {k: tuple(v) for k, v in rules.items()}


def history_by_person(member_ids) -> dict[int, tuple[HistoryEntry, ...]]:
    result = defaultdict(list)
    rows = counted(AwardRecord.objects.filter(person_id__in=list(member_ids))).values_list(
        "person_id", "title_key", "year", "school_year"
    )
    for person_id, key, year, school_year in rows:
        result[person_id].append(HistoryEntry(key, year, int(school_year[:4])))
    return {k: tuple(v) for k, v in result.items()}


def records_of_person(user):
    return (
        AwardRecord.objects.filter(person=user)
        .select_related("entry__decision__issuer", "unit")
        .prefetch_related("entry__revocations__decision__issuer")
        .order_by("-school_year", "-year", "title_name")
    )


def records_of_unit(unit):
    """Every record kept by `unit` (its members' and its own), and by the units below it."""
    return (
        AwardRecord.objects.filter(unit__path__startswith=unit.path)
        .select_related("entry__decision__issuer", "unit", "person")
        .prefetch_related("entry__revocations__decision__issuer")
        .order_by("-school_year", "-year", "unit__name", "full_name", "title_name")
    )


@dataclass(frozen=True)
class HistoryRow:
    school_year: str
    year: int
    name: str
    unit: str
    title: str
    source: str  # "Quyết định số 01/QĐ-… ngày …" or the imported text
    decision_id: int | None
    revoked_by: str  # "Thu hồi theo Quyết định số …" or ""


def _source(record: AwardRecord) -> tuple[str, int | None, str]:
    if record.entry_id is None:
        text = "Nhập từ danh sách cũ"
        if record.decision_text:
            text += f" (Quyết định số {record.decision_text})"
        return text, None, ""
    decision = record.entry.decision
    revoked = ""
    for revocation in record.entry.revocations.all():
        amending = revocation.decision
        revoked = (
            f"Đã thu hồi theo Quyết định số {amending.symbol} ngày "
            f"{format_short_date(amending.issued_on)}"
        )
    return (
        f"Quyết định số {decision.symbol} ngày {format_short_date(decision.issued_on)}",
        decision.pk,
        revoked,
    )


def history_rows(records) -> list[HistoryRow]:
    rows = []
    for record in records:
        source, decision_id, revoked = _source(record)
        rows.append(
            HistoryRow(
                record.school_year,
                record.year,
                record.full_name,
                record.unit.name,
                record.title_name,
                source,
                decision_id,
                revoked,
            )
        )
    return rows


def person_history(user) -> list[HistoryRow]:
    return history_rows(records_of_person(user))


def unit_history(unit) -> list[HistoryRow]:
    return history_rows(records_of_unit(unit))
