"""Objections to the published list still to be answered."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from nominations.models import Objection
from nominations.permissions.common import leads
from portal.due import DueItem, provider
from portal.models import OrgUnit, Role
from portal.permissions import unit_ids_with


@provider
def objections_due(user, now):
    """Objections to the lists of the units the user leads, not answered yet."""
    rows = (
        Objection.objects.filter(answered_at__isnull=True)
        .filter(
            Q(
                list__plan__issuer_id__in=unit_ids_with(
                    user, (Role.CHAIR, Role.VICE_CHAIR, Role.FEDERATION_STAFF)
                )
            )
        )
        .values("list__plan_id", "list__plan__title", "list__plan__issuer_id")
        .annotate(n=Count("id"))
    )
    units = {
        u.pk: u for u in OrgUnit.objects.filter(pk__in=[r["list__plan__issuer_id"] for r in rows])
    }
    return [
        DueItem(
            title=_("Trả lời %(n)s góp ý về danh sách: %(plan)s")
            % {"n": row["n"], "plan": row["list__plan__title"]},
            url=reverse("nominations:list_page", args=[row["list__plan_id"]]),
            due_at=None,
            unit_name=units[row["list__plan__issuer_id"]].name,
            status=_("Chưa trả lời"),
            action=_("Trả lời góp ý"),
        )
        for row in rows
        if leads(user, units[row["list__plan__issuer_id"]])
    ]
