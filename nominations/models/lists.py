"""Nomination lists (W7): the passed nominees per title and level, finalised and
published to the unit with a feedback window for objections; and the dossiers that carry
district-level nominees up to the parent plan."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.deadlines import Window
from campaigns.models import Plan
from campaigns.uploads import ALLOWED, random_name
from nominations.models.nominations import Nomination


class NominationList(models.Model):
    class Status(models.TextChoices):
        FINALISED = "finalised", _("Đã chốt")
        PUBLISHED = "published", _("Đã công khai")

    plan = models.OneToOneField(Plan, models.CASCADE, related_name="nomination_list")
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.FINALISED
    )
    finalised_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    finalised_at = models.DateTimeField(_("chốt lúc"))
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True)
    feedback_ends_at = models.DateTimeField(_("hết hạn góp ý"), null=True, blank=True)

    class Meta:
        verbose_name = _("danh sách đề nghị")
        verbose_name_plural = _("danh sách đề nghị")

    def __str__(self):
        return f"{self.plan}"

    @property
    def feedback_window(self) -> Window | None:
        if self.published_at is None or self.feedback_ends_at is None:
            return None
        return Window(self.published_at, self.feedback_ends_at)


class ListEntry(models.Model):
    """One nominee on the list, with the vote that passed them (frozen at finalisation)."""

    list = models.ForeignKey(NominationList, models.CASCADE, related_name="entries")
    nomination = models.OneToOneField(Nomination, models.PROTECT, related_name="list_entry")
    order = models.PositiveIntegerField(default=0)
    approve = models.PositiveIntegerField(default=0)
    base = models.PositiveIntegerField(default=0)
    share = models.DecimalField(_("tỷ lệ phiếu"), max_digits=7, decimal_places=4, default=0)

    class Meta:
        verbose_name = _("người trong danh sách")
        verbose_name_plural = _("người trong danh sách")
        ordering = ["list", "order", "id"]

    def __str__(self):
        return str(self.nomination)


class Objection(models.Model):
    """A member's objection during the feedback window, and the chair's answer."""

    list = models.ForeignKey(NominationList, models.CASCADE, related_name="objections")
    entry = models.ForeignKey(
        ListEntry, models.CASCADE, null=True, blank=True, related_name="objections"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    text = models.TextField(_("nội dung góp ý"))
    sent_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)
    answer = models.TextField(_("trả lời"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("ý kiến phản hồi")
        verbose_name_plural = _("ý kiến phản hồi")
        ordering = ["sent_at", "id"]

    def __str__(self):
        return self.text[:60]

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class Dossier(models.Model):
    """A nominee's dossier sent up to the parent plan (hồ sơ đề nghị)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang chuẩn bị")
        FORWARDED = "forwarded", _("Đã gửi lên cấp trên")
        RECEIVED = "received", _("Cấp trên đã tiếp nhận")
        RETURNED = "returned", _("Cấp trên trả lại để bổ sung")

    nomination = models.OneToOneField(Nomination, models.PROTECT, related_name="dossier")
    target_plan = models.ForeignKey(Plan, models.PROTECT, related_name="incoming_dossiers")
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    received_as = models.OneToOneField(
        Nomination,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_dossier",
        verbose_name=_("đề nghị ở cấp trên"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    forwarded_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("hồ sơ đề nghị")
        verbose_name_plural = _("hồ sơ đề nghị")
        ordering = ["-forwarded_at", "-id"]

    def __str__(self):
        return str(self.nomination)


class DossierEvent(models.Model):
    """One step of a dossier's history (printed with it)."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    status = models.CharField(max_length=12, choices=Dossier.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("bước của hồ sơ")
        verbose_name_plural = _("lịch sử hồ sơ")

    def __str__(self):
        return f"{self.dossier_id} {self.action}"


def _attachment_upload_to(instance, filename):
    kind = next(k for k in ALLOWED if k.mime == instance.mime)
    return random_name("dossiers", kind)


class DossierAttachment(models.Model):
    class Kind(models.TextChoices):
        SUBMISSION = "submission", _("Tờ trình")
        ACHIEVEMENTS = "achievements", _("Báo cáo thành tích")
        MINUTES = "minutes", _("Biên bản bình xét")
        INITIATIVE = "initiative", _("Sáng kiến")
        OTHER = "other", _("Tài liệu khác")

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="attachments")
    kind = models.CharField(_("loại tài liệu"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("tệp"), upload_to=_attachment_upload_to, max_length=200)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    # What the documents print ("Tờ trình số 12/TTr-CĐCS ngày ..."), never the file's name.
    title = models.CharField(_("tên tài liệu"), max_length=255, blank=True)
    mime = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tài liệu kèm hồ sơ")
        verbose_name_plural = _("tài liệu kèm hồ sơ")
        ordering = ["kind", "uploaded_at", "id"]

    def __str__(self):
        return self.original_name

    @property
    def printed_name(self) -> str:
        """How documents name it: its kind and its title ("Tờ trình: Tờ trình số 12/TTr…"),
        the kind alone without a title: an uploaded file's name means nothing on paper."""
        kind = str(self.get_kind_display())
        return f"{kind}: {self.title}" if self.title else kind
