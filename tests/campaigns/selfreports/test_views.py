import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from campaigns.deadlines import format_deadline
from campaigns.models import EvidenceFile, SelfReport
from campaigns.selectors.selfreports import own_report
from campaigns.services.evidence import add_evidence_file
from campaigns.services.selfreports import save_draft, submit_self_report
from tests.campaigns.selfreports.conftest import answers

pytestmark = pytest.mark.django_db

NEXT_YEAR = timezone.localdate().year + 1


def form_data(plan, *, action="submit", points="8", narrative="Làm theo Bác mỗi ngày"):
    c1, c2, c3 = plan.criteria.order_by("order")
    return {
        f"c{c1.pk}_met": "1",
        f"c{c1.pk}_evidence": "Giấy khen",
        f"c{c2.pk}_points": points,
        f"c{c2.pk}_evidence": "",
        f"c{c3.pk}_met": "0",
        f"c{c3.pk}_evidence": "",
        "narrative": narrative,
        "titles": [plan.titles.get(target="individual").pk],
        "action": action,
    }


def submitted(plan, member):
    return submit_self_report(
        report=own_report(plan, member), actor=member, data=answers(plan)
    ).report


def with_file(plan, member):
    file = SimpleUploadedFile("giay-khen.pdf", b"%PDF-1.4\n" + b"1" * 100)
    return add_evidence_file(report=own_report(plan, member), actor=member, file=file)


# --- the member's page ----------------------------------------------------------------


def test_fill_page_shows_deadline_and_countdown(client, bob, live_plan):
    client.force_login(bob)
    deadline = live_plan.milestones.get().ends_at

    response = client.get(reverse("campaigns:selfreport_fill", args=[live_plan.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<strong id="deadline-text">{format_deadline(deadline)}</strong>' in html
    assert f'data-deadline="{deadline.isoformat()}"' in html
    assert "js/selfreport.js" in html
    assert 'hx-trigger="input delay:2s, change delay:500ms"' in html
    assert SelfReport.objects.count() == 0  # a GET writes nothing


def test_submit_through_page_redirects_to_receipt(client, bob, live_plan):
    client.force_login(bob)

    response = client.post(
        reverse("campaigns:selfreport_fill", args=[live_plan.pk]), form_data(live_plan)
    )

    report = SelfReport.objects.get(member=bob, plan=live_plan)
    assert response.status_code == 302
    assert response["Location"] == reverse("campaigns:selfreport_receipt", args=[report.pk])
    receipt = client.get(response["Location"]).content.decode()
    assert (
        f'<strong class="font-monospace fs-4" id="receipt-code">{report.receipt_code}</strong>'
        in receipt
    )
    local = timezone.localtime(report.submitted_at, dt.timezone(dt.timedelta(hours=7)))
    assert re.search(rf'id="receipt-time">{local:%H:%M:%S} ngày', receipt)


def test_late_submit_through_page_keeps_typed_text_and_says_why(client, bob, closed_window_plan):
    client.force_login(bob)
    plan = closed_window_plan

    response = client.post(
        reverse("campaigns:selfreport_fill", args=[plan.pk]),
        form_data(plan, narrative="Nội dung gõ sát giờ"),
    )

    assert response.status_code == 200
    html = response.content.decode()
    deadline = format_deadline(plan.milestones.get().ends_at)
    assert f"đã quá hạn chót {deadline}" in html
    assert ">Nội dung gõ sát giờ</textarea>" in html
    report = SelfReport.objects.get(member=bob, plan=plan)
    assert (report.status, report.narrative) == ("draft", "Nội dung gõ sát giờ")


def test_over_max_points_through_page_shows_message_and_keeps_nothing(client, bob, live_plan):
    client.force_login(bob)

    response = client.post(
        reverse("campaigns:selfreport_fill", args=[live_plan.pk]),
        form_data(live_plan, points="11"),
    )

    assert response.status_code == 200
    assert "Điểm tối đa của tiêu chuẩn này là 10." in response.content.decode()
    assert SelfReport.objects.count() == 0


def test_draft_button_saves_and_says_when(client, bob, live_plan):
    client.force_login(bob)

    response = client.post(
        reverse("campaigns:selfreport_fill", args=[live_plan.pk]),
        form_data(live_plan, action="draft"),
        follow=True,
    )

    report = SelfReport.objects.get(member=bob, plan=live_plan)
    assert report.status == "draft"
    assert re.search(r"Đã lưu nháp lúc \d\d:\d\d:\d\d ngày", response.content.decode())


def test_autosave_answers_saved_time_fragment(client, bob, live_plan):
    client.force_login(bob)

    response = client.post(
        reverse("campaigns:selfreport_autosave", args=[live_plan.pk]),
        form_data(live_plan, action=""),
        HTTP_HX_REQUEST="true",
    )

    report = SelfReport.objects.get(member=bob, plan=live_plan)
    local = timezone.localtime(report.draft_saved_at)
    assert response.status_code == 200
    assert response.content.decode().strip() == (
        f'<span class="text-success">Đã lưu lúc {local:%H:%M:%S}</span>'
    )


def test_autosave_get_not_allowed(client, bob, live_plan):
    client.force_login(bob)

    response = client.get(reverse("campaigns:selfreport_autosave", args=[live_plan.pk]))

    assert response.status_code == 405


def test_htmx_upload_lists_file_and_bad_file_shows_error(client, bob, live_plan):
    client.force_login(bob)
    url = reverse("campaigns:evidence_upload", args=[live_plan.pk])

    good = client.post(
        url,
        {"file": SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20)},
        HTTP_HX_REQUEST="true",
    )
    bad = client.post(
        url,
        {"file": SimpleUploadedFile("virus.pdf", b"MZ\x90\x00" + b"0" * 20)},
        HTTP_HX_REQUEST="true",
    )

    assert ">anh.png</a>" in good.content.decode()
    assert "Tệp “virus.pdf” không phải PDF, JPEG, PNG hay DOCX" in bad.content.decode()
    assert list(EvidenceFile.objects.values_list("original_name", flat=True)) == ["anh.png"]


def test_extension_request_from_page(client, bob, live_plan):
    client.force_login(bob)

    response = client.post(
        reverse("campaigns:extension_request", args=[live_plan.pk]), {"reason": "Đi tập huấn"}
    )

    assert response.status_code == 302
    assert live_plan.deadline_extensions.get().reason == "Đi tập huấn"


# --- who may see what -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("bob", 200), ("dave", 200), ("federation_staff", 403), ("charlie", 404)],
)
def test_fill_page_by_role(
    client, live_plan, bob, dave, federation_staff, charlie, who, status, request
):
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse("campaigns:selfreport_fill", args=[live_plan.pk]))

    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("bob", 200),  # owner
        ("erin", 404),  # another member of the same union
        ("dave", 200),  # BCH, read-only
        ("alice", 200),  # chair
        ("federation_staff", 200),  # federation above, read-only
        ("charlie", 404),  # another union
    ],
)
def test_report_detail_by_role(
    client, live_plan, bob, erin, dave, alice, federation_staff, charlie, who, status, request
):
    report = submitted(live_plan, bob)
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse("campaigns:selfreport_detail", args=[report.pk]))

    assert response.status_code == status
    if status == 200:
        assert "Tôi học tập và làm theo Bác bằng việc làm cụ thể." in response.content.decode()


