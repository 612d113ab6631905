import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Milestone, Registration
from campaigns.selectors.registrations import registrations_by_member, unit_registered
from portal.models import OrgUnit, Role
from tests.campaigns.registrations.factories import (
    CollectiveTitleFactory,
    IndividualTitleFactory,
    RegistrationFactory,
)
from tests.factories import MembershipFactory, OrgUnitFactory, PlanFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_plan(union):
    """A plan whose registration window is open right now."""
    plan = PlanFactory(issuer=union, title="Kế hoạch thi đua năm học 2025-2026")
    Milestone.objects.create(
        plan=plan,
        kind=Milestone.Kind.REGISTRATION,
        starts_at=timezone.now() - dt.timedelta(days=1),
        ends_at=timezone.now() + dt.timedelta(days=1),
    )
    return plan


@pytest.fixture
def titles(live_plan):
    return [
        IndividualTitleFactory(plan=live_plan, name="Lao động tiên tiến", order=1),
        IndividualTitleFactory(plan=live_plan, name="Chiến sĩ thi đua cơ sở", order=2),
        CollectiveTitleFactory(plan=live_plan, name="Tập thể lao động xuất sắc", order=3),
    ]


def member_url(plan):
    return reverse("campaigns:registration_member", args=[plan.pk])


def unit_url(plan):
    return reverse("campaigns:registration_unit", args=[plan.pk])


def overview_url(plan):
    return reverse("campaigns:registration_overview", args=[plan.pk])


def close_window(plan):
    Milestone.objects.filter(plan=plan).update(
        starts_at=timezone.now() - dt.timedelta(days=2),
        ends_at=timezone.now() - dt.timedelta(seconds=1),
    )


def test_member_page_lists_individual_titles_only(client, bob, live_plan, titles):
    client.force_login(bob)

    response = client.get(member_url(live_plan))

    assert response.status_code == 200
    choices = [str(label) for _, label in response.context["form"].fields["titles"].choices]
    assert choices == [
        "Lao động tiên tiến — Cấp quận/huyện (phải đăng ký mới được xét)",
        "Chiến sĩ thi đua cơ sở — Cấp quận/huyện (phải đăng ký mới được xét)",
    ]
    assert "Hạn chót đăng ký:" in response.content.decode()


def test_member_page_post_registers_ticked_titles(client, bob, live_plan, titles):
    client.force_login(bob)

    response = client.post(member_url(live_plan), {"titles": [titles[0].pk]}, follow=True)

    assert response.redirect_chain == [(member_url(live_plan), 302)]
    assert registrations_by_member(live_plan) == {bob.pk: {titles[0].pk}}
    assert [str(m) for m in response.context["messages"]] == ["Đã đăng ký: Lao động tiên tiến."]
    assert response.context["form"].initial == {"titles": [titles[0].pk]}


def test_member_page_post_unticked_withdraws(client, bob, live_plan, titles, union):
    RegistrationFactory(plan=live_plan, member=bob, title=titles[0], unit=union)
    client.force_login(bob)

    response = client.post(member_url(live_plan), {}, follow=True)

    assert registrations_by_member(live_plan) == {}
    assert [str(m) for m in response.context["messages"]] == ["Đã rút đăng ký: Lao động tiên tiến."]


def test_member_page_post_after_deadline_is_refused(client, bob, live_plan, titles):
    close_window(live_plan)
    client.force_login(bob)

    response = client.post(member_url(live_plan), {"titles": [titles[0].pk]})

    assert response.status_code == 400
    assert Registration.objects.count() == 0
    [message] = [str(m) for m in response.context["messages"]]
    assert message.startswith("Đã hết hạn đăng ký thi đua: hạn chót là ")


def test_member_page_after_deadline_shows_disabled_form(client, bob, live_plan, titles):
    close_window(live_plan)
    client.force_login(bob)

    response = client.get(member_url(live_plan))

    assert response.context["form"].fields["titles"].disabled is True
    assert "Lưu đăng ký" not in response.content.decode()


def test_member_page_post_collective_title_is_a_form_error(client, bob, live_plan, titles):
    client.force_login(bob)

    response = client.post(member_url(live_plan), {"titles": [titles[2].pk]})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "titles": ["Danh hiệu bạn chọn không thuộc kế hoạch này."]
    }
    assert Registration.objects.count() == 0


def test_member_page_member_of_another_union_gets_404(client, charlie, live_plan, titles):
    client.force_login(charlie)

    assert client.get(member_url(live_plan)).status_code == 404
    assert client.post(member_url(live_plan), {"titles": [titles[0].pk]}).status_code == 404
    assert Registration.objects.count() == 0


