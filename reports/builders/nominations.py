"""The documents that follow from the nominations, as plain data for the PDF templates:
the nomination list (danh sách đề nghị), the minutes of the BCH's review meeting and of
each vote round (biên bản), the dossier of a forwarded nominee (tờ trình, báo cáo thành
tích, biên bản bình xét — Điều 84 Luật Thi đua, khen thưởng 2022) and a certificate
(giấy khen) per awardee; and the awardees in the order the ceremony calls them.

Callers have passed the permission policy for the plan, round or dossier; the builders
read what the document prints through the nominations selectors, each in a fixed number
of queries whatever the number of nominees.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils import timezone

from campaigns.models import Milestone, Plan, SelfReport, Target, Title
from nominations.consolidation import consolidate
from nominations.gates import evaluate
from nominations.models import Dossier, NominationList, OpenVote, VoteRound
from nominations.permissions.common import committee_roles
from nominations.selectors.dossiers import dossier_contents
from nominations.selectors.lists import list_groups, list_of
from nominations.selectors.reviews import (
    individual_criteria,
    member_facts,
    review_of,
    score_rows,
)
from nominations.selectors.votes import tally
from portal.models import UNION_MEMBER_ROLES, Membership, OrgUnit, Role
from portal.vietnamese import format_date_long, format_deadline, name_sort_key
from reports.builders.documents import (
    DOC_TYPE_NAMES,
    DocumentHeader,
    Signature,
    build_header,
    build_signature,
    cite,
    document_symbol,
    paragraphs,
    recipient_lines,
    roman,
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
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    rounded = (Decimal(value) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{rounded:f}".removesuffix(".0").replace(".", ",") + "%"


def number_text(value) -> str:
    """Decimal("85.50") -> "85,5"; None -> "—"."""
    if value is None:
        return "—"
    return format(Decimal(value).normalize(), "f").replace(".", ",")


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
    )


# --- the minutes of the review meeting -----------------------------------------------------


@dataclass(frozen=True)
class Attendee:
    name: str
    role: str
    present: bool


@dataclass(frozen=True)
class RankedRow:
    rank: int
    name: str
    position: str
    reviewers: int
    mean: str  # "85,5"
    median: str
    eligible: str  # the titles whose conditions are met, or "—"


@dataclass(frozen=True)
class CriterionSummary:
    number: int
    text: str
    result: str  # "12/14 báo cáo đạt" / "Trung bình 8,5/10 điểm"


@dataclass(frozen=True)
class EligibleCount:
    title: str
    count: int


@dataclass(frozen=True)
class ReviewMinutes:
    header: DocumentHeader
    doc_type: str
    title: str
    reference: str
    when: str  # "14h00 ngày 23/3/2023"
    place: str
    attendees: tuple[Attendee, ...]
    present: int
    chair: str
    submitted: int
    late: int
    criteria: tuple[CriterionSummary, ...]
    ranking: tuple[RankedRow, ...]
    eligible: tuple[EligibleCount, ...]
    finalised: str  # "Chủ tịch chốt kết quả lúc 16h00 ngày 23/3/2023"
    signature: Signature

    @property
    def absent(self) -> int:
        return len(self.attendees) - self.present


def build_review_minutes(plan_id: int) -> ReviewMinutes | None:
    """The minutes of the BCH's review of the plan's self-reports, once the chair has
    finalised it (None before): who took part, the reports scored, the consolidated result
    per criterion, the ranking and who meets each title's conditions."""
    plan = _plan(plan_id)
    review = review_of(plan, plan.issuer)
    if review is None or not review.is_final:
        return None
    reports = list(
        SelfReport.objects.filter(plan=plan, status=SelfReport.Status.SUBMITTED).select_related(
            "member"
        )
    )
    criteria = individual_criteria(plan)
    titles = list(plan.titles.filter(target=Target.INDIVIDUAL).select_related("prerequisite"))
    rows = score_rows(reports)
    results = consolidate(rows)
    facts = member_facts(plan, [r.member_id for r in reports])
    # Present: whoever scored a report, and the chair who finalised the result.
    attendees = _committee(
        plan.issuer, {row.reviewer_id for row in rows} | {review.finalised_by_id}
    )
    where = positions(plan.issuer, [r.member_id for r in reports])
    ranking, eligible = _ranking(reports, results, criteria, titles, facts, where)
    meeting = (
        plan.milestones.filter(kind=Milestone.Kind.REVIEW_MEETING).order_by("starts_at").first()
    )
    held_at = meeting.starts_at if meeting else review.finalised_at
    chair = next((a.name for a in attendees if a.role == str(Role.CHAIR.label)), plan.signer_name)
    return ReviewMinutes(
        header=_header(plan, "BB", _local_date(held_at)),
        doc_type=DOC_TYPE_NAMES["BB"],
        title=f"Họp Ban Chấp hành xét kết quả thi đua, đề nghị khen thưởng năm {plan.year}",
        reference=f"Thực hiện {_plan_citation(plan)}.",
        when=format_deadline(held_at),
        place=(meeting.place if meeting else "") or plan.issuer.name,
        attendees=attendees,
        present=sum(1 for a in attendees if a.present),
        chair=chair,
        submitted=len(reports),
        late=sum(1 for r in reports if r.is_late),
        criteria=_criteria_summary(criteria, results),
        ranking=ranking,
        eligible=eligible,
        finalised=f"Chủ tịch chốt kết quả bình xét lúc {format_deadline(review.finalised_at)}",
        signature=_signature(plan),
    )


