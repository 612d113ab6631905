"""Dossiers waiting to be prepared, forwarded or received."""

from collections import Counter

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.models import Milestone, Title
from nominations.due.common import milestone_end
from nominations.models import Dossier, Nomination
from nominations.permissions.common import leads
from portal.due import DueItem, provider
from portal.models import Role
from portal.permissions import unit_ids_with


@provider
def dossiers_due(user, now):
    """For a unit's leader: listed nominees above the unit level whose dossier has not gone
    up (or came back). For the receiving level: dossiers waiting to be received."""
    led = unit_ids_with(user, (Role.CHAIR, Role.VICE_CHAIR, Role.FEDERATION_STAFF))
    if not led:
        return []
    items = []
    to_send = (
        Nomination.objects.filter(plan__issuer_id__in=led, status=Nomination.Status.LISTED)
        .exclude(title__level=Title.Level.UNIT)
        .exclude(plan__parent__isnull=True)
        .select_related("plan__issuer", "plan__parent")
    )
    waiting = Counter()
    plans = {}
    for nomination in to_send:
        if leads(user, nomination.plan.issuer):
            waiting[nomination.plan_id] += 1
            plans[nomination.plan_id] = nomination.plan
    for plan_id, n in waiting.items():
        plan = plans[plan_id]
        items.append(
            DueItem(
                title=_("Gửi %(n)s hồ sơ đề nghị lên cấp trên: %(plan)s")
                % {"n": n, "plan": plan.title},
                url=reverse("nominations:list_page", args=[plan_id]),
                due_at=milestone_end(plan.parent_id, Milestone.Kind.NOMINATION_DUE),
                unit_name=plan.issuer.name,
                status=_("Chưa gửi"),
                step="dossiers",
                action=_("Gửi hồ sơ"),
            )
        )
    incoming = (
        Dossier.objects.filter(target_plan__issuer_id__in=led, status=Dossier.Status.FORWARDED)
        .values("target_plan_id", "target_plan__title", "target_plan__issuer__name")
        .annotate(n=Count("id"))
    )
    for row in incoming:
        items.append(
            DueItem(
                title=_("Tiếp nhận %(n)s hồ sơ gửi lên: %(plan)s")
                % {"n": row["n"], "plan": row["target_plan__title"]},
                url=reverse("nominations:incoming", args=[row["target_plan_id"]]),
                due_at=None,
                unit_name=row["target_plan__issuer__name"],
                status=_("Chờ tiếp nhận"),
                step="incoming",
                action=_("Tiếp nhận hoặc trả lại"),
            )
        )
    return items
