"""A CĐCS rating from self-score to published level, as new users find their way: the
chair of Sen Hồng (chutich_senhong) opens the federation plan from the plan list, fills
in the self-assessment and submits it; a Gò Vấp officer (ldld_govap) finds it on the
rating board, verifies it with one adjustment and its reason, finalises every CĐCS and
publishes; the chair then reads the published level and the reason."""

import re
from decimal import Decimal

import pytest

from campaigns.models import UnitAssessment
from campaigns.services import ratingschemes
from tests.browser.conftest import PHONE
from tests.browser.test_vote_phone import sign_in
from tests.walk.demo import DemoData, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SELF = [28, 23, 24, 18]  # 93: "Vững mạnh xuất sắc" if nobody changed it
ADJUSTED = 13  # standard 2 of 25: 83 in total, still at least half of 25
REASON = "Chưa có biên bản sơ kết phong trào thi đua quý 3"


def _page(browser, live_server, viewport):
    context = browser.new_context(viewport=viewport, locale="vi-VN", base_url=live_server.url)
    context.set_default_timeout(15_000)
    return context.new_page()


def _open_plan(page, plan):
    toggler = page.get_by_role("button", name="Mở menu")
    if toggler.is_visible():  # a phone: the menu is folded
        toggler.click()
    page.get_by_role("link", name="Kế hoạch", exact=True).first.click()
    page.get_by_role("searchbox").fill(plan.title)
    page.get_by_role("button", name="Lọc").click()
    # The CĐCS plans implementing it carry the same title: pick the one Gò Vấp issued.
    page.get_by_role("link", name=plan.title).filter(has_text=f"· {plan.issuer.name} ·").click()
    page.wait_for_url(re.compile(rf"/ke-hoach/{plan.pk}/$"))


def test_chair_self_scores_federation_verifies_publishes_chair_reads_level(browser, live_server):
    load_demo()
    demo = DemoData()
    plan = demo.live_federation_plan
    standards = ratingschemes.standards(plan)
    senhong = UnitAssessment.objects.get(scheme__plan=plan, unit=demo.senhong)

    # The chair, on a phone: plan list → the federation plan → its own rating.
    chair = _page(browser, live_server, PHONE)
    sign_in(chair, "chutich_senhong")
    _open_plan(chair, plan)
    chair.get_by_role("link", name=f"Xếp loại {demo.senhong.name}").click()
    chair.wait_for_url(re.compile(rf"/xep-loai-don-vi/{senhong.pk}/$"))
    for c, points in zip(standards, SELF, strict=True):
        card = chair.locator(f"#standard-{c.pk}")
        card.get_by_role("spinbutton").fill(str(points))
        card.get_by_label("Minh chứng").fill("Biên bản, báo cáo năm lưu tại văn phòng CĐCS")
    chair.get_by_role("button", name="Nộp bản tự chấm").click()
    chair.get_by_text(re.compile(r"Đã nộp bản tự chấm\. Mã biên nhận: [A-Z2-7]{8}\.")).wait_for()
    assert chair.locator("#status").inner_text() == "Đã nộp tự chấm"
    assert chair.locator("#result").count() == 0  # no level before publication
    assert chair.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    senhong.refresh_from_db()
    assert senhong.self_total == Decimal(93)

    # The federation officer: plan → rating board → Sen Hồng; one adjustment, a reason.
    officer = _page(browser, live_server, {"width": 1280, "height": 900})
    sign_in(officer, "ldld_govap")
    _open_plan(officer, plan)
    officer.locator("#rating-links").get_by_role("link", name="Xếp loại đơn vị").click()
    board = officer.locator("#rating-board")
    board.get_by_role("link", name=demo.senhong.name).click()
    row = officer.locator("#verification tbody tr").nth(1)
    assert Decimal(row.get_by_label("Điểm thẩm định").input_value()) == 23  # the unit's own
    row.get_by_label("Điểm thẩm định").fill(str(ADJUSTED))
    officer.get_by_role("button", name="Lưu điểm thẩm định").click()
    officer.get_by_text("ghi lý do khi điểm thẩm định khác điểm tự chấm").wait_for()
    row = officer.locator("#verification tbody tr").nth(1)
    row.get_by_label("Điểm thẩm định").fill(str(ADJUSTED))
    row.get_by_label("Lý do điều chỉnh").fill(REASON)
    officer.get_by_role("button", name="Lưu điểm thẩm định").click()
    officer.get_by_text("Đã lưu điểm thẩm định.").wait_for()
    officer.get_by_role("button", name="Chốt xếp loại").click()
    officer.get_by_text("Đã chốt xếp loại.").wait_for()
    assert "Vững mạnh" in officer.locator("#result").inner_text()

    # The unions that did not self-assess are scored too, so the results can go out.
    for other in UnitAssessment.objects.filter(scheme__plan=plan).exclude(pk=senhong.pk):
        officer.goto(other.get_absolute_url())
        for c in standards:
            officer.locator(f"#v{c.pk}_points").fill(str(c.max_points // 2))
        officer.get_by_role("button", name="Lưu điểm thẩm định").click()
        officer.get_by_text("Đã lưu điểm thẩm định.").wait_for()
        officer.get_by_role("button", name="Chốt xếp loại").click()
        officer.get_by_text("Đã chốt xếp loại.").wait_for()
    officer.get_by_role("link", name="Xếp loại đơn vị").first.click()
    officer.get_by_role("button", name="Công bố kết quả cho các đơn vị").click()
    officer.get_by_text("Đã công bố kết quả xếp loại cho các đơn vị.").wait_for()

    # The chair reads the published level, the verified score and the reason.
    chair.reload()
    result = chair.locator("#result").inner_text()
    assert "Điểm thẩm định: 83." in result and "Vững mạnh" in result
    assert "xuất sắc" not in result
    assert REASON in chair.locator("#scoring-sheet").inner_text()
    assert chair.locator("#objection").is_visible()
    senhong.refresh_from_db()
    assert (senhong.status, senhong.verified_total, senhong.level.name) == (
        "finalised",
        Decimal(83),
        "Vững mạnh",
    )
