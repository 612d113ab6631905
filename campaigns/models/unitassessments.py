"""The unit's own assessment of the plan's collective criteria ("100% đoàn viên hoàn
thành…"): scored by the chair of the unit, one row per collective criterion. A small
first step; a fuller unit rating (tự đánh giá tập thể) comes later."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitCriterionScore(models.Model):
    criterion = models.OneToOneField(
        "campaigns.Criterion",
        on_delete=models.CASCADE,
        related_name="unit_score",
        verbose_name=_("tiêu chuẩn tập thể"),
    )
    plan = models.ForeignKey("campaigns.Plan", on_delete=models.CASCADE, related_name="unit_scores")
    met = models.BooleanField(_("đạt"), null=True, blank=True)
    points = models.DecimalField(_("điểm"), max_digits=6, decimal_places=2, null=True, blank=True)
    note = models.TextField(_("nhận xét, minh chứng"), blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    scored_at = models.DateTimeField(_("chấm lúc"))

    class Meta:
        verbose_name = _("đánh giá tiêu chuẩn tập thể")
        verbose_name_plural = _("đánh giá tiêu chuẩn tập thể")

    def __str__(self):
        return f"{self.plan_id}: {self.criterion_id}"
