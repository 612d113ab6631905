"""What plans ask of a manager, for the home page ("what is due for me")."""

from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.selectors.plans import draft_plans_for, pending_parent_plans_for
from campaigns.services.plans import plan_reference
from portal.due import DueItem, provider


@provider
def plan_due_items(user, now) -> list[DueItem]:
    """Published parent-unit plans a managed unit has not implemented yet, and the drafts
    of the managed units. Neither has a date of its own: they stay until done."""
    items = [
        DueItem(
            title=_("Kế hoạch cấp trên chưa triển khai: %(title)s") % {"title": plan.title},
            url=reverse("campaigns:plan_cascade", args=[plan.pk]) + f"?unit={unit.pk}",
            due_at=None,
            unit_name=unit.name,
            status=_("%(plan)s của %(issuer)s — chưa triển khai")
            % {"plan": plan_reference(plan), "issuer": plan.issuer.name},
            step="cascade",
            action=_("Tạo kế hoạch của đơn vị từ kế hoạch này"),
        )
        for unit, plan in pending_parent_plans_for(user)
    ]
    items.extend(
        DueItem(
            title=_("Kế hoạch đang soạn: %(title)s") % {"title": plan.title},
            url=plan.get_absolute_url(),
            due_at=None,
            unit_name=plan.issuer.name,
            status=plan.get_status_display(),
            step="plan",
            action=_("Hoàn thiện và ban hành"),
        )
        for plan in draft_plans_for(user)
    )
    return items
