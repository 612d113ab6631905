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


def scored_report(plan, member, reviewer, *, met: bool = True) -> SelfReport:
    """A submitted report of `member` on `plan`, scored by `reviewer` on the plan's first
    individual met/not-met criterion (created when the plan has none): what a nomination
    needs before it can be proposed."""
    from campaigns.models import Criterion
    from nominations.models import Score
    from tests.factories import CriterionFactory

    criterion = plan.criteria.filter(target="individual", kind=Criterion.Kind.MET).first()
    if criterion is None:
        criterion = CriterionFactory(plan=plan, text="Hoàn thành tốt nhiệm vụ được giao")
    report = SelfReportFactory(plan=plan, member=member, unit=plan.issuer)
    Score.objects.create(report=report, reviewer=reviewer, criterion=criterion, met=met)
    return report
