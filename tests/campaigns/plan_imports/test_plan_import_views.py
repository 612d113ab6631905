"""The review screen and the creation of an imported plan: through the one policy,
nothing saved before the chair confirms, nothing half-created, the plan services' checks."""

import datetime as dt
import io
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from campaigns.models import Milestone, Plan
from portal.models import AuditEntry
from tests.factories import MilestoneFactory, PlanFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "fixtures/plan_import"
VN = ZoneInfo("Asia/Ho_Chi_Minh")
IMPORT = reverse("campaigns:plan_import")
CREATE = reverse("campaigns:plan_import_create")


@pytest.fixture
def parent_plan(federation):
    """09/LĐLĐ, the federation's plan seed 000 implements, published: self-report window
    15/3 – 23/3 11:30, ceremonies on 19/5."""
    plan = PlanFactory(
        issuer=federation,
        number=9,
        symbol_override="09/LĐLĐ",
        issued_on=dt.date(2023, 3, 14),
        status=Plan.Status.PUBLISHED,
        kind=Plan.Kind.COMMENDATION_REVIEW,
    )
    MilestoneFactory(
        plan=plan,
        kind=Milestone.Kind.SELF_REPORT,
        starts_at=dt.datetime(2023, 3, 15, 0, 0, tzinfo=VN),
        ends_at=dt.datetime(2023, 3, 23, 11, 30, tzinfo=VN),
    )
    MilestoneFactory(
        plan=plan,
        kind=Milestone.Kind.CEREMONY,
        starts_at=dt.datetime(2023, 5, 19, 0, 0, tzinfo=VN),
        ends_at=dt.datetime(2023, 5, 19, 23, 59, tzinfo=VN),
    )
    return plan


def _upload(client, name, data):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data)})


def _review_post(response) -> dict:
    """The review form's values as the browser would send them back."""
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        data[name] = "" if value is None else value
    return data


def test_seed000_docx_review_then_create_nested_in_the_parent(client, alice, parent_plan):
    client.force_login(alice)
    before = Plan.objects.count()
    response = _upload(client, "seed000.docx", (FIXTURES / "seed000.docx").read_bytes())
    assert response.status_code == 200
    assert Plan.objects.count() == before  # nothing saved by reading
    page = response.content.decode()
    assert "Văn bản gốc" in page and "<mark class" in page and "xem câu gốc" in page
    form = response.context["form"]
    assert form.initial["issuer"] == alice.memberships.get().unit.pk
    assert form.initial["parent"] == parent_plan.pk  # "Kế hoạch số 09/LĐLĐ ... 14/3/2023"
    assert form.initial["title"].startswith("Sơ kết 02 năm thực hiện Kết luận số 01-KL/TW")
    rows = {r["key"]: r for r in response.context["rows"]}
    assert all(e["confidence"] for e in rows["criteria"]["entries"])
    assert rows["number"]["entries"][0]["check"]  # the number is blank in the seed

    data = _review_post(response)
    data["signer_name"] = "Nguyễn Thị Thu Trang"  # the chair corrects what is missing
    response = client.post(CREATE, data)
    assert response.status_code == 302, response.context["form"].errors
    plan = Plan.objects.get(parent=parent_plan)
    assert response["Location"] == plan.get_absolute_url()
    assert plan.status == Plan.Status.DRAFT and plan.number is None
    assert plan.place == "Gò Vấp" and plan.issued_on == dt.date(2023, 3, 15)
    assert plan.signing_body == "BCH CÔNG ĐOÀN" and plan.signer_name == "Nguyễn Thị Thu Trang"
    assert plan.criteria.filter(inherited_from=None).count() == 7
    assert set(plan.milestones.values_list("kind", flat=True)) == {
        "self_report",
        "review_meeting",
        "consultation",
        "vote",
        "ceremony",
    }
    window = plan.milestones.get(kind="self_report")
    assert window.ends_at == dt.datetime(2023, 3, 23, 11, 30, tzinfo=VN)
    assert plan.milestones.get(kind="ceremony").place == "Lớp Chồi 1"
    # "I. Mục đích yêu cầu" became the purpose; the other roman sections are sections.
    assert [s.heading[:4] for s in plan.sections.all()] == ["II. ", "III.", "IV.T"]
    assert "- Nhằm đánh giá kết quả đạt được" in plan.purpose
    assert plan.milestones.get(kind="review_meeting").label == "BCH CĐ họp xét đánh giá kết quả"
    assert AuditEntry.objects.filter(action="plan.import", object_id=str(plan.pk)).exists()
    assert AuditEntry.objects.filter(action="plan.cascade", object_id=str(plan.pk)).exists()


