"""The cluster pages, driven as their users would: staff create and assign, members
confirm and score on their phones' forms, the head reads the consolidation and proposes."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Cluster, CrossScore, PactConfirmation
from nominations.models import Nomination
from tests.campaigns.clusters.conftest import score_all

pytestmark = pytest.mark.django_db


def test_staff_create_a_cluster_from_the_form(client, fed_plan, federation_staff):
    client.force_login(federation_staff)
    url = reverse("campaigns:cluster_create", args=[fed_plan.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Cụm mầm non",
            "kind": "cluster",
            "scoring_ends_at": "2030-11-30T17:00",
            "criteria": "Phong trào | 40\nĐời sống | 60",
        },
    )
    cluster = Cluster.objects.get()
    assert response.url == reverse("campaigns:cluster_members", args=[cluster.pk])
    assert [c.max_points for c in cluster.criteria.all()] == [40, 60]


def test_a_bad_criteria_line_is_named(client, fed_plan, federation_staff):
    client.force_login(federation_staff)
    response = client.post(
        reverse("campaigns:cluster_create", args=[fed_plan.pk]),
        {
            "name": "Cụm",
            "kind": "cluster",
            "scoring_ends_at": "2030-11-30T17:00",
            "criteria": "Phong trào 40",
        },
    )
    assert response.status_code == 400
    assert "Dòng 1: ghi “tiêu chí | điểm tối đa”." in response.content.decode()
    assert not Cluster.objects.exists()


def test_staff_assign_units_and_the_page_names_a_refusal(
    client, cluster, federation_staff, union, other_union
):
    client.force_login(federation_staff)
    url = reverse("campaigns:cluster_members", args=[cluster.pk])
    response = client.post(url, {"unit": [union.pk, other_union.pk]})
    assert response.status_code == 302
    assert set(cluster.members.values_list("unit", flat=True)) == {union.pk, other_union.pk}
    leaders = client.get(reverse("campaigns:cluster_leaders", args=[cluster.pk]))
    assert "chưa làm cụm trưởng" in leaders.content.decode()


def test_member_confirms_the_pact_and_scores_from_the_pages(
    client, led, federation_staff, chairs, union, other_union, third_union
):
    led.scoring_ends_at = timezone.now() + timezone.timedelta(days=3)
    led.save()
    client.force_login(federation_staff)
    client.post(
        reverse("campaigns:cluster_pact", args=[led.pk]), {"action": "issue", "text": "Cam kết."}
    )
    client.force_login(chairs[union])
    pact = reverse("campaigns:cluster_pact", args=[led.pk])
    assert "Xác nhận giao ước cho CĐCS Trường MN Sen Hồng" in client.get(pact).content.decode()
    assert client.post(pact, {"action": "confirm"}).status_code == 302
    assert PactConfirmation.objects.filter(unit=union).exists()
    again = client.post(pact, {"action": "confirm"})
    assert again.status_code == 400
    assert "đã xác nhận giao ước" in again.content.decode()

    score = reverse("campaigns:cluster_score", args=[led.pk])
    page = client.get(score).content.decode()
    assert "CĐCS Trường MN Hoa Hồng" in page and f'name="s{union.pk}_' not in page
    criteria = list(led.criteria.all())
    data = {f"s{u.pk}_{c.pk}": "20" for u in (other_union, third_union) for c in criteria}
    data[f"s{other_union.pk}_{criteria[0].pk}"] = "45"  # above 40
    response = client.post(score, data)
    assert response.status_code == 400
    assert "CĐCS Trường MN Hoa Hồng, tiêu chí 1: điểm phải là số từ 0 đến 40." in (
        response.content.decode()
    )
    data[f"s{other_union.pk}_{criteria[0].pk}"] = "35,5"
    assert client.post(score, data).status_code == 302
    assert CrossScore.objects.filter(scorer=union).count() == 4


def test_head_reads_the_consolidation_and_proposes(
    client, signed, chairs, union, other_union, third_union, flag
):
    score_all(
        signed,
        chairs,
        {
            union: {other_union: (35, 55), third_union: (20, 40)},
            other_union: {union: (38, 58), third_union: (22, 38)},
            third_union: {union: (36, 54), other_union: (30, 50)},
        },
    )
    client.force_login(chairs[union])
    page = client.get(reverse("campaigns:cluster_consolidation", args=[signed.pk]))
    assert page.status_code == 200
    assert 'id="cluster-standings"' in page.content.decode()
    Cluster.objects.filter(pk=signed.pk).update(
        scoring_ends_at=timezone.now() - timezone.timedelta(hours=1)
    )
    url = reverse("nominations:cluster_proposal", args=[signed.pk])
    response = client.post(url, {f"title_{union.pk}": str(flag.pk)})
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert (nomination.collective, nomination.title) == (union, flag)
    assert "Đã gửi đề nghị ngày" in client.get(url).content.decode()
    # A member that is not the head sees no consolidation.
    client.force_login(chairs[other_union])
    assert client.get(url).status_code == 403


def test_scores_typed_with_a_decimal_comma_are_kept_and_read(
    client, signed, chairs, union, other_union, third_union
):
    """ "8,5" typed on a Vietnamese phone is 8.5: shown again as typed when another cell
    is wrong (never a server error, never lost), stored as 8.5 once all are right."""
    signed.scoring_ends_at = timezone.now() + timezone.timedelta(days=3)
    signed.save()
    client.force_login(chairs[union])
    url = reverse("campaigns:cluster_score", args=[signed.pk])
    first, second = signed.criteria.all()
    data = {f"s{u.pk}_{c.pk}": "20" for u in (other_union, third_union) for c in (first, second)}
    data[f"s{other_union.pk}_{first.pk}"] = "8,5"
    data[f"s{third_union.pk}_{first.pk}"] = "mười"
    data[f"s{third_union.pk}_{second.pk}"] = "\u00a012.25 "
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "tiêu chí 1: điểm phải là số từ 0 đến 40." in page
    assert f'id="s{other_union.pk}_{first.pk}" value="8,5"' in page
    assert f'id="s{third_union.pk}_{first.pk}" value="mười"' in page
    assert f'id="s{third_union.pk}_{second.pk}" value="12,25"' in page
    assert not CrossScore.objects.filter(scorer=union).exists()

    data[f"s{third_union.pk}_{first.pk}"] = "7.5"
    assert client.post(url, data).status_code == 302
    stored = {
        (s.scored_id, s.criterion_id): s.points for s in CrossScore.objects.filter(scorer=union)
    }
    assert stored[(other_union.pk, first.pk)] == Decimal("8.5")
    assert stored[(third_union.pk, first.pk)] == Decimal("7.5")
    assert stored[(third_union.pk, second.pk)] == Decimal("12.25")
    page = client.get(url).content.decode()
    assert f'id="s{other_union.pk}_{first.pk}" value="8,5"' in page


def test_crafted_posts_with_units_not_offered_change_nothing(
    client, cluster, federation_staff, union, other_union, third_union
):
    """The members page accepts only the ids of candidate_units (open CĐCS of the
    federation); the leaders page only the cluster's members. A crafted POST gets a
    Vietnamese error, names no unit it was not offered, and changes nothing."""
    from campaigns.selectors.clusters import candidate_units
    from tests.factories import OrgUnitFactory

    closed = OrgUnitFactory(
        code="dagiaithe", name="CĐCS Trường MN Đã Giải Thể", parent=cluster.federation
    )
    closed.closed_on = timezone.localdate()
    closed.save()
    elsewhere = OrgUnitFactory(code="noikhac", name="CĐCS Công ty Nơi Khác")
    assert {u.pk for u in candidate_units(cluster)} == {union.pk, other_union.pk, third_union.pk}

    client.force_login(federation_staff)
    url = reverse("campaigns:cluster_members", args=[cluster.pk])
    for crafted in (closed.pk, elsewhere.pk, "12abc"):
        response = client.post(url, {"unit": [union.pk, other_union.pk, crafted]})
        page = response.content.decode()
        assert response.status_code == 400
        assert "Chỉ chọn các công đoàn cơ sở đang hoạt động" in page
        assert "Nơi Khác" not in page and "Đã Giải Thể" not in page
        assert not cluster.members.exists()

    assert client.post(url, {"unit": [union.pk, other_union.pk]}).status_code == 302
    leaders = reverse("campaigns:cluster_leaders", args=[cluster.pk])
    response = client.post(leaders, {"head": union.pk, "deputy": elsewhere.pk})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Cụm trưởng, cụm phó phải là đơn vị trong cụm" in page
    assert "Nơi Khác" not in page
    cluster.refresh_from_db()
    assert (cluster.head_id, cluster.deputy_id) == (None, None)
