"""Figures rolled up as the work happens (issue 18): one row per plan and the unit that
issued it, so that a city's dashboard adds up a few thousand rows instead of counting
288,000 members' reports on every request.

The row is kept current by the services that change its facts, through the signal
``portal.signals.figures_changed`` (reports/services/rollups.py receives it), and can be
recounted from scratch by ``manage.py rollup_figures`` (``--check`` only reports) or the
task ``reports.tasks.refresh_figures_task``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.models import Plan, RatingLevel
from portal.models import OrgUnit


class UnitFigures(models.Model):
    """The figures of one unit in the plan it issued: members, self-reports submitted on
    time / late, reports scored, nominations, its review and its rating by the plan above."""

    plan = models.OneToOneField(Plan, models.CASCADE, related_name="figures")
    unit = models.ForeignKey(OrgUnit, models.CASCADE, related_name="figures")
    members = models.PositiveIntegerField(_("đoàn viên"), default=0)
    submitted = models.PositiveIntegerField(_("báo cáo nộp đúng hạn"), default=0)
    late = models.PositiveIntegerField(_("báo cáo nộp trễ"), default=0)
    scored = models.PositiveIntegerField(_("báo cáo đã chấm"), default=0)
    nominated = models.PositiveIntegerField(_("đề nghị khen thưởng"), default=0)
    review_final = models.BooleanField(_("đã chốt bình xét"), default=False)
    rating_status = models.CharField(_("xếp loại: trạng thái"), max_length=12, blank=True)
    rating_level = models.ForeignKey(
        RatingLevel, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    # The counted facts, in the order the recount and the check compare them.
    FACTS = (
        "unit_id",
        "members",
        "submitted",
        "late",
        "scored",
        "nominated",
        "review_final",
        "rating_status",
        "rating_level_id",
    )

    class Meta:
        verbose_name = _("số liệu tổng hợp")
        verbose_name_plural = _("số liệu tổng hợp")
        indexes = [models.Index(fields=["unit"])]

    def __str__(self):
        return f"{self.unit} — {self.plan_id}"

    @property
    def reported(self) -> int:
        return self.submitted + self.late
