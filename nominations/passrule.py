"""The pass rule of a vote, in exact arithmetic (no floats): quorum, base, threshold.

Each title carries its rule (DESIGN.md §4b): the quorum (share of the electorate present),
the base the share is taken over (members of the body, those present, or ballots cast),
the threshold and whether the share must exceed it (strict, ">") or may equal it
(inclusive, "≥"). Missing the quorum means nobody passes.
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from portal.vietnamese import format_percent

# A stored share is a 4-place decimal; 2/3 is stored as 0.6667. A value that is the
# rounding of a simple fraction (denominator ≤ 20) means that fraction exactly.
_ROUNDING = Fraction(1, 20000)


def as_fraction(value) -> Fraction:
    """The exact share a stored decimal stands for: 0.6667 → 2/3, 0.7 → 7/10."""
    exact = Fraction(Decimal(str(value)))
    simple = exact.limit_denominator(20)
    return simple if abs(simple - exact) <= _ROUNDING else exact


def percent(share: Fraction) -> str:
    """ "70%" or "66,7%": the portal's one percentage format (portal.vietnamese)."""
    return format_percent(share)


@dataclass(frozen=True)
class Count:
    """The figures of one nominee in one round."""

    approve: int
    disapprove: int
    abstain: int
    electorate: int  # members of the voting body
    present: int
    cast: int  # ballots cast (including written ballots of absent members)


@dataclass(frozen=True)
class Decision:
    passed: bool
    base: int
    share: Fraction
    reason: str


def quorum_met(count: Count, quorum) -> bool:
    if count.electorate == 0:
        return False
    return Fraction(count.present, count.electorate) >= as_fraction(quorum)


def decide(count: Count, *, quorum, base: str, threshold, strict: bool) -> Decision:
    """Apply one title's rule to one nominee's count; the reason names what decided it."""
    denominator = {"members": count.electorate, "present": count.present, "cast": count.cast}[base]
    share = Fraction(count.approve, denominator) if denominator else Fraction(0)
    needed = as_fraction(threshold)
    if not quorum_met(count, quorum):
        return Decision(
            False,
            denominator,
            share,
            _("Không đủ số người có mặt: %(present)s/%(electorate)s, cần tối thiểu %(quorum)s.")
            % {
                "present": count.present,
                "electorate": count.electorate,
                "quorum": percent(as_fraction(quorum)),
            },
        )
    passed = share > needed if strict else share >= needed
    sign = ">" if strict else "≥"
    verdict = _("đạt") if passed else _("không đạt")
    return Decision(
        passed,
        denominator,
        share,
        _("%(approve)s/%(base)s đồng ý = %(share)s, cần %(sign)s %(needed)s: %(verdict)s.")
        % {
            "approve": count.approve,
            "base": denominator,
            "share": percent(share),
            "sign": sign,
            "needed": percent(needed),
            "verdict": verdict,
        },
    )


def decide_for_title(count: Count, title) -> Decision:
    return decide(
        count,
        quorum=title.vote_quorum,
        base=title.vote_base,
        threshold=title.vote_threshold,
        strict=title.vote_strict,
    )


def rule_of_title(title) -> dict:
    """A title's rule as stored on a vote round when it opens (JSON-ready)."""
    return {
        "quorum": str(title.vote_quorum if title.vote_quorum is not None else 0),
        "base": title.vote_base,
        "threshold": str(title.vote_threshold),
        "strict": bool(title.vote_strict),
    }


def decide_for_round(count: Count, round, title) -> Decision:
    """Apply the rule the round stored when it opened; a round opened before rules were
    stored (or still in draft) falls back to the title's current rule."""
    rule = (round.rules or {}).get(str(title.pk))
    if rule is None:
        return decide_for_title(count, title)
    return decide(
        count,
        quorum=rule["quorum"],
        base=rule["base"],
        threshold=rule["threshold"],
        strict=rule["strict"],
    )
