from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from campaigns.models import Target
from nominations.models import CollectiveCondition
from nominations.selectors.reviews import conditions_for
from nominations.services.conditions import add_collective_condition
from portal.models import AuditEntry
from tests.factories import TitleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def basic(plan):
    return TitleFactory(plan=plan, name="Lao động tiên tiến", target=Target.INDIVIDUAL)


@pytest.fixture
def collective(plan):
    return TitleFactory(plan=plan, name="Tập thể lao động xuất sắc", target=Target.COLLECTIVE)


def test_chair_adds_condition(alice, basic, collective):
    condition = add_collective_condition(
        title=collective, member_title=basic, min_share=Decimal("0.7"), actor=alice
    )

    assert (condition.min_share, condition.strict, condition.min_count) == (
        Decimal("0.7"),
        False,
        None,
    )
    assert AuditEntry.objects.get(action="condition.add").data["member_title"] == (
        "Lao động tiên tiến"
    )


def test_condition_needs_share_or_count(alice, basic, collective):
    with pytest.raises(ValidationError) as error:
        add_collective_condition(title=collective, member_title=basic, actor=alice)

    assert error.value.messages == ["Cần một tỷ lệ hoặc một số lượng tối thiểu."]


def test_condition_on_individual_title_refused(alice, basic):
    with pytest.raises(ValidationError):
        add_collective_condition(title=basic, member_title=basic, min_count=1, actor=alice)


def test_condition_by_bch_member_refused(bch, basic, collective):
    with pytest.raises(PermissionDenied):
        add_collective_condition(title=collective, member_title=basic, min_count=1, actor=bch[1])


def test_inherited_title_uses_parent_conditions_on_local_copies(federation_plan, plan):
    parent_basic = TitleFactory(plan=federation_plan, name="Lao động tiên tiến")
    parent_collective = TitleFactory(
        plan=federation_plan, name="Tập thể lao động xuất sắc", target=Target.COLLECTIVE
    )
    CollectiveCondition.objects.create(
        title=parent_collective, member_title=parent_basic, min_share=Decimal("0.7")
    )
    local_basic = TitleFactory(plan=plan, name="Lao động tiên tiến", inherited_from=parent_basic)
    local_collective = TitleFactory(
        plan=plan,
        name="Tập thể lao động xuất sắc",
        target=Target.COLLECTIVE,
        inherited_from=parent_collective,
    )

    conditions = conditions_for(local_collective)

    assert [(c.member_title, c.min_share) for c in conditions] == [(local_basic, Decimal("0.7000"))]


def test_condition_page_post_by_chair(client, alice, basic, collective, plan):
    client.force_login(alice)

    client.post(
        reverse("nominations:condition_add", args=[plan.pk]),
        {"title": collective.pk, "member_title": basic.pk, "min_percent": "70", "min_count": ""},
    )
    page = client.get(reverse("nominations:condition_list", args=[plan.pk]))

    assert list(CollectiveCondition.objects.values_list("min_share", flat=True)) == [
        Decimal("0.7000")
    ]
    assert [(t, [c.min_share for c in cs]) for t, cs in page.context["rows"]] == [
        (collective, [Decimal("0.7000")])
    ]


def test_condition_remove_by_chair(client, alice, basic, collective):
    condition = add_collective_condition(
        title=collective, member_title=basic, min_count=1, actor=alice
    )
    client.force_login(alice)

    client.post(reverse("nominations:condition_remove", args=[condition.pk]))

    assert CollectiveCondition.objects.count() == 0


def test_condition_page_forbidden_for_plain_member(client, bob, plan):
    client.force_login(bob)

    assert client.get(reverse("nominations:condition_list", args=[plan.pk])).status_code == 403
