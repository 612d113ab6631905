"""Award history (W11): every person's and unit's titles and award forms year by year.

Each row points at the decision line that made it, or is an imported row (awards from
before the portal, from the members sheet). A decision line later revoked by a correction
stays in the history, shown with the correction; gates do not count it.

Imported rows: issue 14 adds ``portal.PastAward`` (the sheet's rows); the import copies
each into an ``AwardRecord`` with ``source=imported`` and ``past_award_id`` set, so the
gates and pages read one table.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nominations.models.decisions import DecisionEntry
from portal.models import OrgUnit
from portal.vietnamese import fold


class AwardRecord(models.Model):
    class Source(models.TextChoices):
        DECISION = "decision", _("Quyết định trong hệ thống")
        IMPORTED = "imported", _("Nhập từ danh sách cũ")

    unit = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="award_records", verbose_name=_("đơn vị")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="award_records",
    )
    collective = models.ForeignKey(
        OrgUnit, models.PROTECT, null=True, blank=True, related_name="collective_awards"
    )
    full_name = models.CharField(_("họ và tên / tập thể"), max_length=200)
    title_name = models.CharField(_("danh hiệu / hình thức"), max_length=200)
    title_key = models.CharField(max_length=200, editable=False, db_index=True)
    year = models.PositiveSmallIntegerField(_("năm"))
    school_year = models.CharField(_("năm học"), max_length=9)
    source = models.CharField(_("nguồn"), max_length=10, choices=Source.choices)
    entry = models.OneToOneField(
        DecisionEntry, models.PROTECT, null=True, blank=True, related_name="record"
    )
    decision_text = models.CharField(_("số quyết định (nhập)"), max_length=120, blank=True)
    past_award_id = models.PositiveIntegerField(null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("hồ sơ khen thưởng")
        verbose_name_plural = _("hồ sơ khen thưởng")
        ordering = ["-year", "full_name", "id"]

    def __str__(self):
        return f"{self.full_name} — {self.year} — {self.title_name}"

    def save(self, *args, **kwargs):
        self.title_key = fold(self.title_name)
        super().save(*args, **kwargs)

    @property
    def school_start(self) -> int:
        return int(self.school_year[:4])


class HistoryCondition(models.Model):
    """A condition of a title on earlier years' awards (DESIGN.md §4b):
    "đạt X năm trước", "đạt X trong N năm liên tục", "chưa được khen Y trong N năm".
    Years are school years when the plan names one (its ``school_year``), else calendar."""

    class Kind(models.TextChoices):
        PREVIOUS_YEAR = "previous", _("Đạt … năm trước")
        CONSECUTIVE = "consecutive", _("Đạt … trong N năm liên tục")
        NOT_WITHIN = "not_within", _("Chưa được khen … trong N năm")

    title = models.ForeignKey("campaigns.Title", models.CASCADE, related_name="history_conditions")
    kind = models.CharField(_("loại điều kiện"), max_length=12, choices=Kind.choices)
    award_name = models.CharField(_("danh hiệu / hình thức"), max_length=200)
    years = models.PositiveSmallIntegerField(_("số năm"), default=1)

    class Meta:
        verbose_name = _("điều kiện về thành tích các năm trước")
        verbose_name_plural = _("điều kiện về thành tích các năm trước")
        ordering = ["title", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.award_name} ({self.years})"
