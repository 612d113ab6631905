import pytest

from campaigns.models import Plan
from portal.due import due_items_for
from tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


def test_federation_staff_watches_published_plan_with_cascade_count(
    federation_staff, federation, union, other_union
):
    plan = PlanFactory(issuer=federation, title="Kế hoạch thi đua năm học")
    PlanFactory(issuer=union, parent=plan, title="Kế hoạch của CĐCS")

    items = [
        i
        for i in due_items_for(federation_staff)
        if i.url == f"/bao-cao/ke-hoach/{plan.pk}/tong-hop/"
    ]

    assert [(i.title, i.status) for i in items] == [
        ("Theo dõi tiến độ: Kế hoạch thi đua năm học", "1/2 đơn vị đã triển khai")
    ]


def test_watch_item_not_shown_to_members_or_for_closed_plans(federation_staff, federation, bob):
    PlanFactory(issuer=federation, status=Plan.Status.CLOSED)

    watch = [i for i in due_items_for(federation_staff) if "Theo dõi tiến độ" in i.title]
    member_watch = [i for i in due_items_for(bob) if "Theo dõi tiến độ" in i.title]

    assert watch == []
    assert member_watch == []
