"""Evidence files (minh chứng) of a self-report and of a unit's self-assessment: add and
remove, checked like the report (owner, open window, limits), audited, stored through
campaigns.uploads. Both kinds share the checks and the storing below."""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.deadlines import Window, WindowState, format_deadline, format_moment
from campaigns.models import (
    Criterion,
    EvidenceFile,
    Plan,
    SelfReport,
    UnitAssessment,
    UnitEvidenceFile,
)
from campaigns.models.selfreports import EvidenceFileBase
from campaigns.selectors.selfreports import self_report_windows
from campaigns.selectors.unitassessments import assessment_window
from campaigns.services.ratingschemes import standards
from campaigns.services.selfreports import _lock_for_owner
from campaigns.services.unitassessments import _locked_assessment
from campaigns.uploads import check_upload, served_name
from portal.audit import record

# --- evidence files -------------------------------------------------------------------


@transaction.atomic
def add_evidence_file(
    *,
    report: SelfReport,
    actor,
    file,
    criterion: Criterion | None = None,
    now: datetime | None = None,
) -> EvidenceFile:
    """Attach an evidence file to the member's report.

    The type is decided from the content (PDF, JPEG, PNG, DOCX), at most
    EVIDENCE_MAX_FILE_BYTES each and EVIDENCE_MAX_REPORT_BYTES per report. Side effects:
    stores the file under a random name through the storage API, writes
    "selfreport.evidence_added". Raises ValidationError (nothing stored) otherwise, and
    after the deadline when the plan refuses late reports (the submitted evidence stays
    as the BCH received it).
    """
    now = now or timezone.now()
    kind = check_upload(file)
    report = _lock_for_owner(report, actor)
    _check_evidence_open(report, now)
    if criterion is not None and criterion.plan_id != report.plan_id:
        raise ValidationError(_("Tiêu chuẩn không thuộc kế hoạch này."))
    _check_total(report.files, file)
    evidence = _store(EvidenceFile(report=report), file, kind, criterion, actor, now)
    record(
        actor=actor,
        action="selfreport.evidence_added",
        obj=evidence,
        unit=report.unit,
        report=report.pk,
        name=evidence.original_name,
        size=evidence.size,
        mime=evidence.mime,
    )
    return evidence


@transaction.atomic
def remove_evidence_file(*, evidence: EvidenceFile, actor, now: datetime | None = None) -> None:
    """Remove an evidence file from the member's report.

    Side effects: deletes the row, deletes the stored file after commit, writes
    "selfreport.evidence_removed". Refused after the deadline when the plan refuses late
    reports.
    """
    now = now or timezone.now()
    report = _lock_for_owner(evidence.report, actor)
    _check_evidence_open(report, now)
    stored, storage = evidence.file.name, evidence.file.storage
    record(
        actor=actor,
        action="selfreport.evidence_removed",
        obj=evidence,
        unit=report.unit,
        report=report.pk,
        name=evidence.original_name,
    )
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(stored))


def _check_total(files, file) -> None:
    """The files of one report (or assessment) together stay under
    EVIDENCE_MAX_REPORT_BYTES."""
    used = files.aggregate(total=Sum("size"))["total"] or 0
    limit = settings.EVIDENCE_MAX_REPORT_BYTES
    if used + file.size > limit:
        raise ValidationError(
            _(
                "Tổng dung lượng minh chứng của một báo cáo tối đa %(limit).0f MB: đã dùng "
                "%(used).1f MB, tệp “%(name)s” thêm %(size).1f MB."
            )
            % {
                "limit": limit / 1048576,
                "used": used / 1048576,
                "size": file.size / 1048576,
                "name": file.name,
            }
        )


def _store(evidence: EvidenceFileBase, file, kind, criterion, actor, now) -> EvidenceFileBase:
    """Fill the file's columns and store it under a random name (upload_to); the stored
    file is deleted again if the row cannot be saved."""
    evidence.criterion = criterion
    evidence.original_name = served_name(file.name, kind, fallback="minh-chung")
    evidence.mime = kind.mime
    evidence.size = file.size
    evidence.uploaded_at = now
    evidence.uploaded_by = actor
    evidence.file.save(evidence.original_name, file, save=False)  # upload_to names it
    stored = evidence.file.name
    try:
        evidence.save()
    except Exception:
        evidence.file.storage.delete(stored)
        raise
    return evidence


def _check_evidence_open(report: SelfReport, now: datetime) -> None:
    if report.plan_late_policy != Plan.LatePolicy.REFUSE:
        return
    windows = self_report_windows(report.plan, report.member)
    if windows is None:
        return
    _check_window_open(windows[1], now)


def _check_window_open(window: Window, now: datetime) -> None:
    if window.state(now) is WindowState.CLOSED:
        raise ValidationError(
            _(
                "Đã quá hạn chót %(deadline)s (yêu cầu gửi đến lúc %(now)s): không thêm hay "
                "xoá tệp minh chứng được nữa."
            )
            % {"deadline": format_deadline(window.ends_at), "now": format_moment(now)}
        )


# --- a unit's self-assessment ---------------------------------------------------------


@transaction.atomic
def add_assessment_evidence(
    *,
    assessment: UnitAssessment,
    actor,
    file,
    criterion: Criterion,
    now: datetime | None = None,
) -> UnitEvidenceFile:
    """Attach an evidence file to one standard of the unit's self-assessment.

    For the unit's chair (or tổ trưởng) while the assessment may be filled; the same
    checks as a member's evidence: type from the content, EVIDENCE_MAX_FILE_BYTES a file,
    EVIDENCE_MAX_REPORT_BYTES an assessment, refused after the unit's deadline (its
    extension included) when the plan refuses late reports. Side effects: stores the
    file under a random name, writes "unitassessment.evidence_added". Raises
    ValidationError (nothing stored) otherwise, PermissionDenied for anyone else.
    """
    now = now or timezone.now()
    kind = check_upload(file)
    assessment = _locked_assessment(assessment, actor, "unitassessment.fill")
    _check_assessment_open(assessment, now)
    if criterion is None or criterion.pk not in {c.pk for c in standards(assessment.scheme.plan)}:
        raise ValidationError(_("Hãy chọn một tiêu chuẩn của bảng xếp loại."))
    _check_total(assessment.files, file)
    evidence = _store(UnitEvidenceFile(assessment=assessment), file, kind, criterion, actor, now)
    record(
        actor=actor,
        action="unitassessment.evidence_added",
        obj=evidence,
        unit=assessment.unit,
        assessment=assessment.pk,
        criterion=criterion.pk,
        name=evidence.original_name,
        size=evidence.size,
        mime=evidence.mime,
    )
    return evidence


@transaction.atomic
def remove_assessment_evidence(
    *, evidence: UnitEvidenceFile, actor, now: datetime | None = None
) -> None:
    """Remove an evidence file from the unit's self-assessment (same rules as adding).

    Side effects: deletes the row, the stored file after commit, writes
    "unitassessment.evidence_removed".
    """
    now = now or timezone.now()
    assessment = _locked_assessment(evidence.assessment, actor, "unitassessment.fill")
    _check_assessment_open(assessment, now)
    stored, storage = evidence.file.name, evidence.file.storage
    record(
        actor=actor,
        action="unitassessment.evidence_removed",
        obj=evidence,
        unit=assessment.unit,
        assessment=assessment.pk,
        name=evidence.original_name,
    )
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(stored))


def _check_assessment_open(assessment: UnitAssessment, now: datetime) -> None:
    if assessment.scheme.plan.late_policy == Plan.LatePolicy.REFUSE:
        _check_window_open(assessment_window(assessment), now)
