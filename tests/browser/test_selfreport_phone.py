"""doanvien_senhong fills the live plan's self-report on a phone (390×844), attaches a
file, sees the draft saved while typing, submits, and gets the receipt."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from campaigns.models import Criterion, Milestone, SelfReport
from portal.vietnamese import format_deadline
from tests.walk.demo import DEMO_PASSWORD, DemoData, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def sign_in(page, username):
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/$"))


def test_member_submits_report_with_file_on_phone(phone):
    load_demo()
    demo = DemoData()
    plan = demo.live_cdcs_plan
    member = demo.user("doanvien_senhong")
    sign_in(phone, "doanvien_senhong")

    phone.goto(f"/ke-hoach/{plan.pk}/tu-bao-cao/")

    assert phone.get_by_role("heading", level=1).inner_text() == "Báo cáo cá nhân"
    assert re.fullmatch(
        r"\d{1,2}h\d\d ngày \d{1,2}/\d{1,2}/\d{4}", phone.locator("#deadline-text").inner_text()
    )
    phone.wait_for_function("document.getElementById('countdown').textContent.startsWith('Còn ')")
    for criterion in plan.criteria.filter(target="individual").order_by("order", "id"):
        card = phone.locator(f"#criterion-{criterion.pk}")
        if criterion.kind == Criterion.Kind.MET:
            card.get_by_label("Đạt", exact=True).check()
        else:
            card.get_by_role("spinbutton").fill(f"{criterion.max_points:f}")
        card.get_by_label("Minh chứng").fill("Giấy khen năm học 2023-2024")
    phone.get_by_label(
        "Kết quả học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
    ).fill("Tiết kiệm, trách nhiệm, chia sẻ với đồng nghiệp.")
    # Autosave while typing: the draft is on the server before anything is submitted.
    phone.wait_for_selector("#autosave-status >> text=/Đã lưu lúc \\d\\d:\\d\\d:\\d\\d/")
    assert SelfReport.objects.get(plan=plan, member=member).status == "draft"

    phone.locator("#id_file").set_input_files(
        {"name": "giay-khen.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    phone.get_by_role("button", name="Tải lên").click()
    phone.locator("#evidence-list").get_by_role("link", name="giay-khen.pdf").wait_for()
    # Mobile first: nothing sticks out of the phone's width.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    phone.get_by_role("button", name="Nộp báo cáo").click()

    phone.wait_for_url(re.compile(r"/ke-hoach/tu-bao-cao/\d+/bien-nhan/$"))
    report = SelfReport.objects.get(plan=plan, member=member)
    assert (report.status, report.version, report.files.count()) == ("submitted", 1, 1)
    assert phone.locator("#receipt-code").inner_text() == report.receipt_code
    assert re.fullmatch(
        r"\d\d:\d\d:\d\d ngày \d{1,2}/\d{1,2}/\d{4}", phone.locator("#receipt-time").inner_text()
    )
    assert report.narrative == "Tiết kiệm, trách nhiệm, chia sẻ với đồng nghiệp."
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_submit_after_deadline_refused_and_text_kept_on_phone(phone):
    load_demo()
    demo = DemoData()
    plan = demo.live_cdcs_plan
    member = demo.user("doanvien_senhong")
    sign_in(phone, "doanvien_senhong")
    phone.goto(f"/ke-hoach/{plan.pk}/tu-bao-cao/")
    narrative = phone.get_by_label(
        "Kết quả học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
    )
    narrative.fill("Gõ xong sát giờ")
    # The deadline passes while the member is still on the page.
    Milestone.objects.filter(plan=plan, kind=Milestone.Kind.SELF_REPORT).update(
        ends_at=timezone.now() - dt.timedelta(seconds=1)
    )

    phone.get_by_role("button", name="Nộp báo cáo").click()

    error = phone.locator("#late-error")
    error.wait_for()
    assert "Báo cáo không được nhận vì đã quá hạn chót" in error.inner_text()
    assert "Nội dung bạn đã nhập được giữ lại dưới dạng bản nháp." in error.inner_text()
    assert narrative.input_value() == "Gõ xong sát giờ"
    report = SelfReport.objects.get(plan=plan, member=member)
    assert (report.status, report.narrative) == ("draft", "Gõ xong sát giờ")


def test_text_typed_offline_is_kept_and_saved_when_back_online(phone):
    load_demo()
    demo = DemoData()
    plan = demo.live_cdcs_plan
    member = demo.user("doanvien_senhong")
    sign_in(phone, "doanvien_senhong")
    phone.goto(f"/ke-hoach/{plan.pk}/tu-bao-cao/")
    label = "Kết quả học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"

    phone.context.set_offline(True)
    phone.get_by_label(label).fill("Gõ khi mất sóng")
    phone.wait_for_selector("#autosave-status >> text=Mất kết nối")
    phone.context.set_offline(False)
    phone.reload()  # as if the tab had been closed and opened again

    assert phone.get_by_label(label).input_value() == "Gõ khi mất sóng"
    phone.wait_for_selector("#autosave-status >> text=/Đã lưu lúc/")
    assert SelfReport.objects.get(plan=plan, member=member).narrative == "Gõ khi mất sóng"


def test_chair_sees_who_reported_and_grants_an_extension(phone):
    load_demo()
    demo = DemoData()
    plan = demo.live_cdcs_plan
    member = demo.user("doanvien_senhong")
    sign_in(phone, "doanvien_senhong")
    phone.goto(f"/ke-hoach/{plan.pk}/tu-bao-cao/")
    phone.get_by_label("Lý do xin gia hạn").fill("Con ốm phải nằm viện")
    phone.get_by_role("button", name="Xin gia hạn").click()
    phone.wait_for_selector("text=Đã gửi yêu cầu gia hạn đến Chủ tịch công đoàn.")
    phone.context.clear_cookies()

    sign_in(phone, "chutich_senhong")
    phone.goto(f"/ke-hoach/{plan.pk}/tu-bao-cao/tong-hop/")

    assert re.fullmatch(
        r"\d+/\d+ đoàn viên đã nộp báo cáo\.", phone.locator("#summary").inner_text()
    )
    row = phone.locator(f'tr[data-member="{member.pk}"]')
    assert row.locator("td").first.inner_text() == "Trần Thị Mỹ Linh"
    request = phone.locator("#gia-han .card", has_text="Trần Thị Mỹ Linh")  # demo: one more
    assert "Con ốm phải nằm viện" in request.inner_text()
    # A personal deadline stays before the unit's review meeting and inside the parent
    # plan's self-report window: one hour before the review meeting.
    review = plan.milestones.filter(kind=Milestone.Kind.REVIEW_MEETING).earliest("starts_at")
    new_deadline = timezone.localtime(
        review.starts_at - dt.timedelta(hours=1), ZoneInfo("Asia/Ho_Chi_Minh")
    ).replace(minute=0)
    request.get_by_label("Hạn mới (giờ Việt Nam)").fill(new_deadline.strftime("%Y-%m-%dT%H:%M"))
    request.get_by_role("button", name="Gia hạn").click()

    phone.wait_for_selector(
        f"text=Đã gia hạn cho Trần Thị Mỹ Linh đến {format_deadline(new_deadline)}."
    )
    assert row.locator(".badge").inner_text() == "Được gia hạn"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


# --- issue 19: a phone, taps only, each tapped element at least 44 px -------------------------

MIN_TAP = 44


def tap(locator):
    """Tap `locator` after checking it is a comfortable target (≥ 44×44 CSS px)."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    assert box is not None, locator
    assert box["height"] >= MIN_TAP and box["width"] >= MIN_TAP, (locator, box)
    locator.click()
    return box


