"""A member signs in on a phone and finds the live campaign's plan of their union."""

import os
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Milestone
from tests.walk.demo import DEMO_PASSWORD, DemoData, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "home-phone.png"


def sign_in(page, username, password):
    page.goto("/")
    page.wait_for_url(re.compile(r"/dang-nhap/\?next=/$"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_member_signs_in_and_sees_the_live_plan(phone, tmp_path):
    load_demo()
    demo = DemoData()
    member = demo.user("doanvien_senhong")
    plan = demo.live_cdcs_plan
    deadline = timezone.localtime(plan.milestones.get(kind=Milestone.Kind.SELF_REPORT).ends_at)

    sign_in(phone, "doanvien_senhong", DEMO_PASSWORD)

    phone.wait_for_url(re.compile(r"/$"))
    heading = phone.get_by_role("heading", level=1)
    assert heading.inner_text() == f"Xin chào, {member.full_name}"
    # What is due: the live plan's self-report, open, with its deadline in Vietnam time.
    due = phone.locator(f'a[href="{reverse("campaigns:selfreport_fill", args=[plan.pk])}"]')
    assert due.count() == 1
    due_text = due.inner_text()
    assert f"Báo cáo cá nhân: {plan.title}" in due_text
    assert "Đang mở" in due_text
    assert f"Hạn: {deadline:%H:%M} ngày {deadline:%d/%m/%Y}" in due_text
    # Bootstrap is served by the portal itself: the navbar has its primary colour.
    navbar_colour = phone.locator("nav.navbar").evaluate(
        "el => getComputedStyle(el).backgroundColor"
    )
    assert navbar_colour == "rgb(13, 110, 253)"
    # Mobile first: nothing wider than the phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=tmp_path / "home-phone.png")
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=SCREENSHOT)

    phone.get_by_role("link", name="Xem các kế hoạch").click()

    phone.wait_for_url(re.compile(r"/ke-hoach/$"))
    plan_link = phone.locator(f'a[href="{plan.get_absolute_url()}"]')
    assert plan_link.count() == 1
    assert plan.title in plan_link.inner_text()
    plan_link.click()

    phone.wait_for_url(re.compile(rf"{plan.get_absolute_url()}$"))
    main = phone.locator("main").inner_text()
    assert plan.symbol in main
    assert plan.title.upper() in main.upper()


def test_wrong_password_keeps_the_member_out(phone):
    load_demo()

    sign_in(phone, "doanvien_senhong", "sai-mat-khau")

    phone.wait_for_url(re.compile(r"/dang-nhap/"))
    assert phone.locator(".alert-danger").inner_text() == (
        "Tên đăng nhập hoặc mật khẩu không đúng. Xin nhập lại."
    )
