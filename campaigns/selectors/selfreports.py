"""Reads for self-reports: the member's own report and window, the BCH's overview."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache

from django.core.cache import cache as structure_cache
from django.db import connection
from django.db.models import Max, TextChoices
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from campaigns.deadlines import Window, window_of
from campaigns.models import (
    Criterion,
    DeadlineExtension,
    Milestone,
    Plan,
    SelfReport,
    SelfReportVersion,
    Target,
    Title,
)
from portal.models import UNION_MEMBER_ROLES, Membership
from portal.permissions import visible_to
from portal.vietnamese import collation_key, fold


def self_report_milestone(plan: Plan) -> Milestone | None:
    """The plan's self-report window (the last one if a plan has several)."""
    return plan.milestones.filter(kind=Milestone.Kind.SELF_REPORT).order_by("ends_at").last()


def personal_deadline(plan: Plan, member) -> datetime | None:
    """The latest deadline the chair granted `member` for `plan`, if any."""
    return (
        DeadlineExtension.objects.filter(
            plan=plan, member=member, status=DeadlineExtension.Status.GRANTED
        )
        .aggregate(latest=Max("new_deadline"))
        .get("latest")
    )


def member_window(plan: Plan, member, milestone: Milestone | None = None) -> Window | None:
    """The member's self-report window, their granted extension included."""
    milestone = milestone or self_report_milestone(plan)
    if milestone is None:
        return None
    return window_of(milestone, extended_to=personal_deadline(plan, member))


def self_report_windows(plan: Plan, member) -> tuple[Window, Window] | None:
    """(the plan's self-report window, the member's own) in one query, or None.

    The plan's window is its last self-report milestone (as ``self_report_milestone``);
    the member's is that window extended to the latest deadline the chair granted them
    (as ``member_window``). Read fresh on every call, never cached.

    Plain SQL on purpose: every submit asks this in the deadline rush, and building the
    same statement through the ORM cost 0.9 ms of CPU against 0.1 ms (bench/
    profile_submit.py); tests/campaigns/reporting hold it to the ORM's answers.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            _windows_sql(connection.vendor),
            [member.pk, DeadlineExtension.Status.GRANTED, plan.pk, Milestone.Kind.SELF_REPORT],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    starts_at, ends_at, personal = (_aware(value) for value in row)
    original = Window(starts_at, ends_at)
    return original, original.extended_to(personal)


@cache
def _windows_sql(vendor: str) -> str:
    q = connection.ops.quote_name
    m, x = Milestone._meta, DeadlineExtension._meta

    def col(meta, name):
        return q(meta.get_field(name).column)

    return (
        f"SELECT m.{col(m, 'starts_at')}, m.{col(m, 'ends_at')}, "
        f"(SELECT MAX(x.{col(x, 'new_deadline')}) FROM {q(x.db_table)} x "
        f"WHERE x.{col(x, 'plan')} = m.{col(m, 'plan')} AND x.{col(x, 'member')} = %s "
        f"AND x.{col(x, 'status')} = %s) "
        f"FROM {q(m.db_table)} m WHERE m.{col(m, 'plan')} = %s AND m.{col(m, 'kind')} = %s "
        f"ORDER BY m.{col(m, 'ends_at')} DESC LIMIT 1"
    )


def _aware(value) -> datetime | None:
    """A timestamp as the driver gives it (aware on PostgreSQL, text on SQLite), aware."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = parse_datetime(value)
    return value if timezone.is_aware(value) else timezone.make_aware(value, UTC)


def own_report(plan: Plan, member) -> SelfReport:
    """The member's report for `plan`, or a new unsaved one (nothing is written on a read)."""
    report = (
        SelfReport.objects.filter(plan=plan, member=member)
        .select_related("plan__issuer", "member", "unit")
        .first()
    )
    return report or SelfReport(plan=plan, member=member, unit=plan.issuer)


def criteria_of(plan: Plan) -> list[Criterion]:
    return list(plan.criteria.order_by("order", "id"))


def answers_by_criterion(report: SelfReport) -> dict:
    if report.pk is None:
        return {}
    return {a.criterion_id: a for a in report.answers.all()}


def latest_version(report: SelfReport) -> SelfReportVersion | None:
    if report.pk is None:
        return None
    return report.versions.order_by("-number").first()


def extensions_of(plan: Plan, member) -> list[DeadlineExtension]:
    return list(DeadlineExtension.objects.filter(plan=plan, member=member))


