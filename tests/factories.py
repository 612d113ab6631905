"""Factories for test data. fixtures/ is demo data, not test data."""

import datetime as dt

import factory
from django.utils import timezone

from campaigns.models import Criterion, Milestone, Plan, Title
from portal.models import Membership, OrgUnit, Role, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Người{n}")
    password = factory.django.Password("thidua2026")


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    code = factory.Sequence(lambda n: f"unit{n}")
    name = factory.Sequence(lambda n: f"CĐCS Trường số {n}")
    short_name = "CĐCS"
    kind = OrgUnit.Kind.GRASSROOTS_UNION
    place = "Gò Vấp"


class FederationFactory(OrgUnitFactory):
    name = factory.Sequence(lambda n: f"LĐLĐ Quận {n}")
    short_name = "LĐLĐ"
    kind = OrgUnit.Kind.DISTRICT_FEDERATION
    parent = None


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(OrgUnitFactory)
    role = Role.MEMBER


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    issuer = factory.SubFactory(FederationFactory)
    year = 2023
    issued_on = dt.date(2023, 3, 14)
    place = "Gò Vấp"
    title = factory.Sequence(lambda n: f"Kế hoạch thi đua số {n}")
    kind = Plan.Kind.LEARN_FOLLOW
    status = Plan.Status.PUBLISHED


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    plan = factory.SubFactory(PlanFactory)
    text = factory.Sequence(lambda n: f"Tiêu chuẩn {n}")
    order = factory.Sequence(int)


class TitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Title

    plan = factory.SubFactory(PlanFactory)
    name = "Gương điển hình tiên tiến"
    level = Title.Level.DISTRICT


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    plan = factory.SubFactory(PlanFactory)
    kind = Milestone.Kind.SELF_REPORT
    starts_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
