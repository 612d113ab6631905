import pytest

from tests.campaigns.registrations.factories import (
    CollectiveTitleFactory,
    IndividualTitleFactory,
    RegistrationMilestoneFactory,
)
from tests.factories import PlanFactory


@pytest.fixture
def plan(union):
    """A plan of alice's and bob's union with a registration window closing at
    11h30 ngày 23/3/2023."""
    plan = PlanFactory(issuer=union, title="Kế hoạch thi đua năm học 2022-2023")
    RegistrationMilestoneFactory(plan=plan)
    return plan


@pytest.fixture
def ldtt(plan):
    return IndividualTitleFactory(plan=plan, name="Lao động tiên tiến", order=1)


@pytest.fixture
def cstd(plan):
    return IndividualTitleFactory(plan=plan, name="Chiến sĩ thi đua cơ sở", order=2)


@pytest.fixture
def collective(plan):
    return CollectiveTitleFactory(plan=plan, order=3)
