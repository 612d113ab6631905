"""Members managed by the chair: services and pages, through the one policy."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.models import AuditEntry, Membership, OrgUnit, Role, User
from portal.services import members
from tests.factories import MembershipFactory, OrgUnitFactory, UserFactory

pytestmark = pytest.mark.django_db

FIELDS = {"full_name": "Phạm Thị Thu", "phone": "0901 111 222", "position": "Giáo viên"}


def base(user, unit):
    return Membership.objects.current().get(user=user, unit=unit, role=Role.MEMBER)


def test_add_member_creates_account_membership_and_audit(union, alice, group):
    membership = members.add_member(unit=union, actor=alice, group=group, **FIELDS)

    person = membership.user
    assert (person.full_name, person.phone, membership.group) == (
        "Phạm Thị Thu",
        "0901111222",
        group,
    )
    assert not person.has_usable_password()
    assert AuditEntry.objects.first().action == "member.add"


def test_adding_a_known_phone_reuses_the_account(union, other_union, alice):
    moved = UserFactory(username="moved", full_name="Phạm Thị Thu", phone="0901111222")
    old = MembershipFactory(user=moved, unit=other_union)
    old.ends_on, old.end_reason = dt.date(2025, 6, 30), "transfer"
    old.save()

    membership = members.add_member(unit=union, actor=alice, **FIELDS)

    assert membership.user == moved
    assert User.objects.filter(phone="0901111222").count() == 1
    assert Membership.objects.filter(user=moved).count() == 2  # the old one stays as history


def test_adding_someone_already_a_member_is_refused(union, alice, bob):
    bob.phone = "0901111222"
    bob.save()

    with pytest.raises(ValidationError):
        members.add_member(unit=union, actor=alice, **FIELDS)


def test_edit_refuses_a_phone_of_someone_else(union, alice, bob):
    UserFactory(username="x", phone="0909999999")

    with pytest.raises(ValidationError):
        members.update_member(membership=base(bob, union), actor=alice, phone="0909999999")


def test_move_between_groups_is_audited_as_a_move(union, alice, bob, group):
    members.update_member(membership=base(bob, union), actor=alice, group=group)

    assert base(bob, union).group == group
    entry = AuditEntry.objects.first()
    assert (entry.action, entry.data["changed"]["group"]) == ("member.move", ["", "Tổ Chồi"])


def test_group_of_another_union_is_refused(union, other_union, alice, bob):
    foreign = OrgUnitFactory(code="x-to", kind=OrgUnit.Kind.UNION_GROUP, parent=other_union)

    with pytest.raises(ValidationError):
        members.update_member(membership=base(bob, union), actor=alice, group=foreign)


def test_give_and_take_roles(union, alice, bob, group):
    members.update_member(membership=base(bob, union), actor=alice, group=group)
    membership = base(bob, union)
    today = dt.date(2026, 3, 2)
    Membership.objects.filter(user=bob).update(starts_on=dt.date(2026, 1, 1))

    members.set_member_roles(
        membership=membership, actor=alice, roles={Role.BCH_MEMBER, Role.GROUP_LEADER}, today=today
    )
    assert members.current_roles(membership) >= set()
    held = set(
        Membership.objects.filter(user=bob, ends_on__isnull=True).values_list("unit__code", "role")
    )
    assert held == {
        ("senhong", "member"),
        ("senhong", "bch_member"),
        ("senhong-choi", "group_leader"),
    }

    members.set_member_roles(
        membership=membership,
        actor=alice,
        roles={Role.GROUP_LEADER},
        today=today + dt.timedelta(days=10),
    )
    bch = Membership.objects.get(user=bob, role=Role.BCH_MEMBER)
    assert bch.ends_on == dt.date(2026, 3, 11)  # history kept, ended the day before
    assert AuditEntry.objects.first().data == {"given": [], "taken": ["bch_member"]}


def test_unknown_role_and_own_chair_role_are_refused(union, alice):
    with pytest.raises(ValidationError):
        members.set_member_roles(
            membership=MembershipFactory(user=alice, unit=union),
            actor=alice,
            roles={Role.FEDERATION_STAFF},
        )
    alice_base = Membership.objects.get(user=alice, unit=union, role=Role.MEMBER)
    with pytest.raises(ValidationError):
        members.set_member_roles(membership=alice_base, actor=alice, roles=set())
    assert Membership.objects.current().filter(user=alice, role=Role.CHAIR).exists()


def test_end_membership_keeps_history_and_account(union, alice, bob):
    MembershipFactory(user=bob, unit=union, role=Role.BCH_MEMBER)

    members.end_membership(
        membership=base(bob, union), actor=alice, ends_on=dt.date(2026, 1, 31), reason="retirement"
    )

    rows = Membership.objects.filter(user=bob).order_by("role")
    assert [(m.role, m.ends_on, m.end_reason) for m in rows] == [
        ("bch_member", dt.date(2026, 1, 31), "retirement"),
        ("member", dt.date(2026, 1, 31), "retirement"),
    ]
    bob.refresh_from_db()
    assert bob.is_active and bob.has_usable_password()
    assert AuditEntry.objects.first().data == {"ends_on": "2026-01-31", "reason": "retirement"}


def test_end_membership_refusals(union, alice, bob):
    membership = base(bob, union)
    with pytest.raises(ValidationError):
        members.end_membership(
            membership=membership, actor=alice, ends_on=dt.date(2026, 1, 1), reason="fired"
        )
    with pytest.raises(ValidationError):
        members.end_membership(
            membership=base(alice, union)
            if Membership.objects.filter(user=alice, role=Role.MEMBER).exists()
            else MembershipFactory(user=alice, unit=union),
            actor=alice,
            ends_on=dt.date(2026, 1, 1),
            reason="transfer",
        )


def test_closed_union_is_read_only(union, alice, bob):
    union.closed_on = dt.date(2025, 12, 31)
    union.save()

    with pytest.raises(ValidationError):
        members.add_member(unit=union, actor=alice, **FIELDS)
    with pytest.raises(ValidationError):
        members.update_member(membership=base(bob, union), actor=alice, full_name="X")


# --- pages ----------------------------------------------------------------------------


def test_member_list_for_chair_bch_member_and_outsider(client, union, alice, bob, charlie):
    url = reverse("member_list", kwargs={"pk": union.pk})
    bch = UserFactory(username="bch")
    MembershipFactory(user=bch, unit=union, role=Role.BCH_MEMBER)

    statuses = {}
    for user in (alice, bch, bob, charlie):
        client.force_login(user)
        statuses[user.username] = client.get(url).status_code

    assert statuses == {"alice": 200, "bch": 200, "bob": 403, "charlie": 404}


def test_member_list_queries_do_not_grow(client, union, alice, django_assert_max_num_queries):
    client.force_login(alice)
    url = reverse("member_list", kwargs={"pk": union.pk})
    for i in range(3):
        MembershipFactory(user=UserFactory(username=f"m{i}"), unit=union)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert len(response.context["rows"]) == 3  # alice is the chair, not a member row


def test_chair_adds_edits_and_ends_through_pages(client, union, alice, group):
    client.force_login(alice)

    response = client.post(
        reverse("member_add", kwargs={"pk": union.pk}),
        {"full_name": "Phạm Thị Thu", "phone": "0901111222", "group": group.pk},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__phone="0901111222", role=Role.MEMBER)

    response = client.post(
        reverse("member_roles", kwargs={"pk": membership.pk}), {"roles": ["bch_member"]}
    )
    assert response.status_code == 302
    assert Membership.objects.current().filter(user=membership.user, role="bch_member").exists()

    response = client.post(
        reverse("member_end", kwargs={"pk": membership.pk}),
        {"ends_on": "2026-12-31", "reason": "transfer"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.ends_on, membership.end_reason) == (dt.date(2026, 12, 31), "transfer")


def test_member_cannot_manage_members(client, union, bob, alice):
    client.force_login(bob)
    target = (
        base(alice, union)
        if Membership.objects.filter(user=alice, role="member").exists()
        else MembershipFactory(user=alice, unit=union)
    )

    assert client.post(reverse("member_add", kwargs={"pk": union.pk}), FIELDS).status_code == 403
    assert client.post(reverse("member_end", kwargs={"pk": target.pk}), {}).status_code == 404


def test_party_committee_gives_the_cell_secretary_role(federation):
    committee = OrgUnitFactory(code="du", kind=OrgUnit.Kind.PARTY_COMMITTEE, parent=None)
    cell = OrgUnitFactory(code="cb", kind=OrgUnit.Kind.PARTY_CELL, parent=committee)
    secretary = UserFactory(username="du-bithu")
    MembershipFactory(user=secretary, unit=committee, role=Role.CELL_SECRETARY)
    membership = members.add_member(
        unit=cell, actor=secretary, full_name="Đảng Viên", phone="0901000999"
    )

    members.set_member_roles(membership=membership, actor=secretary, roles={Role.CELL_SECRETARY})

    assert membership.role == Role.PARTY_MEMBER
    assert (
        Membership.objects.current()
        .filter(user=membership.user, unit=cell, role="cell_secretary")
        .exists()
    )
    with pytest.raises(ValidationError):  # a union's roles do not exist in a chi bộ
        members.set_member_roles(membership=membership, actor=secretary, roles={Role.CHAIR})
