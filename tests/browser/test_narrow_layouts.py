"""Tables on a 390 px phone (issue 19): the vote results and the federation dashboard stack
each row into a card of "label: value" lines; nothing scrolls sideways and no header block
stands empty. At desktop width the same tables keep their header row."""

import re

import pytest

from tests.browser.scenes import closed_open_vote
from tests.walk.demo import DEMO_PASSWORD, DemoData, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every element wider than the screen or starting left of it, and every visible header
# cell (th, thead) with no text of its own: the "empty header block".
LAYOUT_PROBLEMS = """(width) => {
  const out = [];
  for (const el of document.querySelectorAll("main *")) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    const wide = box.right > width + 0.5 || box.left < -0.5;
    if (wide) out.push("wide: " + el.tagName + " " + el.className);
  }
  for (const el of document.querySelectorAll("main thead, main th")) {
    const box = el.getBoundingClientRect();
    if (box.width && box.height && !el.innerText.trim()) out.push("empty header: " + el.tagName);
  }
  return out;
}"""


STACKED_BOXES = "cells => cells.map(c => c.getBoundingClientRect().toJSON())"


def sign_in(page, username):
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/$"))


def assert_fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate(LAYOUT_PROBLEMS, 390) == []


def test_vote_results_stack_into_cards_on_a_phone(phone):
    load_demo()
    round = closed_open_vote(DemoData())
    sign_in(phone, "chutich_senhong")

    phone.goto(f"/xet-chon/bieu-quyet/{round.pk}/ket-qua/")

    assert_fits_the_phone(phone)
    assert not phone.locator("#round-results thead").is_visible()
    card = phone.locator("#round-results tbody tr").first
    names = {n.nominee_name for n in round.nominations.all()}
    assert card.inner_text().splitlines()[0] in names
    # Each count is a line of its own, its label taken from the header (the cell's ::before).
    labels = card.locator("td[data-label]").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content)"
    )
    assert labels == ['"Đồng ý"', '"Không đồng ý"', '"Không biểu quyết"', '"Kết quả"']
    tops = [box["y"] for box in card.locator("td").evaluate_all(STACKED_BOXES)]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    # The named votes: one card per voter, a line per nominee.
    voter = phone.locator("#named-votes tbody tr").first
    assert voter.locator("td[data-label]").count() == round.nominations.count()
    assert min(card.bounding_box()["height"], voter.bounding_box()["height"]) > 44


def test_dashboard_has_no_empty_header_block_on_a_phone(phone):
    load_demo()
    plan = DemoData().live_federation_plan
    sign_in(phone, "ldld_govap")

    phone.goto(f"/bao-cao/ke-hoach/{plan.pk}/tong-hop/")

    assert_fits_the_phone(phone)
    assert not phone.locator("#dashboard-units thead").is_visible()
    rows = phone.locator("#dashboard-units tbody tr")
    # Gò Vấp's four CĐCS in the demo: three kindergartens and a primary school.
    assert rows.count() == 4
    first = rows.first
    assert first.locator("td").first.inner_text() == "CĐCS Trường MN Hoa Mai"
    members = first.locator("td").nth(2)
    assert members.inner_text() == "1"
    assert members.evaluate("c => getComputedStyle(c, '::before').content") == '"Đoàn viên"'
    total = phone.locator("#dashboard-units tfoot tr").inner_text()
    assert total.startswith("Tổng cộng")


def test_dashboard_keeps_its_header_row_on_a_desktop(browser, live_server):
    load_demo()
    plan = DemoData().live_federation_plan
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="vi-VN", base_url=live_server.url
    )
    page = context.new_page()
    try:
        sign_in(page, "ldld_govap")
        page.goto(f"/bao-cao/ke-hoach/{plan.pk}/tong-hop/")

        assert page.locator("#dashboard-units thead").is_visible()
        assert page.locator("#dashboard-units thead th").first.inner_text() == "Đơn vị"
        # A row is a table row again: its cells side by side, not a card.
        cells = page.locator("#dashboard-units tbody tr").first.locator("td")
        assert cells.nth(0).bounding_box()["y"] == cells.nth(2).bounding_box()["y"]
    finally:
        context.close()
