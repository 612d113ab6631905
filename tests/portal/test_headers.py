"""Security headers on every response: Content-Security-Policy (django-csp) and
Permissions-Policy (portal/headers.py). The browser test (tests/browser/test_csp.py)
checks that the pages keep to the policy."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db


def directives(header: str) -> dict[str, list[str]]:
    parts = (item.split() for item in header.split(";") if item.strip())
    return {name: values for name, *values in parts}


@pytest.mark.parametrize("path", ["/dang-nhap/", "/quen-mat-khau/", "/khong-co-trang-nay/"])
def test_content_security_policy_allows_no_inline_script(client, path):
    policy = directives(client.get(path)["Content-Security-Policy"])

    assert policy["script-src"] == ["'self'"]  # a nonce is added only when a page uses one
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]


def test_permissions_policy_denies_devices_and_location(client):
    header = client.get("/dang-nhap/")["Permissions-Policy"]

    features = dict(item.strip().split("=") for item in header.split(","))
    assert features["camera"] == "()"
    assert features["microphone"] == "()"
    assert features["geolocation"] == "()"
    assert features["payment"] == "()"


def test_signed_in_pages_carry_the_headers_too(client, alice):
    client.force_login(alice)

    response = client.get("/")

    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


def test_no_template_uses_inline_event_handlers_or_hx_on():
    root = Path(__file__).resolve().parents[2] / "templates"
    handler = re.compile(r"""\shx-on[:-]|\son[a-z]+=["']|href=["']javascript:""")
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.html")
        if handler.search(path.read_text())
    ]
    assert offenders == []
