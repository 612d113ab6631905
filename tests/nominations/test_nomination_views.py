import pytest
from django.urls import reverse

from nominations.models import Nomination, Opinion
from tests.nominations.factories import NominationFactory

pytestmark = pytest.mark.django_db


def test_nomination_list_for_chair_shows_missing_opinions(
    client, alice, secretary, school_board, plan, nomination
):
    client.force_login(alice)

    response = client.get(reverse("nominations:nomination_list", args=[plan.pk]))

    assert response.status_code == 200
    assert response.context["missing"] == {
        "Cấp ủy chi bộ": [nomination],
        "Ban giám hiệu / thủ trưởng": [nomination],
    }


def test_nomination_list_for_secretary(client, secretary, plan, nomination):
    client.force_login(secretary)

    response = client.get(reverse("nominations:nomination_list", args=[plan.pk]))

    assert [row.nomination for row in response.context["groups"][0].rows] == [nomination]
    assert response.context["can_propose"] is False
    assert response.context["missing"] == {}


def test_nomination_list_forbidden_for_plain_member(client, bob, plan, nomination):
    client.force_login(bob)

    assert client.get(reverse("nominations:nomination_list", args=[plan.pk])).status_code == 403


def test_nomination_list_hidden_from_other_unit(client, charlie, plan):
    client.force_login(charlie)

    assert client.get(reverse("nominations:nomination_list", args=[plan.pk])).status_code == 404


def test_nomination_list_for_federation_staff(client, federation_staff, plan, nomination):
    client.force_login(federation_staff)

    response = client.get(reverse("nominations:nomination_list", args=[plan.pk]))

    assert [row.nomination for row in response.context["groups"][0].rows] == [nomination]


@pytest.mark.parametrize("rows", [1, 3])
def test_nomination_list_query_count_does_not_grow(
    client, django_assert_num_queries, alice, secretary, plan, title, rows
):
    for _ in range(rows):
        NominationFactory(plan=plan, title=title, proposed_by=alice)
    client.force_login(alice)

    with django_assert_num_queries(10):
        response = client.get(reverse("nominations:nomination_list", args=[plan.pk]))

    assert len(response.context["groups"][0].rows) == rows


def test_nomination_create_post(client, alice, bob, plan, title):
    client.force_login(alice)

    response = client.post(
        reverse("nominations:nomination_create", args=[plan.pk]),
        {"title": title.pk, "nominee": bob.pk, "achievements": "Giáo viên dạy giỏi cấp Quận"},
    )

    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert (nomination.nominee, nomination.achievements) == (bob, "Giáo viên dạy giỏi cấp Quận")


def test_nomination_create_over_quota_shows_message(client, alice, bob, bch, plan, title):
    title.quota_count = 1
    title.save()
    NominationFactory(plan=plan, title=title, nominee=bch[1], proposed_by=alice)
    client.force_login(alice)

    response = client.post(
        reverse("nominations:nomination_create", args=[plan.pk]),
        {"title": title.pk, "nominee": bob.pk},
    )

    assert response.context["form"].non_field_errors() == [
        "Vượt chỉ tiêu danh hiệu “Lao động tiên tiến”: chỉ tiêu 1 người, đã có 1 người."
    ]
    assert Nomination.objects.count() == 1


def test_nomination_create_forbidden_for_plain_member(client, bob, plan):
    client.force_login(bob)

    assert client.get(reverse("nominations:nomination_create", args=[plan.pk])).status_code == 403


def test_nomination_detail_secretary_gets_opinion_form(client, secretary, nomination):
    client.force_login(secretary)

    response = client.get(reverse("nominations:nomination_detail", args=[nomination.pk]))

    assert response.status_code == 200
    assert list(response.context["opinion_form"].fields["body"].choices) == [
        ("party_cell", "Cấp ủy chi bộ")
    ]


def test_nomination_detail_hidden_from_plain_member(client, bob, nomination):
    client.force_login(bob)

    assert (
        client.get(reverse("nominations:nomination_detail", args=[nomination.pk])).status_code
        == 404
    )


def test_opinion_post_by_school_board(client, school_board, nomination):
    client.force_login(school_board)

    response = client.post(
        reverse("nominations:opinion_give", args=[nomination.pk]),
        {"body": "school_board", "agree": "1", "note": ""},
    )

    assert response.status_code == 302
    assert list(Opinion.objects.values_list("body", "agree")) == [("school_board", True)]


