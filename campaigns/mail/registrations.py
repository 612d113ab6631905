"""Deadline reminders that escalate (DESIGN §4c), sent by `manage.py send_deadline_reminders`.

- Self-report windows: members with nothing submitted are reminded 72 h, 24 h and 2 h
  before their deadline (a granted extension moves it, and the tiers start again from
  the personal deadline); after the plan's deadline the chair gets the list of who is
  missing, and when nobody in the unit submitted by the deadline, the federation staff
  of the unit above are told.
- Registration windows: 24 h before the deadline, members who registered nothing, and
  chairs whose unit registered no collective title.

- Other apps add their own reminders with ``@reminder_source`` (reports/ adds the
  periodic reports a unit owes its parent): campaigns/ cannot import them.

Each mail is claimed first by inserting a ReminderLog row under a unique constraint, in
its own transaction: a second run (even one racing this one) finds the row and sends
nothing. If sending fails the claim is dropped, so the next run tries again.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from campaigns.deadlines import format_deadline, window_of
from campaigns.models import (
    DeadlineExtension,
    Milestone,
    Plan,
    Registration,
    ReminderLog,
    SelfReportVersion,
    Target,
)
from campaigns.selectors.registrations import CHAIR_ROLES
from campaigns.selectors.selfreports import member_rows, self_report_milestone
from portal.models import UNION_MEMBER_ROLES, Membership, OrgUnit, Role, User

TIERS = (("2h", timedelta(hours=2)), ("24h", timedelta(hours=24)), ("72h", timedelta(hours=72)))
REGISTRATION_TIER = ("24h", timedelta(hours=24))
# After-deadline notices are sent for windows closed at most this long ago.
LOOKBACK = timedelta(days=7)

Kind = ReminderLog.Kind

_sources: list = []


def reminder_source(fn):
    """Register `fn(now) -> list[Reminder]`: more reminders for the same command, sent
    with the same claim-once rule (its tiers must tell its due dates apart)."""
    _sources.append(fn)
    return fn


def current_tier(deadline: datetime, now: datetime, tiers=TIERS) -> str | None:
    """The most urgent tier reached at `now` before `deadline` ("2h", "24h", "72h"), or
    None when it is earlier than every tier or the deadline has passed. A run that missed
    a tier (cron down) sends only the current one, never a stale 72 h notice."""
    if now >= deadline:
        return None
    for label, before in tiers:
        if now >= deadline - before:
            return label
    return None


@dataclass(frozen=True)
class Reminder:
    plan: Plan
    recipient: User
    unit_id: int
    kind: str
    tier: str
    subject: str
    body: str


TIER_LABELS = {
    "72h": _lazy("72 giờ trước hạn"),
    "24h": _lazy("24 giờ trước hạn"),
    "2h": _lazy("2 giờ trước hạn"),
    "after": _lazy("sau hạn"),
}


def tier_label(tier: str) -> str:
    if tier.startswith("ext-"):
        return _("%(tier)s gia hạn") % {"tier": TIER_LABELS[tier[4:]]}
    return str(TIER_LABELS[tier])


@dataclass
class Summary:
    # (plan label, kind, tier) -> number of mails sent
    sent: Counter = field(default_factory=Counter)
    no_address: int = 0
    failed: int = 0

    @property
    def total(self) -> int:
        return sum(self.sent.values())

    def add(self, reminder: "Reminder") -> None:
        plan = reminder.plan
        label = f"{plan.symbol} — {plan.title[:60]}" if plan.number else plan.title[:60]
        self.sent[(label, reminder.kind, reminder.tier)] += 1

    def lines(self) -> list[str]:
        kinds = dict(Kind.choices)
        out = [
            f"{plan}: {kinds[kind]}, {tier_label(tier)}: {n}"
            for (plan, kind, tier), n in sorted(self.sent.items())
        ]
        out.append(_("Tổng cộng: %(n)d thư đã gửi.") % {"n": self.total})
        if self.no_address:
            out.append(
                _("%(n)d người chưa có địa chỉ thư, không gửi được.") % {"n": self.no_address}
            )
        if self.failed:
            out.append(_("%(n)d thư gửi lỗi, sẽ gửi lại ở lần chạy sau.") % {"n": self.failed})
        return out


def absolute_url(path: str) -> str:
    """`path` on the portal's address when PORTAL_BASE_URL is set (mail needs it)."""
    return getattr(settings, "PORTAL_BASE_URL", "").rstrip("/") + path


