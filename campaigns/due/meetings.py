"""Home-page items for party-cell meetings: materials to post, minutes to write and to
confirm. Registered with portal.due."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from campaigns.models import Minutes, ThematicMeeting
from campaigns.permissions.meetings import CELL_EDITOR_ROLES
from campaigns.selectors.meetings import MATERIALS_LEAD, quarter_window
from portal.due import DueItem, provider
from portal.permissions import grants


@provider
def meeting_items(user, now) -> list[DueItem]:
    """For the cell's editors: materials not yet posted, minutes not yet written. For
    the chair and secretary of a draft: their confirmation."""
    items = []
    cells = {g.unit_id for g in grants(user) if g.role in CELL_EDITOR_ROLES}
    if cells:
        meetings = (
            ThematicMeeting.objects.filter(
                plan__issuer_id__in=cells, status=ThematicMeeting.Status.PLANNED
            )
            .select_related("plan__issuer")
            .annotate(n_materials=Count("materials", distinct=True), n_minutes=Count("minutes"))
            .filter(Q(n_materials=0, planned_at__gt=now) | Q(n_minutes=0, planned_at__lte=now))
        )
        for m in meetings:
            if m.planned_at > now:
                items.append(
                    DueItem(
                        title=m.topic,
                        url=m.get_absolute_url(),
                        due_at=m.planned_at - MATERIALS_LEAD,
                        unit_name=m.plan.issuer.name,
                        status=_("Chưa có tài liệu"),
                        step="meetings",
                        action=_("Đăng tài liệu sinh hoạt"),
                    )
                )
            else:
                items.append(
                    DueItem(
                        title=m.topic,
                        url=m.get_absolute_url(),
                        due_at=quarter_window(m.year, m.quarter).ends_at,
                        unit_name=m.plan.issuer.name,
                        status=_("Chưa có biên bản"),
                        step="meetings",
                        action=_("Ghi biên bản"),
                    )
                )
    drafts = Minutes.objects.filter(status=Minutes.Status.DRAFT).filter(
        Q(chair=user, chair_confirmed_at__isnull=True)
        | Q(secretary=user, secretary_confirmed_at__isnull=True)
    )
    for minutes in drafts.select_related("meeting__plan__issuer"):
        meeting = minutes.meeting
        items.append(
            DueItem(
                title=meeting.topic,
                url=minutes.get_absolute_url(),
                due_at=quarter_window(meeting.year, meeting.quarter).ends_at,
                unit_name=meeting.plan.issuer.name,
                status=_("Biên bản chờ xác nhận"),
                step="meetings",
                action=_("Đọc lại và xác nhận biên bản"),
            )
        )
    return items
