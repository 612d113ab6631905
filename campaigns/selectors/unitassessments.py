"""Reads of unit ratings: a unit's self-assessment window (its extension included), a
unit's finalised level in a scheme, and the ratings of many units at once (dashboard,
documents)."""

from django.db.models import Max

from campaigns.deadlines import Window
from campaigns.models import RatingLevel, RatingScheme, UnitAssessment, UnitDeadlineExtension


def scheme_window(scheme: RatingScheme) -> Window:
    """Every rated unit's self-assessment window (campaigns.deadlines)."""
    return Window(scheme.starts_at, scheme.ends_at)


def assessment_window(assessment: UnitAssessment) -> Window:
    """The unit's own window: the scheme's, extended to the latest deadline the checking
    unit granted it. Read fresh by the submit, the evidence files and the reminders."""
    personal = assessment.extensions.aggregate(latest=Max("new_deadline"))["latest"]
    return scheme_window(assessment.scheme).extended_to(personal)


def personal_deadlines(scheme: RatingScheme) -> dict[int, object]:
    """{assessment id: the latest deadline granted to it}, in one query."""
    return dict(
        UnitDeadlineExtension.objects.filter(assessment__scheme=scheme)
        .values("assessment_id")
        .annotate(latest=Max("new_deadline"))
        .values_list("assessment_id", "latest")
    )


def unit_rating(level: RatingLevel, unit) -> UnitAssessment | None:
    """`unit`'s assessment in the scheme `level` belongs to, with its level (or None)."""
    return (
        UnitAssessment.objects.select_related("level")
        .filter(scheme_id=level.scheme_id, unit=unit)
        .first()
    )
