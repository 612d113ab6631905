"""The admin speaks Vietnamese: the portal's own header, and none of the English chrome
that Django's vi catalogue leaves untranslated (issue 19)."""

import gettext
import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

VI_DIR = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES"
ENGLISH_CHROME = [
    "Skip to main content",
    "Toggle theme",
    "Toggle navigation",
    "Start typing to filter",
    "Django administration",
    "Django site admin",
    "Trang quản trị cho Django",
    "Site administration",
    "Breadcrumbs",
    "Sidebar",
    "Added:",
    "Select all objects on this page",
    "Show counts",
    "mô models",
    "Campaigns",
    "Nominations",
    "Vote results",
    "Participations",
]


def _text(response) -> str:
    """The page's text and its attributes' words, where the English would show."""
    html = response.content.decode()
    html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    return unescape(html)


@pytest.mark.parametrize(
    "url",
    [
        reverse("admin:index"),
        reverse("admin:portal_orgunit_changelist"),
        reverse("admin:portal_orgunit_add"),
        reverse("admin:portal_user_changelist"),
    ],
)
def test_admin_pages_have_no_english_chrome(admin_client, url):
    response = admin_client.get(url)

    text = _text(response)
    assert response.status_code == 200
    assert "Quản trị Cổng thi đua" in text
    assert [phrase for phrase in ENGLISH_CHROME if phrase in text] == []


def test_admin_login_page_is_vietnamese(client):
    response = client.get(reverse("admin:login"))

    text = _text(response)
    assert "Quản trị Cổng thi đua" in text
    assert "Skip to main content" not in text
    assert "Chuyển đến nội dung chính" in text


def test_admin_english_when_chosen(admin_client):
    admin_client.post(reverse("set_language"), {"language": "en", "next": "/"})

    text = _text(admin_client.get(reverse("admin:index")))

    assert "Skip to main content" in text


def test_vietnamese_catalogue_is_compiled():
    """django.mo is committed next to django.po: every entry is in it."""
    with (VI_DIR / "django.mo").open("rb") as fp:
        catalog = gettext.GNUTranslations(fp)._catalog
    msgids = re.findall(r'^msgid "(.+)"$', (VI_DIR / "django.po").read_text(), flags=re.M)

    assert msgids
    assert [m for m in msgids if (m not in catalog and (m, 0) not in catalog)] == []