def _committee(unit: OrgUnit, present: set[int]) -> tuple[Attendee, ...]:
    """The unit's committee, chair first, each marked present or not."""
    rows = (
        Membership.objects.current()
        .filter(unit=unit, role__in=committee_roles(unit))
        .select_related("user")
    )
    best: dict[int, Membership] = {}
    for row in rows:
        held = best.get(row.user_id)
        if held is None or ROLE_RANK.get(row.role, 9) < ROLE_RANK.get(held.role, 9):
            best[row.user_id] = row
    ordered = sorted(
        best.values(), key=lambda m: (ROLE_RANK.get(m.role, 9), name_sort_key(str(m.user)))
    )
    return tuple(
        Attendee(str(m.user), str(m.get_role_display()), m.user_id in present) for m in ordered
    )


def _ranking(reports, results, criteria, titles, facts, where):
    scored = []
    for report in reports:
        result = results.get(report.pk)
        gates = [evaluate(t, result, criteria, facts[report.member_id]) for t in titles]
        scored.append((report, result, [g.title.name for g in gates if g.passed]))

    def total(item):
        result = item[1]
        return result.mean_total if result and result.mean_total is not None else Decimal(-1)

    scored.sort(key=lambda item: (-total(item), name_sort_key(str(item[0].member))))
    ranking, previous, rank = [], None, 0
    for position, (report, result, passed) in enumerate(scored, start=1):
        if total((report, result)) != previous:
            rank, previous = position, total((report, result))
        ranking.append(
            RankedRow(
                rank=rank,
                name=str(report.member),
                position=where.get(report.member_id, ""),
                reviewers=result.reviewers if result else 0,
                mean=number_text(result.mean_total if result else None),
                median=number_text(result.median_total if result else None),
                eligible="; ".join(passed) or "—",
            )
        )
    counts = [
        EligibleCount(t.name, sum(1 for _r, _res, passed in scored if t.name in passed))
        for t in titles
    ]
    return tuple(ranking), tuple(counts)


def _criteria_summary(criteria, results) -> tuple[CriterionSummary, ...]:
    lines = []
    for number, criterion in enumerate(criteria, start=1):
        outcomes = [
            r.criteria[criterion.pk] for r in results.values() if criterion.pk in r.criteria
        ]
        if criterion.kind == "points":
            means = [o.mean for o in outcomes if o.mean is not None]
            mean = sum(means) / len(means) if means else None
            text = f"Trung bình {number_text(_cent(mean))}/{number_text(criterion.max_points)} điểm"
        else:
            met = sum(1 for o in outcomes if o.majority == "met")
            text = f"{met}/{len(outcomes)} báo cáo đạt"
        lines.append(CriterionSummary(number, criterion.text.strip().rstrip(".;"), text))
    return tuple(lines)


