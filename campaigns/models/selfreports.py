"""Self-reports (W3): a member's answers to a plan's criteria, their submitted versions,
evidence files and personal deadline extensions.

The report row is the member's working copy (what they last typed, saved as a draft or
submitted); every submission is frozen as a ``SelfReportVersion`` whose JSON snapshot is
what the BCH scores.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from campaigns.models.common import SubmittedVersion
from campaigns.models.plans import Criterion, Plan, Title
from campaigns.uploads import ALLOWED, random_name
from portal.models import OrgUnit


class SelfReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        SUBMITTED = "submitted", _("Đã nộp")

    plan = models.ForeignKey(
        Plan, models.CASCADE, related_name="self_reports", verbose_name=_("kế hoạch")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="self_reports",
        verbose_name=_("đoàn viên"),
    )
    unit = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="self_reports", verbose_name=_("công đoàn cơ sở")
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    narrative = models.TextField(
        _("kết quả học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"), blank=True
    )
    titles = models.ManyToManyField(
        Title, blank=True, related_name="self_reports", verbose_name=_("danh hiệu đề nghị")
    )
    # Set by a submit; the last submitted version's values.
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    is_late = models.BooleanField(_("nộp trễ"), default=False)
    within_extension = models.BooleanField(_("nộp trong thời gian gia hạn"), default=False)
    version = models.PositiveIntegerField(_("số lần nộp"), default=0)
    receipt_code = models.CharField(_("mã biên nhận"), max_length=16, blank=True)
    # The working copy holds changes saved as a draft after the last submission.
    has_unsent_changes = models.BooleanField(_("có thay đổi chưa nộp"), default=False)
    draft_saved_at = models.DateTimeField(_("lưu nháp lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("báo cáo cá nhân")
        verbose_name_plural = _("báo cáo cá nhân")
        ordering = ["plan", "member__sort_name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "member"], name="selfreport_one_per_member"),
        ]
        indexes = [models.Index(fields=["plan", "status"])]

    def __str__(self):
        return f"{self.member} — {self.plan.title[:60]}"

    def get_absolute_url(self):
        return reverse("campaigns:selfreport_detail", args=[self.pk])

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class SelfReportAnswer(models.Model):
    """The working copy's answer to one criterion."""

    report = models.ForeignKey(SelfReport, models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, models.CASCADE, related_name="self_report_answers")
    met = models.BooleanField(_("đạt"), null=True, blank=True)
    points = models.DecimalField(
        _("điểm tự chấm"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    evidence = models.TextField(_("minh chứng"), blank=True)

    class Meta:
        verbose_name = _("câu trả lời")
        verbose_name_plural = _("câu trả lời")
        ordering = ["criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "criterion"], name="selfreport_answer_one_per_criterion"
            ),
        ]

    def __str__(self):
        return f"{self.report_id}/{self.criterion_id}"


class SelfReportVersion(SubmittedVersion):
    """One submission of a member's report. The snapshot::

    {"narrative": str, "titles": [{"id", "name"}], "answers": [{"criterion_id", "text",
     "kind", "met", "points", "max_points", "evidence"}], "files": [{"id", "name", "size"}]}
    """

    report = models.ForeignKey(SelfReport, models.CASCADE, related_name="versions")

    class Meta:
        verbose_name = _("phiên bản đã nộp")
        verbose_name_plural = _("phiên bản đã nộp")
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"], name="selfreport_version_number_unique"
            ),
        ]

    def __str__(self):
        return f"{self.report_id} v{self.number}"


def _evidence_upload_to(instance, filename):
    kind = next(k for k in ALLOWED if k.mime == instance.mime)
    return random_name("evidence", kind)


class EvidenceFileBase(models.Model):
    """An evidence file stored through campaigns.uploads: the columns every evidence file
    has, whoever it belongs to (a member's self-report, a unit's self-assessment)."""

    criterion = models.ForeignKey(
        Criterion,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tiêu chuẩn"),
    )
    file = models.FileField(_("tệp"), upload_to=_evidence_upload_to, max_length=200)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    mime = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    uploaded_at = models.DateTimeField(_("tải lên lúc"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name


class EvidenceFile(EvidenceFileBase):
    report = models.ForeignKey(SelfReport, models.CASCADE, related_name="files")

    class Meta:
        verbose_name = _("tệp minh chứng")
        verbose_name_plural = _("tệp minh chứng")
        ordering = ["uploaded_at", "id"]

    def get_absolute_url(self):
        return reverse("campaigns:evidence_download", args=[self.pk])


class DeadlineExtension(models.Model):
    """A member's request for a personal deadline, and the chair's decision on it."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Đang chờ")
        GRANTED = "granted", _("Đã gia hạn")
        REFUSED = "refused", _("Không chấp thuận")

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="deadline_extensions")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="deadline_extensions"
    )
    reason = models.TextField(_("lý do"))
    requested_at = models.DateTimeField(_("xin lúc"))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.REQUESTED
    )
    new_deadline = models.DateTimeField(_("hạn mới"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)
    decision_note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("gia hạn")
        verbose_name_plural = _("gia hạn")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "member"],
                condition=models.Q(status="requested"),
                name="extension_one_open_request",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="granted") | models.Q(new_deadline__isnull=False),
                name="extension_granted_has_deadline",
            ),
        ]

    def __str__(self):
        return f"{self.member} — {self.get_status_display()}"
