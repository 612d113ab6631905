"""Plans, their criteria, titles and milestones."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.models import OrgUnit
from portal.vietnamese import fold

# Seed 000's order (Kế hoạch 01/KH-CĐCS): the default order of a plan's steps.
STEP_ORDER = (
    "self_report",
    "review",
    "consultation",
    "vote",
    "list",
    "publication",
    "sending_up",
)


STEP_CHOICES = [
    ("self_report", _("Hết hạn cá nhân tự báo cáo")),
    ("review", _("BCH họp xét, chốt kết quả bình xét")),
    ("consultation", _("Lấy ý kiến cấp ủy chi bộ và Ban Giám hiệu")),
    ("vote", _("Lấy ý kiến tập thể, biểu quyết")),
    ("list", _("Chốt danh sách đề nghị")),
    ("publication", _("Công khai danh sách, nhận góp ý")),
    ("sending_up", _("Gửi hồ sơ lên cấp trên")),
]


def default_steps() -> list[str]:
    return list(STEP_ORDER)


class Target(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")


class Plan(models.Model):
    class Kind(models.TextChoices):
        LEARN_FOLLOW = "learn_follow", _("Học tập và làm theo tư tưởng, đạo đức, phong cách HCM")
        EMULATION = "emulation", _("Phong trào thi đua")
        COMMENDATION_REVIEW = "commendation_review", _("Sơ kết, bình xét tuyên dương")
        THEMATIC_MEETINGS = "thematic_meetings", _("Kế hoạch sinh hoạt chuyên đề")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        PUBLISHED = "published", _("Đã ban hành")
        CLOSED = "closed", _("Đã kết thúc")

    class LatePolicy(models.TextChoices):
        REFUSE = "refuse", _("Từ chối báo cáo nộp trễ")
        ACCEPT_LATE = "accept_late", _("Nhận và đánh dấu trễ")

    class SigningMode(models.TextChoices):
        ON_BEHALF = "TM.", _("TM. (thay mặt)")
        DEPUTY = "KT.", _("KT. (ký thay)")
        NONE = "", _("Ký trực tiếp")

    issuer = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="plans", verbose_name=_("đơn vị ban hành")
    )
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("thực hiện kế hoạch"),
    )
    external_reference = models.CharField(
        _("căn cứ (văn bản ngoài hệ thống)"),
        max_length=500,
        blank=True,
        help_text=_("Ví dụ: Kế hoạch số 249-KH/QU ngày 20/01/2020 của Quận ủy quận 1."),
    )
    doc_type = models.CharField(_("loại văn bản"), max_length=10, default="KH")
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    symbol_override = models.CharField(
        _("số hiệu ghi tay"),
        max_length=60,
        blank=True,
        help_text=_("Chỉ cho văn bản lịch sử có số hiệu không theo mẫu, ví dụ 17-KH-CĐGD."),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    place = models.CharField(_("địa danh"), max_length=80, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    kind = models.CharField(_("loại kế hoạch"), max_length=30, choices=Kind.choices)
    school_year = models.CharField(_("năm học"), max_length=20, blank=True)
    period_start = models.DateField(_("từ ngày"), null=True, blank=True)
    period_end = models.DateField(_("đến ngày"), null=True, blank=True)
    preamble = models.TextField(_("lời mở đầu"), blank=True)
    purpose = models.TextField(_("mục đích"), blank=True)
    requirements = models.TextField(_("yêu cầu"), blank=True)
    closing = models.TextField(_("lời kết"), blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận."))
    signing_mode = models.CharField(
        _("hình thức ký"),
        max_length=3,
        choices=SigningMode.choices,
        default=SigningMode.ON_BEHALF,
        blank=True,
    )
    signing_body = models.CharField(
        _("thay mặt"), max_length=120, blank=True, default="BAN CHẤP HÀNH"
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, default="CHỦ TỊCH")
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    late_policy = models.CharField(
        _("báo cáo trễ hạn"), max_length=20, choices=LatePolicy.choices, default=LatePolicy.REFUSE
    )
    allows_extensions = models.BooleanField(
        _("cho phép gia hạn cá nhân"),
        default=True,
        help_text=_("Bỏ chọn khi kế hoạch không nhận báo cáo trễ, không có ngoại lệ."),
    )
    # The plan's steps in order (nominations/steps.py); a step left out is not used.
    steps = models.JSONField(_("các bước, theo thứ tự"), default=default_steps, blank=True)
    # Stamped when the BCH finalises the review: no report or resubmission after it.
    reports_closed_at = models.DateTimeField(_("ngừng nhận báo cáo lúc"), null=True, blank=True)
    is_historical = models.BooleanField(_("hồ sơ lưu trữ"), default=False)
    # Symbol, title, reference and issuer folded without diacritics, for search in SQL.
    search_text = models.TextField(editable=False, default="", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-year", "-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "doc_type", "number"],
                name="plan_number_unique_per_series",
            ),
        ]

    def __str__(self):
        return f"{self.symbol} — {self.title}" if self.symbol else self.title

    def save(self, *args, **kwargs):
        self.search_text = fold(
            " ".join([self.symbol, self.title, self.external_reference, self.issuer.name])
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("campaigns:plan_detail", args=[self.pk])

    @property
    def symbol(self) -> str:
        """The document number as printed: "08/KH-LĐLĐ" (numbers below 10 take a zero);
        a party unit numbers the party's way, "01-KH/CB" (Hướng dẫn 36-HD/VPTW), as its
        documents do (reports.builders.documents.document_symbol)."""
        if self.symbol_override:
            return self.symbol_override
        number = f"{self.number:02d}" if self.number else ""
        if self.issuer.is_party:
            return f"{number}-{self.doc_type}/{self.issuer.short_name}"
        return f"{number}/{self.doc_type}-{self.issuer.short_name}"

    @property
    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


class PlanSection(models.Model):
    """A numbered content section of a plan ("II. Nội dung", "IV. Tổ chức thực hiện")."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    heading = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("mục nội dung")
        verbose_name_plural = _("mục nội dung")
        ordering = ["order", "id"]

    def __str__(self):
        return self.heading


