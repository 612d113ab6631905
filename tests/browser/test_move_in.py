"""Done-when of issue 14: chutich_hoamai goes from an empty union to 25 members in the
browser (import the sample sheet, fix the two refused rows, import again: 23 unchanged
and 2 new, print the activation slips); then one member activates with a slip on a phone
(390×844), sets a password and submits a self-report."""

import re
import subprocess
from pathlib import Path

import pytest

from campaigns.models import Criterion, Milestone, SelfReport
from campaigns.services import cascade, plans
from campaigns.services import milestones as milestone_services
from portal.models import Membership, OrgUnit, Role, User
from tests.browser.conftest import CHROMIUM_ARGS  # noqa: F401  (same browser settings)
from tests.walk.demo import DEMO_PASSWORD, DemoData, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHEETS = Path(__file__).resolve().parents[2] / "fixtures" / "members"
CODE = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def desk(browser, live_server):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="vi-VN", base_url=live_server.url
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def import_sheet(page, name: str) -> str:
    page.get_by_role("link", name="Nhập từ Excel").click()
    page.locator("#id_file").set_input_files(str(SHEETS / name))
    page.get_by_role("button", name="Xem trước").click()
    page.wait_for_url(re.compile(r"/nhap/[^/]+/$"))
    counts = page.locator("#counts").inner_text()
    errors = page.locator("#row-errors li").all_inner_texts()
    page.get_by_role("button", name="Xác nhận nhập").click()
    page.wait_for_url(re.compile(r"/doan-vien/$"))
    return counts, errors


def hoamai_plan(chair):
    """Hoa Mai implements the live Gò Vấp plan, with Sen Hồng's self-report window."""
    demo = DemoData()
    hoamai = OrgUnit.objects.get(code="mn-hoamai")
    plan = cascade.create_child_plan(parent=demo.live_federation_plan, issuer=hoamai, actor=chair)
    window = Milestone.objects.get(plan=demo.live_cdcs_plan, kind=Milestone.Kind.SELF_REPORT)
    milestone_services.add_milestone(
        plan=plan,
        actor=chair,
        kind=window.kind,
        label=window.label,
        starts_at=window.starts_at,
        ends_at=window.ends_at,
    )
    return plans.publish_plan(plan=plan, actor=chair)


def test_chair_moves_in_and_a_member_activates_on_a_phone(desk, phone, tmp_path):
    load_demo()
    hoamai = OrgUnit.objects.get(code="mn-hoamai")
    desk.goto("/dang-nhap/")
    desk.get_by_label("Tên đăng nhập").fill("chutich_hoamai")
    desk.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    desk.get_by_role("button", name="Đăng nhập").click()
    desk.wait_for_url(re.compile(r"/$"))
    desk.get_by_role("link", name="Đơn vị", exact=True).click()
    desk.locator("tr", has_text="CĐCS Trường MN Hoa Mai").get_by_role(
        "link", name="Đoàn viên"
    ).click()

    # 1. The sample sheet: 23 new, two rows refused with their row and column.
    counts, errors = import_sheet(desk, "hoamai.xlsx")
    assert counts.split() == [
        "Mới:",
        "23",
        "Cập",
        "nhật:",
        "0",
        "Không",
        "đổi:",
        "0",
        "Bị",
        "từ",
        "chối:",
        "2",
    ]
    assert errors == [
        "Dòng 10, cột Ngày sinh: '31/02/1985' không phải là ngày hợp lệ",
        "Dòng 18, cột Email: 'thuong.mai@gmail' không phải là địa chỉ email hợp lệ",
    ]
    # 2–3. The two rows fixed: 23 unchanged, 2 new.
    counts, errors = import_sheet(desk, "hoamai-da-sua.xlsx")
    assert counts.split() == [
        "Mới:",
        "2",
        "Cập",
        "nhật:",
        "0",
        "Không",
        "đổi:",
        "23",
        "Bị",
        "từ",
        "chối:",
        "0",
    ]
    assert errors == []
    imported = Membership.objects.current().filter(
        unit=hoamai, role=Role.MEMBER, user__phone__startswith="0903"
    )
    assert imported.count() == 25

    # 4. The slips: one per member without a password, each with a code.
    with desk.expect_download() as download:
        desk.get_by_role("button", name=re.compile("In phiếu kích hoạt")).click()
    pdf = tmp_path / "phieu.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert len(CODE.findall(text)) == 25
    code = CODE.search(text[text.index("Lê Thị Tuyết Mai") :]).group()

    chair = User.objects.get(username="chutich_hoamai")
    plan = hoamai_plan(chair)

    # A member activates on a phone.
    phone.goto("/kich-hoat/")
    phone.get_by_label("Số điện thoại hoặc email").fill("0903 112 201")
    phone.get_by_label("Mã kích hoạt").fill(code)
    phone.get_by_role("button", name="Kích hoạt").click()
    phone.wait_for_url(re.compile(r"/dat-mat-khau/$"))
    phone.locator("#id_new_password1").fill("HoaMai-2026-an-toan")
    phone.locator("#id_new_password2").fill("HoaMai-2026-an-toan")
    phone.get_by_role("button", name="Lưu mật khẩu").click()
    phone.wait_for_url(re.compile(r"/$"))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    # ... and submits a self-report.
    phone.goto(f"/ke-hoach/{plan.pk}/tu-bao-cao/")
    # Members answer only the individual criteria (issue 11b took the collective ones off).
    for criterion in plan.criteria.filter(target="individual").order_by("order", "id"):
        card = phone.locator(f"#criterion-{criterion.pk}")
        if criterion.kind == Criterion.Kind.MET:
            card.get_by_label("Đạt", exact=True).check()
        else:
            card.get_by_role("spinbutton").fill(f"{criterion.max_points:f}")
    phone.get_by_role("button", name="Nộp báo cáo").click()
    phone.wait_for_url(re.compile(r"/ke-hoach/tu-bao-cao/\d+/bien-nhan/$"))
    member = User.objects.get(phone="0903112201")
    assert SelfReport.objects.get(plan=plan, member=member).status == "submitted"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
