"""The nomination list (danh sách đề nghị) and the certificates (giấy khen) of its awardees, as
frozen data for the PDF templates."""

from dataclasses import dataclass

from django.utils import timezone

from campaigns.models import Milestone, Plan
from nominations.models import NominationList
from nominations.selectors.lists import dropped_nominations, list_groups, list_of
from portal.vietnamese import format_date_long, name_sort_key
from reports.builders.documents import (
    DOC_TYPE_NAMES,
    DocumentHeader,
    Signature,
    body_and_name,
    paragraphs,
    recipient_lines,
    roman,
)
from reports.builders.nominations import (
    _header,
    _local_date,
    _lower_first,
    _person,
    _plan,
    _plan_citation,
    _signature,
    own_level,
    positions,
    share_text,
)

# --- the nomination list -----------------------------------------------------------------


@dataclass(frozen=True)
class ListRow:
    number: int
    name: str
    position: str
    achievements: tuple[str, ...]
    title: str
    votes: str  # "6/7"
    share: str  # "85,7%"


@dataclass(frozen=True)
class ListGroup:
    numeral: str  # "I"
    heading: str  # "Danh hiệu “Lao động tiên tiến” (Cấp cơ sở / cấp trường)"
    rows: tuple[ListRow, ...]


@dataclass(frozen=True)
class NominationListDocument:
    header: DocumentHeader
    doc_type: str
    title: str
    reference: str
    groups: tuple[ListGroup, ...]
    people: int
    collectives: int
    published: str  # "Đã công khai ngày 25 tháng 3 năm 2023" or ""
    recipients: tuple[str, ...]
    signature: Signature
    # Passed their own vote but left off: the title they require failed ("name — title: why").
    dropped: tuple[str, ...] = ()


def build_nomination_list(plan_id: int) -> NominationListDocument | None:
    """The finalised nomination list of a plan, per title, names in Vietnamese order;
    None when the chair has not finalised it yet."""
    plan = _plan(plan_id)
    nomination_list = list_of(plan)
    if nomination_list is None:
        return None
    groups = list_groups(nomination_list)
    entries = [e for g in groups for e in g.entries]
    where = positions(plan.issuer, {e.nomination.nominee_id for e in entries} - {None})
    doc_groups = []
    number = 0
    for numeral, group in enumerate(groups, start=1):
        rows = []
        for entry in sorted(group.entries, key=lambda e: name_sort_key(e.nomination.nominee_name)):
            number += 1
            person = _person(entry.nomination, where)
            rows.append(
                ListRow(
                    number=number,
                    name=person.name,
                    position=person.position,
                    achievements=paragraphs(entry.nomination.achievements),
                    title=group.title.name,
                    votes=f"{entry.approve}/{entry.base}",
                    share=share_text(entry.share),
                )
            )
        heading = f"Danh hiệu “{group.title.name}” ({group.title.get_level_display()})"
        doc_groups.append(ListGroup(roman(numeral), heading, tuple(rows)))
    collectives = sum(1 for e in entries if e.nomination.is_collective)
    published = ""
    if nomination_list.status == NominationList.Status.PUBLISHED and nomination_list.published_at:
        day = _local_date(nomination_list.published_at)
        published = f"Danh sách đã được công khai {format_date_long(day)}"
    return NominationListDocument(
        header=_header(plan, "DS", _local_date(nomination_list.finalised_at)),
        doc_type=DOC_TYPE_NAMES["DS"],
        title="Cá nhân, tập thể đề nghị khen thưởng",
        reference=f"Thực hiện {_plan_citation(plan)}.",
        groups=tuple(doc_groups),
        people=len(entries) - collectives,
        collectives=collectives,
        published=published,
        recipients=recipient_lines([plan.parent.issuer.name if plan.parent_id else "", "Lưu: VT"]),
        signature=_signature(plan),
        dropped=tuple(
            f"{n.nominee_name} — {n.title.name}: {n.dropped_reason}"
            for n in dropped_nominations(plan)
        ),
    )


# --- awardees and their certificates ------------------------------------------------------


