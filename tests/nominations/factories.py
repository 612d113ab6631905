"""Factories for nominations/ tests."""

import factory
from django.utils import timezone

from campaigns.models import Registration, SelfReport
from nominations.models import Nomination
from tests.factories import OrgUnitFactory, PlanFactory, TitleFactory, UserFactory


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination

    plan = factory.SubFactory(PlanFactory)
    title = factory.SubFactory(TitleFactory, plan=factory.SelfAttribute("..plan"))
    nominee = factory.SubFactory(UserFactory)
    proposed_by = factory.SubFactory(UserFactory)


class SelfReportFactory(factory.django.DjangoModelFactory):
    """A submitted report (the review only sees submitted ones)."""

    class Meta:
        model = SelfReport

    plan = factory.SubFactory(PlanFactory)
    member = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(OrgUnitFactory)
    status = SelfReport.Status.SUBMITTED
    version = 1


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    plan = factory.SubFactory(PlanFactory)
    title = factory.SubFactory(TitleFactory, plan=factory.SelfAttribute("..plan"))
    member = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(OrgUnitFactory)
    registered_at = factory.LazyFunction(timezone.now)
