"""The unit's own assessment of the plan's collective criteria ("100% đoàn viên hoàn
thành…"): scored by the chair of the unit, one row per collective criterion. A small
first step; a fuller unit rating (tự đánh giá tập thể) comes later."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from campaigns.models.common import SubmittedVersion
from campaigns.models.selfreports import EvidenceFileBase
from portal.models import OrgUnit


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


# --- unit ratings (W12): a plan's issuer rates the units below it ----------------------


class RatingScheme(models.Model):
    """A plan's yearly rating of the units right below its issuer: the federation rates
    its CĐCS, a CĐCS its tổ công đoàn. The standards are the plan's collective criteria
    scored in points; the levels and their thresholds are that year's guidance."""

    plan = models.OneToOneField(
        "campaigns.Plan", models.CASCADE, related_name="rating_scheme", verbose_name=_("kế hoạch")
    )
    rated_kind = models.CharField(
        _("đơn vị được xếp loại"), max_length=30, choices=OrgUnit.Kind.choices
    )
    # The self-assessment window, read through campaigns.deadlines like a self-report's.
    starts_at = models.DateTimeField(_("bắt đầu tự chấm"))
    ends_at = models.DateTimeField(_("hạn chót tự chấm"))
    objection_days = models.PositiveSmallIntegerField(_("số ngày nhận ý kiến"), default=7)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)
    objections_end_at = models.DateTimeField(_("hết nhận ý kiến lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("xếp loại đơn vị")
        verbose_name_plural = _("xếp loại đơn vị")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="rating_window_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.plan_id}: {self.get_rated_kind_display()}"


class RatingLevel(models.Model):
    """A level ("Vững mạnh xuất sắc"): reached with at least `min_points` in total and,
    when `floor_share` is set, no standard below that share of its points. `order` 1 is
    the best level; the last one (no threshold) catches every other unit."""

    scheme = models.ForeignKey(RatingScheme, models.CASCADE, related_name="levels")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("mức xếp loại"), max_length=200)
    min_points = models.DecimalField(_("tổng điểm từ"), max_digits=7, decimal_places=2, default=0)
    floor_share = models.DecimalField(
        _("mỗi tiêu chuẩn không dưới (tỷ lệ điểm)"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("mức xếp loại")
        verbose_name_plural = _("mức xếp loại")
        ordering = ["scheme", "order"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "order"], name="rating_level_order_unique"),
        ]

    def __str__(self):
        return self.name


class UnitAssessment(models.Model):
    """One unit's rating in a scheme: its chair's self-assessment (drafts, submitted
    versions with receipts, as a member's self-report), then the rater's verified score
    and the level it reaches."""

    class ObjectionDecision(models.TextChoices):
        ACCEPTED = "accepted", _("Chấp nhận, điều chỉnh điểm")
        REJECTED = "rejected", _("Không chấp nhận")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Chưa nộp")
        SUBMITTED = "submitted", _("Đã nộp tự chấm")
        FINALISED = "finalised", _("Đã chốt xếp loại")

    scheme = models.ForeignKey(RatingScheme, models.CASCADE, related_name="assessments")
    unit = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="assessments", verbose_name=_("đơn vị")
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    is_late = models.BooleanField(_("nộp trễ"), default=False)
    within_extension = models.BooleanField(_("nộp trong thời gian gia hạn"), default=False)
    version = models.PositiveIntegerField(_("số lần nộp"), default=0)
    receipt_code = models.CharField(_("mã biên nhận"), max_length=16, blank=True)
    has_unsent_changes = models.BooleanField(_("có thay đổi chưa nộp"), default=False)
    draft_saved_at = models.DateTimeField(_("lưu nháp lúc"), null=True, blank=True)
    self_total = models.DecimalField(
        _("tự chấm"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    verified_total = models.DecimalField(
        _("điểm thẩm định"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    level = models.ForeignKey(
        RatingLevel,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("xếp loại"),
    )
    finalised_at = models.DateTimeField(_("chốt lúc"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    objection = models.TextField(_("ý kiến của đơn vị"), blank=True)
    objected_at = models.DateTimeField(_("gửi ý kiến lúc"), null=True, blank=True)
    # The checking unit's answer to the objection: accepted (the verified points and the
    # level changed, with the reason) or rejected (with the reason).
    objection_decision = models.CharField(
        _("trả lời ý kiến"), max_length=10, choices=ObjectionDecision.choices, blank=True
    )
    objection_answer = models.TextField(_("lý do trả lời"), blank=True)
    objection_answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    objection_answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("đánh giá xếp loại đơn vị")
        verbose_name_plural = _("đánh giá xếp loại đơn vị")
        ordering = ["scheme", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "unit"], name="assessment_one_per_unit"),
        ]

    def __str__(self):
        return f"{self.unit} — {self.scheme.plan}"

    def get_absolute_url(self):
        return reverse("campaigns:assessment_detail", args=[self.pk])


class UnitAssessmentItem(models.Model):
    """One standard of an assessment: the unit's points and evidence, the rater's points
    and the reason for every change."""

    assessment = models.ForeignKey(UnitAssessment, models.CASCADE, related_name="items")
    criterion = models.ForeignKey("campaigns.Criterion", models.CASCADE, related_name="+")
    self_points = models.DecimalField(
        _("điểm tự chấm"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    evidence = models.TextField(_("minh chứng"), blank=True)
    verified_points = models.DecimalField(
        _("điểm thẩm định"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    reason = models.TextField(_("lý do điều chỉnh"), blank=True)

    class Meta:
        verbose_name = _("điểm tiêu chuẩn")
        verbose_name_plural = _("điểm tiêu chuẩn")
        ordering = ["criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="assessment_item_one_per_criterion"
            ),
        ]

    def __str__(self):
        return f"{self.assessment_id}/{self.criterion_id}"


class UnitAssessmentVersion(SubmittedVersion):
    """One submitted self-assessment, frozen with its receipt. Never changed."""

    assessment = models.ForeignKey(UnitAssessment, models.CASCADE, related_name="versions")

    class Meta:
        verbose_name = _("bản tự chấm đã nộp")
        verbose_name_plural = _("bản tự chấm đã nộp")
        ordering = ["assessment", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "number"], name="assessment_version_number_unique"
            ),
        ]

    def __str__(self):
        return f"{self.assessment_id} v{self.number}"


class UnitEvidenceFile(EvidenceFileBase):
    """An evidence file of a unit's self-assessment, per standard: stored, checked and
    served like a member's evidence files (campaigns.uploads, services/evidence.py)."""

    assessment = models.ForeignKey(UnitAssessment, models.CASCADE, related_name="files")

    class Meta:
        verbose_name = _("tệp minh chứng của đơn vị")
        verbose_name_plural = _("tệp minh chứng của đơn vị")
        ordering = ["uploaded_at", "id"]

    def get_absolute_url(self):
        return reverse("campaigns:assessment_evidence", args=[self.pk])


class UnitDeadlineExtension(models.Model):
    """A later self-assessment deadline the checking unit granted one rated unit, under
    the rules of members' extensions (services/extensions.py: the plan may forbid them,
    inside the parent plan's deadline and before the review). The latest one counts."""

    assessment = models.ForeignKey(UnitAssessment, models.CASCADE, related_name="extensions")
    new_deadline = models.DateTimeField(_("hạn mới"))
    reason = models.TextField(_("lý do"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(_("gia hạn lúc"))

    class Meta:
        verbose_name = _("gia hạn tự chấm của đơn vị")
        verbose_name_plural = _("gia hạn tự chấm của đơn vị")
        ordering = ["-granted_at", "-id"]

    def __str__(self):
        return f"{self.assessment_id} → {self.new_deadline:%Y-%m-%d %H:%M}"
