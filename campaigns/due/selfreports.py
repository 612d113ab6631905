"""The self-report item on each member's "what is due for me" page."""

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.models import DeadlineExtension, Milestone, Plan, SelfReport
from portal.due import DueItem, provider
from portal.models import UNION_MEMBER_ROLES
from portal.permissions import unit_ids_with


@provider
def self_reports_due(user, now) -> list[DueItem]:
    """One item per published plan of the member's unions with a self-report window:
    open until submitted, then done; overdue items stay on the page. Three queries."""
    unit_ids = unit_ids_with(user, UNION_MEMBER_ROLES)
    if not unit_ids:
        return []
    milestones = {}
    for m in (
        Milestone.objects.filter(
            kind=Milestone.Kind.SELF_REPORT,
            plan__issuer_id__in=unit_ids,
            plan__status=Plan.Status.PUBLISHED,
        )
        .select_related("plan__issuer")
        .order_by("ends_at")
    ):
        milestones[m.plan_id] = m  # the last window of each plan
    if not milestones:
        return []
    reports = {r.plan_id: r for r in SelfReport.objects.filter(member=user, plan_id__in=milestones)}
    extended = dict(
        DeadlineExtension.objects.filter(
            member=user, plan_id__in=milestones, status=DeadlineExtension.Status.GRANTED
        )
        .values("plan_id")
        .annotate(latest=Max("new_deadline"))
        .values_list("plan_id", "latest")
    )
    items = []
    for plan_id, m in milestones.items():
        report = reports.get(plan_id)
        due_at = max(m.ends_at, extended.get(plan_id) or m.ends_at)
        submitted = report is not None and report.is_submitted
        if submitted:
            status = _("Đã nộp")
        elif report is not None:
            status = _("Bản nháp")
        else:
            status = _("Chưa làm")
        items.append(
            DueItem(
                title=_("Báo cáo cá nhân: %(plan)s") % {"plan": m.plan.title},
                url=reverse("campaigns:selfreport_fill", args=[plan_id]),
                due_at=due_at,
                unit_name=m.plan.issuer.name,
                status=status,
                step="selfreport",
                action=_("Sửa và nộp lại") if submitted else _("Nộp báo cáo"),
                done=submitted,
            )
        )
    return items
