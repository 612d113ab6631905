"""Factories for nominations/ tests."""

import factory

from nominations.models import Nomination
from tests.factories import PlanFactory, TitleFactory, UserFactory


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination

    plan = factory.SubFactory(PlanFactory)
    title = factory.SubFactory(TitleFactory, plan=factory.SelfAttribute("..plan"))
    nominee = factory.SubFactory(UserFactory)
    proposed_by = factory.SubFactory(UserFactory)
