"""The main pages at 200 % zoom (issue 19, WCAG 1.4.4/1.4.10): a 1280 px desktop window
zoomed to 200 % lays pages out in 640 CSS px at two device pixels per px. The page never
scrolls sideways (wide tables scroll inside their own box), and each page's main action
buttons are on screen, whole, without scrolling sideways."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.walk.demo import DemoData, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ZOOMED = {"width": 640, "height": 450}  # 1280×900 at 200 %

# role -> [(path built from the demo, names of the main buttons or button-like links)]
PAGES = {
    "anonymous": [(lambda d: "/dang-nhap/", ["Đăng nhập"])],
    "doanvien_senhong": [
        (lambda d: "/", []),
        (lambda d: f"/ke-hoach/{d.live_cdcs_plan.pk}/", []),
        (lambda d: f"/ke-hoach/{d.live_cdcs_plan.pk}/tu-bao-cao/", ["Lưu nháp", "Nộp báo cáo"]),
    ],
    "chutich_senhong": [
        (lambda d: "/", []),
        (lambda d: "/ke-hoach/", []),
        (lambda d: f"/ke-hoach/{d.live_cdcs_plan.pk}/", []),
        (lambda d: f"/don-vi/{d.senhong.pk}/doan-vien/", []),
        (lambda d: reverse("campaigns:selfreport_overview", args=[d.live_cdcs_plan.pk]), []),
        (lambda d: reverse("nominations:plan_progress", args=[d.live_cdcs_plan.pk]), []),
        (lambda d: reverse("nominations:round_list", args=[d.live_cdcs_plan.pk]), []),
        (lambda d: f"/bao-cao/ke-hoach/{d.live_cdcs_plan.pk}/tong-hop/", []),
        (lambda d: "/nhat-ky/", []),
    ],
    "ldld_govap": [
        (lambda d: "/", []),
        (lambda d: "/don-vi/", []),
        (lambda d: f"/bao-cao/ke-hoach/{d.live_federation_plan.pk}/tong-hop/", []),
    ],
}
# Every visible primary button or submit button of the page content must fit on screen.
MAIN_BUTTONS = "main .btn-primary, main button[type=submit], main input[type=submit]"
OFF_SCREEN = """(selector) => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!el.offsetParent) continue;  // hidden (a closed menu, a collapsed panel)
    const box = el.getBoundingClientRect();
    if (box.left < 0 || box.right > width + 0.5 || box.width === 0)
      out.push(`${el.textContent.trim().slice(0, 40)} [${box.left}–${box.right}]`);
  }
  return out;
}"""
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.right <= width + 0.5 || !el.offsetParent) continue;
    if (el.closest(".table-responsive, .overflow-auto")) continue;  // scrolls in its box
    const classes = typeof el.className === "string" ? el.className.trim() : "";
    wide.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
              (classes ? "." + classes.split(/\\s+/).join(".") : "") +
              ` right=${Math.round(box.right)}`);
  }
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


def zoomed_context(browser, live_server, user):
    context = browser.new_context(
        viewport=ZOOMED, device_scale_factor=2, locale="vi-VN", base_url=live_server.url
    )
    context.set_default_timeout(15_000)
    if user is not None:
        client = Client()
        client.force_login(user)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
    return context


def test_the_main_pages_work_at_200_percent_zoom(browser, live_server):
    load_demo()
    demo = DemoData()
    problems = []
    for role, pages in PAGES.items():
        context = zoomed_context(browser, live_server, demo.user(role))
        page = context.new_page()
        for build, buttons in pages:
            path = build(demo)
            response = page.goto(path)
            assert response.status == 200, (role, path, response.status)
            layout = page.evaluate(OVERFLOW)
            if layout["scroll"] > layout["width"]:
                problems.append(f"{role} {path}: scrolls sideways {layout}")
            for name in buttons:
                button = page.get_by_role("button", name=name, exact=True)
                if button.count() != 1:
                    problems.append(f"{role} {path}: no button {name!r}")
                    continue
                button.scroll_into_view_if_needed()
                if not button.is_visible():
                    problems.append(f"{role} {path}: {name!r} is not visible")
            off = page.evaluate(OFF_SCREEN, MAIN_BUTTONS)
            if off:
                problems.append(f"{role} {path}: buttons off screen {off}")
        if role == "ldld_govap":
            # The probes work: a block wider than the window is caught.
            page.evaluate(
                "document.querySelector('main').insertAdjacentHTML('beforeend', "
                "'<div id=too-wide style=\"width: 900px\">x</div>')"
            )
            caught = page.evaluate(OVERFLOW)
            assert caught["scroll"] > caught["width"], caught
            assert any(w.startswith("div#too-wide") for w in caught["wide"]), caught
        context.close()

    assert problems == [], "\n".join(problems)


def test_the_menu_opens_and_fits_at_200_percent_zoom(browser, live_server):
    """At 640 CSS px the menu folds behind its button; it opens and its links fit."""
    load_demo()
    context = zoomed_context(browser, live_server, DemoData().user("chutich_senhong"))
    page = context.new_page()
    page.goto("/")
    plans = page.locator("#nav").get_by_role("link", name="Kế hoạch", exact=True)
    assert not plans.is_visible()  # folded

    page.get_by_role("button", name="Mở menu").click()

    plans.wait_for(state="visible")
    for link in page.locator("#nav a, #nav button").all():
        box = link.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 640, box
        assert box["height"] >= 24, (link.inner_text(), box)
    assert page.evaluate("document.documentElement.scrollWidth") <= 640
    plans.click()
    page.wait_for_url("**/ke-hoach/")
    context.close()
