"""For federation staff: the plans they are watching on the dashboard."""

from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.models import Plan
from campaigns.selectors.plans import plan_cascade_status
from portal.due import DueItem, provider
from portal.models import Role
from portal.permissions import unit_ids_with


@provider
def plans_to_watch(user, now):
    """For federation staff: each live plan their unit issued, with how many expected units
    have cascaded it, linking to the dashboard. It stays until the plan is closed."""
    units = unit_ids_with(user, (Role.FEDERATION_STAFF,))
    if not units:
        return []
    plans = Plan.objects.filter(
        issuer_id__in=units, status=Plan.Status.PUBLISHED, is_historical=False
    ).select_related("issuer")
    items = []
    for plan in plans:
        rows = [row for row in plan_cascade_status(plan).rows if row.expected]
        done = sum(1 for row in rows if row.cascaded)
        last_due = plan.milestones.order_by("-ends_at").values_list("ends_at", flat=True).first()
        items.append(
            DueItem(
                title=_("Theo dõi tiến độ: %(title)s") % {"title": plan.title},
                url=reverse("reports:dashboard", args=[plan.pk]),
                due_at=last_due,
                unit_name=plan.issuer.name,
                status=_("%(done)s/%(total)s đơn vị đã triển khai")
                % {"done": done, "total": len(rows)},
                step="dashboard",
                action=_("Xem bảng tổng hợp, tải báo cáo"),
            )
        )
    return items
