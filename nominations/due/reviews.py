"""Self-reports the committee still has to score."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.models import Milestone, Plan, SelfReport
from nominations.due.common import milestone_end
from nominations.models import Review
from portal.due import DueItem, provider
from portal.models import BCH_ROLES, Role
from portal.permissions import unit_ids_with


@provider
def reports_to_score(user, now):
    """Per plan of a unit where the user sits on the BCH: submitted reports (not their
    own) they have not scored, while the review is not finalised."""
    units = unit_ids_with(user, (*BCH_ROLES, Role.FEDERATION_STAFF))
    if not units:
        return []
    final = Review.objects.filter(finalised_at__isnull=False).values("plan_id")
    reports = (
        SelfReport.objects.filter(
            unit_id__in=units,
            status=SelfReport.Status.SUBMITTED,
            plan__status=Plan.Status.PUBLISHED,
        )
        .exclude(member=user)
        .exclude(plan_id__in=final)
        .exclude(scores__reviewer=user)
        .values("plan_id", "plan__title", "unit__name")
        .annotate(n=Count("id", distinct=True))
    )
    items = []
    for row in reports:
        due_at = milestone_end(row["plan_id"], Milestone.Kind.REVIEW_MEETING)
        items.append(
            DueItem(
                title=_("Chấm %(n)s báo cáo: %(plan)s")
                % {"n": row["n"], "plan": row["plan__title"]},
                url=reverse("nominations:review_board", args=[row["plan_id"]]),
                due_at=due_at,
                unit_name=row["unit__name"],
                status=_("Chưa chấm"),
                step="review",
                action=_("Chấm báo cáo"),
            )
        )
    return items
