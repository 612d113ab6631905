"""A party committee with one cell, its people, and people who must not see it."""

import pytest

from portal.models import Role
from tests.campaigns.meetings.factories import (
    PartyCellFactory,
    PartyCommitteeFactory,
    ThematicPlanFactory,
)
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def committee(db):
    return PartyCommitteeFactory(code="dangUy17", name="Đảng ủy Phường 17", place="Gò Vấp")


@pytest.fixture
def cell(committee):
    return PartyCellFactory(
        code="cb-senhong", name="Chi bộ Trường MN Sen Hồng", parent=committee, place="Gò Vấp"
    )


@pytest.fixture
def other_cell(committee):
    return PartyCellFactory(code="cb-hoahong", name="Chi bộ Trường MN Hoa Hồng", parent=committee)


def _person(username, full_name, unit, role, email=""):
    user = UserFactory(username=username, full_name=full_name, email=email)
    MembershipFactory(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def secretary(cell):
    """Bí thư chi bộ: edits."""
    return _person("bithu", "Nguyễn Thị Thu Hà", cell, Role.CELL_SECRETARY, "ha@example.vn")


@pytest.fixture
def cell_committee_member(cell):
    return _person("capuy", "Lê Văn Đức", cell, Role.CELL_COMMITTEE, "duc@example.vn")


@pytest.fixture
def party_member(cell):
    """Đảng viên of the cell: reads."""
    return _person("dangvien", "Trần Thị Ánh Tuyết", cell, Role.PARTY_MEMBER, "tuyet@example.vn")


@pytest.fixture
def union_member(union):
    """A union member only (no party membership): sees nothing of the cell."""
    return _person("doanvien", "Phạm Thị Hồng", union, Role.MEMBER, "hong@example.vn")


@pytest.fixture
def committee_reader(committee):
    """Bí thư of the Đảng ủy above: reads its cells'."""
    return _person("bithudanguy", "Võ Văn Kiệt", committee, Role.CELL_SECRETARY)


@pytest.fixture
def outsider(other_cell):
    """Party member of another cell."""
    return _person("ngoai", "Đỗ Thị Mai", other_cell, Role.PARTY_MEMBER)


@pytest.fixture
def plan(cell):
    return ThematicPlanFactory(issuer=cell, year=2022)
