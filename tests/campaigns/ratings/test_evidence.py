"""Evidence files of a unit's self-assessment: attached per standard by the unit's chair
through the one checked upload path, the rater sees only the files of the submitted
version, downloads are named from the detected type."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from campaigns.models import UnitEvidenceFile
from campaigns.services import ratingschemes
from campaigns.services import unitassessments as services
from campaigns.services.evidence import add_assessment_evidence, remove_assessment_evidence
from portal.models import AuditEntry, OrgUnit, Role
from portal.permissions import visible_to
from tests.campaigns.ratings.conftest import DEADLINE, LEVELS, NOW, scores
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def pdf(name="bien-ban.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"0" * 200, content_type="application/pdf")


def test_chair_attaches_a_file_to_a_standard(assessment, standards, alice):
    evidence = add_assessment_evidence(
        assessment=assessment, actor=alice, file=pdf(), criterion=standards[1], now=NOW
    )
    assert (evidence.original_name, evidence.mime, evidence.criterion) == (
        "bien-ban.pdf",
        "application/pdf",
        standards[1],
    )
    assert evidence.file.name.startswith("evidence/") and "bien-ban" not in evidence.file.name
    assert default_storage.exists(evidence.file.name)
    entry = AuditEntry.objects.get(action="unitassessment.evidence_added")
    assert (entry.data["name"], entry.data["criterion"]) == ("bien-ban.pdf", standards[1].pk)
    version = services.submit_unit_assessment(
        assessment=assessment,
        actor=alice,
        data=scores(standards, 28, 27, 38),
        now=NOW + dt.timedelta(minutes=1),
    )
    assert version.snapshot["files"] == [
        {
            "id": evidence.pk,
            "criterion_id": standards[1].pk,
            "name": "bien-ban.pdf",
            "size": evidence.size,
            "mime": "application/pdf",
        }
    ]


def test_executable_named_pdf_is_refused_and_nothing_stored(assessment, standards, alice):
    fake = SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00" + b"\0" * 100, "application/pdf")
    with pytest.raises(ValidationError) as refused:
        add_assessment_evidence(
            assessment=assessment, actor=alice, file=fake, criterion=standards[0], now=NOW
        )
    assert "không phải PDF, JPEG, PNG hay DOCX" in refused.value.messages[0]
    assert not UnitEvidenceFile.objects.exists()
    assert not AuditEntry.objects.filter(action="unitassessment.evidence_added").exists()


def test_file_over_the_limit_is_refused(settings, assessment, standards, alice):
    settings.EVIDENCE_MAX_FILE_BYTES = 100
    with pytest.raises(ValidationError) as refused:
        add_assessment_evidence(
            assessment=assessment, actor=alice, file=pdf(), criterion=standards[0], now=NOW
        )
    assert "vượt giới hạn" in refused.value.messages[0]
    assert not UnitEvidenceFile.objects.exists()


def test_a_standard_of_another_plan_is_refused(assessment, alice):
    from tests.factories import CriterionFactory

    stranger = CriterionFactory()
    with pytest.raises(ValidationError):
        add_assessment_evidence(
            assessment=assessment, actor=alice, file=pdf(), criterion=stranger, now=NOW
        )
    assert not UnitEvidenceFile.objects.exists()


def test_wrong_users_may_not_attach_or_remove(
    assessment, scheme, other_union, standards, alice, bob, federation_staff
):
    other_chair = UserFactory(username="chair2")
    MembershipFactory(user=other_chair, unit=other_union, role=Role.CHAIR)
    for user in (bob, federation_staff, other_chair):
        with pytest.raises(PermissionDenied):
            add_assessment_evidence(
                assessment=assessment, actor=user, file=pdf(), criterion=standards[0], now=NOW
            )
    evidence = add_assessment_evidence(
        assessment=assessment, actor=alice, file=pdf(), criterion=standards[0], now=NOW
    )
    with pytest.raises(PermissionDenied):
        remove_assessment_evidence(evidence=evidence, actor=federation_staff, now=NOW)
    remove_assessment_evidence(evidence=evidence, actor=alice, now=NOW)
    assert not UnitEvidenceFile.objects.exists()


def test_no_upload_after_the_deadline_when_late_reports_are_refused(assessment, standards, alice):
    with pytest.raises(ValidationError) as refused:
        add_assessment_evidence(
            assessment=assessment, actor=alice, file=pdf(), criterion=standards[0], now=DEADLINE
        )
    assert "quá hạn chót" in refused.value.messages[0]
    assert not UnitEvidenceFile.objects.exists()


def test_rater_sees_only_the_files_of_the_submitted_version(
    client, fed_plan, federation_staff, union, other_union, alice
):
    now = timezone.now()
    scheme = ratingschemes.configure_rating(
        plan=fed_plan,
        actor=federation_staff,
        rated_kind=OrgUnit.Kind.GRASSROOTS_UNION,
        starts_at=now - dt.timedelta(days=1),
        ends_at=now + dt.timedelta(days=1),
        objection_days=7,
        levels=LEVELS,
    )
    standards = ratingschemes.standards(fed_plan)
    mine = scheme.assessments.get(unit=union)
    url = reverse("campaigns:assessment_detail", args=[mine.pk])
    client.force_login(alice)
    # Uploaded through the page; the name has no extension: served as .pdf.
    with_page = client.post(
        url,
        {
            "action": "upload",
            "criterion": str(standards[0].pk),
            "file": SimpleUploadedFile("bien ban dai hoi", b"%PDF-1.4\n" + b"0" * 50),
        },
    )
    assert with_page.status_code == 302
    sent = UnitEvidenceFile.objects.get()
    bad = client.post(
        url,
        {
            "action": "upload",
            "criterion": str(standards[0].pk),
            "file": SimpleUploadedFile("virus.png", b"MZ\x90\x00" + b"\0" * 100),
        },
    )
    assert bad.status_code == 400
    assert "không phải PDF, JPEG, PNG hay DOCX" in bad.content.decode()
    services.submit_unit_assessment(
        assessment=mine,
        actor=alice,
        data=scores(standards, 28, 27, 38),
        now=timezone.now() + dt.timedelta(seconds=1),
    )
    later = add_assessment_evidence(
        assessment=mine,
        actor=alice,
        file=pdf("bo-sung.pdf"),
        criterion=standards[2],
        now=timezone.now() + dt.timedelta(seconds=2),
    )
    assert set(visible_to(alice, UnitEvidenceFile)) == {sent, later}
    assert list(visible_to(federation_staff, UnitEvidenceFile)) == [sent]

    client.force_login(federation_staff)
    page = client.get(url).content.decode()
    assert sent.get_absolute_url() in page and later.get_absolute_url() not in page
    download = client.get(sent.get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert 'filename="bien ban dai hoi.pdf"' in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF-1.4")
    assert client.get(later.get_absolute_url()).status_code == 404

    client.force_login(UserFactory(username="nobody"))
    assert client.get(sent.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("posted", ["99999999999999999999", "²"])
def test_removing_a_file_by_a_malformed_id_is_a_clear_error(client, assessment, alice, posted):
    """The posted file id is read with the shared pk_of: an id too long for the database
    is "not found", not a server error."""
    kept = add_assessment_evidence(
        assessment=assessment,
        actor=alice,
        file=pdf(),
        criterion=ratingschemes.standards(assessment.scheme.plan)[0],
        now=NOW,
    )
    client.force_login(alice)
    url = reverse("campaigns:assessment_detail", args=[assessment.pk])
    response = client.post(url, {"action": "remove_file", "file": posted})
    assert response.status_code == 400
    assert "Không tìm thấy tệp." in response.content.decode()
    assert UnitEvidenceFile.objects.filter(pk=kept.pk).exists()


def test_pk_of_takes_only_plain_ids():
    from campaigns.forms.common import pk_of

    assert [pk_of(v) for v in (" 12 ", "0", "²", "1e3", "-4", None, "9" * 18)] == [
        12,
        0,
        None,
        None,
        None,
        None,
        None,
    ]
