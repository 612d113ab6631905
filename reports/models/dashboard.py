"""Generated files (artifacts) of the dashboard, kept for reuse while the data is unchanged."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.models import Plan
from portal.models import OrgUnit


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
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.unit} ({self.get_status_display()})"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED)
