"""Factories for registrations and reminders (tests/factories.py is not ours)."""

import datetime as dt

import factory

from campaigns.models import Milestone, Registration, Target
from tests.factories import MilestoneFactory, PlanFactory, TitleFactory, UserFactory

ICT = dt.timezone(dt.timedelta(hours=7))
# The seed's "Hạn chót 11h30 ngày 23/3/2023", in Asia/Ho_Chi_Minh.
DEADLINE = dt.datetime(2023, 3, 23, 11, 30, tzinfo=ICT)
OPENS = dt.datetime(2023, 3, 15, 7, 0, tzinfo=ICT)


class RegistrationMilestoneFactory(MilestoneFactory):
    kind = Milestone.Kind.REGISTRATION
    starts_at = OPENS
    ends_at = DEADLINE


class IndividualTitleFactory(TitleFactory):
    name = factory.Iterator(["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Gương điển hình"])
    target = Target.INDIVIDUAL
    requires_registration = True


class CollectiveTitleFactory(TitleFactory):
    name = "Tập thể lao động xuất sắc"
    target = Target.COLLECTIVE


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    plan = factory.SubFactory(PlanFactory)
    title = factory.SubFactory(IndividualTitleFactory, plan=factory.SelfAttribute("..plan"))
    member = factory.SubFactory(UserFactory)
    unit = factory.LazyAttribute(lambda r: r.plan.issuer)
    registered_by = factory.SelfAttribute("member")
    registered_at = OPENS
