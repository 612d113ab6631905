import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from campaigns.models import Minutes, Plan, ThematicMeeting
from campaigns.selectors.meetings import QuarterStatus, committee_overview
from portal.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", verbosity=0)


def test_demo_myhoa_2022_has_four_confirmed_thematic_meetings(demo):
    plan = Plan.objects.get(issuer__code="cb-mn-myhoa", kind=Plan.Kind.THEMATIC_MEETINGS)
    meetings = list(plan.thematic_meetings.order_by("quarter"))

    assert [(m.quarter, m.status) for m in meetings] == [
        (q, ThematicMeeting.Status.HELD) for q in (1, 2, 3, 4)
    ]
    assert meetings[1].topic == "Học tập và làm theo tấm gương đạo đức Hồ Chí Minh"
    assert Minutes.objects.filter(meeting__plan=plan, status=Minutes.Status.CONFIRMED).count() == 4
    reader = User.objects.get(username="danguy_tanxuan")
    [row] = committee_overview(reader, 2022, timezone.now())
    assert [q.status for q in row.quarters] == [QuarterStatus.DONE] * 4


def test_demo_senhong_live_meeting_planned_soon_without_materials(demo):
    now = timezone.now()
    live = ThematicMeeting.objects.get(
        plan__issuer__code="cb-mn-senhong", status=ThematicMeeting.Status.PLANNED
    )

    assert now < live.planned_at < now + dt.timedelta(days=7)
    assert live.materials.count() == 0
    assert live.minutes.count() == 0
    assert live.preparer.username == "bithu_senhong"
