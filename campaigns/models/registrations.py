"""Registrations for titles (đăng ký thi đua, W2) and the log of reminders sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.models.plans import Plan, Title
from portal.models import OrgUnit


class Registration(models.Model):
    """A member's registration for an individual title, or a unit's for a collective one.

    Individual: `member` is the person and `unit` the union they belong to. Collective:
    `member` is empty and `unit` is the registered unit. Withdrawing deletes the row (the
    audit log keeps the history), so "registered" is simply "a row exists".
    """

    plan = models.ForeignKey(
        Plan, models.CASCADE, related_name="registrations", verbose_name=_("kế hoạch")
    )
    title = models.ForeignKey(
        Title, models.CASCADE, related_name="registrations", verbose_name=_("danh hiệu")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("đoàn viên"),
    )
    unit = models.ForeignKey(
        OrgUnit, models.CASCADE, related_name="registrations", verbose_name=_("đơn vị")
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người đăng ký"),
    )
    registered_at = models.DateTimeField(_("thời điểm đăng ký"))

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["plan", "title__order", "registered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "member", "title"],
                condition=models.Q(member__isnull=False),
                name="registration_once_per_member",
            ),
            models.UniqueConstraint(
                fields=["plan", "unit", "title"],
                condition=models.Q(member__isnull=True),
                name="registration_once_per_unit",
            ),
        ]
        indexes = [models.Index(fields=["plan", "unit"])]

    def __str__(self):
        who = self.member if self.member_id else self.unit
        return f"{who} — {self.title.name}"

    @property
    def is_collective(self) -> bool:
        return self.member_id is None


class ReminderLog(models.Model):
    """One reminder sent: at most one per (plan, recipient, unit, kind, tier), even when
    two runs of send_deadline_reminders race — the row is claimed before the mail goes."""

    class Kind(models.TextChoices):
        SELF_REPORT = "self_report", _("Nhắc nộp báo cáo")
        MISSING = "missing", _("Báo chủ tịch danh sách chưa nộp")
        UNIT_LATE = "unit_late", _("Báo cấp trên đơn vị trễ hạn")
        REGISTRATION = "registration", _("Nhắc đăng ký thi đua")
        UNIT_REGISTRATION = "unit_registration", _("Nhắc đăng ký thi đua tập thể")
        PERIODIC_REPORT = "periodic_report", _("Nhắc gửi báo cáo định kỳ")
        PERIODIC_MISSING = "periodic_missing", _("Báo cấp trên đơn vị chưa gửi báo cáo định kỳ")
        UNIT_ASSESSMENT = "unit_assessment", _("Nhắc đơn vị nộp bản tự chấm xếp loại")

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="reminder_logs")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    unit = models.ForeignKey(OrgUnit, models.CASCADE, related_name="+")
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    # "72h", "24h", "2h" before the deadline ("ext-24h": before a personal deadline),
    # "after" once it has passed.
    tier = models.CharField(_("mốc"), max_length=10)
    sent_at = models.DateTimeField(_("thời điểm gửi"))

    class Meta:
        verbose_name = _("nhắc hạn đã gửi")
        verbose_name_plural = _("nhắc hạn đã gửi")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "recipient", "unit", "kind", "tier"], name="reminder_once"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.tier} → {self.recipient}"