def _url(name: str, plan: Plan) -> str:
    return absolute_url(reverse(name, args=[plan.pk]))


def _greeting(user: User) -> str:
    return _("Kính gửi %(name)s,") % {"name": user.full_name or user.username}


# --- self-report windows ---------------------------------------------------------------


def _self_report_plans(now: datetime) -> list[tuple[Plan, Milestone]]:
    """Plans whose self-report window is open now, closed within LOOKBACK, or still open
    for someone through a granted extension."""
    extended = DeadlineExtension.objects.filter(
        status=DeadlineExtension.Status.GRANTED, new_deadline__gt=now
    ).values("plan_id")
    plans = (
        Plan.objects.filter(
            status=Plan.Status.PUBLISHED,
            is_historical=False,
            milestones__kind=Milestone.Kind.SELF_REPORT,
            milestones__starts_at__lte=now,
        )
        .filter(Q(milestones__ends_at__gt=now - LOOKBACK) | Q(pk__in=extended))
        .select_related("issuer")
        .distinct()
    )
    found = []
    for plan in plans:
        milestone = self_report_milestone(plan)
        if milestone is not None and milestone.starts_at <= now:
            found.append((plan, milestone))
    return found


def _member_reminders(plan, milestone, rows, users, now) -> list[Reminder]:
    out = []
    for row in rows:
        if row.has_submitted:
            continue
        window = window_of(milestone, extended_to=row.extended_to)
        if not window.is_open(now):
            continue
        tier = current_tier(window.ends_at, now)
        if tier is None:
            continue
        if window.ends_at != milestone.ends_at:
            tier = f"ext-{tier}"
        user = users[row.user_id]
        deadline = format_deadline(window.ends_at)
        subject = _("Nhắc nộp báo cáo cá nhân trước %(deadline)s") % {"deadline": deadline}
        body = _(
            "%(greeting)s\n\n"
            "Bạn chưa nộp báo cáo cá nhân cho kế hoạch “%(plan)s” của %(unit)s.\n"
            "Hạn chót: %(deadline)s%(personal)s. Báo cáo nộp từ thời điểm đó trở đi sẽ "
            "không được nhận.\n\n"
            "Làm báo cáo tại: %(url)s\n"
        ) % {
            "greeting": _greeting(user),
            "plan": plan.title,
            "unit": plan.issuer.name,
            "deadline": deadline,
            "personal": _(" (hạn đã được gia hạn cho bạn)") if tier.startswith("ext-") else "",
            "url": _url("campaigns:selfreport_fill", plan),
        }
        out.append(Reminder(plan, user, plan.issuer_id, Kind.SELF_REPORT, tier, subject, body))
    return out


def unit_people(unit_ids, roles) -> dict[int, list[User]]:
    """{unit id: current holders of `roles`}, in one query."""
    found: dict[int, list[User]] = defaultdict(list)
    rows = (
        Membership.objects.current()
        .filter(unit_id__in=list(unit_ids), role__in=roles)
        .select_related("user")
        .order_by("user__sort_name", "user_id")
    )
    for m in rows:
        if m.user not in found[m.unit_id]:
            found[m.unit_id].append(m.user)
    return found


def chairs_of(unit_ids) -> dict[int, list[User]]:
    """The chair of each unit; the vice chairs where a unit has no chair."""
    chairs = unit_people(unit_ids, (Role.CHAIR,))
    vices = unit_people([u for u in unit_ids if not chairs.get(u)], (Role.VICE_CHAIR,))
    return {u: chairs.get(u) or vices.get(u, []) for u in unit_ids}


