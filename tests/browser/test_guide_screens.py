"""The "Hướng dẫn sử dụng" pages show screenshots the browser tests take, so they stay
current (issue 19). Each scene signs in as a demo role, checks its page renders, and takes
the screenshot. With UPDATE_SCREENSHOTS=1 (`make screenshots`) the pictures are written to
static/guide/ (served by the portal on the guide pages) and to docs/screenshots/; without it
the test still runs every scene and asserts the pages, but writes nothing there."""

import os
import re
from pathlib import Path

import pytest
from django.urls import reverse

from portal.help import GUIDES
from tests.browser.conftest import PHONE
from tests.walk.demo import DEMO_PASSWORD, DemoData, load_demo
from tests.walk.tables import collect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
TARGETS = (ROOT / "static" / "guide", ROOT / "docs" / "screenshots")
UPDATE = os.environ.get("UPDATE_SCREENSHOTS") == "1"


def walk_url(url_name, demo):
    """The URL the permission walk opens for `url_name` (its kwargs from the demo)."""
    expects = collect()[url_name]
    expect = next(e for e in (expects if isinstance(expects, list) else [expects]))
    kwargs = expect.kwargs(demo) if callable(expect.kwargs) else (expect.kwargs or {})
    return reverse(url_name, kwargs=kwargs)


@pytest.fixture
def shoot(browser, live_server, tmp_path):
    """shoot(username) -> a signed-in phone page; page.shot(name) takes its picture."""
    contexts = []

    def open_as(username):
        context = browser.new_context(
            viewport=PHONE, locale="vi-VN", base_url=live_server.url, device_scale_factor=1
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.goto("/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(re.compile(r"/$"))
        return page

    def shot(page, name, full_page=False):
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.screenshot(path=tmp_path / name, full_page=full_page)
        taken.append(name)
        if UPDATE:
            for target in TARGETS:
                target.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=target / name, full_page=full_page)

    taken: list[str] = []
    open_as.shot = shot
    open_as.taken = taken
    yield open_as
    for context in contexts:
        context.close()


def test_guide_screenshots_show_the_pages_they_describe(shoot):
    load_demo()
    demo = DemoData()
    plan = demo.live_cdcs_plan

    member = shoot("doanvien_senhong")
    first_run = member.locator("#first-run")
    assert "Nộp báo cáo tự đánh giá trước" in first_run.inner_text()
    shoot.shot(member, "guide-member-home.png")

    member.goto(reverse("campaigns:selfreport_fill", args=[plan.pk]))
    assert member.get_by_role("heading", level=1).inner_text() == "Báo cáo cá nhân"
    assert member.locator(".step-help").is_visible()
    shoot.shot(member, "selfreport-phone.png")

    # The guide itself, with the member's pictures (served by the portal), before the
    # scoring scene below submits this member's report.
    member.goto(reverse("guide_page", args=["doan-vien"]))
    assert member.get_by_role("heading", level=1).inner_text() == "Hướng dẫn sử dụng: Đoàn viên"
    steps = member.locator("#first-run").inner_text()
    assert re.search(r"Nộp báo cáo tự đánh giá trước \d\d:\d\d ngày \d\d/\d\d/\d{4}\.", steps)
    images = member.locator(".guide-shot img")
    assert images.count() == len(GUIDES["member"].screenshots)
    for i in range(images.count()):
        images.nth(i).scroll_into_view_if_needed()
        assert images.nth(i).evaluate("img => img.complete && img.naturalWidth") == PHONE["width"]
    shoot.shot(member, "guide-phone.png", full_page=True)

    chair = shoot("chutich_senhong")
    assert "Tạo kế hoạch từ kế hoạch của LĐLĐ." in chair.locator("#first-run").inner_text()
    shoot.shot(chair, "guide-chair-home.png")

    scorer = shoot("bch_senhong")
    scorer.goto(walk_url("nominations:score_report", demo))
    assert scorer.get_by_role("heading", level=1).inner_text().startswith("Chấm báo cáo của ")
    assert scorer.locator('.step-help[data-step="review"]').is_visible()
    shoot.shot(scorer, "scoring.png")

    cell = shoot("bithu_senhong")
    assert "Lập kế hoạch sinh hoạt chuyên đề" in cell.locator("#first-run").inner_text()
    shoot.shot(cell, "guide-cell-home.png")

    federation = shoot("ldld_govap")
    federation.goto(reverse("reports:dashboard", args=[demo.live_federation_plan.pk]))
    # Gò Vấp's four CĐCS in the demo: three kindergartens and a primary school.
    assert federation.locator("#dashboard-units tbody tr").count() == 4
    shoot.shot(federation, "dashboard-phone.png")

    # Every picture a guide page shows is one this test takes.
    shown = {shot.name for guide in GUIDES.values() for shot in guide.screenshots}
    assert shown <= set(shoot.taken)
