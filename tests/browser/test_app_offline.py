"""The portal as an app (issue 19), in Chromium: the service worker registers at the
root scope, keeps only the offline page and static files, and when the network drops
while a member types the self-report, the next page is the portal's Vietnamese offline
page, not the browser's error, and the typed text is still on the phone."""

import pytest
from django.conf import settings
from django.test import Client

from tests.browser.conftest import PHONE
from tests.walk.demo import DemoData, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) urls.push(request.url);
  }
  return urls;
}"""


def signed_in_phone(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(
        viewport=PHONE, locale="vi-VN", base_url=live_server.url, service_workers="allow"
    )
    context.set_default_timeout(15_000)
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


def test_the_worker_keeps_the_offline_page_and_shows_it_when_the_network_drops(
    browser, live_server
):
    load_demo()
    demo = DemoData()
    member = demo.user("doanvien_senhong")
    plan = demo.live_cdcs_plan
    context = signed_in_phone(browser, live_server, member)
    page = context.new_page()

    page.goto("/")
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == f"{live_server.url}/"
    page.reload()  # now the worker controls the page
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    # Chromium reads the manifest without error and finds the portal installable
    # ("Thêm vào màn hình chính" gives an app, not a bookmark).
    cdp = context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"] == f"{live_server.url}/manifest.webmanifest"
    assert manifest["errors"] == []
    assert '"short_name": "Thi đua"' in manifest["data"]
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    # (Playwright's contexts are incognito windows, where nothing is ever installable.)
    assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == []

    # The member types the report; the page keeps a copy on the phone.
    page.goto(f"/ke-hoach/{plan.pk}/tu-bao-cao/")
    narrative = page.locator("textarea[name=narrative]")
    narrative.fill("Viết dở khi mất mạng")
    key = page.locator("#selfreport-form").get_attribute("data-draft-key")
    assert "Viết dở khi mất mạng" in page.evaluate(f"localStorage.getItem('{key}')")

    # What the worker keeps: the offline page and static files, nothing else.
    cached = page.evaluate(CACHED_URLS)
    paths = sorted(url.removeprefix(live_server.url) for url in cached)
    assert "/ngoai-tuyen/" in paths
    assert "/static/css/portal.css" in paths
    assert "/static/js/selfreport.js" in paths
    assert [p for p in paths if p != "/ngoai-tuyen/" and not p.startswith("/static/")] == []
    # The cached offline page was fetched without cookies: no name, no form token.
    offline_html = page.evaluate("caches.match('/ngoai-tuyen/').then(r => r.text())")
    assert "Mất kết nối mạng" in offline_html
    assert member.full_name not in offline_html
    assert "csrfmiddlewaretoken" not in offline_html

    # The network drops: a link, then the report sent as a form, get the offline page.
    context.set_offline(True)
    page.goto(f"/ke-hoach/{plan.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mất kết nối mạng"
    assert page.get_by_text("Nội dung bạn đang nhập không bị mất.").is_visible()
    assert page.get_by_role("button", name="Thử lại").is_visible()
    assert "Viết dở khi mất mạng" in page.evaluate(f"localStorage.getItem('{key}')")

    # Back online: the report page restores the copy kept on the phone.
    context.set_offline(False)
    page.goto(f"/ke-hoach/{plan.pk}/tu-bao-cao/")
    assert page.locator("textarea[name=narrative]").input_value() == "Viết dở khi mất mạng"
    context.set_offline(True)
    with page.expect_navigation():
        page.locator("#selfreport-form").evaluate("form => form.requestSubmit()")
    assert page.get_by_role("heading", level=1).inner_text() == "Mất kết nối mạng"

    # Browsing and posting added nothing to the cache: no page with personal data.
    context.set_offline(False)
    page.goto("/")
    assert sorted(u.removeprefix(live_server.url) for u in page.evaluate(CACHED_URLS)) == paths
    context.close()
