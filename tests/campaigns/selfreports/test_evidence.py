import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.models import EvidenceFile, Plan
from campaigns.selectors.selfreports import own_report
from campaigns.services.evidence import add_evidence_file, remove_evidence_file
from portal.models import AuditEntry
from tests.campaigns.selfreports.conftest import BEFORE, DEADLINE

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def pdf(name="giay-khen.pdf", size=None):
    body = b"%PDF-1.4\n" + b"0" * ((size or 200) - 9)
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def docx(name="bao-cao.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(plan, member, file, now=BEFORE):
    return add_evidence_file(report=own_report(plan, member), actor=member, file=file, now=now)


def test_pdf_stored_under_random_name_and_audited(plan, bob):
    evidence = upload(plan, bob, pdf())

    assert (evidence.original_name, evidence.mime, evidence.size) == (
        "giay-khen.pdf",
        "application/pdf",
        200,
    )
    assert evidence.file.name.startswith("evidence/")
    assert evidence.file.name.endswith(".pdf")
    assert "giay-khen" not in evidence.file.name
    assert default_storage.exists(evidence.file.name)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.data["name"], entry.data["size"]) == (
        "selfreport.evidence_added",
        "giay-khen.pdf",
        200,
    )


def test_docx_and_images_accepted_by_content(plan, bob):
    upload(plan, bob, docx())
    upload(plan, bob, SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"0" * 50))
    upload(plan, bob, SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff\xe0" + b"0" * 50))

    assert sorted(EvidenceFile.objects.values_list("mime", flat=True)) == [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "image/jpeg",
        "image/png",
    ]


@pytest.mark.parametrize(
    "content", [b"\x7fELF\x02\x01\x01" + b"\0" * 100, b"MZ\x90\x00" + b"\0" * 100]
)
def test_executable_named_pdf_refused(plan, bob, content):
    with pytest.raises(ValidationError) as refused:
        upload(plan, bob, SimpleUploadedFile("bang-khen.pdf", content, "application/pdf"))

    assert refused.value.messages == [
        "Tệp “bang-khen.pdf” không phải PDF, JPEG, PNG hay DOCX (kiểm tra theo nội dung tệp, "
        "không theo tên)."
    ]
    assert EvidenceFile.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_file_over_ten_megabytes_refused(plan, bob):
    with pytest.raises(ValidationError) as refused:
        upload(plan, bob, pdf(size=10 * MB + 1))

    assert refused.value.messages == ["Tệp “giay-khen.pdf” lớn 10.0 MB, vượt giới hạn 10 MB."]
    assert EvidenceFile.objects.count() == 0


def test_report_total_capped_at_thirty_megabytes(plan, bob):
    for n in range(3):
        upload(plan, bob, pdf(name=f"tep-{n}.pdf", size=10 * MB))

    with pytest.raises(ValidationError) as refused:
        upload(plan, bob, pdf(name="them.pdf", size=100))

    assert refused.value.messages == [
        "Tổng dung lượng minh chứng của một báo cáo tối đa 30 MB: đã dùng 30.0 MB, tệp "
        "“them.pdf” thêm 0.0 MB."
    ]
    assert EvidenceFile.objects.count() == 3


def test_upload_after_deadline_refused_when_plan_refuses_late(plan, bob):
    with pytest.raises(ValidationError) as refused:
        upload(plan, bob, pdf(), now=DEADLINE)

    assert refused.value.messages == [
        "Đã quá hạn chót 11h30 ngày 23/3/2023 (yêu cầu gửi đến lúc 11:30:00 ngày 23/3/2023): "
        "không thêm hay xoá tệp minh chứng được nữa."
    ]


def test_upload_after_deadline_allowed_when_plan_accepts_late(plan, bob):
    Plan.objects.filter(pk=plan.pk).update(late_policy=Plan.LatePolicy.ACCEPT_LATE)
    plan.refresh_from_db()

    evidence = upload(plan, bob, pdf(), now=DEADLINE + dt.timedelta(hours=1))

    assert evidence.pk is not None


def test_remove_deletes_row_and_file_after_commit(plan, bob, django_capture_on_commit_callbacks):
    evidence = upload(plan, bob, pdf())
    stored = evidence.file.name

    with django_capture_on_commit_callbacks(execute=True):
        remove_evidence_file(evidence=evidence, actor=bob, now=BEFORE)

    assert EvidenceFile.objects.count() == 0
    assert not default_storage.exists(stored)
    assert AuditEntry.objects.order_by("-id").first().action == "selfreport.evidence_removed"


def test_someone_else_cannot_add_or_remove(plan, bob, alice):
    evidence = upload(plan, bob, pdf())

    with pytest.raises(PermissionDenied):
        add_evidence_file(report=evidence.report, actor=alice, file=pdf(), now=BEFORE)
    with pytest.raises(PermissionDenied):
        remove_evidence_file(evidence=evidence, actor=alice, now=BEFORE)
    assert EvidenceFile.objects.count() == 1


# --- names that lie about the content (issue 13, item 2) --------------------------------


@pytest.mark.parametrize("name", ["minh-chung.bat", "minh-chung.hta", "minh-chung.HTML"])
def test_pdf_named_as_something_else_is_refused_saying_what_it_is(plan, bob, name):
    with pytest.raises(ValidationError) as refused:
        upload(plan, bob, pdf(name=name))

    extension = name.rsplit(".", 1)[1].lower()
    assert refused.value.messages == [
        f"Tệp “{name}” thực chất là tệp PDF nhưng tên có đuôi .{extension}: hãy đổi tên có "
        "đuôi .pdf rồi tải lên lại."
    ]
    assert EvidenceFile.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "served"),
    [
        ("giay-khen", "giay-khen.pdf"),  # no extension: the detected one is added
        ("C:\\fakepath\\giay-khen.PDF", "giay-khen.pdf"),
    ],
)
def test_stored_name_ends_in_the_detected_type(plan, bob, name, served):
    assert upload(plan, bob, pdf(name=name)).original_name == served


def test_served_name_replaces_a_lying_extension_of_an_older_row():
    from campaigns.uploads import served_name

    assert served_name("minh-chung.bat", "application/pdf") == "minh-chung.pdf"
    assert served_name("anh.jpeg", "image/jpeg") == "anh.jpeg"
    assert served_name("x.html", "text/html") == "x.bin"
    assert served_name("", "application/pdf", fallback="tai-lieu") == "tai-lieu.pdf"
