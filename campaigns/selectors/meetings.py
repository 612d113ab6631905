"""Permission-aware reads for party-cell meetings: plan by quarter, materials, minutes,
the quarter report and the party committee's overview."""

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Count, Max, Min, Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.deadlines import Window, WindowState
from campaigns.models import Minutes, Plan, ThematicMeeting
from campaigns.permissions.meetings import committee_paths, thematic_plans_visible_to
from portal.models import PARTY_ROLES, Membership, OrgUnit, User
from portal.permissions import authorize, is_admin, visible_to

QUARTERS = (1, 2, 3, 4)
MATERIALS_LEAD = dt.timedelta(hours=24)


# --- quarters ------------------------------------------------------------------------


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_window(year: int, quarter: int) -> Window:
    """The quarter as a deadline window in the portal's time zone: [1/1 00:00, 1/4 00:00)."""
    zone = timezone.get_default_timezone()
    start = dt.datetime(year, 3 * quarter - 2, 1, tzinfo=zone)
    end = (
        dt.datetime(year + 1, 1, 1, tzinfo=zone)
        if quarter == 4
        else (dt.datetime(year, 3 * quarter + 1, 1, tzinfo=zone))
    )
    return Window(start, end)


class QuarterStatus(StrEnum):
    DONE = "done"
    LATE = "late"
    MISSING = "missing"
    OPEN = "open"


QUARTER_STATUS_LABELS = {
    QuarterStatus.DONE: _("Đã sinh hoạt"),
    QuarterStatus.LATE: _("Biên bản trễ"),
    QuarterStatus.MISSING: _("Không sinh hoạt"),
    QuarterStatus.OPEN: _("Chưa đến hạn"),
}
QUARTER_STATUS_CSS = {
    QuarterStatus.DONE: "success",
    QuarterStatus.LATE: "warning",
    QuarterStatus.MISSING: "danger",
    QuarterStatus.OPEN: "secondary",
}


def quarter_status(
    year: int, quarter: int, first_confirmed_at: dt.datetime | None, now: dt.datetime
) -> QuarterStatus:
    """Done: a thematic meeting's minutes were confirmed within the quarter; late: only
    after the quarter ended; missing: the quarter ended with none; open: not ended yet."""
    window = quarter_window(year, quarter)
    if first_confirmed_at is not None:
        if window.state(first_confirmed_at) is WindowState.CLOSED:
            return QuarterStatus.LATE
        return QuarterStatus.DONE
    if window.state(now) is WindowState.CLOSED:
        return QuarterStatus.MISSING
    return QuarterStatus.OPEN


@dataclass(frozen=True)
class QuarterCell:
    quarter: int
    status: QuarterStatus

    @property
    def label(self):
        return QUARTER_STATUS_LABELS[self.status]

    @property
    def css(self) -> str:
        return QUARTER_STATUS_CSS[self.status]


# --- fetching through the policy -----------------------------------------------------


def get_thematic_plan_for(user, pk: int, action: str) -> Plan:
    """A thematic-meeting plan of a cell: 404 if the user may not see it, 403 if `action`
    is refused."""
    try:
        plan = thematic_plans_visible_to(user).get(pk=pk)
    except Plan.DoesNotExist as exc:
        raise Http404 from exc
    authorize(user, action, plan)
    return plan


def thematic_plans_for_list(user):
    """Thematic plans the user sees, newest year first, with their meeting counts."""
    return (
        thematic_plans_visible_to(user)
        .annotate(
            meeting_count=Count(
                "thematic_meetings",
                filter=Q(thematic_meetings__kind=ThematicMeeting.Kind.THEMATIC),
            )
        )
        .order_by("-year", "issuer__name", "id")
    )


def cell_members(cell: OrgUnit, on: dt.date | None = None) -> list[User]:
    """Party members of the cell (any PARTY_ROLES membership), in Vietnamese name order."""
    ids = Membership.objects.current(on).filter(unit=cell, role__in=PARTY_ROLES).values("user_id")
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("sort_name", "id"))


# --- the plan page -------------------------------------------------------------------


def meetings_for_plan(user, plan: Plan):
    """The plan's meetings the user sees, with their material counts and the time of the
    first confirmation of their minutes (three queries whatever the number of meetings)."""
    return (
        visible_to(user, ThematicMeeting)
        .filter(plan=plan)
        .annotate(
            material_count=Count("materials", distinct=True),
            first_material_at=Min("materials__uploaded_at"),
            first_confirmed_at=Min("minutes__confirmed_at"),
            latest_version=Max("minutes__version"),
        )
        .prefetch_related(
            Prefetch(
                "minutes",
                queryset=visible_to(user, Minutes).order_by("version"),
                to_attr="visible_minutes",
            )
        )
        .order_by("planned_at", "id")
    )


@dataclass(frozen=True)
class QuarterRow:
    quarter: int
    window: Window
    thematic: list = field(default_factory=list)
    regular: list = field(default_factory=list)
    status: QuarterStatus = QuarterStatus.OPEN
    no_thematic_planned: bool = False
    passed_without_meeting: bool = False

    @property
    def status_label(self):
        return QUARTER_STATUS_LABELS[self.status]

    @property
    def status_css(self) -> str:
        return QUARTER_STATUS_CSS[self.status]

    @property
    def last_day(self) -> dt.date:
        return timezone.localdate(self.window.ends_at) - dt.timedelta(days=1)


