"""Issue 16 item 6: the demo's emulation cluster. Gò Vấp's three kindergartens form a
cluster headed by Sen Hồng; the pact is confirmed by two of them, Hoa Mai has scored, and
chutich_senhong confirms nothing twice but scores the two others by hand."""

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from campaigns.models import Cluster, CrossScore

SIGN_IN = RequestFactory().post("/dang-nhap/")

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", verbosity=0)


def test_demo_cluster_is_headed_by_sen_hong_and_scored_by_hand(demo, client):
    cluster = Cluster.objects.get(head__code="mn-senhong")
    assert cluster.deputy.code == "mn-hoamai"
    assert sorted(cluster.members.values_list("unit__code", flat=True)) == [
        "mn-hoamai",
        "mn-hoami",
        "mn-senhong",
    ]
    assert sorted(cluster.confirmations.values_list("unit__code", flat=True)) == [
        "mn-hoamai",
        "mn-senhong",
    ]
    assert set(CrossScore.objects.values_list("scorer__code", flat=True)) == {"mn-hoamai"}

    client.login(request=SIGN_IN, username="chutich_senhong", password="thidua2026")
    url = reverse("campaigns:cluster_score", args=[cluster.pk])
    others = cluster.members.exclude(unit__code="mn-senhong").values_list("unit_id", flat=True)
    form = {f"s{u}_{c.pk}": str(c.max_points - 2) for u in others for c in cluster.criteria.all()}
    assert client.post(url, form).status_code == 302
    assert CrossScore.objects.filter(scorer__code="mn-senhong").count() == 8
    page = client.get(reverse("campaigns:cluster_consolidation", args=[cluster.pk]))
    assert "CĐCS Trường MN Họa Mi" in page.content.decode()