class PlanPhase(models.Model):
    """A phase of a plan spanning several years (seed 001: 2017–2018, 2018–2020)."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="phases")
    name = models.CharField(_("giai đoạn"), max_length=200)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    description = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("giai đoạn")
        verbose_name_plural = _("giai đoạn")
        ordering = ["starts_on", "id"]

    def __str__(self):
        return self.name


class Criterion(models.Model):
    class Kind(models.TextChoices):
        MET = "met", _("Đạt / không đạt")
        POINTS = "points", _("Chấm điểm")

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="criteria")
    text = models.TextField(_("tiêu chuẩn"))
    kind = models.CharField(
        _("cách đánh giá"), max_length=10, choices=Kind.choices, default=Kind.MET
    )
    max_points = models.DecimalField(
        _("điểm tối đa"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    required = models.BooleanField(_("bắt buộc"), default=True)
    target = models.CharField(
        _("áp dụng cho"), max_length=12, choices=Target.choices, default=Target.INDIVIDUAL
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    inherited_from = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kế thừa từ"),
    )

    class Meta:
        verbose_name = _("tiêu chuẩn")
        verbose_name_plural = _("tiêu chuẩn")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="met") | models.Q(max_points__gt=0),
                name="criterion_points_need_max",
            ),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def is_inherited(self) -> bool:
        return self.inherited_from_id is not None


class Title(models.Model):
    """A title (danh hiệu) or award a plan confers, with its quota and vote rule."""

    class Level(models.TextChoices):
        UNIT = "unit", _("Cấp cơ sở / cấp trường")
        DISTRICT = "district", _("Cấp quận/huyện")
        SECTOR = "sector", _("Cấp ngành")
        PROVINCE = "province", _("Cấp tỉnh/thành phố")
        NATIONAL = "national", _("Cấp toàn quốc")

    class VoteBase(models.TextChoices):
        MEMBERS = "members", _("Tổng số thành viên")
        PRESENT = "present", _("Số người có mặt")
        CAST = "cast", _("Số phiếu bầu")

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="titles")
    name = models.CharField(_("danh hiệu"), max_length=200)
    level = models.CharField(_("cấp"), max_length=12, choices=Level.choices, default=Level.UNIT)
    target = models.CharField(
        _("áp dụng cho"), max_length=12, choices=Target.choices, default=Target.INDIVIDUAL
    )
    quota_count = models.PositiveIntegerField(_("chỉ tiêu (số lượng)"), null=True, blank=True)
    quota_share = models.DecimalField(
        _("chỉ tiêu (tỷ lệ)"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Tỷ lệ trên số đoàn viên, ví dụ 0,15 cho 15%."),
    )
    min_points = models.DecimalField(
        _("điểm tối thiểu"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    criterion_floor_share = models.DecimalField(
        _("mỗi tiêu chuẩn không dưới (tỷ lệ điểm)"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
    )
    prerequisite = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("điều kiện trước"),
    )
    requires_registration = models.BooleanField(_("phải đăng ký thi đua"), default=False)
    # A collective title's condition on the unit's rating ("CĐCS vững mạnh"): the unit's
    # finalised level must be this one or a better one.
    rating_level = models.ForeignKey(
        "campaigns.RatingLevel",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("xếp loại đơn vị tối thiểu"),
    )
    vote_quorum = models.DecimalField(
        _("tỷ lệ có mặt tối thiểu"), max_digits=5, decimal_places=4, default=2 / 3
    )
    vote_base = models.CharField(
        _("tính trên"), max_length=10, choices=VoteBase.choices, default=VoteBase.MEMBERS
    )
    vote_threshold = models.DecimalField(
        _("ngưỡng đạt"), max_digits=5, decimal_places=4, default=0.7
    )
    vote_strict = models.BooleanField(_("phải vượt ngưỡng (>)"), default=False)
    secret_ballot = models.BooleanField(_("bỏ phiếu kín"), default=True)
    valid_from = models.DateField(_("áp dụng từ"), null=True, blank=True)
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    inherited_from = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kế thừa từ"),
    )

    class Meta:
        verbose_name = _("danh hiệu")
        verbose_name_plural = _("danh hiệu")
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.name} ({self.get_level_display()})"

    @property
    def is_inherited(self) -> bool:
        return self.inherited_from_id is not None


class Milestone(models.Model):
    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("Đăng ký thi đua")
        SELF_REPORT = "self_report", _("Cá nhân tự báo cáo")
        REVIEW_MEETING = "review_meeting", _("BCH họp xét")
        CONSULTATION = "consultation", _("Lấy ý kiến cấp ủy, BGH")
        VOTE = "vote", _("Lấy ý kiến tập thể, biểu quyết")
        NOMINATION_DUE = "nomination_due", _("Gửi danh sách đề nghị lên cấp trên")
        CEREMONY = "ceremony", _("Hội nghị tuyên dương")
        PERIODIC_REPORT = "periodic_report", _("Báo cáo định kỳ")
        THEMATIC_MEETING = "thematic_meeting", _("Sinh hoạt chuyên đề")

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="milestones")
    kind = models.CharField(_("loại mốc"), max_length=20, choices=Kind.choices)
    label = models.CharField(_("nội dung"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc / hạn chót"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("mốc thời gian")
        verbose_name_plural = _("mốc thời gian")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="milestone_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.label or self.get_kind_display()


class AgendaItem(models.Model):
    milestone = models.ForeignKey(Milestone, models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    text = models.CharField(_("nội dung"), max_length=500)
    presenter = models.CharField(_("người trình bày"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("mục chương trình")
        verbose_name_plural = _("chương trình")
        ordering = ["order", "id"]

    def __str__(self):
        return self.text
