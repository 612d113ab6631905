"""Accessible pages (issue 19): axe-core, read from node_modules (never a CDN), runs on
every page of the permission walk each role may open, and no "serious" or "critical"
violation is allowed.

The pages are the walk's: every GET expectation of tests/walk/tables/ that answers 200
to a role, with the object ids the tables take from the demo. Files and documents (PDF,
XLSX, downloads) are not HTML and are left out. One browser context per role, reused for
all its pages.
"""

import hashlib
import mimetypes
import re
import time
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.walk.demo import DemoData, load_demo
from tests.walk.tables import ROLES, Expect, collect, statuses

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# Not HTML: documents, workbooks, files, the health check, a generated file's status line.
NOT_A_PAGE = re.compile(r"_pdf$|_xlsx$|download$|^healthz$|^import_template$|artifact_status$")
# What differs between two renderings of the same page: form tokens, the CSP nonce,
# the reader's name in the menu bar.
VOLATILE = re.compile(
    r'name="csrfmiddlewaretoken" value="[^"]*"|"X-CSRFToken": "[^"]*"|nonce="[^"]*"'
    r'|<span class="navbar-text me-2">[^<]*</span>'
)
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " — " + n.failureSummary),
    }));
}"""


# Pages in an error state, besides the walk's (a form sent back with its errors).
ERROR_STATES = [
    ("login", Expect(method="POST", data={"username": "x", "password": "y"}, status=statuses(200))),
    (
        "campaigns:selfreport_fill",
        Expect(
            method="POST",
            kwargs=lambda d: {"pk": d.live_cdcs_plan.pk},
            data={"action": "submit"},
            status=statuses(200),
        ),
    ),
    (
        "password_change",
        Expect(
            method="POST", data={"old_password": "sai", "new_password1": "a"}, status=statuses(200)
        ),
    ),
]
ERROR_ROLES = {
    "login": ["anonymous"],
    "campaigns:selfreport_fill": ["doanvien_senhong"],
    "password_change": ["chutich_senhong"],
}


# Colour is never the only signal: a coloured badge says its status in words, and a
# bare mark (✓, ✗, ●) is hidden from screen readers with words beside it.
COLOUR_ONLY = """() => {
  const out = [];
  const describe = el => el.outerHTML.slice(0, 120);
  for (const el of document.querySelectorAll(".badge")) {
    if (!el.textContent.trim() && !el.getAttribute("aria-label")) out.push(describe(el));
  }
  for (const el of document.querySelectorAll("body *")) {
    if (el.children.length || !/^[✓✗✔✘●○•×]$/.test(el.textContent.trim())) continue;
    const words = (el.parentElement.textContent || "").replace(el.textContent, "").trim();
    if (el.getAttribute("aria-hidden") !== "true" || !words) out.push(describe(el));
  }
  return out;
}"""


def walk_pages() -> list[tuple[str, Expect, list[str]]]:
    """(URL name, expectation, roles it answers 200) for every HTML page of the walk: its
    GETs, and its POSTs that answer 200 (a form shown again), then ERROR_STATES."""
    pages = []
    for name, expects in sorted(collect().items()):
        if NOT_A_PAGE.search(name.rsplit(":", 1)[-1]):
            continue
        for expect in expects:
            roles = [role for role in ROLES if expect.status[role] == 200]
            if roles and (expect.method == "POST" or not expect.data):
                pages.append((name, expect, roles))
    pages.extend((name, expect, ERROR_ROLES[name]) for name, expect in ERROR_STATES)
    return pages


def signed_in_client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@cache
def static_file(path: str) -> tuple[bytes, str] | None:
    """A static file's bytes and type, read once (the same files the portal serves)."""
    found = finders.find(path.removeprefix(settings.STATIC_URL))
    if not found:
        return None
    kind = mimetypes.guess_type(found)[0] or "application/octet-stream"
    return Path(found).read_bytes(), kind


