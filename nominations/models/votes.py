"""Vote rounds (W6) and their ballots.

A secret ballot is never stored in clear (docs/ballots.md): the round has a public key made
of its counting committee's shares (``CountingMember``), and the ballot box is a fixed set
of slots (``Ballot``) created when the round opens — one per elector, in random order, with
random keys and codes, each holding encryptions of 0. Every vote rewrites every slot under
fresh randomness and adds the ballot into one of them, so no row, version or order tells
which slot a vote went to. Who took part is stored apart (``Participation``); its unique
(round, voter) constraint makes a second ballot impossible. Show-of-hands rounds record
names on purpose, in ``OpenVote``, which only open rounds may use.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.deadlines import Window
from campaigns.models import Plan
from nominations.models.nominations import Nomination
from portal.models import OrgUnit


class Choice(models.TextChoices):
    APPROVE = "approve", _("Đồng ý")
    DISAPPROVE = "disapprove", _("Không đồng ý")
    ABSTAIN = "abstain", _("Không biểu quyết")


class VoteRound(models.Model):
    class Electorate(models.TextChoices):
        BCH = "bch", _("Ban Chấp hành")
        MEMBERS = "members", _("Toàn thể đoàn viên (lấy ý kiến tập thể)")

    class Mode(models.TextChoices):
        SECRET = "secret", _("Bỏ phiếu kín")
        OPEN = "open", _("Biểu quyết công khai (giơ tay)")

    class ChoiceMode(models.TextChoices):
        PER_NOMINEE = "per_nominee", _("Đồng ý / không đồng ý / không biểu quyết từng người")
        CHOOSE_UP_TO = "choose_up_to", _("Chọn tối đa K người")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang chuẩn bị")
        OPEN = "open", _("Đã mở")
        COUNTING = "counting", _("Đã kết thúc bỏ phiếu, chờ ban kiểm phiếu")
        CLOSED = "closed", _("Đã kết thúc, đã kiểm phiếu")
        CANCELLED = "cancelled", _("Đã hủy")

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="vote_rounds")
    unit = models.ForeignKey(OrgUnit, models.PROTECT, related_name="vote_rounds")
    name = models.CharField(_("tên đợt biểu quyết"), max_length=200)
    electorate = models.CharField(
        _("người bỏ phiếu"), max_length=10, choices=Electorate.choices, default=Electorate.BCH
    )
    mode = models.CharField(
        _("hình thức"), max_length=10, choices=Mode.choices, default=Mode.SECRET
    )
    choice_mode = models.CharField(
        _("cách chọn"), max_length=15, choices=ChoiceMode.choices, default=ChoiceMode.PER_NOMINEE
    )
    max_choices = models.PositiveSmallIntegerField(_("chọn tối đa"), null=True, blank=True)
    opens_at = models.DateTimeField(_("mở lúc"))
    closes_at = models.DateTimeField(_("đóng lúc"))
    present_count = models.PositiveIntegerField(_("số người có mặt"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    nominations = models.ManyToManyField(
        Nomination, related_name="vote_rounds", verbose_name=_("người được đề nghị")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # Secret rounds: the sum of the committee's public shares (hex), fixed at the opening.
    public_key = models.CharField(max_length=64, blank=True)
    # The pass rule of each title, copied when the round opens:
    # {"<title id>": {"quorum": "0.5", "base": "present", "threshold": "0.5", "strict": false}}
    rules = models.JSONField(default=dict, blank=True)
    # When and why voting actually ended (time up, everyone voted, or the chair's reason).
    voting_closed_at = models.DateTimeField(_("kết thúc bỏ phiếu lúc"), null=True, blank=True)
    close_reason = models.CharField(_("lý do kết thúc"), max_length=300, blank=True)
    # The sum of every slot, per nominee and bit, computed when voting ends.
    summed = models.JSONField(default=dict, blank=True)
    bulletin_hash = models.CharField(_("mã băm bảng niêm yết"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("đợt biểu quyết")
        verbose_name_plural = _("đợt biểu quyết")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="vote_round_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(choice_mode="per_nominee") | models.Q(max_choices__gte=1),
                name="vote_round_choose_up_to_needs_k",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def window(self) -> Window:
        return Window(self.opens_at, self.closes_at)

    @property
    def is_secret(self) -> bool:
        return self.mode == self.Mode.SECRET


class Elector(models.Model):
    """Who may vote in a round, fixed when the round opens; `paper` marks those the
    committee set to vote on paper (before the opening, or present without a phone)."""

    round = models.ForeignKey(VoteRound, models.CASCADE, related_name="electors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    paper = models.BooleanField(_("bỏ phiếu giấy"), default=False)

    class Meta:
        verbose_name = _("người có quyền biểu quyết")
        verbose_name_plural = _("người có quyền biểu quyết")
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="elector_unique"),
        ]

    def __str__(self):
        return f"{self.user} — {self.round}"


class CountingMember(models.Model):
    """A member of the round's counting committee (ban kiểm phiếu) and the public half of
    their key share. The secret half is a code shown to them once and never stored."""

    round = models.ForeignKey(VoteRound, models.CASCADE, related_name="counters")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    public_share = models.CharField(max_length=64, blank=True)
    # {"<nomination id>": {"a": proof, "d": proof}, "cast": proof}: decryption shares of the
    # summed ciphertexts with their proofs, entered at the count.
    decryption = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="counting_member_unique"),
        ]

    def __str__(self):
        return f"{self.user} — {self.round}"


class Participation(models.Model):
    """That a voter took part — never what they chose."""

    round = models.ForeignKey(VoteRound, models.CASCADE, related_name="participations")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    written = models.BooleanField(_("phiếu gửi bằng văn bản (vắng mặt)"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("lượt tham gia biểu quyết")
        verbose_name_plural = _("lượt tham gia biểu quyết")
        constraints = [
            models.UniqueConstraint(fields=["round", "voter"], name="participation_one_per_voter"),
        ]

    def __str__(self):
        return f"{self.voter} — {self.round}"


class Ballot(models.Model):
    """A slot of the encrypted ballot box: the round, a random code and ciphertexts.
    No voter, no time, no choice in clear."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(VoteRound, models.CASCADE, related_name="ballots")
    code = models.CharField(_("mã phiếu"), max_length=20)
    # {"cast": ct, "<nomination id>": {"a": ct, "d": ct}} — ct = [A, B] (nominations.tally):
    # a = approve, d = disapprove; a slot nobody used holds encryptions of 0.
    cipher = models.JSONField(default=dict)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["round", "code"], name="ballot_code_unique"),
        ]

    def __str__(self):
        return self.code


