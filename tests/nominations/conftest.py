"""A CĐCS with a chair (alice), four more BCH members, plain members (bob and others), a
plan issued by the CĐCS with one title, and nominations on it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from campaigns.models import Title
from portal.models import Role
from tests.factories import MembershipFactory, PlanFactory, TitleFactory, UserFactory
from tests.nominations.factories import NominationFactory

NOW = timezone.make_aware(dt.datetime(2026, 11, 20, 9, 0), dt.UTC)


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def bch(union, alice):
    """Alice (chair) and four BCH members: an electorate of five."""
    members = [alice]
    for i in range(4):
        user = UserFactory(username=f"bch{i}", full_name=f"Ủy Viên Số{i}")
        MembershipFactory(user=user, unit=union, role=Role.BCH_MEMBER)
        members.append(user)
    return members


@pytest.fixture
def federation_plan(federation):
    return PlanFactory(
        issuer=federation, title="Kế hoạch tuyên dương của LĐLĐ", steps=MECHANICS_STEPS
    )


@pytest.fixture
def district_title(federation_plan):
    return TitleFactory(
        plan=federation_plan, name="Gương điển hình tiên tiến", level=Title.Level.DISTRICT
    )


# The steps the mechanics tests of votes, lists and dossiers take: the plan marks the
# self-report, review and consultation steps as not used (tests/nominations/test_steps.py
# and test_demo_flow.py walk the whole seed-000 order).
MECHANICS_STEPS = ["vote", "list", "publication", "sending_up"]


@pytest.fixture
def plan(union, federation_plan):
    """The CĐCS plan, implementing the federation's."""
    return PlanFactory(
        issuer=union,
        parent=federation_plan,
        title="Kế hoạch bình xét năm học 2025-2026",
        steps=MECHANICS_STEPS,
    )


@pytest.fixture
def local_title(plan, district_title):
    """The district-level title the CĐCS plan inherited from the federation's."""
    return TitleFactory(
        plan=plan,
        name="Gương điển hình tiên tiến",
        level=Title.Level.DISTRICT,
        inherited_from=district_title,
        vote_quorum=Decimal("0.6667"),
        vote_threshold=Decimal("0.7"),
    )


@pytest.fixture
def title(plan):
    return TitleFactory(
        plan=plan,
        name="Lao động tiên tiến",
        level=Title.Level.UNIT,
        vote_quorum=Decimal("0.6667"),
        vote_base=Title.VoteBase.MEMBERS,
        vote_threshold=Decimal("0.7"),
        vote_strict=False,
        secret_ballot=True,
    )


@pytest.fixture
def nomination(plan, title, bob, alice):
    return NominationFactory(plan=plan, title=title, nominee=bob, proposed_by=alice)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def cell(union):
    from portal.models import OrgUnit
    from tests.factories import OrgUnitFactory

    return OrgUnitFactory(
        code="chibo-senhong", name="Chi bộ Sen Hồng", kind=OrgUnit.Kind.PARTY_CELL, parent=union
    )


@pytest.fixture
def secretary(cell, union):
    """Secretary of the party cell under the union (and a member of the union)."""
    user = UserFactory(username="bithu", full_name="Phạm Thị Thu")
    MembershipFactory(user=user, unit=cell, role=Role.CELL_SECRETARY)
    MembershipFactory(user=user, unit=union, role=Role.MEMBER)
    return user


@pytest.fixture
def school_board(union):
    user = UserFactory(username="bgh", full_name="Đỗ Thị Bích")
    MembershipFactory(user=user, unit=union, role=Role.SCHOOL_BOARD)
    return user


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