@dataclass(frozen=True)
class Awardee:
    number: int  # the order the ceremony calls them
    name: str
    position: str
    title: str
    is_collective: bool


@dataclass(frozen=True)
class Certificates:
    issuer_body: str  # "BAN CHẤP HÀNH CĐCS TRƯỜNG MN SEN HỒNG"
    parent_line: str
    plan_title: str
    achievement_line: str  # "Đã có thành tích trong sơ kết 02 năm thực hiện …"
    place_date: str
    awardees: tuple[Awardee, ...]
    signature: Signature
    decision_line: str = ""  # "Số: 01/QĐ-CĐCS-MNSH ngày 28/11/2026"
    unit_id: int | None = None  # the issuer: its audit chain's head is in the footer


def awardees_of(plan: Plan, *, published_only: bool = False) -> tuple[Awardee, ...]:
    """The people and collectives the plan's issuer awards itself: those on its
    finalised list for a title of its own level, by title, collectives first, then in
    Vietnamese name order — the order the ceremony calls them. With `published_only`,
    nobody until the list has been made public (công khai) to the unit."""
    nomination_list = list_of(plan)
    if nomination_list is None:
        return ()
    if published_only and nomination_list.status != NominationList.Status.PUBLISHED:
        return ()
    level = own_level(plan.issuer)
    entries = [e for g in list_groups(nomination_list) if g.title.level == level for e in g.entries]
    where = positions(plan.issuer, {e.nomination.nominee_id for e in entries} - {None})
    entries.sort(
        key=lambda e: (
            e.nomination.title.order,
            e.nomination.title_id,
            e.nomination.is_collective is False,
            name_sort_key(e.nomination.nominee_name),
        )
    )
    awardees = []
    for number, entry in enumerate(entries, start=1):
        person = _person(entry.nomination, where)
        awardees.append(
            Awardee(
                number,
                person.name,
                person.position,
                entry.nomination.title.name,
                entry.nomination.is_collective,
            )
        )
    return tuple(awardees)


def _decision_awardees(decision) -> tuple[Awardee, ...]:
    """The lines of the award decision still in force, numbered by their serial in it."""
    entries = list(decision.entries.filter(action="award", revocations=None).order_by("serial"))
    where = positions(decision.issuer, {e.person_id for e in entries} - {None})
    return tuple(
        Awardee(
            e.serial,
            e.name,
            e.position or where.get(e.person_id, ""),
            e.title_name,
            e.collective_id is not None,
        )
        for e in entries
    )


def build_certificates(plan_id: int) -> Certificates | None:
    """A giấy khen per awardee. Once the plan has its award decision, the awardees are its
    lines (not revoked), each certificate carrying the decision's number, date and the
    line's serial, dated the decision's day; before that, the list's awardees, dated the
    ceremony's day (else today). None when nobody is awarded at the plan's own level."""
    plan = _plan(plan_id)
    decision = plan.decisions.filter(kind="award").select_related("issuer").first()
    if decision is not None:
        awardees = _decision_awardees(decision)
        day = decision.issued_on
        decision_line = f"Số: {decision.symbol} ngày {decision.issued_on:%d/%m/%Y}"
    else:
        awardees = awardees_of(plan)
        ceremony = (
            plan.milestones.filter(kind=Milestone.Kind.CEREMONY).order_by("starts_at").first()
        )
        day = _local_date(ceremony.starts_at) if ceremony else timezone.localdate()
        decision_line = ""
    if not awardees:
        return None
    header = _header(plan, "QĐ", day)
    return Certificates(
        unit_id=plan.issuer_id,
        issuer_body=body_and_name(plan.signing_body, plan.issuer),
        parent_line=plan.issuer.parent.name.upper() if plan.issuer.parent_id else "",
        plan_title=plan.title,
        achievement_line=f"Đã có thành tích xuất sắc trong {_lower_first(plan.title)}",
        place_date=header.place_date,
        awardees=awardees,
        signature=Signature(
            on_behalf=_signature(plan).on_behalf,
            title=decision.signer_title.upper(),
            name=decision.signer_name,
        )
        if decision is not None
        else _signature(plan),
        decision_line=decision_line,
    )
