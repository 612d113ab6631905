"""Consolidating several scorers' points — plain data in, plain data out, no database.

The BCH's review of members' reports and the clusters' cross-scoring of units both read
it (a "report" is then a scored unit, a "reviewer" a scoring unit).

Per report and criterion: the majority for met / not met (a tie stays a tie), the mean,
median and spread for points, and a disagreement flag. Per report: each reviewer's
total, their mean, median and spread, the outlying reviewers (``outliers``), and a
normalised score — the mean of the reviewers' z-scores, counting only reviewers who
scored at least ``MIN_SAMPLE`` reports, so that a strict and a lenient reviewer weigh
the same.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

MIN_SAMPLE = 5
# Points given to one criterion disagree when their spread exceeds this share of its maximum.
DISAGREEMENT_SHARE = Decimal("0.25")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class ScoreRow:
    report_id: int
    reviewer_id: int
    criterion_id: int
    kind: str  # "met" or "points"
    met: bool | None
    points: Decimal | None
    max_points: Decimal | None = None


@dataclass(frozen=True)
class CriterionResult:
    criterion_id: int
    kind: str
    reviewers: int
    met_yes: int = 0
    met_no: int = 0
    majority: str | None = None  # "met", "not_met", "tie"
    mean: Decimal | None = None
    median: Decimal | None = None
    spread: Decimal | None = None
    disagreement: bool = False


@dataclass
class ReportResult:
    report_id: int
    criteria: dict[int, CriterionResult] = field(default_factory=dict)
    reviewer_totals: dict[int, Decimal] = field(default_factory=dict)
    mean_total: Decimal | None = None
    median_total: Decimal | None = None
    spread_total: Decimal | None = None
    normalised: float | None = None  # mean z-score of the reviewers with enough reports
    normalised_by: int = 0

    @property
    def reviewers(self) -> int:
        return len(self.reviewer_totals)

    @property
    def disagreements(self) -> list[int]:
        return [c.criterion_id for c in self.criteria.values() if c.disagreement]


def _round(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def consolidate_criterion(rows: list[ScoreRow]) -> CriterionResult:
    """Majority or mean/median/spread of one criterion of one report."""
    first = rows[0]
    if first.kind == "met":
        yes = sum(1 for r in rows if r.met is True)
        no = sum(1 for r in rows if r.met is False)
        majority = "met" if yes > no else "not_met" if no > yes else "tie"
        return CriterionResult(
            first.criterion_id,
            "met",
            len(rows),
            met_yes=yes,
            met_no=no,
            majority=majority if yes + no else None,
            disagreement=yes > 0 and no > 0,
        )
    points = [r.points for r in rows if r.points is not None]
    if not points:
        return CriterionResult(first.criterion_id, "points", len(rows))
    spread = max(points) - min(points)
    limit = (first.max_points or Decimal(0)) * DISAGREEMENT_SHARE
    return CriterionResult(
        first.criterion_id,
        "points",
        len(rows),
        mean=_round(sum(points) / len(points)),
        median=_round(statistics.median(points)),
        spread=_round(spread),
        disagreement=bool(first.max_points) and spread > limit,
    )


def _reviewer_total(rows: list[ScoreRow]) -> Decimal:
    """A reviewer's total for one report: the points given, or the number of criteria met
    when the checklist has no points."""
    if any(r.kind == "points" for r in rows):
        return sum((r.points or Decimal(0) for r in rows if r.kind == "points"), Decimal(0))
    return Decimal(sum(1 for r in rows if r.met))


def consolidate(rows: list[ScoreRow], *, min_sample: int = MIN_SAMPLE) -> dict[int, ReportResult]:
    """Every report's consolidated result from every score of the plan."""
    by_report_criterion = defaultdict(list)
    by_report_reviewer = defaultdict(list)
    for row in rows:
        by_report_criterion[(row.report_id, row.criterion_id)].append(row)
        by_report_reviewer[(row.report_id, row.reviewer_id)].append(row)

    results: dict[int, ReportResult] = {}
    for (report_id, _criterion_id), group in by_report_criterion.items():
        result = results.setdefault(report_id, ReportResult(report_id))
        result.criteria[group[0].criterion_id] = consolidate_criterion(group)
    for (report_id, reviewer_id), group in by_report_reviewer.items():
        results[report_id].reviewer_totals[reviewer_id] = _reviewer_total(group)

    for result in results.values():
        totals = list(result.reviewer_totals.values())
        result.mean_total = _round(sum(totals) / len(totals))
        result.median_total = _round(statistics.median(totals))
        result.spread_total = _round(max(totals) - min(totals))
    _normalise(results, min_sample)
    return results


def reviewer_z_scores(results: dict[int, ReportResult], min_sample: int) -> dict:
    """{(reviewer, report): z} for reviewers who scored at least `min_sample` reports."""
    by_reviewer = defaultdict(dict)
    for result in results.values():
        for reviewer_id, total in result.reviewer_totals.items():
            by_reviewer[reviewer_id][result.report_id] = float(total)
    z = {}
    for reviewer_id, totals in by_reviewer.items():
        if len(totals) < min_sample:
            continue
        mean = statistics.fmean(totals.values())
        sd = statistics.pstdev(totals.values())
        for report_id, total in totals.items():
            z[(reviewer_id, report_id)] = (total - mean) / sd if sd else 0.0
    return z


def _normalise(results: dict[int, ReportResult], min_sample: int) -> None:
    z = reviewer_z_scores(results, min_sample)
    for result in results.values():
        values = [
            z[(r, result.report_id)] for r in result.reviewer_totals if (r, result.report_id) in z
        ]
        if values:
            result.normalised = round(statistics.fmean(values), 2)
            result.normalised_by = len(values)


def outliers(
    result: ReportResult, max_total: Decimal | None, *, share: Decimal = DISAGREEMENT_SHARE
) -> list[int]:
    """The scorers whose total for one report lies further from the median of all totals
    than `share` of the maximum (the same measure as a criterion's disagreement), in the
    order they scored; none when there is no maximum or fewer than three scorers: with two,
    neither is the odd one out."""
    if not max_total or result.median_total is None or len(result.reviewer_totals) < 3:
        return []
    limit = max_total * share
    return [
        reviewer_id
        for reviewer_id, total in result.reviewer_totals.items()
        if abs(total - result.median_total) > limit
    ]