def test_a_milestone_outside_the_parent_s_creates_nothing(client, alice, parent_plan):
    client.force_login(alice)
    response = _upload(client, "seed000.docx", (FIXTURES / "seed000.docx").read_bytes())
    data = _review_post(response)
    # Self-report until 24/3, after the parent's deadline (23/3 11:30).
    data["milestones"] = "Cá nhân tự báo cáo | 15/03/2023 00:00 | 24/03/2023 11:30 |"
    before = (Plan.objects.count(), Milestone.objects.count(), AuditEntry.objects.count())
    response = client.post(CREATE, data)
    assert response.status_code == 200
    assert "trước hoặc đúng" in " ".join(response.context["form"].non_field_errors())
    assert (Plan.objects.count(), Milestone.objects.count(), AuditEntry.objects.count()) == before
    # The review is shown again with its source, for the chair to correct.
    assert "Văn bản gốc" in response.content.decode()


def test_a_closed_parent_is_cited_not_nested(client, alice, parent_plan):
    """Only a published plan can be implemented: a closed 09/LĐLĐ is cited as text."""
    parent_plan.status = Plan.Status.CLOSED
    parent_plan.save()
    client.force_login(alice)
    response = _upload(client, "seed000.docx", (FIXTURES / "seed000.docx").read_bytes())
    form = response.context["form"]
    assert form.initial["parent"] is None
    assert form.initial["external_reference"] == (
        "Kế hoạch số 09/LĐLĐ ngày 14/03/2023 của LĐLĐ QUẬN GÒ VẤP"
    )


def test_a_unit_implements_a_parent_once(client, alice, parent_plan):
    client.force_login(alice)
    data = _review_post(_upload(client, "seed000.docx", (FIXTURES / "seed000.docx").read_bytes()))
    assert client.post(CREATE, data).status_code == 302
    response = client.post(CREATE, data)  # a second tab, a double click
    assert response.status_code == 200
    assert Plan.objects.filter(parent=parent_plan).count() == 1


def test_seed003_text_is_restored_and_marked(client, federation_staff, federation):
    client.force_login(federation_staff)
    text = (FIXTURES / "seed003.txt").read_text(encoding="utf-8")
    response = client.post(IMPORT, {"text": text})
    assert response.status_code == 200
    assert response.context["restored_count"] > 100
    page = response.content.decode()
    assert "import-restored" in page and "Đã khôi phục dấu" in page
    assert "đã khôi phục dấu cho" in page
    rows = {r["key"]: r for r in response.context["rows"]}
    assert rows["signatory"]["entries"][0]["restored"]
    assert rows["signatory"]["entries"][0]["check"]
    form = response.context["form"]
    assert form.initial["title"].startswith("Phát động phong trào thi đua")
    assert json.loads(form.initial["restorations"])


def test_a_name_kept_as_typed_is_marked_unsure_on_the_review(client, federation_staff):
    client.force_login(federation_staff)
    text = (
        "KE HOACH\nTo chuc hoi nghi bieu duong nam 2027\n\nI. MUC DICH\n- Ghi nhan thanh tich"
        "\n\nNoi nhan:\t\t\t\tTM. BAN CHAP HANH\n- Luu.\t\t\t\tCHU TICH\n\n"
        "\t\t\t\t\tLe Thi Thuy Huong\n"
    )
    response = client.post(IMPORT, {"text": text})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tên riêng chưa chắc dấu, giữ như đã gõ: Thuy" in page
    unsure = [r for r in json.loads(response.context["form"].initial["restorations"]) if r[4]]
    assert [r[2] for r in unsure] == ["Thuy"]
    rows = {r["key"]: r for r in response.context["rows"]}
    assert rows["signatory"]["entries"][0]["check"]  # the chair is asked to check the name


def test_tcvn3_file_imports_with_correct_vietnamese(client, alice):
    client.force_login(alice)
    response = _upload(client, "kh.txt", (FIXTURES / "seed000_tcvn3.txt").read_bytes())
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["title"].startswith("Sơ kết 02 năm thực hiện Kết luận số 01-KL/TW")
    assert "Lớp Chồi 1" in form.initial["milestones"]
    assert response.context["restored_count"] == 0


def test_doc_and_scanned_pdf_get_a_clear_message(client, alice):
    client.force_login(alice)
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    response = _upload(client, "kehoach.doc", ole)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].non_field_errors())
    assert "Lưu thành" in errors and ".docx" in errors

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    response = _upload(client, "scan.pdf", buffer.getvalue())
    errors = " ".join(response.context["form"].non_field_errors())
    assert "bản scan" in errors and "dán nội dung" in errors


def test_a_file_yielding_nothing_says_so(client, alice):
    client.force_login(alice)
    response = client.post(IMPORT, {"text": "Xin chào, hẹn gặp lại."})
    assert response.status_code == 200
    assert "Không tìm thấy nội dung kế hoạch" in " ".join(
        response.context["form"].non_field_errors()
    )


