"""The unit rating item on a unit lead's "what is due for me" page: the self-assessment
of the unit they lead, from the window's start until the results are published."""

from django.db.models import Max
from django.utils.translation import gettext as _

from campaigns.models import Plan, UnitAssessment, UnitDeadlineExtension
from campaigns.permissions.unitassessments import UNIT_LEAD_ROLES
from campaigns.selectors.unitassessments import scheme_window
from portal.due import DueItem, provider
from portal.permissions import unit_ids_with


@provider
def unit_assessments_due(user, now) -> list[DueItem]:
    """One item per rating of a unit the user leads: open until submitted, then done, due
    at the unit's own deadline (the scheme's, extended as granted). Two queries
    (assessments, extensions) whatever the number of units."""
    unit_ids = unit_ids_with(user, UNIT_LEAD_ROLES)
    if not unit_ids:
        return []
    assessments = list(
        UnitAssessment.objects.filter(
            unit_id__in=unit_ids,
            scheme__plan__status=Plan.Status.PUBLISHED,
            scheme__starts_at__lte=now,
            scheme__published_at__isnull=True,
        )
        .select_related("scheme__plan__issuer", "unit")
        .order_by("scheme__ends_at", "unit__path")
    )
    if not assessments:
        return []
    extended = dict(
        UnitDeadlineExtension.objects.filter(assessment__in=assessments)
        .values("assessment_id")
        .annotate(latest=Max("new_deadline"))
        .values_list("assessment_id", "latest")
    )
    items = []
    for a in assessments:
        submitted = a.status != UnitAssessment.Status.DRAFT
        items.append(
            DueItem(
                title=_("Tự chấm xếp loại %(unit)s: %(plan)s")
                % {"unit": a.unit.name, "plan": a.scheme.plan.title},
                url=a.get_absolute_url(),
                due_at=scheme_window(a.scheme).extended_to(extended.get(a.pk)).ends_at,
                unit_name=a.scheme.plan.issuer.name,
                status=a.get_status_display(),
                step="ratings",
                action=_("Sửa và nộp lại") if submitted else _("Tự chấm và nộp"),
                done=submitted,
            )
        )
    return items