def _missing_reminders(plan, milestone, rows, now) -> list[Reminder]:
    if now < milestone.ends_at:
        return []
    missing = [r for r in rows if not r.has_submitted and r.extended_to is None]
    extended = [r for r in rows if not r.has_submitted and r.extended_to and r.extended_to > now]
    if not missing and not extended:
        return []
    deadline = format_deadline(milestone.ends_at)

    def line(r):
        group = f" ({r.group_name})" if r.group_name else ""
        return f"- {r.full_name}{group}"

    lines = [line(r) for r in missing]
    later = [f"{line(r)}: {_('gia hạn đến')} {format_deadline(r.extended_to)}" for r in extended]
    out = []
    for chair in chairs_of([plan.issuer_id])[plan.issuer_id]:
        subject = _("Danh sách chưa nộp báo cáo cá nhân (hạn chót %(deadline)s)") % {
            "deadline": deadline
        }
        body = _(
            "%(greeting)s\n\n"
            "Đã hết hạn nộp báo cáo cá nhân cho kế hoạch “%(plan)s” (hạn chót %(deadline)s). "
            "%(n)d/%(total)d đoàn viên chưa nộp:\n%(lines)s\n"
        ) % {
            "greeting": _greeting(chair),
            "plan": plan.title,
            "deadline": deadline,
            "n": len(missing),
            "total": len(rows),
            "lines": "\n".join(lines) or _("(không có)"),
        }
        if later:
            body += "\n" + _("Đang trong thời gian gia hạn:") + "\n" + "\n".join(later) + "\n"
        body += (
            "\n"
            + _("Xem tình hình nộp: %(url)s") % {"url": _url("campaigns:selfreport_overview", plan)}
            + "\n"
        )
        out.append(Reminder(plan, chair, plan.issuer_id, Kind.MISSING, "after", subject, body))
    return out


def _unit_late_reminders(plan, milestone, rows, now) -> list[Reminder]:
    """Nobody in the unit submitted by the deadline: tell the federation staff above."""
    if now < milestone.ends_at or not rows:
        return []
    if SelfReportVersion.objects.filter(
        report__plan=plan, submitted_at__lt=milestone.ends_at
    ).exists():
        return []
    unit = plan.issuer
    above = OrgUnit(path=unit.path).ancestor_paths()[:-1]
    staff = (
        Membership.objects.current()
        .filter(unit__path__in=above, role=Role.FEDERATION_STAFF)
        .select_related("user", "unit")
        .order_by("-unit__depth", "user__sort_name")
    )
    nearest = [m for m in staff if m.unit.depth == staff[0].unit.depth] if staff else []
    deadline = format_deadline(milestone.ends_at)
    out = []
    for m in nearest:
        subject = _("%(unit)s chưa có báo cáo nào (hạn chót %(deadline)s)") % {
            "unit": unit.name,
            "deadline": deadline,
        }
        body = _(
            "%(greeting)s\n\n"
            "Đến hạn chót %(deadline)s, chưa đoàn viên nào của %(unit)s nộp báo cáo cá nhân "
            "cho kế hoạch “%(plan)s” (%(total)d đoàn viên).\n"
            "Đề nghị %(parent)s nhắc đơn vị.\n"
        ) % {
            "greeting": _greeting(m.user),
            "deadline": deadline,
            "unit": unit.name,
            "plan": plan.title,
            "total": len(rows),
            "parent": m.unit.name,
        }
        out.append(Reminder(plan, m.user, unit.pk, Kind.UNIT_LATE, "after", subject, body))
    return out


def self_report_reminders(now: datetime) -> list[Reminder]:
    """Every self-report reminder due at `now` (before filtering out those already sent)."""
    out = []
    for plan, milestone in _self_report_plans(now):
        rows = member_rows(plan)
        users = {u.pk: u for u in User.objects.filter(pk__in=[r.user_id for r in rows])}
        out += _member_reminders(plan, milestone, rows, users, now)
        out += _missing_reminders(plan, milestone, rows, now)
        out += _unit_late_reminders(plan, milestone, rows, now)
    return out


# --- registration windows ----------------------------------------------------------------


def registration_reminders(now: datetime) -> list[Reminder]:
    """24 h before a registration deadline: members who registered nothing, chairs whose
    unit registered no collective title (when the plan has some)."""
    label, before = REGISTRATION_TIER
    milestones = (
        Milestone.objects.filter(
            kind=Milestone.Kind.REGISTRATION,
            starts_at__lte=now,
            ends_at__gt=now,
            ends_at__lte=now + before,
            plan__status=Plan.Status.PUBLISHED,
            plan__is_historical=False,
        )
        .select_related("plan__issuer")
        .annotate(
            individual=Count("plan__titles", filter=Q(plan__titles__target=Target.INDIVIDUAL)),
            collective=Count("plan__titles", filter=Q(plan__titles__target=Target.COLLECTIVE)),
        )
    )
    out = []
    for milestone in milestones:
        plan = milestone.plan
        deadline = format_deadline(milestone.ends_at)
        done = Registration.objects.filter(plan=plan)
        members_done = set(done.filter(member__isnull=False).values_list("member_id", flat=True))
        units_done = set(done.filter(member__isnull=True).values_list("unit_id", flat=True))
        memberships = (
            Membership.objects.current()
            .filter(unit__path__startswith=plan.issuer.path)
            .filter(role__in=UNION_MEMBER_ROLES)
            .select_related("user", "unit")
            .order_by("user__sort_name", "user_id", "-unit__depth")
        )
        seen: set[int] = set()
        chaired: set[tuple[int, int]] = set()
        for m in memberships:
            if milestone.individual and m.user_id not in seen and m.user_id not in members_done:
                out.append(_registration_member_reminder(plan, m, deadline, label))
            seen.add(m.user_id)
            if (
                milestone.collective
                and m.role in CHAIR_ROLES
                and m.unit_id not in units_done
                and (m.user_id, m.unit_id) not in chaired
            ):
                chaired.add((m.user_id, m.unit_id))
                out.append(_registration_unit_reminder(plan, m, deadline, label))
    return out


