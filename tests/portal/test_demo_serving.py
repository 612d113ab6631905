"""`make demo` serves the portal as production does (DEMO=true: DEBUG off), so an unknown
URL answers the portal's Vietnamese 404 page, not Django's English debug page, while the
static files still come (WhiteNoise) and manage.py keeps DEBUG (issue 19)."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.portal.test_settings import PORTAL_VARIABLES, run_manage

BASE_DIR = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    """`make serve` as the Makefile runs it: DEMO=true runserver on 127.0.0.1."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in PORTAL_VARIABLES | {"DEMO"}}
    env.update(
        DEMO="true",
        DEBUG="true",  # the Makefile exports DEBUG=true for everything; DEMO wins
        DATABASE_URL=f"sqlite:///{tmp_path_factory.mktemp('demo') / 'db.sqlite3'}",
    )
    log = tmp_path_factory.mktemp("demo-log") / "server.log"
    log_file = log.open("wb")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=BASE_DIR,
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(log.read_text())
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
        log_file.close()


def test_demo_unknown_url_answers_the_vietnamese_404(demo_server):
    status, body = _get(f"{demo_server}/khong-co-trang-nay/")

    assert status == 404
    assert "Không tìm thấy trang này" in body
    assert "Về trang chính" in body
    assert "Page not found" not in body and "DEBUG = True" not in body


def test_demo_serves_static_files_without_debug(demo_server):
    status, body = _get(f"{demo_server}/static/css/portal.css")

    assert status == 200
    assert body.strip()


def test_demo_host_localhost_allowed(demo_server):
    status, body = _get(demo_server.replace("127.0.0.1", "localhost") + "/dang-nhap/")

    assert status == 200
    assert "Đăng nhập" in body


def test_manage_py_keeps_debug_and_demo_turns_it_off():
    show = "from django.conf import settings; print(settings.DEBUG, settings.DEMO)"
    dev = run_manage("shell", "-c", show, DEBUG="true")
    demo = run_manage("shell", "-c", show, DEBUG="true", DEMO="true")

    assert dev.stdout.split()[-2:] == ["True", "False"], dev.stderr
    assert demo.stdout.split()[-2:] == ["False", "True"], demo.stderr


def test_server_error_page_is_the_portals_vietnamese_page():
    response = server_error(RequestFactory().get("/"))

    body = response.content.decode()
    assert response.status_code == 500
    assert "Đã có lỗi ở máy chủ" in body
    assert "Server Error" not in body
