"""People, the org tree, memberships and the audit log."""

import hashlib
import json

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.vietnamese import fold, name_sort_key


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class User(AbstractUser):
    full_name = models.CharField(_("họ và tên"), max_length=150)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True, db_index=True)
    member_code = models.CharField(_("mã đoàn viên"), max_length=30, blank=True, db_index=True)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    gender = models.CharField(_("giới tính"), max_length=6, choices=Gender.choices, blank=True)
    union_joined_on = models.DateField(_("ngày vào công đoàn"), null=True, blank=True)
    party_member = models.BooleanField(_("đảng viên"), default=False)
    must_set_password = models.BooleanField(
        _("phải đặt mật khẩu"),
        default=False,
        help_text=_("Tài khoản kích hoạt bằng mã: lần đăng nhập đầu phải đặt mật khẩu."),
    )
    sort_name = models.CharField(max_length=300, editable=False, db_index=True, default="")
    search_name = models.CharField(max_length=150, editable=False, default="")

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        ordering = ["sort_name"]

    def __str__(self):
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        self.sort_name = name_sort_key(self.full_name or self.username)
        self.search_name = fold(self.full_name)
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name or self.username

    def get_short_name(self):
        return (self.full_name or self.username).split()[-1]


class OrgUnit(models.Model):
    class Kind(models.TextChoices):
        CITY_FEDERATION = "city_federation", _("LĐLĐ tỉnh/thành phố")
        DISTRICT_FEDERATION = "district_federation", _("LĐLĐ quận/huyện")
        SECTOR_UNION = "sector_union", _("Công đoàn ngành")
        GRASSROOTS_UNION = "grassroots_union", _("Công đoàn cơ sở")
        UNION_GROUP = "union_group", _("Tổ công đoàn")
        PARTY_COMMITTEE = "party_committee", _("Đảng ủy")
        PARTY_CELL = "party_cell", _("Chi bộ")

    FEDERATION_KINDS = (Kind.CITY_FEDERATION, Kind.DISTRICT_FEDERATION, Kind.SECTOR_UNION)
    PARTY_KINDS = (Kind.PARTY_COMMITTEE, Kind.PARTY_CELL)

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    short_name = models.CharField(
        _("viết tắt trong số hiệu"),
        max_length=40,
        help_text=_("Phần sau loại văn bản trong số hiệu, ví dụ LĐLĐ trong 08/KH-LĐLĐ."),
    )
    kind = models.CharField(_("loại"), max_length=30, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("cấp trên"),
    )
    place = models.CharField(
        _("địa danh"),
        max_length=80,
        blank=True,
        help_text=_("Dùng trong dòng ngày tháng, ví dụ Gò Vấp."),
    )
    path = models.CharField(max_length=800, editable=False, db_index=True)
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    closed_on = models.DateField(
        _("ngày giải thể"),
        null=True,
        blank=True,
        help_text=_("Đơn vị đã đóng giữ nguyên lịch sử và chỉ còn xem được."),
    )

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        old_path = self.path
        self.set_tree_fields()
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            self._rebase_descendants(old_path)

    def set_tree_fields(self):
        """Set ``path`` and ``depth`` from the parent's path and this unit's code,
        without saving; ``save`` calls it, and so do bulk loaders (``bulk_create``
        does not call ``save``)."""
        self.path = (self.parent.path if self.parent_id else "") + self.code + "/"
        self.depth = self.path.count("/") - 1

    def _rebase_descendants(self, old_path):
        for unit in OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
            unit.path = self.path + unit.path[len(old_path) :]
            unit.depth = unit.path.count("/") - 1
            OrgUnit.objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth)

    def subtree(self):
        """This unit and every unit below it, in one query."""
        return OrgUnit.objects.filter(path__startswith=self.path)

    def ancestor_paths(self) -> list[str]:
        parts = self.path.strip("/").split("/")
        return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]

    def ancestors(self):
        """Units above this one, nearest last, in one query."""
        return OrgUnit.objects.filter(path__in=self.ancestor_paths()[:-1]).order_by("depth")

    def is_within(self, other: "OrgUnit") -> bool:
        return self.path.startswith(other.path)

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None

    @property
    def is_party(self) -> bool:
        return self.kind in self.PARTY_KINDS

    @property
    def is_federation(self) -> bool:
        return self.kind in self.FEDERATION_KINDS


class Role(models.TextChoices):
    MEMBER = "member", _("Đoàn viên")
    BCH_MEMBER = "bch_member", _("Ủy viên BCH")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch")
    CHAIR = "chair", _("Chủ tịch")
    CELL_SECRETARY = "cell_secretary", _("Bí thư chi bộ")
    CELL_COMMITTEE = "cell_committee", _("Cấp ủy viên")
    PARTY_MEMBER = "party_member", _("Đảng viên")
    SCHOOL_BOARD = "school_board", _("Ban giám hiệu / thủ trưởng")
    FEDERATION_STAFF = "federation_staff", _("Cán bộ LĐLĐ")
    GROUP_LEADER = "group_leader", _("Tổ trưởng công đoàn")


