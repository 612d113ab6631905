"""Reads of unit ratings for other apps: a unit's finalised level in a scheme, and the
ratings of many units at once (dashboard, documents)."""

from campaigns.models import RatingLevel, UnitAssessment


def unit_rating(level: RatingLevel, unit) -> UnitAssessment | None:
    """`unit`'s assessment in the scheme `level` belongs to, with its level (or None)."""
    return (
        UnitAssessment.objects.select_related("level")
        .filter(scheme_id=level.scheme_id, unit=unit)
        .first()
    )
