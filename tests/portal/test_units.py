"""Units managed by those above them: create, rename, move, close."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.models import AuditEntry, OrgUnit
from portal.services import units
from tests.factories import FederationFactory, OrgUnitFactory

pytestmark = pytest.mark.django_db


def test_federation_staff_create_a_union_beneath_them(client, federation, federation_staff):
    client.force_login(federation_staff)

    response = client.post(
        reverse("unit_create", kwargs={"pk": federation.pk}),
        {"name": "CĐCS Trường MN Hoa Cúc", "short_name": "CĐCS-MNHC", "kind": "grassroots_union"},
    )

    assert response.status_code == 302
    unit = OrgUnit.objects.get(name="CĐCS Trường MN Hoa Cúc")
    assert (unit.parent, unit.path) == (federation, f"govap/{unit.code}/")
    assert AuditEntry.objects.first().action == "unit.create"


def test_chair_creates_a_group_but_not_a_union(client, union, alice):
    client.force_login(alice)
    url = reverse("unit_create", kwargs={"pk": union.pk})

    client.post(url, {"name": "Tổ Bếp", "short_name": "TB", "kind": "union_group"})
    refused = client.post(url, {"name": "X", "short_name": "X", "kind": "grassroots_union"})

    assert list(union.children.values_list("name", flat=True)) == ["Tổ Bếp"]
    assert refused.status_code == 200  # the form again: that kind is not offered


def test_chair_cannot_rename_their_own_union(client, union, alice):
    client.force_login(alice)

    response = client.post(
        reverse("unit_edit", kwargs={"pk": union.pk}), {"name": "X", "short_name": "X"}
    )

    assert response.status_code == 403
    union.refresh_from_db()
    assert union.name == "CĐCS Trường MN Sen Hồng"


def test_move_keeps_paths_of_the_whole_subtree(federation, union, group, federation_staff):
    other = FederationFactory(code="q12", parent=federation.parent)
    OrgUnitFactory(code="deep", kind=OrgUnit.Kind.UNION_GROUP, parent=union)

    units.move_unit(unit=union, actor=federation_staff, parent=other)

    assert sorted(
        OrgUnit.objects.filter(path__startswith="q12/").values_list("path", flat=True)
    ) == [
        "q12/",
        "q12/senhong/",
        "q12/senhong/deep/",
        "q12/senhong/senhong-choi/",
    ]


def test_move_into_its_own_subtree_is_refused(federation, union, group, federation_staff):
    with pytest.raises(ValidationError):
        units.move_unit(unit=union, actor=federation_staff, parent=group)
    union.refresh_from_db()
    assert union.path == "govap/senhong/"


def test_closed_unit_is_read_only_and_keeps_its_history(
    client, union, group, alice, bob, federation_staff
):
    units.close_unit(unit=group, actor=federation_staff, closed_on=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError):
        units.rename_unit(unit=group, actor=federation_staff, name="X", short_name="X")
    client.force_login(federation_staff)
    assert client.get(reverse("unit_edit", kwargs={"pk": group.pk})).status_code == 403
    assert OrgUnit.objects.filter(pk=group.pk).exists()


def test_unit_with_open_children_cannot_close(union, group, federation_staff):
    with pytest.raises(ValidationError):
        units.close_unit(unit=union, actor=federation_staff, closed_on=dt.date(2026, 1, 1))


def test_closed_union_members_are_read_only(client, union, alice, bob, federation_staff):
    union.closed_on = dt.date(2026, 1, 1)
    union.save()
    client.force_login(alice)

    assert client.get(reverse("member_list", kwargs={"pk": union.pk})).status_code == 200
    assert client.get(reverse("member_add", kwargs={"pk": union.pk})).status_code == 403


def test_outsider_cannot_see_units_of_another_district(client, union, charlie):
    outsider_fed = FederationFactory(code="q1")
    from tests.factories import MembershipFactory, UserFactory

    staff = UserFactory(username="q1staff")
    MembershipFactory(user=staff, unit=outsider_fed, role="federation_staff")
    client.force_login(staff)

    assert client.get(reverse("unit_edit", kwargs={"pk": union.pk})).status_code == 404
    assert client.get(reverse("unit_create", kwargs={"pk": union.pk})).status_code == 404
