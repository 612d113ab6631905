import pytest

from portal.models import Role
from tests.factories import MembershipFactory, OrgUnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_nav_shows_party_link_only_to_party_members(client, bob, federation):
    cell = OrgUnitFactory(code="cell", name="Chi bộ Sen Hồng", kind="party_cell", parent=None)
    secretary = UserFactory(username="secretary")
    MembershipFactory(user=secretary, unit=cell, role=Role.CELL_SECRETARY)

    client.force_login(bob)
    member_page = client.get("/").content.decode()
    client.force_login(secretary)
    secretary_page = client.get("/").content.decode()

    assert "/ke-hoach/sinh-hoat-chi-bo/" not in member_page
    assert "/ke-hoach/sinh-hoat-chi-bo/" in secretary_page


def test_nav_shows_audit_link_to_managers_only(client, alice, bob):
    client.force_login(alice)
    chair_page = client.get("/").content.decode()
    client.force_login(bob)
    member_page = client.get("/").content.decode()

    assert 'href="/nhat-ky/"' in chair_page
    assert 'href="/nhat-ky/"' not in member_page
