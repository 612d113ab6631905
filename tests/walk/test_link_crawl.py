"""No dead links (issue 11): as each demo role, crawl the plan pages reachable from the
home page and the plan list, and follow every link on them once. None may answer 403 or
404: a page offers only what the policy lets its reader open (the federation on Sen
Hồng's plan used to get a link to the chi bộ's plan, which answered 404)."""

import re
from collections import deque
from urllib.parse import urldefrag, urlparse

import pytest
from django.test import Client

from tests.walk.demo import DEMO_USERNAMES

pytestmark = pytest.mark.django_db

HREF = re.compile(r'<a\b[^>]*\bhref="([^"#][^"]*)"')
PLAN_PAGE = re.compile(r"^/ke-hoach/\d+/$")
# Not followed: files and documents (each renders a PDF or workbook; the walk checks
# them), static files, the admin, and leaving the session.
SKIP = re.compile(r"^/(static|media|admin)/|/dang-xuat/|pdf|xlsx|/tai-ve|/tep/|/minh-chung/\d")
MAX_PLAN_PAGES = 40


def _links(html: str) -> set[str]:
    found = set()
    for href in HREF.findall(html):
        href = urldefrag(href.replace("&amp;", "&"))[0]
        parsed = urlparse(href)
        if parsed.scheme or parsed.netloc or not href.startswith("/") or SKIP.search(href):
            continue
        found.add(href)
    return found


@pytest.mark.parametrize("username", DEMO_USERNAMES)
def test_no_link_on_the_plan_pages_answers_403_or_404(demo, username):
    client = Client()
    client.force_login(demo.user(username))
    queue = deque(["/", "/ke-hoach/"])
    seen_pages, checked, broken = set(), {}, []
    while queue and len(seen_pages) < MAX_PLAN_PAGES:
        page = queue.popleft()
        if page in seen_pages:
            continue
        seen_pages.add(page)
        response = client.get(page)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for link in _links(response.content.decode()):
            if link not in checked:
                checked[link] = client.get(link).status_code
                if checked[link] in (403, 404):
                    broken.append(f"{page} -> {link}: {checked[link]}")
            if PLAN_PAGE.match(urlparse(link).path) and link not in seen_pages:
                queue.append(link)

    assert any(PLAN_PAGE.match(p) for p in seen_pages), "no plan page reached"
    assert broken == []
