"""Periodic reports to the parent unit (W9) and the chair's narrative of the summary report."""

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
            models.UniqueConstraint(fields=["plan", "unit"], name="summary_narrative_one")
        ]

    def __str__(self):
        return f"{self.unit} — {self.plan}"
