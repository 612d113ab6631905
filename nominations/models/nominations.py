"""Nominations (đề nghị) of a person or a collective for a title, and the opinions on them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models import Plan, Title
from portal.models import OrgUnit


class Nomination(models.Model):
    """One nominee (a person or a collective) proposed for one title of one plan."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Đã đề xuất")
        IN_VOTE = "in_vote", _("Đang biểu quyết")
        PASSED = "passed", _("Đạt biểu quyết")
        FAILED = "failed", _("Không đạt biểu quyết")
        OUTSIDE_QUOTA = "outside_quota", _("Đạt nhưng ngoài chỉ tiêu")
        PREREQUISITE_FAILED = "prereq_failed", _("Không đạt danh hiệu phải có trước")
        LISTED = "listed", _("Trong danh sách đề nghị")
        FORWARDED = "forwarded", _("Đã gửi lên cấp trên")
        WITHDRAWN = "withdrawn", _("Đã rút")

    plan = models.ForeignKey(
        Plan, models.CASCADE, related_name="nominations", verbose_name=_("kế hoạch")
    )
    title = models.ForeignKey(
        Title, models.PROTECT, related_name="nominations", verbose_name=_("danh hiệu")
    )
    nominee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("cá nhân"),
    )
    collective = models.ForeignKey(
        OrgUnit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("tập thể"),
    )
    achievements = models.TextField(_("thành tích"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=14, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("người đề xuất")
    )
    proposed_at = models.DateTimeField(_("ngày đề xuất"), default=timezone.now)
    # Why the nomination was left off the list although it passed its own vote.
    dropped_reason = models.CharField(
        _("lý do không đưa vào danh sách"), max_length=300, blank=True
    )

    class Meta:
        verbose_name = _("đề nghị")
        verbose_name_plural = _("đề nghị")
        ordering = ["title__order", "title_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(nominee__isnull=False, collective__isnull=True)
                    | models.Q(nominee__isnull=True, collective__isnull=False)
                ),
                name="nomination_person_xor_collective",
            ),
            models.UniqueConstraint(
                fields=["title", "nominee"],
                condition=models.Q(nominee__isnull=False) & ~models.Q(status="withdrawn"),
                name="nomination_unique_person_per_title",
            ),
            models.UniqueConstraint(
                fields=["title", "collective"],
                condition=models.Q(collective__isnull=False) & ~models.Q(status="withdrawn"),
                name="nomination_unique_collective_per_title",
            ),
        ]

    def __str__(self):
        return f"{self.nominee_name} — {self.title.name}"

    @property
    def nominee_name(self) -> str:
        return str(self.nominee) if self.nominee_id else str(self.collective)

    @property
    def is_collective(self) -> bool:
        return self.collective_id is not None


# Nominations that take a place of a title's quota: everything not withdrawn, voted down
# or left outside the quota.
QUOTA_STATUSES = (
    Nomination.Status.PROPOSED,
    Nomination.Status.IN_VOTE,
    Nomination.Status.PASSED,
    Nomination.Status.LISTED,
    Nomination.Status.FORWARDED,
)


class Opinion(models.Model):
    """The opinion of a consulted body (party-cell committee, school board) on a nominee."""

    class Body(models.TextChoices):
        PARTY_CELL = "party_cell", _("Cấp ủy chi bộ")
        SCHOOL_BOARD = "school_board", _("Ban giám hiệu / thủ trưởng")

    nomination = models.ForeignKey(Nomination, models.CASCADE, related_name="opinions")
    body = models.CharField(_("cơ quan cho ý kiến"), max_length=20, choices=Body.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("người ghi")
    )
    agree = models.BooleanField(_("đồng ý"))
    note = models.TextField(_("ý kiến"), blank=True)
    given_at = models.DateTimeField(_("ngày cho ý kiến"), default=timezone.now)

    class Meta:
        verbose_name = _("ý kiến")
        verbose_name_plural = _("ý kiến")
        ordering = ["body"]
        constraints = [
            models.UniqueConstraint(fields=["nomination", "body"], name="opinion_one_per_body"),
        ]

    def __str__(self):
        return f"{self.get_body_display()}: {self.nomination}"