def open_extension_requests(plan: Plan, user) -> list[DeadlineExtension]:
    """Requests still waiting for the chair, oldest first, as the user may see them."""
    return list(
        visible_to(user, DeadlineExtension)
        .filter(plan=plan, status=DeadlineExtension.Status.REQUESTED)
        .order_by("requested_at", "id")
    )


def decided_extensions(plan: Plan, user) -> list[DeadlineExtension]:
    return list(
        visible_to(user, DeadlineExtension)
        .filter(plan=plan)
        .exclude(status=DeadlineExtension.Status.REQUESTED)
        .order_by("-decided_at", "-id")
    )


# --- the BCH's overview ---------------------------------------------------------------


class MemberStatus(TextChoices):
    NOTHING = "nothing", _("Chưa làm")
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Đã nộp")
    LATE = "late", _("Nộp trễ")
    EXTENDED = "extended", _("Được gia hạn")


@dataclass(frozen=True)
class MemberRow:
    user_id: int
    full_name: str
    search_name: str
    email: str
    group_name: str
    status: MemberStatus
    report_id: int | None
    submitted_at: datetime | None
    version: int
    extended_to: datetime | None

    @property
    def status_label(self) -> str:
        return self.status.label

    @property
    def has_submitted(self) -> bool:
        return self.submitted_at is not None


@dataclass(frozen=True)
class GroupRows:
    name: str
    rows: list[MemberRow]


@dataclass(frozen=True)
class Overview:
    total: int
    counts: dict  # MemberStatus -> number, over the whole unit
    groups: list[GroupRows]  # after filter and search
    shown: int
    submitted: int  # members with a submitted report, whatever its status


def _status(report: SelfReport | None, extended_to) -> MemberStatus:
    if report is not None and report.is_submitted and report.is_late:
        return MemberStatus.LATE
    if extended_to is not None:
        return MemberStatus.EXTENDED
    if report is not None and report.is_submitted:
        return MemberStatus.SUBMITTED
    if report is not None:
        return MemberStatus.DRAFT
    return MemberStatus.NOTHING


def member_rows(plan: Plan) -> list[MemberRow]:
    """One row per union member of the plan's union, in Vietnamese name order.

    Three queries whatever the number of members: memberships, reports, extensions.
    """
    memberships = (
        Membership.objects.current()
        .filter(unit_id=plan.issuer_id, role__in=UNION_MEMBER_ROLES)
        .select_related("user", "group")
        .order_by("user__sort_name", "user_id", "group_id")
    )
    reports = {
        r.member_id: r
        for r in SelfReport.objects.filter(plan=plan).only(
            "id", "member_id", "status", "is_late", "submitted_at", "version"
        )
    }
    extended = dict(
        DeadlineExtension.objects.filter(plan=plan, status=DeadlineExtension.Status.GRANTED)
        .values("member_id")
        .annotate(latest=Max("new_deadline"))
        .values_list("member_id", "latest")
    )
    rows, seen = [], set()
    for m in memberships:
        if m.user_id in seen:
            continue
        seen.add(m.user_id)
        report = reports.get(m.user_id)
        rows.append(
            MemberRow(
                user_id=m.user_id,
                full_name=m.user.full_name or m.user.username,
                search_name=m.user.search_name or fold(m.user.username),
                email=m.user.email,
                group_name=m.group.name if m.group_id else "",
                status=_status(report, extended.get(m.user_id)),
                report_id=report.pk if report else None,
                submitted_at=report.submitted_at if report else None,
                version=report.version if report else 0,
                extended_to=extended.get(m.user_id),
            )
        )
    return rows


def unit_overview(plan: Plan, *, status: str = "", search: str = "") -> Overview:
    """Every member of the union with their self-report status, by union group.

    Counts cover the whole union; `status` and `search` (diacritics ignored) narrow the
    rows shown. The number of queries does not depend on the number of members.
    """
    rows = member_rows(plan)
    counts = Counter(r.status for r in rows)
    counts = {s: counts.get(s, 0) for s in MemberStatus}
    needle = fold(search.strip())
    shown = [
        r
        for r in rows
        if (not status or r.status == status) and (not needle or needle in r.search_name)
    ]
    by_group: dict[str, list[MemberRow]] = {}
    for row in shown:
        by_group.setdefault(row.group_name, []).append(row)
    no_group = str(_("Chưa phân tổ"))
    groups = [
        GroupRows(name=name or no_group, rows=group_rows)
        for name, group_rows in sorted(
            by_group.items(), key=lambda kv: (kv[0] == "", collation_key(kv[0]))
        )
    ]
    return Overview(
        total=len(rows),
        counts=counts,
        groups=groups,
        shown=len(shown),
        submitted=sum(1 for r in rows if r.has_submitted),
    )