class EndReason(models.TextChoices):
    TRANSFER = "transfer", _("Chuyển công tác")
    RETIREMENT = "retirement", _("Nghỉ hưu")
    RESIGNATION = "resignation", _("Thôi việc")
    # Set by closing the unit, never chosen by a chair for one person.
    UNIT_CLOSED = "unit_closed", _("Đơn vị giải thể")


# The reasons a chair gives when ending one person's membership.
PERSONAL_END_REASONS = [
    (value, label) for value, label in EndReason.choices if value != EndReason.UNIT_CLOSED
]


# Roles that make a person a member of a grassroots union (they report and vote).
UNION_MEMBER_ROLES = (Role.MEMBER, Role.BCH_MEMBER, Role.VICE_CHAIR, Role.CHAIR)
# Roles on the executive committee (they score reports).
BCH_ROLES = (Role.BCH_MEMBER, Role.VICE_CHAIR, Role.CHAIR)
# Roles that manage a unit's plans (create, open and close rounds, grant exceptions).
MANAGER_ROLES = (Role.CHAIR, Role.VICE_CHAIR, Role.FEDERATION_STAFF, Role.CELL_SECRETARY)
PARTY_ROLES = (Role.CELL_SECRETARY, Role.CELL_COMMITTEE, Role.PARTY_MEMBER)


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        today = on or timezone.localdate()
        return self.filter(
            models.Q(starts_on__isnull=True) | models.Q(starts_on__lte=today),
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=today),
        )


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="memberships",
        verbose_name=_("người"),
    )
    unit = models.ForeignKey(
        OrgUnit, models.CASCADE, related_name="memberships", verbose_name=_("đơn vị")
    )
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    group = models.ForeignKey(
        OrgUnit,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_memberships",
        verbose_name=_("tổ công đoàn"),
    )
    position = models.CharField(_("chức vụ"), max_length=120, blank=True)
    starts_on = models.DateField(_("từ ngày"), null=True, blank=True)
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)
    end_reason = models.CharField(
        _("lý do kết thúc"), max_length=20, choices=EndReason.choices, blank=True
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("tư cách thành viên")
        verbose_name_plural = _("tư cách thành viên")
        constraints = [
            # An ended membership stays as history; the same role may be held again later.
            models.UniqueConstraint(
                fields=["user", "unit", "role"],
                condition=models.Q(ends_on__isnull=True),
                name="membership_unique_open_role",
            ),
        ]
        indexes = [models.Index(fields=["unit", "role"])]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


def audit_hash(
    *,
    prev,
    at,
    actor_ref,
    actor_name,
    action,
    unit_ref,
    unit_name,
    object_type,
    object_id,
    data,
    chain="",
    seq=None,
) -> str:
    """The hash of one audit entry: every field the log shows, and the ids it was written
    with (kept as plain numbers, so deleting a user or a unit changes nothing hashed).

    An entry of a unit's chain also hashes its chain and place in it (version 3), so it
    cannot be moved to another chain; the global chain keeps version 2, under which the
    entries written before the chains were sharded were hashed."""
    payload = {
        "v": 2,
        "prev": prev,
        "at": at.isoformat(),
        "actor": [actor_ref, actor_name],
        "action": action,
        "unit": [unit_ref, unit_name],
        "object": [object_type, object_id],
        "data": data,
    }
    if chain:
        payload.update(v=3, chain=chain, seq=seq)
    payload = json.dumps(
        payload,
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


class AuditEntry(models.Model):
    """One append-only line of the audit log, chained to the previous line of its chain
    by its hash.

    The log is sharded: each unit's entries form a chain of their own (``chain`` "u<id>",
    numbered by ``seq`` from 1), so appends in different units never wait for each other;
    entries without a unit, and every entry written before the sharding, form the global
    chain "". What the line shows is stored on it (actor_name, unit_name) and hashed; the
    foreign keys are for finding lines and may become NULL when a user or unit is
    deleted, the hashed ``actor_ref`` / ``unit_ref`` keep the ids they had.
    """

    at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_ref = models.BigIntegerField(null=True, blank=True)
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(_("hành động"), max_length=60, db_index=True)
    unit = models.ForeignKey(OrgUnit, models.SET_NULL, null=True, blank=True, related_name="+")
    unit_ref = models.BigIntegerField(null=True, blank=True)
    unit_name = models.CharField(max_length=300, blank=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    data = models.JSONField(default=dict, blank=True)
    chain = models.CharField(_("chuỗi"), max_length=24, blank=True, default="")
    seq = models.PositiveBigIntegerField(_("số thứ tự trong chuỗi"))
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("nhật ký")
        verbose_name_plural = _("nhật ký")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "seq"], name="audit_chain_seq"),
            models.UniqueConstraint(fields=["chain", "prev_hash"], name="audit_chain_prev"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk:
            raise RuntimeError("Audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit entries are append-only")

    def compute_hash(self) -> str:
        return audit_hash(
            prev=self.prev_hash,
            at=self.at,
            actor_ref=self.actor_ref,
            actor_name=self.actor_name,
            action=self.action,
            unit_ref=self.unit_ref,
            unit_name=self.unit_name,
            object_type=self.object_type,
            object_id=self.object_id,
            data=self.data,
            chain=self.chain,
            seq=self.seq,
        )

    def links_agree(self) -> bool:
        """The foreign keys still point where the hashed ids say (or nowhere: deleted)."""
        return self.actor_id in (None, self.actor_ref) and self.unit_id in (None, self.unit_ref)


class AuditAnchor(models.Model):
    """One chain's head and length at one moment, signed with a key the database does not
    hold (from SECRET_KEY), printed on documents and mailed outside the portal.

    A later check finds the entry `head_id` with `head_hash` and exactly `count` entries
    up to it; a truncated or wholly re-hashed chain cannot match an anchor it did not
    sign, and a new anchor cannot be forged without the key.
    """

    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    chain = models.CharField(_("chuỗi"), max_length=24, blank=True, default="")
    count = models.PositiveBigIntegerField(_("số mục"))
    head_id = models.BigIntegerField(null=True)
    head_hash = models.CharField(max_length=64)
    sent_to = models.TextField(_("gửi đến"), blank=True)
    signature = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("mốc nhật ký")
        verbose_name_plural = _("mốc nhật ký")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.chain or '—'} · {self.count} · {self.head_hash[:16]}"


class ActivationCode(models.Model):
    """A one-time secret that lets a member set their first password.

    Printed slips carry a short code; e-mails carry a long token in a link. Only a keyed
    hash is stored; a code expires, is used once, and dies after a few wrong tries.
    """

    class Kind(models.TextChoices):
        SLIP = "slip", _("Phiếu in")
        EMAIL = "email", _("Liên kết e-mail")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="activation_codes"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("mã kích hoạt")
        verbose_name_plural = _("mã kích hoạt")

    def __str__(self):
        return f"{self.user} — {self.get_kind_display()} — {self.created_at:%Y-%m-%d}"


class MemberImport(models.Model):
    """One uploaded member sheet: kept in storage until the chair confirms or drops it."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Đang xem trước")
        DONE = "done", _("Đã nhập")
        DISCARDED = "discarded", _("Đã hủy")

    class Kind(models.TextChoices):
        MEMBERS = "members", _("Danh sách đoàn viên")
        AWARDS = "awards", _("Khen thưởng các năm trước")

    token = models.CharField(max_length=40, unique=True)
    unit = models.ForeignKey(OrgUnit, models.CASCADE, related_name="member_imports")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.MEMBERS)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    file_name = models.CharField(max_length=255)
    stored_as = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEW)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("lần nhập danh sách")
        verbose_name_plural = _("lần nhập danh sách")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.unit} — {self.file_name}"


class PastAward(models.Model):
    """An award a person received before the portal, imported from the union's sheet.

    Kept simple on purpose: the award-history issue builds the record on these rows.
    """

    unit = models.ForeignKey(OrgUnit, models.CASCADE, related_name="past_awards")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="past_awards",
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("danh hiệu / hình thức khen thưởng"), max_length=200)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    imported_from = models.ForeignKey(
        MemberImport, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("khen thưởng đã nhập")
        verbose_name_plural = _("khen thưởng đã nhập")
        ordering = ["unit", "-year", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "full_name", "year", "title"], name="past_award_unique"
            ),
        ]

    def __str__(self):
        return f"{self.full_name} — {self.year} — {self.title}"


class GuideDismissal(models.Model):
    """A first-run guide a person has put away: one row per kind of guide of
    portal/help.py ("member", "chair", …), so a role taken on later shows its own guide
    once. Written and removed only by portal/services/guide.py."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="guide_dismissals",
        verbose_name=_("người"),
    )
    guide = models.CharField(_("hướng dẫn"), max_length=20)
    dismissed_at = models.DateTimeField(_("ẩn lúc"))

    class Meta:
        verbose_name = _("hướng dẫn bắt đầu đã ẩn")
        verbose_name_plural = _("hướng dẫn bắt đầu đã ẩn")
        constraints = [
            models.UniqueConstraint(fields=["user", "guide"], name="guide_dismissal_unique"),
        ]

    def __str__(self):
        return f"{self.user} — {self.guide}"