def plan_quarters(meetings, year: int, now: dt.datetime) -> list[QuarterRow]:
    """The four quarters of `year` with their meetings and warnings.

    Warnings: a quarter with no thematic meeting planned, and a quarter that ended
    without a thematic meeting held (its minutes confirmed). Regular monthly meetings
    never count as the quarter's thematic meeting.
    """
    rows = []
    for q in QUARTERS:
        in_quarter = [m for m in meetings if m.year == year and m.quarter == q]
        thematic = [m for m in in_quarter if m.kind == ThematicMeeting.Kind.THEMATIC]
        regular = [m for m in in_quarter if m.kind != ThematicMeeting.Kind.THEMATIC]
        confirmed = [m.first_confirmed_at for m in thematic if m.first_confirmed_at]
        status = quarter_status(year, q, min(confirmed, default=None), now)
        rows.append(
            QuarterRow(
                quarter=q,
                window=quarter_window(year, q),
                thematic=thematic,
                regular=regular,
                status=status,
                no_thematic_planned=not thematic,
                passed_without_meeting=status is QuarterStatus.MISSING,
            )
        )
    return rows


# --- materials -----------------------------------------------------------------------


def posted_ahead(meeting: ThematicMeeting, posted_at: dt.datetime | None) -> bool | None:
    """Were the materials posted at least one day (24 hours) before the meeting?
    None while nothing is posted."""
    if posted_at is None:
        return None
    return meeting.planned_at - posted_at >= MATERIALS_LEAD


# --- minutes -------------------------------------------------------------------------


def minutes_for_meeting(user, meeting: ThematicMeeting) -> list[Minutes]:
    """The versions of the meeting's minutes the user sees, oldest first."""
    return list(
        visible_to(user, Minutes)
        .filter(meeting=meeting)
        .prefetch_related("attendees", "speakers")
        .order_by("version")
    )


def current_minutes(versions: list[Minutes]) -> Minutes | None:
    """The latest confirmed version (corrections supersede, the old ones stay)."""
    confirmed = [m for m in versions if m.is_confirmed]
    return confirmed[-1] if confirmed else None


def minutes_with_details(minutes: Minutes) -> Minutes:
    """`minutes` with attendees and speakers loaded (for the read-back page and PDF)."""
    return (
        Minutes.objects.select_related(
            "meeting__plan__issuer__parent", "chair", "secretary", "previous"
        )
        .prefetch_related("attendees", "speakers")
        .get(pk=minutes.pk)
    )


# --- reporting up --------------------------------------------------------------------


@dataclass(frozen=True)
class ReportedMeeting:
    meeting: ThematicMeeting
    minutes: Minutes | None
    present: int
    total: int
    absentees: list


def quarter_report(user, plan: Plan, quarter: int) -> list[ReportedMeeting]:
    """The meetings of the quarter with their current confirmed minutes: attendance and
    conclusions, as the cell reports them to the party committee above. `user` None: every
    meeting of the plan (a document built for the plan itself, not for a reader)."""
    meetings = list(
        (ThematicMeeting.objects.all() if user is None else visible_to(user, ThematicMeeting))
        .filter(plan=plan, quarter=quarter)
        .prefetch_related(
            Prefetch(
                "minutes",
                queryset=Minutes.objects.filter(status=Minutes.Status.CONFIRMED)
                .prefetch_related("attendees")
                .order_by("version"),
                to_attr="confirmed_minutes",
            )
        )
        .order_by("planned_at", "id")
    )
    rows = []
    for meeting in meetings:
        minutes = meeting.confirmed_minutes[-1] if meeting.confirmed_minutes else None
        attendees = list(minutes.attendees.all()) if minutes else []
        rows.append(
            ReportedMeeting(
                meeting=meeting,
                minutes=minutes,
                present=sum(1 for a in attendees if a.present),
                total=minutes.members_total if minutes else 0,
                absentees=[a for a in attendees if not a.present],
            )
        )
    return rows


@dataclass(frozen=True)
class CellOverview:
    cell: OrgUnit
    plan_id: int | None
    quarters: list


def committee_cells(user):
    """Cells under the party committees the user sits on (all cells for an admin)."""
    cells = OrgUnit.objects.filter(kind=OrgUnit.Kind.PARTY_CELL).select_related("parent")
    if is_admin(user):
        return cells
    q = Q(pk__in=[])
    for path in committee_paths(user):
        q |= Q(path__startswith=path)
    return cells.filter(q)


def committee_overview(user, year: int, now: dt.datetime) -> list[CellOverview]:
    """Per cell under the user's committees, each quarter of `year`: done, late, missing
    or open. Three queries whatever the number of cells."""
    cells = sorted(committee_cells(user), key=lambda c: (c.parent.name if c.parent else "", c.name))
    ids = [c.pk for c in cells]
    firsts = (
        ThematicMeeting.objects.filter(
            plan__issuer_id__in=ids,
            plan__kind=Plan.Kind.THEMATIC_MEETINGS,
            year=year,
            kind=ThematicMeeting.Kind.THEMATIC,
        )
        .values("plan__issuer_id", "quarter")
        .annotate(first=Min("minutes__confirmed_at"))
    )
    first_by = {}
    for row in firsts:
        key = (row["plan__issuer_id"], row["quarter"])
        if row["first"] and (key not in first_by or row["first"] < first_by[key]):
            first_by[key] = row["first"]
    plan_ids = dict(
        Plan.objects.filter(
            issuer_id__in=ids, kind=Plan.Kind.THEMATIC_MEETINGS, year=year
        ).values_list("issuer_id", "pk")
    )
    return [
        CellOverview(
            cell=cell,
            plan_id=plan_ids.get(cell.pk),
            quarters=[
                QuarterCell(q, quarter_status(year, q, first_by.get((cell.pk, q)), now))
                for q in QUARTERS
            ],
        )
        for cell in cells
    ]