def test_opinion_post_by_bch_member_forbidden(client, bch, nomination):
    client.force_login(bch[1])

    response = client.post(
        reverse("nominations:opinion_give", args=[nomination.pk]),
        {"body": "school_board", "agree": "1"},
    )

    assert response.status_code == 403
    assert Opinion.objects.count() == 0


def test_opinion_get_not_allowed(client, school_board, nomination):
    client.force_login(school_board)

    assert client.get(reverse("nominations:opinion_give", args=[nomination.pk])).status_code == 405


def test_withdraw_post_by_chair(client, alice, nomination):
    client.force_login(alice)

    client.post(
        reverse("nominations:nomination_withdraw", args=[nomination.pk]), {"reason": "Nghỉ hưu"}
    )

    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.WITHDRAWN


def test_withdraw_without_reason_keeps_nomination(client, alice, nomination):
    client.force_login(alice)

    response = client.post(
        reverse("nominations:nomination_withdraw", args=[nomination.pk]), {}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == ["Cần ghi lý do rút đề nghị."]
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.PROPOSED


def test_plan_progress_for_chair(client, alice, secretary, plan, nomination):
    client.force_login(alice)

    response = client.get(reverse("nominations:plan_progress", args=[plan.pk]))

    progress = response.context["progress"]
    assert (progress.reports, progress.review_final, progress.unanswered) == (0, False, 0)
    assert progress.missing == {"Cấp ủy chi bộ": [nomination]}
    assert progress.nomination_list is None
    assert response.context["review_access"] is True


def test_plan_progress_forbidden_for_plain_member(client, bob, plan):
    client.force_login(bob)

    assert client.get(reverse("nominations:plan_progress", args=[plan.pk])).status_code == 403


def test_plan_page_links_the_chair_to_every_step(client, alice, plan):
    client.force_login(alice)

    response = client.get(plan.get_absolute_url())

    assert response.status_code == 200
    for name in ("plan_progress", "review_board", "nomination_list", "round_list", "list_page"):
        assert reverse(f"nominations:{name}", args=[plan.pk]).encode() in response.content


def test_plan_page_shows_no_nomination_links_to_plain_member(client, bob, plan):
    client.force_login(bob)

    response = client.get(plan.get_absolute_url())

    assert reverse("nominations:review_board", args=[plan.pk]).encode() not in response.content


# --- opinions of the chi bộ and the BGH on one page (issue 11) -----------------------------


@pytest.fixture
def three_nominees(plan, title, alice, bob):
    from portal.models import Role
    from tests.factories import MembershipFactory, UserFactory

    people = [bob]
    for name in ("Trịnh Thị Kim Yến", "Đỗ Thị Thanh Thảo"):
        user = UserFactory(full_name=name)
        MembershipFactory(user=user, unit=plan.issuer, role=Role.MEMBER)
        people.append(user)
    return [NominationFactory(plan=plan, title=title, nominee=p, proposed_by=alice) for p in people]


def test_opinions_of_every_nominee_on_one_page(client, secretary, plan, three_nominees):
    client.force_login(secretary)
    url = reverse("nominations:opinions_page", args=[plan.pk])

    page = client.get(url).content.decode()
    assert all(f'id="opinion-{n.pk}-party_cell"' in page for n in three_nominees)

    data = {f"n{n.pk}_party_cell": "1" for n in three_nominees}
    response = client.post(url, data)

    assert response.status_code == 302
    assert Opinion.objects.filter(body=Opinion.Body.PARTY_CELL, agree=True).count() == 3


def test_opinions_page_all_or_nothing(client, school_board, plan, three_nominees):
    client.force_login(school_board)
    first, second, _third = three_nominees
    url = reverse("nominations:opinions_page", args=[plan.pk])

    # Disagreeing without a reason is refused; nothing of the page is stored.
    response = client.post(
        url, {f"n{first.pk}_school_board": "1", f"n{second.pk}_school_board": "0"}
    )

    assert response.status_code == 400
    assert "lý do" in response.content.decode()
    assert not Opinion.objects.exists()


def test_opinions_page_refused_to_the_bch(client, bch, plan, three_nominees):
    client.force_login(bch[1])
    url = reverse("nominations:opinions_page", args=[plan.pk])

    assert client.get(url).status_code == 403
    assert client.post(url, {f"n{three_nominees[0].pk}_school_board": "1"}).status_code == 403
    assert not Opinion.objects.exists()
