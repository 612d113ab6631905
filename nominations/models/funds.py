"""The emulation and reward fund (quỹ thi đua, khen thưởng) of a unit, a ledger per year:
opening balance, allocations in, each decision's money out. Integers of đồng only."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nominations.models.decisions import Decision
from portal.models import OrgUnit


class Fund(models.Model):
    class Overdraw(models.TextChoices):
        REFUSE = "refuse", _("Từ chối quyết định làm âm quỹ")
        CHAIR_OVERRIDE = "override", _("Cho phép nếu Chủ tịch xác nhận chi vượt")

    unit = models.ForeignKey(OrgUnit, models.PROTECT, related_name="funds")
    year = models.PositiveSmallIntegerField(_("năm"))
    opening = models.BigIntegerField(_("số dư đầu năm (đồng)"), default=0)
    overdraw = models.CharField(
        _("khi chi vượt quỹ"), max_length=10, choices=Overdraw.choices, default=Overdraw.REFUSE
    )

    class Meta:
        verbose_name = _("quỹ thi đua, khen thưởng")
        verbose_name_plural = _("quỹ thi đua, khen thưởng")
        ordering = ["unit", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="fund_one_per_unit_year"),
        ]

    def __str__(self):
        return f"{self.unit} — {self.year}"


class FundMovement(models.Model):
    class Kind(models.TextChoices):
        ALLOCATION = "allocation", _("Trích lập / bổ sung quỹ")
        PAYMENT = "payment", _("Chi tiền thưởng theo quyết định")
        REFUND = "refund", _("Thu hồi tiền thưởng theo quyết định")

    fund = models.ForeignKey(Fund, models.PROTECT, related_name="movements")
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    amount = models.BigIntegerField(_("số tiền (đồng)"))  # + in, - out
    on = models.DateField(_("ngày"))
    decision = models.ForeignKey(
        Decision, models.PROTECT, null=True, blank=True, related_name="fund_movements"
    )
    note = models.CharField(_("nội dung"), max_length=300, blank=True)
    override = models.BooleanField(_("chi vượt quỹ do Chủ tịch xác nhận"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("thu chi quỹ")
        verbose_name_plural = _("thu chi quỹ")
        ordering = ["fund", "on", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.amount}"