def context_for(browser, live_server, served: dict):
    """A desktop-sized context whose navigations get the HTML in `served` (path -> the
    response rendered by Django's test client). Static files come from the project's
    static folders, read once: routing turns Chromium's cache off, and fetching them from
    the live server for every page doubled the run time. Anything else goes to the live
    server."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        viewport={"width": 1280, "height": 900},
        # The portal's service worker would take the pages past the routing above.
        service_workers="block",
    )
    context.set_default_timeout(20_000)

    def answer(route, request):
        url = urlsplit(request.url)
        if url.path.startswith(settings.STATIC_URL) and request.method == "GET":
            found = static_file(url.path)
            if found:
                route.fulfill(status=200, body=found[0], content_type=found[1])
                return
        response = served.get(url.path + (f"?{url.query}" if url.query else ""))
        if response is None or not request.is_navigation_request():
            route.continue_()
            return
        # Marked, so the test knows the page shown is the one it rendered.
        body = response.content.replace(
            b"<body", f'<body data-rendered="{id(response)}"'.encode(), 1
        )
        route.fulfill(
            status=response.status_code,
            headers={k: v for k, v in response.headers.items() if k != "Content-Length"},
            body=body,
        )

    context.route("**/*", answer)
    # axe-core from node_modules, added to each page through the DevTools protocol: the
    # page's CSP (script-src 'self') stays as it is, and nothing comes from elsewhere.
    context.add_init_script(path=AXE)
    return context


def readable(role: str, path: str, violations: list[dict]) -> str:
    lines = [f"{role} {path}:"]
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']}")
        lines.extend(f"      {node}" for node in v["nodes"])
    return "\n".join(lines)


def test_axe_finds_no_serious_violation_on_any_page_of_the_walk(browser, live_server):
    assert AXE.exists(), "axe-core is missing: run `npm ci` (package.json pins it)"
    load_demo()
    demo = DemoData()
    started = time.monotonic()
    clients = {role: signed_in_client(demo.user(role)) for role in ROLES}
    served = {role: {} for role in ROLES}
    contexts = {role: context_for(browser, live_server, served[role]) for role in ROLES}
    tabs = {role: context.new_page() for role, context in contexts.items()}
    reports, checked, seen, analysed = [], set(), set(), 0
    try:
        for name, expect, roles in walk_pages():
            # Like the walk, the objects a URL needs are built in a savepoint rolled back
            # afterwards: Django's test client renders each role's page inside it, and
            # Chromium gets that HTML for the page's address.
            with transaction.atomic():
                path = reverse(name, kwargs=expect.resolve_kwargs(demo))
                data = expect.resolve_data(demo)
                send = "post" if expect.method == "POST" else "get"
                rendered = {role: getattr(clients[role], send)(path, data) for role in roles}
                transaction.set_rollback(True)
            for role, response in rendered.items():
                assert response.status_code == 200, (role, path, response.status_code)
                if response.streaming:
                    # A download (an evidence file): read to the end, the test client
                    # closes it; left open it is an unclosed file at garbage collection.
                    b"".join(response.streaming_content)
                    continue
                if "text/html" not in response["Content-Type"]:
                    continue
                if b"<html" not in response.content[:200]:
                    continue  # a piece of a page for htmx (the autosave's answer)
                # The same markup gives the same findings: a page that differs from one
                # already checked only by its form tokens or the reader's name is not
                # checked again (many roles see the same page).
                digest = hashlib.sha256(
                    VOLATILE.sub("", response.content.decode()).encode()
                ).digest()
                checked.add((role, name, expect.method))
                if digest in seen:
                    continue
                seen.add(digest)
                served[role].clear()
                served[role][path] = response
                page = tabs[role]
                shown = page.goto(path)
                # Chromium shows the HTML rendered above, not another answer.
                assert shown.status == 200 and not shown.from_service_worker, (role, path)
                assert page.evaluate("document.body.dataset.rendered") == str(id(response))
                violations = page.evaluate(RUN_AXE)
                bare = page.evaluate(COLOUR_ONLY)
                if bare:
                    violations.append(
                        {
                            "impact": "serious",
                            "id": "colour-only",
                            "help": "a status shown by colour or a mark alone",
                            "nodes": bare[:5],
                        }
                    )
                analysed += 1
                if violations:
                    reports.append(readable(role, path, violations))
    finally:
        for context in contexts.values():
            context.close()

    print(
        f"axe-core: {len(checked)} pages of the walk, {analysed} distinct, "
        f"{time.monotonic() - started:.0f} s"
    )
    # The walk reached the pages people use most, as the roles that use them.
    assert {
        ("anonymous", "login", "GET"),
        ("doanvien_senhong", "campaigns:selfreport_fill", "GET"),
        ("chutich_senhong", "campaigns:plan_detail", "GET"),
        ("bch_senhong", "nominations:score_report", "GET"),
        ("ldld_govap", "reports:dashboard", "GET"),
        ("anonymous", "login", "POST"),
        ("doanvien_senhong", "campaigns:selfreport_fill", "POST"),
    } <= checked
    if reports:
        pytest.fail("axe-core found serious or critical violations:\n" + "\n".join(reports))
