"""Who may see and change a party cell's meetings. Registered with the one policy.

- Members of the cell (any PARTY_ROLES membership in it) see its plan, meetings,
  materials and confirmed minutes.
- The cell secretary and the cell committee (cấp ủy viên) edit: plan meetings, post
  materials, draft minutes, correct confirmed minutes. They also see drafts.
- The chair and the secretary named on a draft see it and confirm it.
- The party committee above (a cell_secretary or cell_committee membership in a
  party_committee unit above the cell) reads its cells' plans, meetings and confirmed
  minutes, and the per-cell quarter overview.
- Nobody else sees anything of a cell: union-only members get 404.
"""

from django.db.models import Q

from campaigns.models import MeetingMaterial, Minutes, Plan, ThematicMeeting
from portal.models import PARTY_ROLES, OrgUnit, Role
from portal.permissions import grants, has_role, is_admin, rule, selector

CELL_EDITOR_ROLES = (Role.CELL_SECRETARY, Role.CELL_COMMITTEE)
COMMITTEE_ROLES = (Role.CELL_SECRETARY, Role.CELL_COMMITTEE)


def committee_paths(user) -> list[str]:
    """Paths of the party committees the user sits on (bí thư or cấp ủy viên of a Đảng ủy)."""
    return [
        g.unit_path
        for g in grants(user)
        if g.unit_kind == OrgUnit.Kind.PARTY_COMMITTEE and g.role in COMMITTEE_ROLES
    ]


def cell_ids_of(user) -> set[int]:
    """Cells the user is a party member of."""
    return {
        g.unit_id
        for g in grants(user)
        if g.unit_kind == OrgUnit.Kind.PARTY_CELL and g.role in PARTY_ROLES
    }


def edits_cell(user, cell: OrgUnit) -> bool:
    """The cell secretary and the cell committee edit the cell's meetings."""
    return is_admin(user) or has_role(user, cell, CELL_EDITOR_ROLES)


def is_cell_member(user, cell: OrgUnit) -> bool:
    return has_role(user, cell, PARTY_ROLES)


def oversees_cell(user, cell: OrgUnit) -> bool:
    """Sits on a party committee above the cell."""
    return any(cell.path.startswith(p) and cell.path != p for p in committee_paths(user))


def reads_cell(user, cell: OrgUnit) -> bool:
    return is_admin(user) or is_cell_member(user, cell) or oversees_cell(user, cell)


def thematic_plans_visible_to(user):
    """Thematic-meeting plans of the user's cells and of the cells under their committees.

    Not the Plan selector (that one also shows plans to union managers above the cell):
    the meeting pages fetch plans through this one.
    """
    qs = Plan.objects.filter(
        kind=Plan.Kind.THEMATIC_MEETINGS, issuer__kind=OrgUnit.Kind.PARTY_CELL
    ).select_related("issuer", "issuer__parent")
    if is_admin(user):
        return qs
    q = Q(issuer_id__in=cell_ids_of(user))
    for path in committee_paths(user):
        q |= Q(issuer__path__startswith=path)
    return qs.filter(q)


@selector(ThematicMeeting)
def meetings_visible_to(user):
    """Meetings of the plans in ``thematic_plans_visible_to``."""
    plans = thematic_plans_visible_to(user).values("pk")
    return ThematicMeeting.objects.filter(plan__in=plans).select_related(
        "plan__issuer__parent", "preparer"
    )


@selector(MeetingMaterial)
def materials_visible_to(user):
    """Materials of the meetings the user sees."""
    meetings = meetings_visible_to(user).values("pk")
    return MeetingMaterial.objects.filter(meeting__in=meetings).select_related(
        "meeting__plan__issuer"
    )


@selector(Minutes)
def minutes_visible_to(user):
    """Confirmed minutes of the meetings the user sees; drafts only to the cell's editors
    and to the chair and secretary named on them."""
    meetings = meetings_visible_to(user).values("pk")
    qs = Minutes.objects.filter(meeting__in=meetings).select_related(
        "meeting__plan__issuer__parent", "chair", "secretary", "previous"
    )
    if is_admin(user):
        return qs
    editable = {g.unit_id for g in grants(user) if g.role in CELL_EDITOR_ROLES}
    return qs.filter(
        Q(status=Minutes.Status.CONFIRMED)
        | Q(meeting__plan__issuer_id__in=editable)
        | Q(chair=user)
        | Q(secretary=user)
    )


# --- plan and meetings ---------------------------------------------------------------


@rule("meetings.browse")
def can_browse_meetings(user, obj):
    """Any signed-in user may open the list; it shows only what they may see."""
    return True


@rule("meetings.plan_view")
def can_view_meeting_plan(user, plan):
    return plan is None or reads_cell(user, plan.issuer)


@rule("meetings.plan_edit")
def can_edit_meeting_plan(user, plan):
    """Add meetings to the plan: the cell's secretary and committee, not for archives."""
    return plan is None or (edits_cell(user, plan.issuer) and not plan.is_historical)


@rule("meeting.view")
def can_view_meeting(user, meeting):
    return True  # visibility is decided by meetings_visible_to


@rule("meeting.edit")
def can_edit_meeting(user, meeting):
    return edits_cell(user, meeting.cell) and meeting.status == ThematicMeeting.Status.PLANNED


@rule("meeting.post_materials")
def can_post_materials(user, meeting):
    return edits_cell(user, meeting.cell)


@rule("material.download")
def can_download_material(user, material):
    return True  # visibility is decided by materials_visible_to


@rule("meeting.draft_minutes")
def can_draft_minutes(user, meeting):
    """Start the minutes: editors, once no minutes exist (corrections go through
    ``minutes.correct``)."""
    return edits_cell(user, meeting.cell)


# --- minutes -------------------------------------------------------------------------


@rule("minutes.view")
def can_view_minutes(user, minutes):
    return True  # visibility is decided by minutes_visible_to


@rule("minutes.edit")
def can_edit_minutes(user, minutes):
    """Drafts only: the cell's editors and the secretary who takes the minutes."""
    if minutes.is_confirmed:
        return False
    return edits_cell(user, minutes.meeting.cell) or minutes.secretary_id == user.pk


@rule("minutes.confirm")
def can_confirm_minutes(user, minutes):
    """The chair and the secretary named on a draft, each for their own part."""
    return not minutes.is_confirmed and user.pk in (minutes.chair_id, minutes.secretary_id)


@rule("minutes.correct")
def can_correct_minutes(user, minutes):
    """A new version of confirmed minutes that have no correction yet."""
    return (
        minutes.is_confirmed
        and edits_cell(user, minutes.meeting.cell)
        and not Minutes.objects.filter(previous=minutes).exists()
    )


@rule("minutes.pdf")
def can_download_minutes_pdf(user, minutes):
    return True  # visibility is decided by minutes_visible_to


# --- reporting up --------------------------------------------------------------------


@rule("meetings.quarter_report")
def can_view_quarter_report(user, plan):
    return plan is None or reads_cell(user, plan.issuer)


@rule("meetings.committee_overview")
def can_view_committee_overview(user, obj):
    """The quarter overview of the cells under a party committee."""
    return is_admin(user) or bool(committee_paths(user))
