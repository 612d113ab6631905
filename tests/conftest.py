"""Shared fixtures: a small tree and three kinds of people, as healthchecks has
Alice (may), Bob (may only read) and Charlie (no access)."""

import pytest

from portal.models import OrgUnit, Role
from tests.factories import FederationFactory, MembershipFactory, OrgUnitFactory, UserFactory
from tests.system_tools import missing


@pytest.fixture
def federation(db):
    return FederationFactory(code="govap", name="LĐLĐ Quận Gò Vấp", place="Gò Vấp")


@pytest.fixture
def union(federation):
    return OrgUnitFactory(
        code="senhong", name="CĐCS Trường MN Sen Hồng", short_name="CĐCS-MNSH", parent=federation
    )


@pytest.fixture
def other_union(federation):
    return OrgUnitFactory(code="hoahong", name="CĐCS Trường MN Hoa Hồng", parent=federation)


@pytest.fixture
def group(union):
    return OrgUnitFactory(
        code="senhong-choi", name="Tổ Chồi", kind=OrgUnit.Kind.UNION_GROUP, parent=union
    )


@pytest.fixture
def alice(union):
    """Chair of the union: may manage its plans."""
    user = UserFactory(username="alice", full_name="Trần Thị Alice")
    MembershipFactory(user=user, unit=union, role=Role.CHAIR)
    return user


@pytest.fixture
def bob(union):
    """Ordinary member of the union: may read."""
    user = UserFactory(username="bob", full_name="Lê Văn Bob")
    MembershipFactory(user=user, unit=union, role=Role.MEMBER)
    return user


@pytest.fixture
def charlie(other_union):
    """Member of another union: no access to alice's union."""
    user = UserFactory(username="charlie", full_name="Phạm Văn Charlie")
    MembershipFactory(user=user, unit=other_union, role=Role.MEMBER)
    return user


@pytest.fixture
def federation_staff(federation):
    user = UserFactory(username="staff", full_name="Võ Thị Cán Bộ")
    MembershipFactory(user=user, unit=federation, role=Role.FEDERATION_STAFF)
    return user


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(pyfuncitem):
    """A test that renders a PDF without libpango (WeasyPrint cannot load it) skips,
    naming the Debian packages; under CI=true it fails."""
    try:
        return (yield)
    except OSError as exc:
        if "pango" not in str(exc).lower():
            raise
        missing(f"libpango ({exc})", "libpango-1.0-0 libpangoft2-1.0-0")
