"""The published list: members read it while objections are taken; objections still to
be answered."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from nominations.models import NominationList, Objection
from nominations.permissions.common import leads
from portal.due import DueItem, provider
from portal.models import UNION_MEMBER_ROLES, OrgUnit, Role
from portal.permissions import unit_ids_with
from portal.vietnamese import format_deadline


@provider
def published_lists(user, now):
    """Lists of the user's unions published (công khai) and still taking objections: every
    member should read them before the window closes."""
    units = unit_ids_with(user, UNION_MEMBER_ROLES)
    if not units:
        return []
    lists = NominationList.objects.filter(
        plan__issuer_id__in=units,
        status=NominationList.Status.PUBLISHED,
        feedback_ends_at__gt=now,
    ).select_related("plan__issuer")
    return [
        DueItem(
            title=_("Danh sách đề nghị khen thưởng đã công khai: %(plan)s")
            % {"plan": nomination_list.plan.title},
            url=reverse("nominations:list_page", args=[nomination_list.plan_id]),
            due_at=nomination_list.feedback_ends_at,
            unit_name=nomination_list.plan.issuer.name,
            status=_("Nhận góp ý đến %(at)s")
            % {"at": format_deadline(nomination_list.feedback_ends_at)},
            step="lists",
            action=_("Xem danh sách, góp ý"),
        )
        for nomination_list in lists
    ]


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
            step="lists",
            action=_("Trả lời góp ý"),
        )
        for row in rows
        if leads(user, units[row["list__plan__issuer_id"]])
    ]
