"""The portal as an app on a phone (issue 19): manifest, icons, service worker, offline
page. What the worker does in a browser is in tests/browser/test_app_offline.py."""

import json
import re
import struct

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from portal.views.app import PRECACHED_STATIC
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def png_size(path: str) -> tuple[int, int]:
    with open(path, "rb") as handle:
        head = handle.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", head[16:24])


def test_every_page_links_the_manifest_the_icons_and_the_worker_registration(client):
    html = client.get("/dang-nhap/").content.decode()

    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert 'rel="apple-touch-icon" href="/static/icons/apple-touch-icon.png"' in html
    assert '<script src="/static/js/app.js" data-worker="/sw.js"></script>' in html


def test_the_manifest_names_the_portal_and_its_icons_at_192_and_512(client):
    response = client.get("/manifest.webmanifest")

    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["name"] == "Cổng thi đua"
    assert data["short_name"] == "Thi đua"
    assert (data["start_url"], data["scope"], data["display"]) == ("/", "/", "standalone")
    sizes = set()
    for icon in data["icons"]:
        assert icon["src"].startswith("/static/icons/")  # our own host, no CDN
        width, height = png_size(finders.find(icon["src"].removeprefix("/static/")))
        assert icon["sizes"] == f"{width}x{height}"
        sizes.add(width)
    assert sizes == {192, 512}


def test_the_worker_is_served_at_the_root_and_precaches_only_static_files_and_the_offline_page(
    client,
):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    config = json.loads(re.search(r"var CONFIG = (\{.*\});", response.content.decode())[1])
    assert config["offline"] == "/ngoai-tuyen/"
    assert config["precache"] and all(u.startswith("/static/") for u in config["precache"])
    # Every precached file exists (a missing one makes the worker's install fail).
    assert all(finders.find(path) for path in PRECACHED_STATIC)


def test_the_worker_never_answers_a_post(client):
    assert client.post("/sw.js").status_code == 405
    assert client.post("/manifest.webmanifest").status_code == 405


def test_the_offline_page_is_vietnamese_and_holds_nothing_personal():
    user = UserFactory(full_name="Nguyễn Thị Riêng Tư")
    client = Client()
    client.force_login(user)

    html = client.get("/ngoai-tuyen/").content.decode()

    assert "Mất kết nối mạng" in html
    assert "Nội dung bạn đang nhập không bị mất." in html
    assert "Nguyễn Thị Riêng Tư" not in html
    assert "csrfmiddlewaretoken" not in html


def test_a_member_who_must_set_a_first_password_still_gets_the_app_resources():
    user = UserFactory(must_set_password=True)
    client = Client()
    client.force_login(user)

    for path in ("/sw.js", "/manifest.webmanifest", "/ngoai-tuyen/", "/static/icons/icon-192.png"):
        response = client.get(path)
        assert response.status_code == 200, path
        if response.streaming:
            # The icon, from WhiteNoise: reading it to the end closes it through the test
            # client (which keeps the database connection open). response.close() here
            # would fire request_finished again and close PostgreSQL's test connection.
            b"".join(response.streaming_content)
    # Everything else still sends them to set their password first.
    response = client.get("/ke-hoach/")
    assert response.status_code == 302
    assert response["Location"] == reverse("first_password")
