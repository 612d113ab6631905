"""The shared pieces of the nominations' documents (nomination list, minutes, dossier,
certificates): people and their positions, the heading, the signature, number texts."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from campaigns.models import Plan, Title
from portal.models import UNION_MEMBER_ROLES, Membership, OrgUnit, Role
from portal.vietnamese import format_number, format_percent
from reports.builders.documents import (
    DocumentHeader,
    Signature,
    build_header,
    build_signature,
    cite,
    document_symbol,
)

# Which level of title a unit confers itself (its certificates); higher titles go up in
# a dossier and the unit above awards them.
OWN_LEVEL = {
    OrgUnit.Kind.CITY_FEDERATION: Title.Level.PROVINCE,
    OrgUnit.Kind.DISTRICT_FEDERATION: Title.Level.DISTRICT,
    OrgUnit.Kind.SECTOR_UNION: Title.Level.SECTOR,
}
ROLE_RANK = {
    Role.CHAIR: 0,
    Role.VICE_CHAIR: 1,
    Role.FEDERATION_STAFF: 2,
    Role.BCH_MEMBER: 3,
    Role.MEMBER: 4,
}
CHOICE_LABELS = {"approve": "Đồng ý", "disapprove": "Không đồng ý", "abstain": "Không biểu quyết"}


def share_text(value) -> str:
    """0.8571 or Fraction(6, 7) -> "85,7%"; 0.8 -> "80%" (one decimal, decimal comma)."""
    return format_percent(value)


def number_text(value) -> str:
    """Decimal("85.50") -> "85,5"; None -> "—"."""
    return format_number(value)


def own_level(unit: OrgUnit) -> str:
    return OWN_LEVEL.get(unit.kind, Title.Level.UNIT)


# --- shared pieces -----------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    name: str
    position: str  # "Giáo viên, Tổ Chồi" (chức vụ / đơn vị)


def _plan(plan_id: int) -> Plan:
    return Plan.objects.select_related("issuer__parent", "parent__issuer").get(pk=plan_id)


def _signature(plan: Plan) -> Signature:
    return build_signature(
        plan.issuer,
        signing_mode=plan.signing_mode,
        signing_body=plan.signing_body,
        title=plan.signer_title,
        name=plan.signer_name,
    )


def _header(plan: Plan, doc_type: str, day: dt.date | None, *, numbered=False) -> DocumentHeader:
    return build_header(
        plan.issuer,
        doc_type=doc_type,
        number=None,
        place=plan.place,
        day=day,
        year=plan.year,
        numbered=numbered,
    )


def _plan_citation(plan: Plan) -> str:
    symbol = document_symbol(plan.issuer, plan.doc_type, plan.number, plan.symbol_override)
    return f"{cite(plan.doc_type, symbol, plan.issued_on, plan.issuer.name)} về {plan.title}"


def _local_date(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(moment).date() if moment else None


def positions(unit: OrgUnit, user_ids) -> dict[int, str]:
    """ "chức vụ / đơn vị" of each person in `unit` or below it, in one query: their
    stated position (else their role), their union group, and their union when it is not
    `unit` itself."""
    rows = (
        Membership.objects.current()
        .filter(user_id__in=list(user_ids), unit__path__startswith=unit.path)
        .filter(role__in=(*UNION_MEMBER_ROLES, Role.FEDERATION_STAFF))
        .select_related("unit", "group")
    )
    best: dict[int, Membership] = {}
    for row in rows:
        held = best.get(row.user_id)
        if held is None or ROLE_RANK.get(row.role, 9) < ROLE_RANK.get(held.role, 9):
            best[row.user_id] = row
    result = {}
    for user_id, row in best.items():
        parts = [row.position or str(row.get_role_display())]
        if row.group_id:
            parts.append(row.group.name)
        if row.unit_id != unit.pk:
            parts.append(row.unit.name)
        result[user_id] = ", ".join(parts)
    return result


def _person(nomination, where: dict[int, str]) -> Person:
    if nomination.is_collective:
        collective = nomination.collective
        return Person(collective.name, "Tập thể")
    return Person(str(nomination.nominee), where.get(nomination.nominee_id, ""))


def _lower_first(text: str) -> str:
    """ "Bình chọn …" -> "bình chọn …"; an abbreviation ("BCH …") stays as it is."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]
