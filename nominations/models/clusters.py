"""A cluster's proposal (campaigns.Cluster): the head unit proposes the cluster's best
units for the federation plan's collective titles. Each proposed unit is an ordinary
collective Nomination of that plan — voted, listed and sent up in dossiers like any
other — and this row keeps where it came from and the unit's place in the cross-scoring."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ClusterProposal(models.Model):
    cluster = models.ForeignKey(
        "campaigns.Cluster", models.PROTECT, related_name="proposals", verbose_name=_("cụm")
    )
    nomination = models.OneToOneField(
        "nominations.Nomination",
        models.CASCADE,
        related_name="cluster_proposal",
        verbose_name=_("đề nghị"),
    )
    rank = models.PositiveSmallIntegerField(_("xếp hạng trong cụm"), null=True, blank=True)
    mean_total = models.DecimalField(
        _("điểm bình quân"), max_digits=7, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("đề nghị của cụm thi đua")
        verbose_name_plural = _("đề nghị của cụm thi đua")
        ordering = ["cluster", "rank", "id"]

    def __str__(self):
        return f"{self.cluster_id}: {self.nomination_id}"
