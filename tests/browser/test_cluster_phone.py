"""chutich_senhong, head of Gò Vấp's kindergartens' cluster in the demo, finds the cluster
from the federation's plan on a phone (390×844), reads the pact its unit confirmed,
scores the two other kindergartens and sees the consolidation, without sideways
scrolling."""

import re

import pytest

from campaigns.models import Cluster, CrossScore
from tests.walk.demo import DEMO_PASSWORD, DemoData, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def sign_in(page, username):
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/$"))


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_head_scores_the_cluster_on_a_phone(phone):
    load_demo()
    demo = DemoData()
    cluster = Cluster.objects.get(head=demo.senhong)
    sign_in(phone, "chutich_senhong")

    phone.goto(f"/ke-hoach/{demo.live_federation_plan.pk}/")
    phone.locator("#cluster-links").get_by_role("link", name=cluster.name).click()
    assert phone.get_by_role("heading", level=1).inner_text() == cluster.name
    assert phone.locator("#cluster-head").inner_text() == "CĐCS Trường MN Sen Hồng"
    no_sideways_scroll(phone)

    phone.locator("#cluster-actions").get_by_role("link", name="Giao ước thi đua").click()
    assert "CĐCS Trường MN Sen Hồng" in phone.locator("#pact-confirmations").inner_text()
    assert phone.locator("#pact-confirm").count() == 0  # confirmed already

    phone.go_back()
    phone.locator("#cluster-actions").get_by_role("link", name="Chấm chéo").click()
    inputs = phone.locator("#cross-score input[inputmode=decimal]")
    assert inputs.count() == 8  # two other units, four criteria
    for i in range(8):
        inputs.nth(i).fill("15")
    no_sideways_scroll(phone)
    phone.get_by_role("button", name="Gửi điểm chấm chéo").click()
    phone.wait_for_url(re.compile(rf"/cum-thi-dua/{cluster.pk}/$"))
    assert "Đã gửi điểm chấm chéo." in phone.content()
    assert CrossScore.objects.filter(scorer=demo.senhong).count() == 8

    phone.locator("#cluster-actions").get_by_role("link", name="Tổng hợp điểm").click()
    rows = phone.locator("#cluster-standings tbody tr")
    assert rows.count() == 3
    no_sideways_scroll(phone)
