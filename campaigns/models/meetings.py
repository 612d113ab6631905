"""Party-cell thematic meetings (sinh hoạt chuyên đề), their materials and minutes."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models.plans import Plan


class ThematicMeeting(models.Model):
    """One meeting of a chi bộ's plan: a quarter's thematic meeting or a monthly one."""

    class Kind(models.TextChoices):
        THEMATIC = "thematic", _("Sinh hoạt chuyên đề")
        REGULAR_MONTHLY = "regular_monthly", _("Sinh hoạt thường kỳ hằng tháng")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Đã lên kế hoạch")
        HELD = "held", _("Đã tổ chức")

    plan = models.ForeignKey(
        Plan, models.CASCADE, related_name="thematic_meetings", verbose_name=_("kế hoạch")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    quarter = models.PositiveSmallIntegerField(
        _("quý"), choices=[(1, _("Quý 1")), (2, _("Quý 2")), (3, _("Quý 3")), (4, _("Quý 4"))]
    )
    kind = models.CharField(
        _("loại buổi sinh hoạt"), max_length=20, choices=Kind.choices, default=Kind.THEMATIC
    )
    topic = models.CharField(_("chuyên đề"), max_length=500)
    planned_at = models.DateTimeField(_("thời gian dự kiến"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    preparer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người chuẩn bị"),
    )
    preparer_name = models.CharField(
        _("người chuẩn bị (ngoài hệ thống)"),
        max_length=150,
        blank=True,
        help_text=_("Chỉ ghi khi người chuẩn bị không có tài khoản."),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("buổi sinh hoạt chi bộ")
        verbose_name_plural = _("buổi sinh hoạt chi bộ")
        ordering = ["year", "quarter", "planned_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4),
                name="thematic_meeting_quarter_1_4",
            ),
        ]
        indexes = [models.Index(fields=["plan", "year", "quarter"])]

    def __str__(self):
        return f"{self.get_quarter_display()}/{self.year}: {self.topic}"

    def get_absolute_url(self):
        return reverse("campaigns:meeting_detail", args=[self.pk])

    @property
    def cell(self):
        return self.plan.issuer

    @property
    def planned_on(self):
        """The planned day in the portal's time zone."""
        return timezone.localdate(self.planned_at)

    @property
    def preparer_display(self) -> str:
        return str(self.preparer) if self.preparer_id else self.preparer_name


class MeetingMaterial(models.Model):
    """A file posted before the meeting. Stored under a random name, served by a view."""

    meeting = models.ForeignKey(
        ThematicMeeting, models.CASCADE, related_name="materials", verbose_name=_("buổi sinh hoạt")
    )
    file = models.FileField(_("tệp"), max_length=200)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    mime = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("dung lượng"))
    description = models.CharField(_("mô tả"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("thời điểm đăng"), default=timezone.now)

    class Meta:
        verbose_name = _("tài liệu sinh hoạt")
        verbose_name_plural = _("tài liệu sinh hoạt")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name


class Minutes(models.Model):
    """The minutes (biên bản) of a meeting. Confirmed minutes are never changed: a
    correction is a new version linked to the one it corrects."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        CONFIRMED = "confirmed", _("Đã xác nhận")

    meeting = models.ForeignKey(
        ThematicMeeting, models.CASCADE, related_name="minutes", verbose_name=_("buổi sinh hoạt")
    )
    version = models.PositiveSmallIntegerField(_("lần"), default=1)
    previous = models.OneToOneField(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="correction",
        verbose_name=_("đính chính cho"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    started_at = models.DateTimeField(_("bắt đầu"))
    ended_at = models.DateTimeField(_("kết thúc"))
    place = models.CharField(_("địa điểm"), max_length=200)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chủ trì"),
    )
    chair_name = models.CharField(_("chủ trì (họ tên)"), max_length=150, blank=True)
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thư ký"),
    )
    secretary_name = models.CharField(_("thư ký (họ tên)"), max_length=150, blank=True)
    members_total = models.PositiveSmallIntegerField(_("tổng số đảng viên"), default=0)
    agenda = models.TextField(_("nội dung, chương trình"))
    conclusions = models.TextField(_("kết luận"), blank=True)
    resolutions = models.TextField(_("nghị quyết, nhiệm vụ"), blank=True)
    correction_reason = models.CharField(_("lý do đính chính"), max_length=500, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    chair_confirmed_at = models.DateTimeField(_("chủ trì xác nhận lúc"), null=True, blank=True)
    secretary_confirmed_at = models.DateTimeField(_("thư ký xác nhận lúc"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("biên bản sinh hoạt")
        verbose_name_plural = _("biên bản sinh hoạt")
        ordering = ["meeting", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "version"], name="minutes_version_unique_per_meeting"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_at__gte=models.F("started_at")),
                name="minutes_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{_('Biên bản')} {self.meeting} ({_('lần')} {self.version})"

    def get_absolute_url(self):
        return reverse("campaigns:minutes_detail", args=[self.pk])

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def present_count(self) -> int:
        return sum(1 for a in self.attendees.all() if a.present)


class MinutesAttendee(models.Model):
    """A party member of the cell on the day: present, or absent with a reason."""

    minutes = models.ForeignKey(Minutes, models.CASCADE, related_name="attendees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("họ và tên"), max_length=150)
    sort_name = models.CharField(max_length=300, default="")
    present = models.BooleanField(_("có mặt"), default=True)
    absence_reason = models.CharField(_("lý do vắng"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("đảng viên dự họp")
        verbose_name_plural = _("đảng viên dự họp")
        ordering = ["sort_name", "id"]

    def __str__(self):
        return self.name


class SpeakerEntry(models.Model):
    """One speaker's opinion, in the order they spoke."""

    minutes = models.ForeignKey(Minutes, models.CASCADE, related_name="speakers")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    speaker = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    speaker_name = models.CharField(_("người phát biểu"), max_length=150)
    opinion = models.TextField(_("ý kiến"))

    class Meta:
        verbose_name = _("ý kiến phát biểu")
        verbose_name_plural = _("ý kiến phát biểu")
        ordering = ["order", "id"]

    def __str__(self):
        return self.speaker_name