def test_draft_hidden_from_bch(client, live_plan, bob, dave):
    report = save_draft(report=own_report(live_plan, bob), actor=bob, data=answers(live_plan))
    client.force_login(dave)

    response = client.get(reverse("campaigns:selfreport_detail", args=[report.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [("bob", 200), ("erin", 404), ("dave", 200), ("federation_staff", 200), ("charlie", 404)],
)
def test_evidence_download_by_role(
    client, live_plan, bob, erin, dave, federation_staff, charlie, who, status, request
):
    evidence = with_file(live_plan, bob)
    submitted(live_plan, bob)
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse("campaigns:evidence_download", args=[evidence.pk]))

    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"] == 'attachment; filename="giay-khen.pdf"'
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")


@pytest.mark.parametrize(
    ("who", "status"), [("dave", 403), ("federation_staff", 403), ("erin", 404), ("bob", 302)]
)
def test_evidence_remove_by_role(
    client, live_plan, bob, erin, dave, federation_staff, who, status, request
):
    evidence = with_file(live_plan, bob)
    submitted(live_plan, bob)
    client.force_login(request.getfixturevalue(who))

    response = client.post(reverse("campaigns:evidence_remove", args=[evidence.pk]))

    assert response.status_code == status
    assert EvidenceFile.objects.count() == (0 if who == "bob" else 1)


@pytest.mark.parametrize(("who", "status"), [("bob", 200), ("dave", 403), ("erin", 404)])
def test_receipt_only_for_owner(client, live_plan, bob, dave, erin, who, status, request):
    report = submitted(live_plan, bob)
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse("campaigns:selfreport_receipt", args=[report.pk]))

    assert response.status_code == status


