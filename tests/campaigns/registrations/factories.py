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


class SelfReportMilestoneFactory(MilestoneFactory):
    kind = Milestone.Kind.SELF_REPORT
    starts_at = OPENS
    ends_at = DEADLINE


def submitted_report(plan, member, at):
    """A self-report submitted once at `at` (written directly: the submit service is the
    self-report helper's, and its checks are not what these tests are about)."""
    from campaigns.models import SelfReport, SelfReportVersion

    report = SelfReport.objects.create(
        plan=plan,
        member=member,
        unit=plan.issuer,
        status=SelfReport.Status.SUBMITTED,
        submitted_at=at,
        version=1,
    )
    SelfReportVersion.objects.create(
        report=report,
        number=1,
        submitted_at=at,
        submitted_by=member,
        receipt_code=f"R{report.pk:06d}",
    )
    return report
