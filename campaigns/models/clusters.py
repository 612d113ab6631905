"""Emulation clusters (cụm, khối thi đua): a federation groups its units for a year; the
members sign a pact, a head unit and a deputy take their turn, and at the end of the year
every member scores every other member on the cluster's criteria. The head consolidates
the scores and proposes the best units for collective awards (nominations/clusters)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.models import OrgUnit


class Cluster(models.Model):
    class Kind(models.TextChoices):
        CLUSTER = "cluster", _("Cụm thi đua")
        BLOCK = "block", _("Khối thi đua")

    federation = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="clusters", verbose_name=_("đơn vị tổ chức")
    )
    # The federation's plan of the year: its collective titles are what the head proposes.
    plan = models.ForeignKey(
        "campaigns.Plan", models.PROTECT, related_name="clusters", verbose_name=_("kế hoạch")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.CLUSTER)
    name = models.CharField(_("tên cụm"), max_length=200)
    head = models.ForeignKey(
        OrgUnit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cụm trưởng"),
    )
    deputy = models.ForeignKey(
        OrgUnit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cụm phó"),
    )
    pact_text = models.TextField(_("nội dung giao ước thi đua"), blank=True)
    pact_issued_at = models.DateTimeField(_("ban hành giao ước lúc"), null=True, blank=True)
    scoring_ends_at = models.DateTimeField(_("hạn chấm chéo"))
    meeting_at = models.DateTimeField(_("họp tổng kết lúc"), null=True, blank=True)
    meeting_place = models.CharField(_("địa điểm họp"), max_length=255, blank=True)
    meeting_notes = models.TextField(_("diễn biến, kết luận cuộc họp"), blank=True)
    proposed_at = models.DateTimeField(_("gửi đề nghị khen thưởng lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("người lập")
    )
    created_at = models.DateTimeField(_("lập lúc"))

    class Meta:
        verbose_name = _("cụm, khối thi đua")
        verbose_name_plural = _("cụm, khối thi đua")
        ordering = ["-year", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "year", "kind", "name"], name="cluster_name_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(head=models.F("deputy")), name="cluster_head_is_not_deputy"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.year})"

    def get_absolute_url(self):
        return reverse("campaigns:cluster_detail", args=[self.pk])


class ClusterMember(models.Model):
    """A unit in a cluster. The year and kind are copied from the cluster so that the
    database itself keeps a unit in one cluster per kind and year."""

    cluster = models.ForeignKey(Cluster, models.CASCADE, related_name="members")
    unit = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="cluster_memberships", verbose_name=_("đơn vị")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("loại"), max_length=10, choices=Cluster.Kind.choices)
    added_at = models.DateTimeField(_("thêm lúc"))

    class Meta:
        verbose_name = _("đơn vị trong cụm")
        verbose_name_plural = _("đơn vị trong cụm")
        ordering = ["cluster", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "kind"], name="cluster_unit_one_per_kind_year"
            ),
        ]

    def __str__(self):
        return f"{self.cluster_id}: {self.unit}"


class ClusterCriterion(models.Model):
    """One criterion of the cross-scoring, in points with a maximum."""

    cluster = models.ForeignKey(Cluster, models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    text = models.CharField(_("tiêu chí"), max_length=500)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("tiêu chí chấm chéo")
        verbose_name_plural = _("tiêu chí chấm chéo")
        ordering = ["cluster", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "order"], name="cluster_criterion_order_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(max_points__gt=0), name="cluster_criterion_max_positive"
            ),
        ]

    def __str__(self):
        return self.text


class PactConfirmation(models.Model):
    """A member unit's chair confirms the pact (ký giao ước). Never changed."""

    cluster = models.ForeignKey(Cluster, models.CASCADE, related_name="confirmations")
    unit = models.ForeignKey(OrgUnit, models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("người xác nhận")
    )
    confirmed_at = models.DateTimeField(_("xác nhận lúc"))

    class Meta:
        verbose_name = _("xác nhận giao ước thi đua")
        verbose_name_plural = _("xác nhận giao ước thi đua")
        ordering = ["cluster", "confirmed_at"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "unit"], name="pact_confirmed_once"),
        ]

    def __str__(self):
        return f"{self.cluster_id}: {self.unit}"


class CrossScore(models.Model):
    """The points one member unit gives another on one criterion."""

    cluster = models.ForeignKey(Cluster, models.CASCADE, related_name="scores")
    scorer = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="+", verbose_name=_("đơn vị chấm")
    )
    scored = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="+", verbose_name=_("đơn vị được chấm")
    )
    criterion = models.ForeignKey(ClusterCriterion, models.CASCADE, related_name="scores")
    points = models.DecimalField(_("điểm"), max_digits=6, decimal_places=2)
    scored_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    scored_at = models.DateTimeField(_("chấm lúc"))

    class Meta:
        verbose_name = _("điểm chấm chéo")
        verbose_name_plural = _("điểm chấm chéo")
        ordering = ["cluster", "scored", "scorer", "criterion__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["scorer", "scored", "criterion"], name="cross_score_once"
            ),
            models.CheckConstraint(
                condition=~models.Q(scorer=models.F("scored")), name="cross_score_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.scorer_id} → {self.scored_id}: {self.points}"
