"""The pure rule of a unit rating: which level a set of scores reaches.

A level is reached with at least its total and, when it has a floor, no standard below
that share of its maximum ("no standard below half its points"). Levels are tried best
first; a unit that reaches none gets no level (a scheme normally ends with a catch-all
level at 0 points). No database, no clock: the services and the documents call it.
"""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class LevelRule:
    key: int
    name: str
    min_points: Decimal
    floor_share: Decimal | None


@dataclass(frozen=True)
class Scored:
    max_points: Decimal
    points: Decimal | None  # None counts as 0


def total(items: list[Scored]) -> Decimal:
    return sum((i.points or Decimal(0) for i in items), Decimal(0))


def below_floor(items: list[Scored], share: Decimal) -> list[int]:
    """Positions (0-based) of the standards below `share` of their points."""
    return [n for n, i in enumerate(items) if (i.points or 0) < i.max_points * share]


def level_for(levels: list[LevelRule], items: list[Scored]) -> LevelRule | None:
    """The best level `items` reach (levels given best first), or None."""
    points = total(items)
    for level in levels:
        if points < level.min_points:
            continue
        if level.floor_share is not None and below_floor(items, level.floor_share):
            continue
        return level
    return None
