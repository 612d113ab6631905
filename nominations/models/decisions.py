"""Award decisions (W11): the numbered Quyết định khen thưởng a unit with the authority
issues from a finalised list (or, at a federation, from received dossiers), each line an
awardee with the money; corrections are new decisions naming the one they amend.

The rules a decision reads are dated configuration rows, never code: who may award what
(``AwardAuthority``), the base salary (``BaseSalary``) and each award's coefficient and
rounding (``RewardRate``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models import Plan, Target, Title
from nominations.models.nominations import Nomination
from portal.models import OrgUnit


class Dated(models.Model):
    valid_from = models.DateField(_("áp dụng từ"))
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)

    class Meta:
        abstract = True

    @classmethod
    def in_force(cls, day):
        return cls.objects.filter(valid_from__lte=day).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class AwardAuthority(Dated):
    """A kind of unit may award titles of a level itself (e.g. a CĐCS's BCH its own giấy
    khen and the yearly titles at unit level; a district federation its giấy khen)."""

    unit_kind = models.CharField(_("loại đơn vị"), max_length=30, choices=OrgUnit.Kind.choices)
    level = models.CharField(_("cấp danh hiệu"), max_length=12, choices=Title.Level.choices)
    source = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("thẩm quyền khen thưởng")
        verbose_name_plural = _("thẩm quyền khen thưởng")
        ordering = ["unit_kind", "level", "valid_from"]

    def __str__(self):
        return f"{self.get_unit_kind_display()} — {self.get_level_display()}"


class BaseSalary(Dated):
    """Lương cơ sở, in đồng, from a date."""

    amount = models.BigIntegerField(_("mức lương cơ sở (đồng)"))
    source = models.CharField(_("căn cứ"), max_length=300)

    class Meta:
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")
        ordering = ["-valid_from"]

    def __str__(self):
        return f"{self.amount} đ từ {self.valid_from:%d/%m/%Y}"


class RewardRate(Dated):
    """The coefficient of an award form or title (× lương cơ sở) and how the product is
    rounded. Matched to a title by its name, folded (no diacritics, any case)."""

    class Rounding(models.TextChoices):
        UP = "up", _("Làm tròn lên")
        HALF_UP = "half_up", _("Làm tròn (≥ 5 lên)")

    award_name = models.CharField(_("danh hiệu / hình thức"), max_length=200)
    target = models.CharField(_("áp dụng cho"), max_length=12, choices=Target.choices)
    coefficient = models.DecimalField(_("hệ số"), max_digits=6, decimal_places=2)
    round_to = models.PositiveIntegerField(_("làm tròn đến (đồng)"), default=1)
    rounding = models.CharField(
        _("cách làm tròn"), max_length=8, choices=Rounding.choices, default=Rounding.UP
    )
    source = models.CharField(_("căn cứ"), max_length=300)
    is_demo_value = models.BooleanField(_("giá trị minh họa (chưa đối chiếu)"), default=False)

    class Meta:
        verbose_name = _("hệ số tiền thưởng")
        verbose_name_plural = _("hệ số tiền thưởng")
        ordering = ["award_name", "target", "valid_from"]

    def __str__(self):
        return f"{self.award_name} ({self.get_target_display()}): {self.coefficient}"


class Decision(models.Model):
    class Kind(models.TextChoices):
        AWARD = "award", _("Khen thưởng")
        CORRECTION = "correction", _("Đính chính / sửa đổi")
        REVOCATION = "revocation", _("Thu hồi, hủy bỏ")

    issuer = models.ForeignKey(OrgUnit, models.PROTECT, related_name="decisions")
    plan = models.ForeignKey(Plan, models.PROTECT, null=True, blank=True, related_name="decisions")
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices, default=Kind.AWARD)
    amends = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("sửa đổi quyết định"),
    )
    reason = models.TextField(_("lý do"), blank=True)
    doc_type = models.CharField(max_length=10, default="QĐ")
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    issued_on = models.DateField(_("ngày ký"))
    effective_on = models.DateField(_("ngày có hiệu lực"))
    place = models.CharField(_("địa danh"), max_length=80, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    grounds = models.TextField(_("căn cứ"), blank=True, help_text=_("Mỗi dòng một căn cứ."))
    recipients = models.TextField(_("nơi nhận"), blank=True)
    signing_mode = models.CharField(max_length=3, default="TM.", blank=True)
    signing_body = models.CharField(max_length=120, blank=True, default="BAN CHẤP HÀNH")
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120)
    signer_name = models.CharField(_("người ký"), max_length=150)
    base_salary = models.BigIntegerField(_("lương cơ sở áp dụng (đồng)"))
    total = models.BigIntegerField(_("tổng tiền thưởng (đồng)"), default=0)
    overdraw_override = models.BooleanField(_("Chủ tịch cho chi vượt quỹ"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-issued_on", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "doc_type", "number"],
                name="decision_number_unique_per_series",
            ),
        ]

    def __str__(self):
        return f"{self.symbol} — {self.title}"

    @property
    def symbol(self) -> str:
        """ "12/QĐ-CĐCS" (numbers below 10 take a zero, as plans)."""
        return f"{self.number:02d}/{self.doc_type}-{self.issuer.short_name}"


class DecisionEntry(models.Model):
    """One awardee of a decision (a line of its appendix), or, in a correction, the
    revocation of a line of the decision it amends."""

    class Action(models.TextChoices):
        AWARD = "award", _("Khen thưởng")
        REVOKE = "revoke", _("Thu hồi")

    decision = models.ForeignKey(Decision, models.PROTECT, related_name="entries")
    serial = models.PositiveIntegerField(_("số thứ tự"))
    action = models.CharField(max_length=8, choices=Action.choices, default=Action.AWARD)
    amends_entry = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="revocations"
    )
    nomination = models.ForeignKey(
        Nomination, models.PROTECT, null=True, blank=True, related_name="decision_entries"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    collective = models.ForeignKey(OrgUnit, models.PROTECT, null=True, blank=True, related_name="+")
    name = models.CharField(_("họ và tên / tập thể"), max_length=200)
    position = models.CharField(_("chức vụ, đơn vị"), max_length=300, blank=True)
    title_name = models.CharField(_("danh hiệu / hình thức"), max_length=200)
    target = models.CharField(max_length=12, choices=Target.choices)
    coefficient = models.DecimalField(_("hệ số"), max_digits=6, decimal_places=2)
    amount = models.BigIntegerField(_("số tiền (đồng)"))  # negative for a revocation

    class Meta:
        verbose_name = _("dòng quyết định")
        verbose_name_plural = _("dòng quyết định")
        ordering = ["decision", "serial"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "serial"], name="decision_entry_serial"),
        ]

    def __str__(self):
        return f"{self.name} — {self.title_name}"