def _registration_member_reminder(plan, membership, deadline, tier) -> Reminder:
    user = membership.user
    subject = _("Nhắc đăng ký thi đua trước %(deadline)s") % {"deadline": deadline}
    body = _(
        "%(greeting)s\n\n"
        "Bạn chưa đăng ký danh hiệu thi đua nào cho kế hoạch “%(plan)s”.\n"
        "Hạn chót đăng ký: %(deadline)s. Danh hiệu phải đăng ký mà không đăng ký thì "
        "không được xét.\n\n"
        "Đăng ký tại: %(url)s\n"
    ) % {
        "greeting": _greeting(user),
        "plan": plan.title,
        "deadline": deadline,
        "url": _url("campaigns:registration_member", plan),
    }
    return Reminder(plan, user, membership.unit_id, Kind.REGISTRATION, tier, subject, body)


def _registration_unit_reminder(plan, membership, deadline, tier) -> Reminder:
    user = membership.user
    subject = _("Nhắc đăng ký thi đua tập thể trước %(deadline)s") % {"deadline": deadline}
    body = _(
        "%(greeting)s\n\n"
        "%(unit)s chưa đăng ký danh hiệu tập thể nào cho kế hoạch “%(plan)s”.\n"
        "Hạn chót đăng ký: %(deadline)s.\n\n"
        "Đăng ký tại: %(url)s?don_vi=%(unit_id)d\n"
    ) % {
        "greeting": _greeting(user),
        "unit": membership.unit.name,
        "plan": plan.title,
        "deadline": deadline,
        "url": _url("campaigns:registration_unit", plan),
        "unit_id": membership.unit_id,
    }
    return Reminder(plan, user, membership.unit_id, Kind.UNIT_REGISTRATION, tier, subject, body)


# --- sending --------------------------------------------------------------------------------


def _claim(reminder: Reminder, now: datetime) -> ReminderLog | None:
    try:
        with transaction.atomic():
            return ReminderLog.objects.create(
                plan=reminder.plan,
                recipient=reminder.recipient,
                unit_id=reminder.unit_id,
                kind=reminder.kind,
                tier=reminder.tier,
                sent_at=now,
            )
    except IntegrityError:
        return None  # another run has claimed it


def send_deadline_reminders(*, now: datetime, dry_run: bool = False) -> Summary:
    """Send every reminder due at `now` that was not sent before; return what was sent.

    Side effects: one ReminderLog row and one mail per reminder. Must not run inside a
    transaction (each claim commits on its own, so racing runs see each other's claims).
    """
    summary = Summary()
    due = self_report_reminders(now) + registration_reminders(now)
    due += [reminder for source in _sources for reminder in source(now)]
    plan_ids = {r.plan.pk for r in due}
    sent_before = set(
        ReminderLog.objects.filter(plan_id__in=plan_ids).values_list(
            "plan_id", "recipient_id", "unit_id", "kind", "tier"
        )
    )
    connection = None if dry_run else get_connection()
    for reminder in due:
        key = (
            reminder.plan.pk,
            reminder.recipient.pk,
            reminder.unit_id,
            reminder.kind,
            reminder.tier,
        )
        if key in sent_before:
            continue
        if not reminder.recipient.email:
            summary.no_address += 1
            continue
        if not dry_run:
            claim = _claim(reminder, now)
            if claim is None:
                continue
            message = EmailMessage(
                reminder.subject,
                reminder.body,
                settings.DEFAULT_FROM_EMAIL,
                [reminder.recipient.email],
                connection=connection,
            )
            try:
                message.send()
            except Exception:  # noqa: BLE001 — any mail failure: release the claim, retry later
                claim.delete()
                summary.failed += 1
                continue
        summary.add(reminder)
    return summary
