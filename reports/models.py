"""The few models reports/ owns: periodic reports to the parent unit (W9), the chair's
narrative of the summary report, and generated files (artifacts) kept for reuse."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.models import Milestone, Plan
from portal.models import OrgUnit


class PeriodicReport(models.Model):
    """A child unit's report to its parent for one of the parent plan's due dates
    (milestones of kind periodic_report: seed 002's 20/5 and 20/10).

    The chair writes the narrative sections and sends; ``figures`` is frozen at that
    moment (members, self-reports submitted / late / missing, nominees) and never changes.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        SENT = "sent", _("Đã gửi")

    plan = models.ForeignKey(
        Plan, models.CASCADE, related_name="periodic_reports", verbose_name=_("kế hoạch cấp trên")
    )
    unit = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="periodic_reports", verbose_name=_("đơn vị báo cáo")
    )
    milestone = models.ForeignKey(
        Milestone, models.CASCADE, related_name="periodic_reports", verbose_name=_("kỳ báo cáo")
    )
    results = models.TextField(_("kết quả thực hiện"), blank=True)
    difficulties = models.TextField(_("khó khăn, hạn chế"), blank=True)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # {"members", "submitted", "late", "missing", "pending", "nominees", "forwarded",
    #  "taken_at"} — see reports.services.periodic.unit_figures.
    figures = models.JSONField(_("số liệu khi gửi"), default=dict, blank=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("báo cáo định kỳ")
        verbose_name_plural = _("báo cáo định kỳ")
        ordering = ["milestone__ends_at", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["milestone", "unit"], name="periodic_report_one_per_unit"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="periodic_report_sent_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.unit} — {self.milestone}"

    @property
    def is_sent(self) -> bool:
        return self.status == self.Status.SENT


class SummaryNarrative(models.Model):
    """The sections of the summary report (báo cáo sơ kết) the chair writes in the
    portal; the figures and charts come from the data."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="summary_narratives")
    unit = models.ForeignKey(OrgUnit, models.PROTECT, related_name="summary_narratives")
    overview = models.TextField(_("đánh giá chung"), blank=True)
    strengths = models.TextField(_("ưu điểm"), blank=True)
    weaknesses = models.TextField(_("tồn tại, hạn chế"), blank=True)
    next_steps = models.TextField(_("phương hướng, nhiệm vụ thời gian tới"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("nội dung báo cáo sơ kết")
        verbose_name_plural = _("nội dung báo cáo sơ kết")
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit"], name="summary_narrative_one"),
        ]

    def __str__(self):
        return f"{self.unit} — {self.plan}"


def _artifact_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    return f"reports/{instance.kind}/{secrets.token_hex(16)}.{extension}"


class Artifact(models.Model):
    """A generated document (PDF or XLSX) for a plan and unit, made by a background task
    and kept in the storage, keyed on the data it was made from (``data_key``): the same
    data is served again without rendering."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("Kế hoạch (PDF)")
        CEREMONY = "ceremony", _("Chương trình hội nghị (PDF)")
        SUMMARY = "summary", _("Báo cáo sơ kết (PDF)")
        WORKBOOK = "workbook", _("Bảng tổng hợp (XLSX)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ")
        RUNNING = "running", _("Đang tạo")
        READY = "ready", _("Sẵn sàng")
        FAILED = "failed", _("Lỗi")

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="artifacts")
    unit = models.ForeignKey(OrgUnit, models.CASCADE, related_name="artifacts")
    kind = models.CharField(_("loại tài liệu"), max_length=12, choices=Kind.choices)
    data_key = models.CharField(max_length=64)
    file = models.FileField(_("tệp"), upload_to=_artifact_upload_to, max_length=200, blank=True)
    filename = models.CharField(_("tên tệp"), max_length=160, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    error = models.TextField(_("lỗi"), blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tệp đã tạo")
        verbose_name_plural = _("tệp đã tạo")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "unit", "kind", "data_key"], name="artifact_one_per_data"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.unit} ({self.get_status_display()})"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED)