def test_upload_type_and_size_are_checked(client, alice, settings):
    client.force_login(alice)
    response = _upload(client, "anh.jpg", b"\xff\xd8\xff" + b"0" * 100)
    assert "Chỉ nhận tệp" in str(response.context["form"].errors["file"])
    big = SimpleUploadedFile("big.txt", b"a" * (10 * 1024 * 1024 + 1))
    response = client.post(IMPORT, {"file": big})
    assert "10 MB" in str(response.context["form"].errors["file"])
    response = client.post(IMPORT, {})
    assert response.context["form"].non_field_errors()


def test_who_may_create_plans_may_import(client, bob, charlie, alice):
    assert client.get(IMPORT).status_code == 302  # anonymous → login
    client.force_login(bob)  # a member
    assert client.get(IMPORT).status_code == 403
    assert client.post(IMPORT, {"text": "KẾ HOẠCH\nX"}).status_code == 403
    assert client.post(CREATE, {"title": "X"}).status_code == 403
    client.force_login(alice)
    assert client.get(IMPORT).status_code == 200
    assert client.get(CREATE).status_code == 405


def test_chair_cannot_create_for_another_unit(client, alice, other_union):
    client.force_login(alice)
    response = client.post(IMPORT, {"text": "KẾ HOẠCH\nTổ chức hội nghị\n\nI. MỤC ĐÍCH\n- A"})
    data = _review_post(response)
    data["issuer"] = other_union.pk
    response = client.post(CREATE, data)
    assert response.status_code == 200
    assert "issuer" in response.context["form"].errors
    assert not Plan.objects.filter(issuer=other_union).exists()


def test_command_prints_the_json(capsys):
    call_command("import_plan", str(FIXTURES / "seed000.docx"), "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["parent_plan"] == {"number": "09/LĐLĐ", "date": "2023-03-14"}
    assert data["self_report_window"]["end"] == "2023-03-23T11:30:00+07:00"
    assert data["recipients"] is None


def test_command_creates_as_the_actor(alice, parent_plan, bob, tmp_path):
    call_command(
        "import_plan", str(FIXTURES / "seed000_tcvn3.docx"), "--create", "--actor", "alice"
    )
    plan = Plan.objects.get(parent=parent_plan)
    assert plan.status == Plan.Status.DRAFT and plan.criteria.count() >= 7
    with pytest.raises(CommandError, match="quyền"):
        call_command("import_plan", str(FIXTURES / "seed000.docx"), "--create", "--actor", "bob")
    with pytest.raises(CommandError, match="--actor"):
        call_command("import_plan", str(FIXTURES / "seed000.docx"), "--create")
    doc = tmp_path / "kh.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(CommandError, match=r"\.docx"):
        call_command("import_plan", str(doc), "--json")
    assert Plan.objects.filter(parent=parent_plan).count() == 1


SIGNED = """KẾ HOẠCH
Thi đua lao động giỏi năm 2027

I. TIÊU CHUẨN
- Hoàn thành tốt nhiệm vụ được giao.

Nơi nhận:\t\t\t\t{first}
- Lưu: VT.\t\t\t\t{second}

\t\t\t\t\t\tHồ Văn Tài
"""


@pytest.mark.parametrize(
    ("first", "second", "mode", "body", "title"),
    [
        # thừa lệnh, thừa ủy quyền: the plan has no such mode; signed directly, the
        # prefix printed above the position as the document has it
        ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "", "TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"),
        ("TUQ. CHỦ TỊCH", "TRƯỞNG BAN TỔ CHỨC", "", "TUQ. CHỦ TỊCH", "TRƯỞNG BAN TỔ CHỨC"),
        # the acting chair for the committee
        ("TM. BAN CHẤP HÀNH", "Q. CHỦ TỊCH", "TM.", "BAN CHẤP HÀNH", "Q. CHỦ TỊCH"),
        # ký thay: the review used to offer "TM." whatever the document said
        ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    ],
)
def test_the_signing_prefix_reaches_the_review_and_the_plan(
    client, alice, first, second, mode, body, title
):
    client.force_login(alice)
    text = SIGNED.format(first=first, second=second)
    response = _upload(client, "kh.txt", text.encode())
    assert response.status_code == 200
    initial = response.context["form"].initial
    assert (initial["signing_mode"], initial["signing_body"]) == (mode, body)
    assert initial["signer_title"] == title
    response = client.post(CREATE, _review_post(response))
    assert response.status_code == 302, response.context["form"].errors
    plan = Plan.objects.get(title="Thi đua lao động giỏi năm 2027")
    assert (plan.signing_mode, plan.signing_body, plan.signer_title) == (mode, body, title)
    assert plan.signer_name == "Hồ Văn Tài"
