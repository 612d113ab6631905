import datetime as dt

import pytest

from campaigns.models import Plan
from campaigns.selectors.plans import (
    cascade_units_for,
    pending_parent_plans_for,
    plan_cascade_status,
    plan_document,
    plan_for_detail,
    plans_for_list,
)
from campaigns.services import cascade as cascade_services
from campaigns.services import plans as plan_services
from portal.models import OrgUnit, Role
from tests.factories import MembershipFactory, OrgUnitFactory, PlanFactory, UserFactory

pytestmark = pytest.mark.django_db


def _row(r):
    return (r.unit_name, r.expected, r.cascaded, r.plan_status_label, r.plan_url)


def test_cascade_status_one_row_per_child_unit(federation, union, other_union, group, alice):
    parent = PlanFactory(issuer=federation, number=9)
    child = cascade_services.create_child_plan(parent=parent, issuer=union, actor=alice)
    plan_services.publish_plan(plan=child, actor=alice)

    status = plan_cascade_status(parent)

    assert [_row(r) for r in status.rows] == [
        ("CĐCS Trường MN Hoa Hồng", True, False, "", ""),
        ("CĐCS Trường MN Sen Hồng", True, True, "Đã ban hành", child.get_absolute_url()),
    ]
    assert (status.cascaded_count, status.expected_count) == (1, 2)
    assert [r.unit_name for r in status.missing] == ["CĐCS Trường MN Hoa Hồng"]


def test_cascade_status_draft_child_not_cascaded_and_not_linked(federation, union, alice):
    parent = PlanFactory(issuer=federation)
    cascade_services.create_child_plan(parent=parent, issuer=union, actor=alice)

    status = plan_cascade_status(parent)

    assert [_row(r) for r in status.rows] == [
        ("CĐCS Trường MN Sen Hồng", True, False, "Đang soạn", "")
    ]


def test_cascade_status_union_plan_lists_party_cell_plan_as_extra(union, group, alice):
    cell = OrgUnitFactory(name="Chi bộ Sen Hồng", kind=OrgUnit.Kind.PARTY_CELL, parent=union)
    secretary = UserFactory()
    MembershipFactory(user=secretary, unit=cell, role=Role.CELL_SECRETARY)
    union_plan = PlanFactory(issuer=union, number=8)

    before = plan_cascade_status(union_plan)
    cell_plan = cascade_services.create_child_plan(parent=union_plan, issuer=cell, actor=secretary)
    plan_services.publish_plan(plan=cell_plan, actor=secretary)
    after = plan_cascade_status(union_plan)

    assert before.rows == ()
    assert [_row(r) for r in after.rows] == [
        ("Chi bộ Sen Hồng", False, True, "Đã ban hành", cell_plan.get_absolute_url())
    ]
    assert (after.cascaded_count, after.expected_count) == (0, 0)


@pytest.mark.parametrize("units", [1, 3])
def test_cascade_status_constant_queries(federation, alice, units, django_assert_num_queries):
    parent = PlanFactory(issuer=federation)
    for i in range(units):
        unit = OrgUnitFactory(parent=federation)
        PlanFactory(issuer=unit, parent=parent, title=f"KH {i}")
    parent = Plan.objects.select_related("issuer").get(pk=parent.pk)

    with django_assert_num_queries(2):
        status = plan_cascade_status(parent)

    assert status.cascaded_count == units


def test_cascade_units_for_chair_excludes_units_already_cascaded(federation, union, alice):
    parent = PlanFactory(issuer=federation)

    before = list(cascade_units_for(alice, parent))
    cascade_services.create_child_plan(parent=parent, issuer=union, actor=alice)
    after = list(cascade_units_for(alice, parent))

    assert (before, after) == ([union], [])


def test_cascade_units_for_member_empty(federation, bob):
    parent = PlanFactory(issuer=federation)

    assert list(cascade_units_for(bob, parent)) == []


def test_pending_parent_plans_for_chair(federation, union, other_union, alice):
    published = PlanFactory(issuer=federation, title="Đang ban hành")
    PlanFactory(issuer=federation, status=Plan.Status.DRAFT)
    PlanFactory(issuer=federation, status=Plan.Status.CLOSED)
    PlanFactory(issuer=federation, is_historical=True)
    done = PlanFactory(issuer=federation, title="Đã triển khai")
    cascade_services.create_child_plan(parent=done, issuer=union, actor=alice)

    assert pending_parent_plans_for(alice) == [(union, published)]


def test_pending_parent_plans_for_party_cell_ignores_union_plans(union, alice):
    cell = OrgUnitFactory(kind=OrgUnit.Kind.PARTY_CELL, parent=union)
    secretary = UserFactory()
    MembershipFactory(user=secretary, unit=cell, role=Role.CELL_SECRETARY)
    PlanFactory(issuer=union)

    assert pending_parent_plans_for(secretary) == []


def test_plans_for_list_search_every_word(federation, alice):
    match = PlanFactory(issuer=federation, title="Tuyên dương người tốt việc tốt năm 2023")
    PlanFactory(issuer=federation, title="Tuyên dương tập thể")

    assert list(plans_for_list(alice, query="TUYEN DUONG viec tot")) == [match]


def test_plan_document_draft_has_blank_number_and_date(federation, union, alice):
    draft = plan_services.create_plan(
        issuer=union, actor=alice, title="Kế hoạch nháp", kind=Plan.Kind.EMULATION
    )
    plan = plan_for_detail(alice, draft.pk)

    doc = plan_document(plan)

    assert (doc.number_line, doc.dateline) == (
        "Số: …/KH-CĐCS-MNSH",
        "Gò Vấp, ngày … tháng … năm …",
    )
    assert doc.reference_line == ""


def test_plan_document_dates_below_ten_take_leading_zero(federation, federation_staff):
    plan = PlanFactory(issuer=federation, number=3, issued_on=dt.date(2024, 1, 5), year=2024)

    doc = plan_document(plan_for_detail(federation_staff, plan.pk))

    assert (doc.number_line, doc.dateline, doc.parent_body) == (
        "Số: 03/KH-LĐLĐ",
        "Gò Vấp, ngày 05 tháng 01 năm 2024",
        "",
    )


def test_plan_for_detail_constant_queries(federation, federation_staff, django_assert_num_queries):
    plan = PlanFactory(issuer=federation)
    federation_staff._policy_grants = None

    with django_assert_num_queries(7):  # grants, plan, 5 prefetches (with agenda items)
        loaded = plan_for_detail(federation_staff, plan.pk)
        plan_document(loaded)
