"""Abstract bases shared by the areas of campaigns/models (no tables of their own)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmittedVersion(models.Model):
    """One submission, frozen with its receipt: what was sent and when, to the second.
    A member's self-report version and a unit's self-assessment version are both this;
    the subclass adds the foreign key to what was submitted. Never changed."""

    number = models.PositiveIntegerField(_("lần nộp"))
    submitted_at = models.DateTimeField(_("nộp lúc"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    is_late = models.BooleanField(_("nộp trễ"), default=False)
    within_extension = models.BooleanField(_("nộp trong thời gian gia hạn"), default=False)
    receipt_code = models.CharField(_("mã biên nhận"), max_length=16, unique=True)
    snapshot = models.JSONField(default=dict)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk:
            raise RuntimeError("Submitted versions are immutable")
        super().save(*args, **kwargs)