def test_anonymous_sent_to_login(client, live_plan):
    response = client.get(reverse("campaigns:selfreport_fill", args=[live_plan.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")


# --- the chair decides extensions -----------------------------------------------------


def test_chair_grants_extension_from_overview(client, live_plan, bob, alice):
    client.force_login(bob)
    client.post(reverse("campaigns:extension_request", args=[live_plan.pk]), {"reason": "Ốm"})
    extension = live_plan.deadline_extensions.get()
    client.force_login(alice)

    response = client.post(
        reverse("campaigns:extension_decide", args=[extension.pk]),
        {"decision": "grant", "new_deadline": f"{NEXT_YEAR}-01-02T08:00", "note": ""},
    )

    assert response.status_code == 302
    extension.refresh_from_db()
    assert extension.status == "granted"
    assert format_deadline(extension.new_deadline) == f"8h00 ngày 2/1/{NEXT_YEAR}"


def test_bch_member_cannot_decide_extension(client, live_plan, bob, dave):
    client.force_login(bob)
    client.post(reverse("campaigns:extension_request", args=[live_plan.pk]), {"reason": "Ốm"})
    extension = live_plan.deadline_extensions.get()
    client.force_login(dave)

    response = client.post(
        reverse("campaigns:extension_decide", args=[extension.pk]),
        {"decision": "grant", "new_deadline": f"{NEXT_YEAR}-01-02T08:00"},
    )

    assert response.status_code == 403
    extension.refresh_from_db()
    assert extension.status == "requested"


@pytest.mark.parametrize(
    ("who", "links"),
    [
        ("bob", ["Báo cáo của tôi"]),
        ("dave", ["Báo cáo của tôi", "Tình hình tự báo cáo"]),
        ("federation_staff", ["Tình hình tự báo cáo"]),
    ],
)
def test_plan_page_links_to_self_reports(
    client, live_plan, bob, dave, federation_staff, who, links, request
):
    client.force_login(request.getfixturevalue(who))

    response = client.get(live_plan.get_absolute_url())

    section = response.content.decode().split('id="selfreport-links"')[1].split("</section>")[0]
    assert re.findall(r'class="btn[^"]*" href="[^"]+">([^<]+)</a>', section) == links


# --- issue 19: evidence in each criterion's card, failing cards marked -------------------


def test_refused_submit_marks_each_unanswered_required_card(client, bob, live_plan):
    client.force_login(bob)
    required = set(live_plan.criteria.filter(required=True).values_list("pk", flat=True))
    data = {"narrative": "x", "action": "submit"}

    response = client.post(reverse("campaigns:selfreport_fill", args=[live_plan.pk]), data)

    html = response.content.decode()
    marked = {
        int(pk)
        for pk in re.findall(r'criterion-card[^"]*criterion-failing" id="criterion-(\d+)"', html)
    }
    assert required and marked == required
    assert "Chưa trả lời tiêu chuẩn bắt buộc" in html
    assert SelfReport.objects.filter(plan=live_plan, member=bob, status="submitted").count() == 0


def test_answered_page_marks_no_card(client, bob, live_plan):
    client.force_login(bob)

    html = client.get(reverse("campaigns:selfreport_fill", args=[live_plan.pk])).content.decode()

    assert "criterion-failing" not in html
    assert html.count("Thêm minh chứng") >= live_plan.criteria.count()


def test_card_upload_answers_that_criterions_files_only(client, bob, live_plan):
    client.force_login(bob)
    c1, c2, _c3 = live_plan.criteria.order_by("order")
    url = reverse("campaigns:evidence_upload", args=[live_plan.pk])
    client.post(url, {"file": SimpleUploadedFile("chung.pdf", b"%PDF-1.4\n1")}, HTTP_HX_REQUEST="1")

    first = client.post(
        url,
        {"file": SimpleUploadedFile("tc2.pdf", b"%PDF-1.4\n2"), "criterion": c2.pk},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    page = client.get(reverse("campaigns:selfreport_fill", args=[live_plan.pk])).content.decode()

    assert ">tc2.pdf</a>" in first and "chung.pdf" not in first
    card = page[
        page.index(f'id="criterion-{c2.pk}"') : page.index(
            "</fieldset>", page.index(f'id="criterion-{c2.pk}"')
        )
    ]
    assert ">tc2.pdf</a>" in card
    general = page[page.index('id="evidence-list"') :]
    assert ">chung.pdf</a>" in general and "tc2.pdf" not in general.split("general-upload")[0]


def test_bch_cannot_download_a_file_added_after_the_last_submission(
    client, live_plan, bob, dave, federation_staff
):
    """Issue 13: bch_senhong downloaded files of report 18 not in its submitted version."""
    in_version = with_file(live_plan, bob)
    submitted(live_plan, bob)
    later = with_file(live_plan, bob)

    statuses = {}
    for who in (dave, federation_staff, bob):
        client.force_login(who)
        for evidence in (in_version, later):
            url = reverse("campaigns:evidence_download", args=[evidence.pk])
            statuses[(who.username, evidence == later)] = _fetched(client, url)

    assert statuses[("dave", False)] == 200
    assert statuses[("dave", True)] == 404
    assert statuses[(federation_staff.username, True)] == 404
    assert statuses[("bob", True)] == 200  # the owner sees the working copy
    submitted(live_plan, bob)
    client.force_login(dave)
    assert _fetched(client, reverse("campaigns:evidence_download", args=[later.pk])) == 200


def _fetched(client, url) -> int:
    """The status of a download, its file read to the end: the test client then closes it
    without firing request_finished (which would close the PostgreSQL connection)."""
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code
