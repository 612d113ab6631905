"""Reads for nomination lists (the list, its groups, objections, the printed rows)."""

from dataclasses import dataclass
from itertools import groupby

from nominations.models import ListEntry, NominationList


def list_of(plan) -> NominationList | None:
    return NominationList.objects.filter(plan=plan).select_related("finalised_by").first()


@dataclass(frozen=True)
class EntryGroup:
    title: object
    entries: list[ListEntry]


def list_groups(nomination_list: NominationList) -> list[EntryGroup]:
    """The list's entries per title (and so per level), in list order, in one query."""
    entries = nomination_list.entries.select_related(
        "nomination__title", "nomination__nominee", "nomination__collective", "nomination__dossier"
    ).order_by("order", "id")
    return [
        EntryGroup(title, list(rows))
        for title, rows in groupby(entries, key=lambda e: e.nomination.title)
    ]


def objections_of(nomination_list: NominationList):
    return nomination_list.objections.select_related(
        "author", "answered_by", "entry__nomination__nominee", "entry__nomination__collective"
    )


@dataclass(frozen=True)
class ListRow:
    """One line of the printed nomination list (DESIGN.md §5): STT, họ và tên, chức vụ /
    đơn vị, thành tích, danh hiệu đề nghị, tỷ lệ phiếu."""

    number: int
    name: str
    position: str
    unit: str
    achievements: str
    title: str
    level: str
    approve: int
    base: int
    share_text: str


def list_document_rows(nomination_list: NominationList) -> list[ListRow]:
    """Plain rows for a renderer (reports/ owns the PDF and XLSX), in list order."""
    from fractions import Fraction

    from nominations.passrule import percent
    from portal.models import Membership

    entries = list(
        nomination_list.entries.select_related(
            "nomination__title", "nomination__nominee", "nomination__collective"
        ).order_by("order", "id")
    )
    unit = nomination_list.plan.issuer
    positions = dict(
        Membership.objects.current()
        .filter(unit=unit, user_id__in=[e.nomination.nominee_id for e in entries])
        .exclude(position="")
        .values_list("user_id", "position")
    )
    rows = []
    for number, entry in enumerate(entries, start=1):
        n = entry.nomination
        share = Fraction(entry.approve, entry.base) if entry.base else Fraction(0)
        rows.append(
            ListRow(
                number=number,
                name=n.nominee_name,
                position=positions.get(n.nominee_id, "") if n.nominee_id else "",
                unit=n.collective.name if n.collective_id else unit.name,
                achievements=n.achievements,
                title=n.title.name,
                level=str(n.title.get_level_display()),
                approve=entry.approve,
                base=entry.base,
                share_text=f"{entry.approve}/{entry.base} ({percent(share)})",
            )
        )
    return rows