def test_member_self_report_from_empty_to_submitted_by_taps_with_pdf_on_criterion_2(phone):
    load_demo()
    demo = DemoData()
    plan = demo.live_cdcs_plan
    member = demo.user("doanvien_senhong")
    assert not SelfReport.objects.filter(plan=plan, member=member, status="submitted").exists()
    phone.goto("/dang-nhap/")
    tap(phone.get_by_label("Tên đăng nhập"))
    phone.keyboard.type("doanvien_senhong")
    tap(phone.get_by_label("Mật khẩu"))
    phone.keyboard.type(DEMO_PASSWORD)
    tap(phone.get_by_role("button", name="Đăng nhập"))
    phone.wait_for_url(re.compile(r"/$"))
    phone.goto(f"/ke-hoach/{plan.pk}/tu-bao-cao/")

    criteria = list(plan.criteria.filter(target="individual").order_by("order", "id"))
    heights = []
    for criterion in criteria:
        card = phone.locator(f"#criterion-{criterion.pk}")
        if criterion.kind == Criterion.Kind.MET:
            row = card.locator("label.option-row", has=phone.get_by_label("Đạt", exact=True))
            heights.append(tap(row)["height"])
            assert card.get_by_label("Đạt", exact=True).is_checked()
        else:
            heights.append(tap(card.get_by_role("spinbutton"))["height"])
            phone.keyboard.type(f"{criterion.max_points:f}")
    second = criteria[1]
    card = phone.locator(f"#criterion-{second.pk}")
    card.locator(f"#file-{second.pk}").set_input_files(
        {"name": "minh-chung-2.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    add = card.get_by_role("button", name="Thêm minh chứng")
    # Inside the criterion's card, above the report's buttons.
    assert (
        add.bounding_box()["y"]
        < phone.get_by_role("button", name="Nộp báo cáo").bounding_box()["y"]
    )
    tap(add)
    phone.locator(f"#files-{second.pk}").get_by_role("link", name="minh-chung-2.pdf").wait_for()
    tap(phone.get_by_label("Kết quả học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"))
    phone.keyboard.type("Tiết kiệm, trách nhiệm.")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    tap(phone.get_by_role("button", name="Nộp báo cáo"))

    phone.wait_for_url(re.compile(r"/ke-hoach/tu-bao-cao/\d+/bien-nhan/$"))
    report = SelfReport.objects.get(plan=plan, member=member)
    assert (report.status, report.version) == ("submitted", 1)
    assert list(report.files.values_list("original_name", "criterion_id")) == [
        ("minh-chung-2.pdf", second.pk)
    ]
    assert heights and min(heights) >= MIN_TAP


def test_refused_submit_marks_cards_and_scrolls_to_the_first_on_phone(phone):
    load_demo()
    plan = DemoData().live_cdcs_plan
    sign_in(phone, "doanvien_senhong")
    phone.goto(f"/ke-hoach/{plan.pk}/tu-bao-cao/")

    tap(phone.get_by_role("button", name="Nộp báo cáo"))

    phone.locator("#form-errors").wait_for()
    first = phone.locator(".criterion-failing").first
    assert phone.locator(".criterion-failing").count() >= 1
    box = first.bounding_box()
    assert 0 <= box["y"] < 844  # in view on the phone


def test_old_upload_error_cleared_after_a_later_success(phone):
    load_demo()
    plan = DemoData().live_cdcs_plan
    sign_in(phone, "doanvien_senhong")
    phone.goto(f"/ke-hoach/{plan.pk}/tu-bao-cao/")
    first, second = list(plan.criteria.filter(target="individual").order_by("order", "id"))[:2]
    one = phone.locator(f"#criterion-{first.pk}")
    one.locator(f"#file-{first.pk}").set_input_files(
        {"name": "virus.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00" + b"0" * 20}
    )
    tap(one.get_by_role("button", name="Thêm minh chứng"))
    one.locator(".upload-error").wait_for()

    two = phone.locator(f"#criterion-{second.pk}")
    two.locator(f"#file-{second.pk}").set_input_files(
        {"name": "tot.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    tap(two.get_by_role("button", name="Thêm minh chứng"))
    two.get_by_role("link", name="tot.pdf").wait_for()

    assert phone.locator(".upload-error").count() == 0