def _cent(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# --- the minutes of a vote round ---------------------------------------------------------


@dataclass(frozen=True)
class VoteLine:
    number: int
    name: str
    title: str
    approve: int
    disapprove: int
    abstain: int
    base: int
    share: str
    passed: bool


@dataclass(frozen=True)
class OpenVoteLine:
    """One voter's show of hands (open rounds only): "Đồng ý: A, B; Không đồng ý: C"."""

    name: str
    choices: str
    written: bool


@dataclass(frozen=True)
class VoteMinutes:
    header: DocumentHeader
    doc_type: str  # "BIÊN BẢN KIỂM PHIẾU" / "BIÊN BẢN BIỂU QUYẾT"
    title: str
    reference: str
    round_name: str
    is_secret: bool
    mode: str
    electorate_label: str
    opened: str
    closed: str
    electorate: int
    present: int
    absent: int
    cast: int
    written: int
    quorum: str  # "Số người có mặt 6/7 (85,7%), đạt tỷ lệ tối thiểu 66,7%: …"
    quorum_met: bool
    lines: tuple[VoteLine, ...]
    open_votes: tuple[OpenVoteLine, ...]  # empty for a secret round, always
    passed: int
    chair: str
    signature: Signature


def build_vote_minutes(round_id: int) -> VoteMinutes | None:
    """The minutes of a closed vote round (None before the count): attendance, quorum and
    each nominee's result. A secret round's minutes hold counts only — no voter's name;
    an open round lists how each person voted, as a show of hands is recorded."""
    round = VoteRound.objects.select_related("plan__issuer__parent", "plan__parent__issuer").get(
        pk=round_id
    )
    if round.status != VoteRound.Status.CLOSED:
        return None
    plan = round.plan
    result = tally(round)
    rows = sorted(result.rows, key=lambda r: name_sort_key(r.nomination.nominee_name))
    lines = tuple(
        VoteLine(
            number=i,
            name=row.nomination.nominee_name,
            title=row.nomination.title.name,
            approve=row.count.approve,
            disapprove=row.count.disapprove,
            abstain=row.count.abstain,
            base=row.decision.base,
            share=share_text(row.decision.share),
            passed=row.decision.passed,
        )
        for i, row in enumerate(rows, start=1)
    )
    electorate = rows[0].count.electorate if rows else round.electors.count()
    present = round.present_count or 0
    cast = rows[0].count.cast if rows else 0
    written = round.participations.filter(written=True).count()
    quorum_text, quorum_ok = _quorum(rows, present, electorate)
    return VoteMinutes(
        header=_header(plan, "BB", _local_date(round.closes_at)),
        doc_type=f"{DOC_TYPE_NAMES['BB']} {'KIỂM PHIẾU' if round.is_secret else 'BIỂU QUYẾT'}",
        title=round.name,
        reference=f"Thực hiện {_plan_citation(plan)}.",
        round_name=round.name,
        is_secret=round.is_secret,
        mode=str(round.get_mode_display()),
        electorate_label=str(round.get_electorate_display()),
        opened=format_deadline(round.opens_at),
        closed=format_deadline(round.closes_at),
        electorate=electorate,
        present=present,
        absent=max(0, electorate - present),
        cast=cast,
        written=written,
        quorum=quorum_text,
        quorum_met=quorum_ok,
        lines=lines,
        open_votes=() if round.is_secret else _open_votes(round, rows),
        passed=sum(1 for line in lines if line.passed),
        chair=plan.signer_name or str(round.created_by),
        signature=_signature(plan),
    )


def _lower_first(text: str) -> str:
    """ "Bình chọn …" -> "bình chọn …"; an abbreviation ("BCH …") stays as it is."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _quorum(rows, present: int, electorate: int) -> tuple[str, bool]:
    if not electorate:
        return "Không có người bỏ phiếu.", False
    quorums = {row.nomination.title.vote_quorum for row in rows if row.nomination.title.vote_quorum}
    needed = max(quorums) if quorums else Decimal(0)
    share = Fraction(present, electorate)
    met = share >= Fraction(Decimal(needed)) if needed else True
    text = f"Số người có mặt {present}/{electorate} ({share_text(share)})"
    if needed:
        text += f", tỷ lệ tối thiểu {share_text(needed)}"
    verdict = "đủ điều kiện tiến hành biểu quyết" if met else "không đủ điều kiện biểu quyết"
    return f"{text}: {verdict}.", met


def _open_votes(round: VoteRound, rows) -> tuple[OpenVoteLine, ...]:
    names = {str(row.nomination.pk): row.nomination.nominee_name for row in rows}
    votes = sorted(
        OpenVote.objects.filter(round=round).select_related("voter"),
        key=lambda v: name_sort_key(str(v.voter)),
    )
    lines = []
    for vote in votes:
        by_choice = defaultdict(list)
        for nomination_id, name in names.items():
            by_choice[vote.choices.get(nomination_id, "abstain")].append(name)
        text = "; ".join(
            f"{CHOICE_LABELS[c]}: {', '.join(by_choice[c])}" for c in CHOICE_LABELS if by_choice[c]
        )
        lines.append(OpenVoteLine(str(vote.voter), text, vote.written))
    return tuple(lines)


# --- the dossier of a forwarded nominee ----------------------------------------------------


@dataclass(frozen=True)
class AnswerLine:
    number: int
    criterion: str
    assessment: str  # "Đạt" / "8/10 điểm"
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class DossierVote:
    round_name: str
    mode: str
    closed: str
    present: int
    approve: int
    disapprove: int
    abstain: int
    base: int
    share: str


@dataclass(frozen=True)
class OpinionLine:
    body: str
    agree: bool
    note: str


@dataclass(frozen=True)
class DossierDocument:
    header: DocumentHeader  # the tờ trình, numbered
    part_header: DocumentHeader  # the other parts, unnumbered
    doc_type: str
    issuer_name: str
    title: str  # "Về việc đề nghị tặng danh hiệu “…”"
    addressee: str  # "Ban Thường vụ LĐLĐ Quận Gò Vấp"
    bases: tuple[str, ...]
    nominee: Person
    title_name: str
    title_level: str
    is_collective: bool
    achievements: tuple[str, ...]
    narrative: tuple[str, ...]
    answers: tuple[AnswerLine, ...]
    report_date: str
    review_score: str  # "85,5" or ""
    review_reviewers: int
    opinions: tuple[OpinionLine, ...]
    votes: tuple[DossierVote, ...]
    attachments: tuple[str, ...]
    recipients: tuple[str, ...]
    signature: Signature


def build_dossier(dossier_id: int) -> DossierDocument:
    """The three papers Điều 84 asks for a nominee sent up: the unit's tờ trình, the
    báo cáo thành tích built from the nominee's submitted self-report, and the biên bản
    bình xét with the review score, the consulted bodies' opinions and the vote."""
    dossier = Dossier.objects.select_related(
        "nomination__plan__issuer__parent",
        "nomination__plan__parent__issuer",
        "nomination__title",
        "nomination__nominee",
        "nomination__collective",
        "target_plan__issuer",
    ).get(pk=dossier_id)
    nomination = dossier.nomination
    plan = nomination.plan
    contents = dossier_contents(dossier)
    where = positions(plan.issuer, [nomination.nominee_id] if nomination.nominee_id else [])
    day = _local_date(dossier.forwarded_at) or timezone.localdate()
    target = dossier.target_plan
    target_symbol = document_symbol(
        target.issuer, target.doc_type, target.number, target.symbol_override
    )
    bases = (
        f"Căn cứ {cite(target.doc_type, target_symbol, target.issued_on, target.issuer.name)} "
        f"về {target.title};",
        f"Căn cứ {_plan_citation(plan)};",
        f"Căn cứ kết quả bình xét, biểu quyết của {plan.issuer.name}.",
    )
    snapshot = contents.version.snapshot if contents.version else {}
    review = contents.review
    return DossierDocument(
        header=build_header(
            plan.issuer,
            doc_type="TTr",
            number=None,
            place=plan.place,
            day=day,
            year=plan.year,
        ),
        part_header=_header(plan, "BC", day),
        doc_type=DOC_TYPE_NAMES["TTr"],
        issuer_name=plan.issuer.name,
        title=f"Về việc đề nghị tặng danh hiệu “{nomination.title.name}”",
        addressee=f"Ban Thường vụ {target.issuer.name}",
        bases=bases,
        nominee=_person(nomination, where),
        title_name=nomination.title.name,
        title_level=str(nomination.title.get_level_display()),
        is_collective=nomination.is_collective,
        achievements=paragraphs(nomination.achievements),
        narrative=paragraphs(snapshot.get("narrative", "")),
        answers=_answers(snapshot.get("answers", [])),
        report_date=(
            format_date_long(_local_date(contents.version.submitted_at)) if contents.version else ""
        ),
        review_score=number_text(review.mean_total) if review else "",
        review_reviewers=review.reviewers if review else 0,
        opinions=tuple(
            OpinionLine(str(o.get_body_display()), o.agree, o.note) for o in contents.opinions
        ),
        votes=tuple(_dossier_vote(v) for v in contents.votes),
        attachments=tuple(
            f"{a.get_kind_display()}: {a.original_name}" for a in contents.attachments
        ),
        recipients=recipient_lines(["Như trên", "Lưu: VT"]),
        signature=_signature(plan),
    )


def _answers(answers: list[dict]) -> tuple[AnswerLine, ...]:
    lines = []
    for number, answer in enumerate(answers, start=1):
        if answer.get("kind") == "points":
            points = answer.get("points")
            assessment = (
                f"{number_text(points)}/{number_text(answer.get('max_points'))} điểm"
                if points not in (None, "")
                else "Chưa tự chấm"
            )
        else:
            met = answer.get("met")
            assessment = "Đạt" if met else "Chưa đạt" if met is False else "Chưa tự đánh giá"
        lines.append(
            AnswerLine(
                number,
                str(answer.get("text", "")).strip().rstrip(".;"),
                assessment,
                paragraphs(str(answer.get("evidence", "") or "")),
            )
        )
    return tuple(lines)


def _dossier_vote(result) -> DossierVote:
    round = result.round
    return DossierVote(
        round_name=round.name,
        mode=str(round.get_mode_display()),
        closed=format_deadline(round.closes_at),
        present=round.present_count or 0,
        approve=result.approve,
        disapprove=result.disapprove,
        abstain=result.abstain,
        base=result.base,
        share=share_text(result.share),
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


def build_certificates(plan_id: int) -> Certificates | None:
    """A giấy khen per awardee, dated the ceremony's day (else the list's); None when
    nobody is awarded at the plan's own level."""
    plan = _plan(plan_id)
    awardees = awardees_of(plan)
    if not awardees:
        return None
    ceremony = plan.milestones.filter(kind=Milestone.Kind.CEREMONY).order_by("starts_at").first()
    day = _local_date(ceremony.starts_at) if ceremony else timezone.localdate()
    header = _header(plan, "QĐ", day)
    body = (plan.signing_body or "Ban Chấp hành").upper()
    return Certificates(
        issuer_body=f"{body} {plan.issuer.name.upper()}",
        parent_line=plan.issuer.parent.name.upper() if plan.issuer.parent_id else "",
        plan_title=plan.title,
        achievement_line=f"Đã có thành tích xuất sắc trong {_lower_first(plan.title)}",
        place_date=header.place_date,
        awardees=awardees,
        signature=_signature(plan),
    )
