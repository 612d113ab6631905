"""Review (W4): each BCH member's scores on each submitted self-report, the chair's
finalisation that locks them, and the facts the title gates need beyond the scores."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models import Criterion, Plan, SelfReport, Title
from portal.models import OrgUnit


class Score(models.Model):
    """One reviewer's judgement of one criterion of one report."""

    report = models.ForeignKey(SelfReport, models.CASCADE, related_name="scores")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="scores_given"
    )
    criterion = models.ForeignKey(Criterion, models.CASCADE, related_name="scores")
    met = models.BooleanField(_("đạt"), null=True, blank=True)
    points = models.DecimalField(_("điểm"), max_digits=6, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("nhận xét"), blank=True)
    scored_at = models.DateTimeField(_("chấm lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("điểm chấm")
        verbose_name_plural = _("điểm chấm")
        ordering = ["report", "reviewer", "criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "reviewer", "criterion"], name="score_one_per_reviewer"
            ),
        ]

    def __str__(self):
        return f"{self.reviewer} → {self.report_id}/{self.criterion_id}"


class Review(models.Model):
    """The review of one unit's reports for one plan; finalised by the chair, which locks
    every score."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="reviews")
    unit = models.ForeignKey(OrgUnit, models.PROTECT, related_name="reviews")
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True, blank=True
    )
    finalised_at = models.DateTimeField(_("chốt lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("đợt bình xét")
        verbose_name_plural = _("đợt bình xét")
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit"], name="review_one_per_plan_unit"),
        ]

    def __str__(self):
        return f"{self.plan} — {self.unit}"

    @property
    def is_final(self) -> bool:
        return self.finalised_at is not None


class Exclusion(models.Model):
    """A fact that bars a member from titles (DESIGN.md §4b), recorded by the chair."""

    class Kind(models.TextChoices):
        DISCIPLINE = "discipline", _("Bị kỷ luật từ khiển trách trở lên")
        ABSENCE = "absence", _("Nghỉ từ 40 ngày làm việc trở lên (trừ nghỉ thai sản)")
        SHORT_TENURE = "short_tenure", _("Công tác dưới 10 tháng")
        PENDING = "pending", _("Đang bị thanh tra, kiểm tra hoặc khiếu nại chưa giải quyết")
        OTHER = "other", _("Lý do khác")

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="exclusions")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    note = models.TextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("trường hợp loại trừ")
        verbose_name_plural = _("trường hợp loại trừ")
        constraints = [
            models.UniqueConstraint(fields=["plan", "member", "kind"], name="exclusion_unique"),
        ]

    def __str__(self):
        return f"{self.member} — {self.get_kind_display()}"


class CollectiveCondition(models.Model):
    """A collective title's condition on its members' results: "≥ 70 % of members reach
    Lao động tiên tiến", "at least one Chiến sĩ thi đua cơ sở"."""

    title = models.ForeignKey(Title, models.CASCADE, related_name="collective_conditions")
    member_title = models.ForeignKey(
        Title, models.CASCADE, related_name="+", verbose_name=_("danh hiệu cá nhân")
    )
    min_share = models.DecimalField(
        _("tỷ lệ tối thiểu"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    strict = models.BooleanField(_("phải vượt tỷ lệ (>)"), default=False)
    min_count = models.PositiveIntegerField(_("số lượng tối thiểu"), null=True, blank=True)

    class Meta:
        verbose_name = _("điều kiện tập thể")
        verbose_name_plural = _("điều kiện tập thể")

    def __str__(self):
        return f"{self.title.name}: {self.member_title.name}"
