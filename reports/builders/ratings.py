"""The documents of a unit rating (W12): the standards table, one unit's scoring sheet
(self-score, verified score and reasons) and the summary of levels — plain data for the
PDF template ``reports/pdf/rating.html`` and the XLSX workbook.

Each builder reads with a fixed number of queries, whatever the number of units.
"""

from dataclasses import dataclass
from decimal import Decimal

from campaigns.models import Plan, RatingScheme, UnitAssessment, UnitAssessmentItem
from campaigns.services.ratingschemes import standards
from portal.vietnamese import format_number
from reports.builders.documents import DocumentHeader, Signature, build_header, build_signature
from reports.renderers.xlsx import Column, Sheet


@dataclass(frozen=True)
class StandardRow:
    number: int
    text: str
    max_points: Decimal


@dataclass(frozen=True)
class LevelRow:
    name: str
    rule: str  # "Từ 90 điểm, không tiêu chuẩn nào dưới 50% số điểm"


@dataclass(frozen=True)
class SheetRow:
    number: int
    text: str
    max_points: Decimal
    self_points: Decimal | None
    verified_points: Decimal | None
    reason: str


@dataclass(frozen=True)
class UnitRow:
    number: int
    unit: str
    status: str
    self_total: Decimal | None
    verified_total: Decimal | None
    level: str


@dataclass(frozen=True)
class RatingDocument:
    kind: str  # "standards", "sheet", "summary"
    header: DocumentHeader
    doc_type: str
    title: str
    standards: tuple[StandardRow, ...]
    levels: tuple[LevelRow, ...]
    sheet: tuple[SheetRow, ...]
    unit_name: str
    units: tuple[UnitRow, ...]
    recipients: tuple[str, ...]
    signature: Signature
    # The sheet of a published rating: the unit's objection and the rater's answer.
    objection: str = ""
    objection_answer: str = ""

    @property
    def max_total(self) -> Decimal:
        return sum((s.max_points for s in self.standards), Decimal(0))


def _level_rule(level) -> str:
    text = f"Tổng điểm từ {format_number(level.min_points)}"
    if level.floor_share is not None:
        text += (
            f", không tiêu chuẩn nào dưới {format_number(level.floor_share * 100)}% số điểm "
            "của tiêu chuẩn đó"
        )
    return text


def _level_text(assessment: UnitAssessment) -> str:
    if assessment.status != UnitAssessment.Status.FINALISED:
        return ""
    return assessment.level.name if assessment.level_id else "Không đạt mức nào"


def _base(plan: Plan, kind: str, title: str, unit_name: str = "", sheet=(), units=()):
    scheme: RatingScheme = plan.rating_scheme
    issuer = plan.issuer
    rated = scheme.get_rated_kind_display().lower()
    return RatingDocument(
        kind=kind,
        header=build_header(
            issuer,
            doc_type="BC",
            number=None,
            place=plan.place,
            day=None,
            year=plan.year,
            numbered=False,
        ),
        doc_type={"standards": "BẢNG TIÊU CHUẨN", "sheet": "PHIẾU CHẤM ĐIỂM"}.get(
            kind, "BẢNG TỔNG HỢP"
        ),
        title=title.format(rated=rated, year=plan.year),
        standards=tuple(
            StandardRow(n, c.text, c.max_points) for n, c in enumerate(standards(plan), start=1)
        ),
        levels=tuple(LevelRow(lv.name, _level_rule(lv)) for lv in scheme.levels.all()),
        sheet=tuple(sheet),
        unit_name=unit_name,
        units=tuple(units),
        recipients=(),
        signature=build_signature(
            issuer,
            signing_mode=plan.signing_mode,
            signing_body=plan.signing_body,
            title=plan.signer_title,
            name=plan.signer_name,
        ),
    )


def build_standards(plan: Plan) -> RatingDocument:
    """The standards table and the levels of the plan's rating."""
    return _base(plan, "standards", "Tiêu chuẩn xếp loại {rated} năm {year}")


def build_sheet(assessment: UnitAssessment) -> RatingDocument:
    """One unit's scoring sheet: each standard's self-score, verified score and reason."""
    plan = assessment.scheme.plan
    items = {i.criterion_id: i for i in assessment.items.all()}
    rows = []
    for n, c in enumerate(standards(plan), start=1):
        item = items.get(c.pk)
        rows.append(
            SheetRow(
                n,
                c.text,
                c.max_points,
                item.self_points if item else None,
                item.verified_points if item else None,
                item.reason if item else "",
            )
        )
    doc = _base(plan, "sheet", "Chấm điểm xếp loại {rated} năm {year}", assessment.unit.name, rows)
    unit = UnitRow(
        1,
        assessment.unit.name,
        assessment.get_status_display(),
        assessment.self_total,
        assessment.verified_total,
        _level_text(assessment),
    )
    answer = ""
    if assessment.objection_decision:
        answer = f"{assessment.get_objection_decision_display()}. {assessment.objection_answer}"
    return RatingDocument(
        **{
            **doc.__dict__,
            "units": (unit,),
            "objection": assessment.objection,
            "objection_answer": answer,
        }
    )


def summary_rows(scheme: RatingScheme) -> list[UnitRow]:
    assessments = scheme.assessments.select_related("unit", "level").order_by("unit__path")
    return [
        UnitRow(
            n,
            a.unit.name,
            a.get_status_display(),
            a.self_total,
            a.verified_total,
            _level_text(a),
        )
        for n, a in enumerate(assessments, start=1)
    ]


def build_summary(plan: Plan) -> RatingDocument:
    """The summary of levels: every rated unit with its scores and level."""
    return _base(
        plan,
        "summary",
        "Kết quả xếp loại {rated} năm {year}",
        units=summary_rows(plan.rating_scheme),
    )


def rating_sheets(plan: Plan) -> list[Sheet]:
    """The XLSX workbook: standards, summary of levels, and every unit's scores."""
    scheme = plan.rating_scheme
    criteria = standards(plan)
    number = {c.pk: n for n, c in enumerate(criteria, start=1)}
    items = (
        UnitAssessmentItem.objects.filter(assessment__scheme=scheme, criterion__in=criteria)
        .select_related("assessment__unit")
        .order_by("assessment__unit__path", "criterion__order", "criterion_id")
    )
    return [
        Sheet(
            "Tiêu chuẩn",
            [Column("STT", 6), Column("Tiêu chuẩn", 70), Column("Điểm tối đa", 12, "0.##")],
            [[n, c.text, c.max_points] for n, c in enumerate(criteria, start=1)],
        ),
        Sheet(
            "Xếp loại",
            [
                Column("STT", 6),
                Column("Đơn vị", 40),
                Column("Trạng thái", 18),
                Column("Tự chấm", 10, "0.##"),
                Column("Thẩm định", 10, "0.##"),
                Column("Xếp loại", 28),
            ],
            [
                [r.number, r.unit, r.status, r.self_total, r.verified_total, r.level]
                for r in summary_rows(scheme)
            ],
        ),
        Sheet(
            "Chấm điểm",
            [
                Column("Đơn vị", 40),
                Column("Tiêu chuẩn", 8),
                Column("Tự chấm", 10, "0.##"),
                Column("Thẩm định", 10, "0.##"),
                Column("Lý do điều chỉnh", 40),
                Column("Minh chứng", 40),
            ],
            [
                [
                    i.assessment.unit.name,
                    number[i.criterion_id],
                    i.self_points,
                    i.verified_points,
                    i.reason,
                    i.evidence,
                ]
                for i in items
            ],
        ),
    ]
