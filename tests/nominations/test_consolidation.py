from decimal import Decimal

from campaigns.consolidation import ScoreRow, consolidate, reviewer_z_scores

D = Decimal
TEN = D(10)


def met(report, reviewer, value, criterion=1):
    return ScoreRow(report, reviewer, criterion, "met", value, None)


def pts(report, reviewer, value, criterion=2, max_points=TEN):
    return ScoreRow(report, reviewer, criterion, "points", None, D(value), max_points)


def test_consolidate_majority_mean_median_spread():
    rows = [
        met(1, 11, True),
        met(1, 12, True),
        met(1, 13, False),
        pts(1, 11, 8),
        pts(1, 12, 6),
        pts(1, 13, 9),
    ]

    result = consolidate(rows)[1]

    met_result, points_result = result.criteria[1], result.criteria[2]
    assert (met_result.met_yes, met_result.met_no, met_result.majority) == (2, 1, "met")
    assert (points_result.mean, points_result.median, points_result.spread) == (
        D("7.67"),
        D("8.00"),
        D("3.00"),
    )
    assert result.disagreements == [1, 2]
    assert result.reviewer_totals == {11: D(8), 12: D(6), 13: D(9)}
    assert (result.mean_total, result.median_total, result.spread_total) == (
        D("7.67"),
        D("8.00"),
        D("3.00"),
    )


def test_consolidate_tie_stays_tie():
    result = consolidate([met(1, 11, True), met(1, 12, False)])[1]

    assert result.criteria[1].majority == "tie"


def test_consolidate_points_within_a_quarter_of_max_agree():
    result = consolidate([pts(1, 11, 8), pts(1, 12, D("5.5"))])[1]

    assert (result.criteria[2].spread, result.criteria[2].disagreement) == (D("2.50"), False)


def test_consolidate_met_only_checklist_totals_count_criteria_met():
    rows = [met(1, 11, True, 1), met(1, 11, False, 3), met(1, 12, True, 1), met(1, 12, True, 3)]

    assert consolidate(rows)[1].reviewer_totals == {11: D(1), 12: D(2)}


def test_normalisation_makes_strict_and_lenient_reviewer_weigh_the_same():
    # Reviewer 11 is strict (10..50), reviewer 12 lenient (60..100), same order.
    rows = []
    for report, (strict, lenient) in enumerate(
        zip(range(10, 60, 10), range(60, 110, 10), strict=True), 1
    ):
        rows += [
            pts(report, 11, strict, max_points=D(100)),
            pts(report, 12, lenient, max_points=D(100)),
        ]

    results = consolidate(rows)

    assert [results[r].normalised for r in range(1, 6)] == [-1.41, -0.71, 0.0, 0.71, 1.41]
    assert [results[r].mean_total for r in range(1, 6)] == [
        D("35.00"),
        D("45.00"),
        D("55.00"),
        D("65.00"),
        D("75.00"),
    ]
    assert results[5].normalised_by == 2


def test_normalisation_ignores_reviewer_with_fewer_than_five_reports():
    rows = [pts(r, 11, 10 * r, max_points=D(100)) for r in range(1, 6)]
    rows += [pts(1, 12, 90, max_points=D(100)), pts(2, 12, 10, max_points=D(100))]

    results = consolidate(rows)
    z = reviewer_z_scores(results, 5)

    assert {key[0] for key in z} == {11}
    assert results[1].normalised_by == 1
    assert results[1].normalised == -1.41


def test_normalisation_absent_when_nobody_scored_five():
    results = consolidate([pts(1, 11, 5), pts(2, 11, 6)])

    assert (results[1].normalised, results[1].normalised_by) == (None, 0)


def test_normalisation_zero_spread_reviewer_gives_zero():
    rows = [pts(r, 11, 7) for r in range(1, 6)]

    assert consolidate(rows)[3].normalised == 0.0
