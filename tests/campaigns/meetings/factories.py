"""Factories for party-cell meetings."""

import datetime as dt

import factory
from django.utils import timezone

from campaigns.models import Minutes, Plan, ThematicMeeting
from portal.models import OrgUnit
from tests.factories import OrgUnitFactory, PlanFactory

ZONE = timezone.get_default_timezone()


def local(*args) -> dt.datetime:
    """An aware datetime in Asia/Ho_Chi_Minh."""
    return dt.datetime(*args, tzinfo=ZONE)


class PartyCommitteeFactory(OrgUnitFactory):
    name = factory.Sequence(lambda n: f"Đảng ủy Phường {n}")
    short_name = "ĐU"
    kind = OrgUnit.Kind.PARTY_COMMITTEE


class PartyCellFactory(OrgUnitFactory):
    name = factory.Sequence(lambda n: f"Chi bộ Trường Mầm non số {n}")
    short_name = "CB"
    kind = OrgUnit.Kind.PARTY_CELL


class ThematicPlanFactory(PlanFactory):
    issuer = factory.SubFactory(PartyCellFactory)
    kind = Plan.Kind.THEMATIC_MEETINGS
    year = 2022
    issued_on = dt.date(2022, 1, 10)
    title = "Kế hoạch tổ chức sinh hoạt chuyên đề năm 2022"
    doc_type = "KH"
    signing_body = "CHI BỘ"
    signer_title = "BÍ THƯ"


class ThematicMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThematicMeeting

    plan = factory.SubFactory(ThematicPlanFactory)
    year = 2022
    quarter = 1
    kind = ThematicMeeting.Kind.THEMATIC
    topic = factory.Sequence(lambda n: f"Chuyên đề số {n}")
    planned_at = factory.LazyFunction(lambda: local(2022, 2, 15, 14, 0))
    place = "Phòng họp nhà trường"


class MinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minutes

    meeting = factory.SubFactory(ThematicMeetingFactory)
    started_at = factory.LazyAttribute(lambda o: o.meeting.planned_at)
    ended_at = factory.LazyAttribute(lambda o: o.meeting.planned_at + dt.timedelta(hours=2))
    place = "Phòng họp nhà trường"
    chair = None
    secretary = None
    chair_name = factory.LazyAttribute(lambda o: str(o.chair) if o.chair else "")
    secretary_name = factory.LazyAttribute(lambda o: str(o.secretary) if o.secretary else "")
    agenda = "Quán triệt nội dung chuyên đề."
    conclusions = "Chi bộ thống nhất thực hiện."
