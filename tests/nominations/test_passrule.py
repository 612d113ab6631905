from decimal import Decimal
from fractions import Fraction

from nominations.passrule import Count, as_fraction, decide, percent


def _count(approve, *, electorate=10, present=10, cast=10):
    return Count(approve, cast - approve, 0, electorate, present, cast)


def test_pass_rule_exactly_70_percent_inclusive_passes():
    decision = decide(_count(7), quorum="0.6667", base="members", threshold="0.7", strict=False)

    assert decision.passed is True
    assert decision.share == Fraction(7, 10)
    assert decision.reason == "7/10 đồng ý = 70%, cần ≥ 70%: đạt."


def test_pass_rule_exactly_70_percent_strict_fails():
    decision = decide(_count(7), quorum="0.6667", base="members", threshold="0.7", strict=True)

    assert decision.passed is False
    assert decision.reason == "7/10 đồng ý = 70%, cần > 70%: không đạt."


def test_pass_rule_just_under_70_percent_inclusive_fails():
    decision = decide(
        _count(69, electorate=100, present=100, cast=100),
        quorum="0.6667",
        base="members",
        threshold="0.7",
        strict=False,
    )

    assert decision.passed is False


def test_pass_rule_quorum_missed_nobody_passes():
    decision = decide(
        _count(6, electorate=10, present=6, cast=6),
        quorum="0.6667",
        base="cast",
        threshold="0.5",
        strict=False,
    )

    assert decision.passed is False
    assert decision.reason == "Không đủ số người có mặt: 6/10, cần tối thiểu 66,7%."


def test_pass_rule_quorum_two_thirds_met_exactly():
    decision = decide(
        _count(2, electorate=3, present=2, cast=2),
        quorum=Decimal("0.6667"),
        base="present",
        threshold="0.5",
        strict=True,
    )

    assert decision.passed is True
    assert decision.base == 2


def test_pass_rule_base_cast_ignores_absent_members():
    count = Count(approve=5, disapprove=2, abstain=0, electorate=10, present=8, cast=7)

    by_cast = decide(count, quorum="0.5", base="cast", threshold="0.7", strict=False)
    by_members = decide(count, quorum="0.5", base="members", threshold="0.7", strict=False)

    assert (by_cast.passed, by_cast.share) == (True, Fraction(5, 7))
    assert (by_members.passed, by_members.share) == (False, Fraction(1, 2))


def test_pass_rule_more_than_half_strict_at_half_fails():
    decision = decide(_count(5), quorum="0.5", base="cast", threshold="0.5", strict=True)

    assert decision.passed is False


def test_as_fraction_reads_stored_two_thirds_exactly():
    assert as_fraction(Decimal("0.6667")) == Fraction(2, 3)
    assert as_fraction(Decimal("0.7000")) == Fraction(7, 10)
    assert as_fraction(Decimal("0.1234")) == Fraction(1234, 10000)


def test_percent_uses_decimal_comma():
    assert percent(Fraction(2, 3)) == "66,7%"  # one format: portal.vietnamese
    assert percent(Fraction(9, 10)) == "90%"