def test_member_page_anonymous_is_sent_to_login(client, live_plan):
    response = client.get(member_url(live_plan))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_unit_page_chair_registers_the_unit(client, alice, union, live_plan, titles):
    client.force_login(alice)

    response = client.post(unit_url(live_plan), {"titles": [titles[2].pk]})

    assert response.status_code == 302
    assert response["Location"] == f"{unit_url(live_plan)}?don_vi={union.pk}"
    assert unit_registered(live_plan, union, titles[2]) is True


def test_unit_page_member_cannot_register_the_unit(client, bob, union, live_plan, titles):
    client.force_login(bob)

    assert client.get(unit_url(live_plan)).status_code == 403
    assert client.post(unit_url(live_plan), {"titles": [titles[2].pk]}).status_code == 403
    assert unit_registered(live_plan, union, titles[2]) is False


def test_unit_page_unit_not_chaired_gets_404(client, alice, other_union, live_plan, titles):
    client.force_login(alice)

    response = client.post(f"{unit_url(live_plan)}?don_vi={other_union.pk}", {"titles": []})

    assert response.status_code == 404


def test_unit_page_post_after_deadline_is_refused(client, alice, union, live_plan, titles):
    close_window(live_plan)
    client.force_login(alice)

    response = client.post(unit_url(live_plan), {"titles": [titles[2].pk]})

    assert response.status_code == 400
    assert unit_registered(live_plan, union, titles[2]) is False


def test_overview_access_by_role(client, alice, bob, charlie, federation_staff, live_plan):
    expected = {alice: 200, bob: 403, charlie: 404, federation_staff: 200}
    seen = {}
    for user in expected:
        client.force_login(user)
        seen[user] = client.get(overview_url(live_plan)).status_code

    assert seen == expected


def _member(union, group, full_name, position=""):
    user = UserFactory(full_name=full_name)
    MembershipFactory(user=user, unit=union, role=Role.MEMBER, group=group, position=position)
    return user


def test_overview_groups_sorted_the_vietnamese_way_with_counts(
    client, alice, union, group, live_plan, titles
):
    mam = OrgUnitFactory(
        code="senhong-mam", name="Tổ Mầm", kind=OrgUnit.Kind.UNION_GROUP, parent=union
    )
    an = _member(union, group, "Trần Văn Ân")
    anh = _member(union, group, "Lê Thị Anh")
    _member(union, mam, "Nguyễn Thị Bình")
    for user, title in [(an, titles[0]), (anh, titles[0]), (anh, titles[1])]:
        RegistrationFactory(plan=live_plan, member=user, title=title, unit=union)
    RegistrationFactory(plan=live_plan, member=None, title=titles[2], unit=union)
    client.force_login(alice)

    overview = client.get(overview_url(live_plan)).context["overview"]

    assert [(g.name, [r.name for r in g.rows], g.counts) for g in overview.groups] == [
        ("Tổ Chồi", ["Lê Thị Anh", "Trần Văn Ân"], (2, 1)),
        ("Tổ Mầm", ["Nguyễn Thị Bình"], (0, 0)),
        ("Chưa xếp tổ", ["Trần Thị Alice"], (0, 0)),
    ]
    assert [r.registered for r in overview.groups[0].rows] == [(True, True), (True, False)]
    assert [(t.title.name, t.count) for t in overview.totals] == [
        ("Lao động tiên tiến", 2),
        ("Chiến sĩ thi đua cơ sở", 1),
    ]
    assert (overview.member_count, overview.registered_member_count) == (4, 2)
    assert overview.unit_registered_ids == frozenset({titles[2].pk})


def _overview_queries(client, plan):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(overview_url(plan))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_overview_query_count_does_not_grow_with_members(
    client, alice, union, group, live_plan, titles
):
    client.force_login(alice)
    one_row = _overview_queries(client, live_plan)
    for i in range(4):
        user = _member(union, group, f"Phạm Văn Số{i}")
        RegistrationFactory(plan=live_plan, member=user, title=titles[i % 2], unit=union)

    four_rows = _overview_queries(client, live_plan)

    assert one_row == four_rows


def test_overview_federation_staff_picks_a_unit(
    client, federation_staff, union, other_union, federation
):
    plan = PlanFactory(issuer=federation)
    client.force_login(federation_staff)

    response = client.get(f"{overview_url(plan)}?don_vi={other_union.pk}")

    assert [u.name for u in response.context["units"]] == [
        "CĐCS Trường MN Hoa Hồng",
        "CĐCS Trường MN Sen Hồng",
    ]
    assert response.context["unit"] == other_union