def members_to_remind(plan: Plan) -> list[MemberRow]:
    """Members with nothing submitted yet (none, draft, or extended and not submitted)."""
    return [r for r in member_rows(plan) if not r.has_submitted]


# --- the plan's structure, cached (was reporting/structure.py) -----------------------
# The part of a plan a self-report is checked against, read once and cached per plan.
#
# A submit needs the plan's criteria (kind, maximum, required) and its individual titles
# twice: to build the page's form and to validate in the service. Both ask
# ``plan_structure(plan)``; the first asks the database, the others the cache (Django's
# default cache: per process when ``CACHES`` is not configured).
#
# Freshness: the entry is keyed on the plan and stamped with its ``created_at`` and
# ``updated_at``, and the plan is read from the database on every request. Saving or
# deleting one of its criteria or titles (the plan services, the admin, factories:
# anything through ``save``/``delete``) sets the plan's ``updated_at`` in the same
# transaction, so every process sees a new stamp on its next request and reads the
# structure again; the process that made the change also drops its entry at once.
# Entries expire after ``TIMEOUT`` seconds in any case (writes that bypass the signals,
# such as ``QuerySet.update``, are seen after at most that long). Deadlines are never
# cached: they are read from the database on every submit
# (``selectors.self_report_windows``).


TIMEOUT = 300  # seconds
_PREFIX = "campaigns.selfreport.structure"


@dataclass(frozen=True)
class PlanStructure:
    # The plan's individual criteria, in order. Collective criteria ("100% đoàn viên hoàn
    # thành…") belong to the unit: the chair scores them on the unit assessment, members
    # never see them on their own report.
    criteria: tuple[Criterion, ...]
    titles: tuple[Title, ...]  # the plan's individual titles, in order
    stamp: tuple = field(default=(), compare=False)

    @property
    def title_names(self) -> dict[int, str]:
        return {t.pk: t.name for t in self.titles}


def _key(plan_id: int) -> str:
    return f"{_PREFIX}:{plan_id}"


def _stamp(plan: Plan) -> tuple:
    return (plan.pk, plan.created_at, plan.updated_at)


def plan_structure(plan: Plan) -> PlanStructure:
    """The plan's criteria and individual titles, in order (cached; see the comment above)."""
    stamp = _stamp(plan)
    found = structure_cache.get(_key(plan.pk))
    if found is not None and found.stamp == stamp:
        return found
    structure = PlanStructure(
        # Not through plan.criteria: the rows would carry the plan into the cache.
        criteria=tuple(
            Criterion.objects.filter(plan_id=plan.pk, target=Target.INDIVIDUAL).order_by(
                "order", "id"
            )
        ),
        titles=tuple(
            Title.objects.filter(plan_id=plan.pk, target=Target.INDIVIDUAL).order_by("order", "id")
        ),
        stamp=stamp,
    )
    structure_cache.set(_key(plan.pk), structure, TIMEOUT)
    return structure


def forget_plan_structure(plan_id: int) -> None:
    structure_cache.delete(_key(plan_id))


@receiver(post_save, sender=Criterion, dispatch_uid="selfreport-structure-criterion-saved")
@receiver(post_delete, sender=Criterion, dispatch_uid="selfreport-structure-criterion-deleted")
@receiver(post_save, sender=Title, dispatch_uid="selfreport-structure-title-saved")
@receiver(post_delete, sender=Title, dispatch_uid="selfreport-structure-title-deleted")
def _structure_changed(sender, instance, raw=False, **kwargs):
    """A criterion or title changed: the plan changed. Its new ``updated_at`` tells every
    process (each has its own cache) to read the structure again; this one forgets it
    at once. In the same transaction as the change."""
    if raw:  # loading fixtures
        return
    Plan.objects.filter(pk=instance.plan_id).update(updated_at=timezone.now())
    forget_plan_structure(instance.plan_id)


@receiver(post_delete, sender=Plan, dispatch_uid="selfreport-structure-plan-deleted")
def _plan_deleted(sender, instance, **kwargs):
    forget_plan_structure(instance.pk)
