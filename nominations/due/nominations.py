"""Opinions the consulted bodies still owe on nominations."""

from collections import Counter

from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.models import Milestone
from nominations.due.common import milestone_end
from nominations.models import Nomination
from nominations.permissions.common import bodies_of, consulted_unit_ids
from portal.due import DueItem, provider
from portal.models import OrgUnit


@provider
def opinions_due(user, now):
    """Nominees of the units the user is consulted on, still without their body's opinion."""
    unit_ids = consulted_unit_ids(user)
    items = []
    for unit in OrgUnit.objects.filter(pk__in=unit_ids):
        bodies = bodies_of(user, unit)
        waiting = Counter()
        titles = {}
        for nomination in (
            Nomination.objects.filter(
                plan__issuer=unit,
                status__in=(Nomination.Status.PROPOSED, Nomination.Status.IN_VOTE),
            )
            .prefetch_related("opinions")
            .select_related("plan")
        ):
            given = {o.body for o in nomination.opinions.all()}
            if any(b not in given for b in bodies):
                waiting[nomination.plan_id] += 1
                titles[nomination.plan_id] = nomination.plan.title
        for plan_id, n in waiting.items():
            items.append(
                DueItem(
                    title=_("Cho ý kiến về %(n)s người được đề nghị: %(plan)s")
                    % {"n": n, "plan": titles[plan_id]},
                    url=reverse("nominations:opinions_page", args=[plan_id]),
                    due_at=milestone_end(plan_id, Milestone.Kind.CONSULTATION),
                    unit_name=unit.name,
                    status=_("Chưa có ý kiến"),
                    step="consultation",
                    action=_("Cho ý kiến"),
                )
            )
    return items
