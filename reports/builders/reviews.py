"""The minutes of the review meeting (biên bản họp xét), as frozen data for the PDF template."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from campaigns.consolidation import consolidate
from campaigns.models import Milestone, SelfReport, Target
from nominations.gates import evaluate
from nominations.permissions.common import committee_roles
from nominations.selectors.reviews import individual_criteria, member_facts, review_of, score_rows
from portal.models import Membership, OrgUnit, Role
from portal.vietnamese import format_deadline, name_sort_key
from reports.builders.documents import DOC_TYPE_NAMES, DocumentHeader, Signature
from reports.builders.nominations import (
    ROLE_RANK,
    _header,
    _local_date,
    _plan,
    _plan_citation,
    _signature,
    number_text,
    positions,
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
    # Documents carry when things happened: the scheduled meeting only when the review was
    # finalised during it; otherwise the moment it was finalised.
    held_at = (
        meeting.starts_at
        if meeting and meeting.starts_at <= review.finalised_at <= meeting.ends_at
        else review.finalised_at
    )
    chair = next((a.name for a in attendees if a.role == str(Role.CHAIR.label)), plan.signer_name)
    return ReviewMinutes(
        header=_header(plan, "BB", _local_date(review.finalised_at)),
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
