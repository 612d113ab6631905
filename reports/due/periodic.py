"""The periodic reports a unit's chair must send to the parent unit (seed 002: 20/5 and 20/10);
a report not sent stays on the page, overdue, until it is sent."""

from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.models import Milestone, Plan
from portal.due import DueItem, provider
from portal.models import MANAGER_ROLES, OrgUnit
from portal.permissions import unit_ids_with
from reports.models import PeriodicReport


@provider
def periodic_reports_due(user, now):
    """For each unit the user manages: the parent's published plans' periodic-report due
    dates with no report sent yet. Three queries."""
    units = {
        u.pk: u
        for u in OrgUnit.objects.filter(pk__in=unit_ids_with(user, MANAGER_ROLES)).exclude(
            parent=None
        )
    }
    if not units:
        return []
    milestones = Milestone.objects.filter(
        kind=Milestone.Kind.PERIODIC_REPORT,
        plan__issuer_id__in={u.parent_id for u in units.values()},
        plan__status=Plan.Status.PUBLISHED,
        plan__is_historical=False,
    ).select_related("plan__issuer")
    reports = {
        (r.milestone_id, r.unit_id): r
        for r in PeriodicReport.objects.filter(milestone__in=milestones, unit_id__in=units)
    }
    items = []
    for m in milestones:
        for unit in units.values():
            if unit.parent_id != m.plan.issuer_id:
                continue
            report = reports.get((m.pk, unit.pk))
            if report is not None and report.is_sent:
                continue
            items.append(
                DueItem(
                    title=_("Báo cáo định kỳ gửi %(issuer)s: %(label)s")
                    % {"issuer": m.plan.issuer.name, "label": m.label or m.get_kind_display()},
                    url=reverse("reports:periodic_edit", args=[m.pk, unit.pk]),
                    due_at=m.ends_at,
                    unit_name=unit.name,
                    status=_("Bản nháp") if report else _("Chưa gửi"),
                    step="periodic",
                    action=_("Viết và gửi báo cáo"),
                )
            )
    return items
