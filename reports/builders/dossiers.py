"""The dossier (hồ sơ) of a nominee forwarded up, as frozen data for the PDF template."""

from dataclasses import dataclass

from django.utils import timezone

from campaigns.models import Plan, Target
from nominations.models import Dossier
from nominations.selectors.dossiers import dossier_contents
from portal.vietnamese import format_date_long, format_deadline
from reports.builders.documents import (
    DOC_TYPE_NAMES,
    DocumentHeader,
    Signature,
    build_header,
    cite,
    document_symbol,
    paragraphs,
    recipient_lines,
)
from reports.builders.nominations import (
    Person,
    _header,
    _local_date,
    _person,
    _plan_citation,
    _signature,
    number_text,
    positions,
    share_text,
)

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
            plan.issuer, doc_type="TTr", number=None, place=plan.place, day=day, year=plan.year
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
        answers=_answers(_individual_answers(plan, snapshot.get("answers", []))),
        report_date=(
            format_date_long(_local_date(contents.version.submitted_at)) if contents.version else ""
        ),
        review_score=number_text(review.mean_total) if review else "",
        review_reviewers=review.reviewers if review else 0,
        opinions=tuple(
            OpinionLine(str(o.get_body_display()), o.agree, o.note) for o in contents.opinions
        ),
        votes=tuple(_dossier_vote(v) for v in contents.votes),
        attachments=tuple(a.printed_name for a in contents.attachments),
        recipients=recipient_lines(["Như trên", "Lưu: VT"]),
        signature=_signature(plan),
    )


def _individual_answers(plan: Plan, answers: list[dict]) -> list[dict]:
    """The member's answers without the plan's collective criteria: those belong to the
    unit (scored on the chair's unit assessment), not to a member's report. Reports
    submitted before members stopped seeing them still carry them in their snapshot."""
    collective = set(plan.criteria.filter(target=Target.COLLECTIVE).values_list("pk", flat=True))
    return [a for a in answers if a.get("criterion_id") not in collective]


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
