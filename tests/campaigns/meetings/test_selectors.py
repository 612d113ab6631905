import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import Minutes, ThematicMeeting
from campaigns.selectors import meetings as selectors
from campaigns.selectors.meetings import QuarterStatus
from tests.campaigns.meetings.factories import (
    MinutesFactory,
    PartyCellFactory,
    ThematicMeetingFactory,
    ThematicPlanFactory,
    local,
)

pytestmark = pytest.mark.django_db


def _quarters(user, plan, now):
    return selectors.plan_quarters(list(selectors.meetings_for_plan(user, plan)), plan.year, now)


def _confirmed(meeting, at):
    return MinutesFactory(meeting=meeting, status=Minutes.Status.CONFIRMED, confirmed_at=at)


def test_plan_quarters_warn_quarter_without_thematic_meeting(plan, secretary):
    for q, month in ((1, 2), (3, 8), (4, 11)):
        ThematicMeetingFactory(plan=plan, quarter=q, planned_at=local(2022, month, 10, 14))
    ThematicMeetingFactory(
        plan=plan,
        quarter=2,
        kind=ThematicMeeting.Kind.REGULAR_MONTHLY,
        planned_at=local(2022, 5, 3, 14),
    )

    rows = _quarters(secretary, plan, now=local(2022, 1, 5))

    assert [r.no_thematic_planned for r in rows] == [False, True, False, False]
    assert [len(r.regular) for r in rows] == [0, 1, 0, 0]


def test_plan_quarters_warn_quarter_passed_without_meeting_held(plan, secretary):
    q1 = ThematicMeetingFactory(plan=plan, quarter=1, planned_at=local(2022, 2, 10, 14))
    _confirmed(q1, local(2022, 2, 10, 17))
    ThematicMeetingFactory(plan=plan, quarter=2, planned_at=local(2022, 5, 10, 14))

    rows = _quarters(secretary, plan, now=local(2022, 7, 2))

    assert [r.status for r in rows] == [
        QuarterStatus.DONE,
        QuarterStatus.MISSING,
        QuarterStatus.OPEN,
        QuarterStatus.OPEN,
    ]
    assert [r.passed_without_meeting for r in rows] == [False, True, False, False]


def test_quarter_status_late_from_first_instant_after_quarter():
    end = local(2022, 4, 1, 0, 0)
    now = local(2022, 6, 1)

    on_time = selectors.quarter_status(2022, 1, end - dt.timedelta(microseconds=1), now)
    late = selectors.quarter_status(2022, 1, end, now)

    assert (on_time, late) == (QuarterStatus.DONE, QuarterStatus.LATE)


def test_quarter_status_missing_only_once_quarter_ended():
    end = local(2023, 1, 1)

    assert selectors.quarter_status(2022, 4, None, end - dt.timedelta(seconds=1)) == (
        QuarterStatus.OPEN
    )
    assert selectors.quarter_status(2022, 4, None, end) == QuarterStatus.MISSING


def test_posted_ahead_exactly_24_hours_counts_as_one_day_ahead(plan):
    meeting = ThematicMeetingFactory(plan=plan, planned_at=local(2022, 2, 15, 14, 0))

    exactly = selectors.posted_ahead(meeting, local(2022, 2, 14, 14, 0))
    one_microsecond_later = selectors.posted_ahead(
        meeting, local(2022, 2, 14, 14, 0) + dt.timedelta(microseconds=1)
    )

    assert (exactly, one_microsecond_later) == (True, False)


def test_posted_ahead_none_without_materials(plan):
    meeting = ThematicMeetingFactory(plan=plan)

    assert selectors.posted_ahead(meeting, None) is None


def test_quarter_report_lists_attendance_and_conclusions(plan, secretary, party_member):
    meeting = ThematicMeetingFactory(plan=plan, quarter=1, topic="An toàn cho trẻ")
    minutes = _confirmed(meeting, local(2022, 2, 15, 17))
    minutes.members_total = 2
    minutes.save()
    minutes.attendees.create(user=secretary, name=str(secretary), present=True)
    minutes.attendees.create(
        user=party_member, name=str(party_member), present=False, absence_reason="Ốm"
    )

    rows = selectors.quarter_report(party_member, plan, 1)

    assert [(r.meeting, r.minutes, r.present, r.total) for r in rows] == [(meeting, minutes, 1, 2)]
    assert [(a.name, a.absence_reason) for a in rows[0].absentees] == [("Trần Thị Ánh Tuyết", "Ốm")]


def _overview_queries(user, year, now):
    user._policy_grants = None  # as in a fresh request
    with CaptureQueriesContext(connection) as ctx:
        rows = selectors.committee_overview(user, year, now)
    return rows, len(ctx.captured_queries)


def _cell_with_done_q1(committee, n):
    cell = PartyCellFactory(code=f"cell-{n}", parent=committee)
    plan = ThematicPlanFactory(issuer=cell)
    meeting = ThematicMeetingFactory(plan=plan, quarter=1)
    _confirmed(meeting, local(2022, 3, 1))
    late = ThematicMeetingFactory(plan=plan, quarter=2, planned_at=local(2022, 6, 20, 14))
    _confirmed(late, local(2022, 7, 2))
    return cell


def test_committee_overview_constant_queries_for_one_and_three_cells(committee, committee_reader):
    now = local(2022, 10, 5)
    _cell_with_done_q1(committee, 1)
    one, queries_one = _overview_queries(committee_reader, 2022, now)
    _cell_with_done_q1(committee, 2)
    _cell_with_done_q1(committee, 3)
    three, queries_three = _overview_queries(committee_reader, 2022, now)

    assert (len(one), len(three)) == (1, 3)
    assert queries_one == queries_three
    assert [q.status for q in three[0].quarters] == [
        QuarterStatus.DONE,
        QuarterStatus.LATE,
        QuarterStatus.MISSING,
        QuarterStatus.OPEN,
    ]


def test_committee_overview_shows_only_own_committee_cells(cell, other_cell, committee_reader):
    foreign = PartyCellFactory(code="foreign", name="Chi bộ khác")

    rows = selectors.committee_overview(committee_reader, 2022, local(2022, 5, 1))

    assert sorted(r.cell.pk for r in rows) == sorted([cell.pk, other_cell.pk])
    assert foreign.pk not in [r.cell.pk for r in rows]


def _plan_page_queries(user, plan):
    user._policy_grants = None
    with CaptureQueriesContext(connection) as ctx:
        meetings = list(selectors.meetings_for_plan(user, plan))
        selectors.plan_quarters(meetings, plan.year, local(2022, 5, 1))
    return len(meetings), len(ctx.captured_queries)


def test_meetings_for_plan_constant_queries_for_one_and_three_meetings(plan, secretary):
    first = ThematicMeetingFactory(plan=plan, quarter=1)
    first.materials.create(file="x", original_name="a.pdf", mime="application/pdf", size=1)
    MinutesFactory(meeting=first, chair=secretary, secretary=secretary)
    one = _plan_page_queries(secretary, plan)
    for q in (2, 3):
        m = ThematicMeetingFactory(plan=plan, quarter=q, planned_at=local(2022, 3 * q, 1, 8))
        MinutesFactory(meeting=m, chair=secretary, secretary=secretary)
    three = _plan_page_queries(secretary, plan)

    assert (one[0], three[0]) == (1, 3)
    assert one[1] == three[1]