class OpenVote(models.Model):
    """A show-of-hands vote: names are recorded on purpose. Open rounds only."""

    round = models.ForeignKey(VoteRound, models.CASCADE, related_name="open_votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    choices = models.JSONField(default=dict)
    written = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("phiếu biểu quyết công khai")
        verbose_name_plural = _("phiếu biểu quyết công khai")
        constraints = [
            models.UniqueConstraint(fields=["round", "voter"], name="open_vote_one_per_voter"),
        ]

    def __str__(self):
        return f"{self.voter} — {self.round}"


class VoteResult(models.Model):
    """The count for one nominee, stored when the chair closes the round."""

    round = models.ForeignKey(VoteRound, models.CASCADE, related_name="results")
    nomination = models.ForeignKey(Nomination, models.CASCADE, related_name="vote_results")
    approve = models.PositiveIntegerField(default=0)
    disapprove = models.PositiveIntegerField(default=0)
    abstain = models.PositiveIntegerField(default=0)
    base = models.PositiveIntegerField(default=0)
    share = models.DecimalField(max_digits=7, decimal_places=4, default=0)
    passed = models.BooleanField(default=False)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["round", "nomination"]
        verbose_name = _("kết quả biểu quyết")
        verbose_name_plural = _("kết quả biểu quyết")
        constraints = [
            models.UniqueConstraint(fields=["round", "nomination"], name="vote_result_unique"),
        ]

    def __str__(self):
        return f"{self.nomination}: {self.approve}/{self.base}"
