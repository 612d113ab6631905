"""The federation's dashboard (W9): for a plan and its issuer's whole subtree, one row per
child unit — plan cascaded?, members, self-reports submitted / late / missing, review
finalised?, nominees forwarded per title, periodic reports on time / late / missing.

Every figure is aggregated in SQL (``values().annotate(Count…)``) per plan or per unit and
rolled up to the row in Python by tree path: the number of queries is the same for 1 unit
and for 200 (eleven at most). On time / late / missing go through campaigns.deadlines.

A unit with no child units (a CĐCS looking at its own plan) gets one row: itself.
"""

import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.deadlines import Window, WindowState, window_of
from campaigns.models import (
    Cluster,
    DeadlineExtension,
    Milestone,
    Plan,
    SelfReport,
    Title,
    UnitAssessment,
)
from campaigns.selectors.clusters import standings_for
from campaigns.services.cascade import expects_cascade
from nominations.models import Nomination, Review
from portal.models import UNION_MEMBER_ROLES, Membership, OrgUnit
from portal.vietnamese import collation_key, fold

# How far below the plan the cascade is followed (federation → CĐCS → chi bộ, city → ...).
CASCADE_DEPTH = 4


class Timeliness(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    PENDING = "pending"

    @property
    def label(self) -> str:
        return str(TIMELINESS_LABELS[self])


TIMELINESS_LABELS = {
    Timeliness.ON_TIME: _("Đúng hạn"),
    Timeliness.LATE: _("Trễ hạn"),
    Timeliness.MISSING: _("Còn thiếu"),
    Timeliness.PENDING: _("Chưa đến hạn"),
}


def timeliness(window: Window, sent_at: dt.datetime | None, now: dt.datetime) -> Timeliness:
    """On time (sent before the deadline), late (sent at or after it), missing (not sent
    and the deadline has passed) or pending (not sent, not yet due), by the deadline module."""
    if sent_at is not None:
        return (
            Timeliness.LATE if window.state(sent_at) is WindowState.CLOSED else Timeliness.ON_TIME
        )
    return Timeliness.MISSING if window.state(now) is WindowState.CLOSED else Timeliness.PENDING


@dataclass(frozen=True)
class TitleColumn:
    key: str  # "t<id>" or "other"
    name: str


@dataclass
class Counts:
    """The figures of a row (or of the totals)."""

    members: int = 0
    submitted: int = 0  # on time
    late: int = 0
    missing: int = 0
    pending: int = 0
    plans: int = 0  # plans made from this one in the row's subtree
    reviews_final: int = 0
    forwarded: dict[str, int] = field(default_factory=dict)  # TitleColumn.key -> number
    periodic: dict[str, int] = field(default_factory=lambda: {t.value: 0 for t in Timeliness})

    def add(self, other: "Counts") -> None:
        for name in ("members", "submitted", "late", "missing", "pending", "plans"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.reviews_final += other.reviews_final
        for key, n in other.forwarded.items():
            self.forwarded[key] = self.forwarded.get(key, 0) + n
        for key, n in other.periodic.items():
            self.periodic[key] += n

    @property
    def reported(self) -> int:
        return self.submitted + self.late

    @property
    def report_rate(self) -> float | None:
        """Share of members who submitted (on time or late); None without members."""
        return self.reported / self.members if self.members else None

    @property
    def forwarded_total(self) -> int:
        return sum(self.forwarded.values())

    @property
    def periodic_on_time(self) -> int:
        return self.periodic[Timeliness.ON_TIME]

    @property
    def periodic_late(self) -> int:
        return self.periodic[Timeliness.LATE]

    @property
    def periodic_missing(self) -> int:
        return self.periodic[Timeliness.MISSING]

    @property
    def periodic_pending(self) -> int:
        return self.periodic[Timeliness.PENDING]

    @property
    def review_done(self) -> bool:
        return self.plans > 0 and self.reviews_final >= self.plans


@dataclass
class UnitRow:
    unit_id: int
    unit_name: str
    unit_path: str
    plan_id: int | None = None  # the unit's own plan made from this one
    plan_symbol: str = ""
    plan_status: str = ""
    counts: Counts = field(default_factory=Counts)
    # Periodic reports of this unit: (milestone label, Timeliness, report id or None,
    # milestone id).
    periodic_items: list[tuple[str, Timeliness, int | None, int]] = field(default_factory=list)

    @property
    def cascaded(self) -> bool:
        return self.plan_status in (Plan.Status.PUBLISHED, Plan.Status.CLOSED)

    @property
    def plan_url(self) -> str:
        return reverse_id("campaigns:plan_detail", self.plan_id) if self.cascaded else ""

    @property
    def dashboard_url(self) -> str:
        return reverse_id("reports:dashboard", self.plan_id) if self.cascaded else ""

    # The forwarded counts in the order of the dashboard's title columns (for templates).
    forwarded_cells: list[int] = field(default_factory=list)
    # The unit's rating in this plan (W12), when the plan rates the units below it.
    rating: "RatingCell | None" = None

    def forwarded_for(self, key: str) -> int:
        return self.counts.forwarded.get(key, 0)


# An id no row has, reversed once and replaced by each row's id (reverse_id).
_MARK = 987654321


@functools.lru_cache(maxsize=32)
def _url_parts(name: str, prefix: str) -> tuple[str, str]:
    head, _mark, tail = reverse(name, args=[_MARK]).partition(str(_MARK))
    return head, tail


def reverse_id(name: str, pk: int) -> str:
    """``reverse(name, args=[pk])`` for a URL whose one argument is an id, resolved once
    per name (and script prefix): a district's page links 400 rows twice, and Django's
    reverse() of each was a tenth of the page's time."""
    head, tail = _url_parts(name, get_script_prefix())
    return f"{head}{pk}{tail}"


@dataclass(frozen=True)
class RatingCell:
    status: str  # UnitAssessment.Status
    self_total: Decimal | None
    verified_total: Decimal | None
    level: str  # "" until finalised

    @property
    def status_label(self) -> str:
        return UnitAssessment.Status(self.status).label


@dataclass(frozen=True)
class PeriodicDue:
    milestone_id: int
    label: str
    deadline: dt.datetime


@dataclass
class Dashboard:
    plan: Plan
    self_row: bool  # the issuer has no child units: its own row
    rows: list[UnitRow]  # after filters and sorting
    all_rows: list[UnitRow]
    totals: Counts  # over the rows shown
    title_columns: list[TitleColumn]
    periodic_dues: list[PeriodicDue]
    now: dt.datetime
    has_rating: bool = False  # the plan rates the units below it (W12)

    @property
    def cascaded_count(self) -> int:
        return sum(1 for r in self.rows if r.cascaded)

    @property
    def any_forwarded(self) -> bool:
        return any(self.totals.forwarded.values())

    @property
    def totals_forwarded_cells(self) -> list[int]:
        return [self.totals.forwarded.get(c.key, 0) for c in self.title_columns]


FILTERS = {
    "not_cascaded": _("Chưa triển khai kế hoạch"),
    "missing_reports": _("Còn thiếu báo cáo cá nhân"),
    "late_reports": _("Có báo cáo cá nhân nộp trễ"),
    "periodic_problem": _("Báo cáo định kỳ trễ hoặc còn thiếu"),
    "review_open": _("Chưa chốt bình xét"),
}

SORTS = {
    "name": lambda r: collation_key(r.unit_name),
    "members": lambda r: r.counts.members,
    "rate": lambda r: -1 if r.counts.report_rate is None else r.counts.report_rate,
    "missing": lambda r: r.counts.missing,
    "late": lambda r: r.counts.late,
    "forwarded": lambda r: r.counts.forwarded_total,
    "periodic": lambda r: (r.counts.periodic_missing, r.counts.periodic_late),
}


def _matches(row: UnitRow, status: str) -> bool:
    c = row.counts
    return {
        "not_cascaded": not row.cascaded,
        "missing_reports": c.missing > 0,
        "late_reports": c.late > 0,
        "periodic_problem": c.periodic_missing + c.periodic_late > 0,
        "review_open": not c.review_done,
    }.get(status, True)


def build_dashboard(
    plan: Plan,
    *,
    now: dt.datetime | None = None,
    status: str = "",
    search: str = "",
    sort: str = "name",
    only_unit: OrgUnit | None = None,
) -> Dashboard:
    """The dashboard of `plan` (its issuer must be loaded) over the issuer's subtree.

    `status` (a key of FILTERS), `search` (unit name, diacritics ignored) and `sort` (a key
    of SORTS, "-" in front for descending) narrow and order the rows; the totals add up
    the rows shown. `only_unit` keeps that one row (a periodic report's snapshot).
    """
    now = now or timezone.now()
    issuer = plan.issuer
    units = [u for u in OrgUnit.objects.filter(parent=issuer) if expects_cascade(issuer, u)]
    self_row = not units
    if self_row:
        units = [issuer]
    if only_unit is not None:
        units = [u for u in units if u.pk == only_unit.pk]
    rows = {u.path: UnitRow(unit_id=u.pk, unit_name=u.name, unit_path=u.path) for u in units}

    def row_for(path: str) -> UnitRow | None:
        if self_row:
            return rows.get(issuer.path) if path.startswith(issuer.path) else None
        if not path.startswith(issuer.path) or path == issuer.path:
            return None
        head = path[len(issuer.path) :].split("/", 1)[0]
        return rows.get(f"{issuer.path}{head}/")

    plans = _scope_plans(plan)
    plan_ids = [p.pk for p in plans]
    plan_row = {}
    for p in plans:
        row = row_for(p.issuer.path)
        if row is None:
            continue
        plan_row[p.pk] = row
        if p.parent_id == plan.pk and not self_row and p.issuer.path == row.unit_path:
            row.plan_id, row.plan_symbol, row.plan_status = p.pk, p.symbol, p.status
    if self_row and rows:
        only = next(iter(rows.values()))
        only.plan_id, only.plan_symbol, only.plan_status = plan.pk, plan.symbol, plan.status

    members_at = _members_by_unit(issuer)
    for (_unit_id, path), n in members_at.items():
        row = row_for(path)
        if row is not None:
            row.counts.members += n
    members_of_unit = {unit_id: n for (unit_id, _path), n in members_at.items()}

    _self_report_counts(plans, plan_row, members_of_unit, now)
    _review_counts(plan_ids, plan_row)
    title_columns = _forwarded_counts(plan, plan_ids, plan_row)
    periodic_dues = _periodic_counts(plan, issuer, self_row, rows, now)
    has_rating = _rating_cells(plan, rows)

    all_rows = sorted(rows.values(), key=SORTS["name"])
    for row in all_rows:
        row.forwarded_cells = [row.forwarded_for(c.key) for c in title_columns]
    needle = fold(search.strip())
    shown = [
        r for r in all_rows if _matches(r, status) and (not needle or needle in fold(r.unit_name))
    ]
    key = sort.lstrip("-")
    if key in SORTS and sort != "name":  # all_rows are in name order already
        shown.sort(key=SORTS[key], reverse=sort.startswith("-"))
    totals = Counts()
    for r in shown:
        totals.add(r.counts)
    return Dashboard(
        plan=plan,
        self_row=self_row,
        rows=shown,
        all_rows=all_rows,
        totals=totals,
        title_columns=title_columns,
        periodic_dues=periodic_dues,
        now=now,
        has_rating=has_rating,
    )


@dataclass(frozen=True)
class ClusterBoard:
    """A cluster's standings on the dashboard: each member by its cross-scoring rank."""

    cluster_id: int
    name: str
    kind: str
    head: str
    standings: list  # campaigns.selectors.clusters.Standing, best mean first
    scored: int  # members that have sent their scores

    @property
    def url(self) -> str:
        return reverse("campaigns:cluster_detail", args=[self.cluster_id])


def cluster_boards(plan: Plan) -> list[ClusterBoard]:
    """The standings of the plan's clusters (the dashboard page shows them under its
    table), in four queries whatever the number of clusters and units."""
    clusters = list(
        Cluster.objects.filter(plan=plan).select_related("head").order_by("kind", "name")
    )
    if not clusters:
        return []
    standings = standings_for(clusters)
    boards = []
    for c in clusters:
        rows = standings[c.pk]
        boards.append(
            ClusterBoard(
                cluster_id=c.pk,
                name=c.name,
                kind=c.get_kind_display(),
                head=c.head.name if c.head else "",
                standings=rows,
                scored=len({u for s in rows for u in s.totals}),
            )
        )
    return boards


def _rating_cells(plan: Plan, rows: dict[str, UnitRow]) -> bool:
    """Each row's rating in `plan` (self-score, verified score, level): one query."""
    by_unit = {r.unit_id: r for r in rows.values()}
    # One scheme per plan, one rating per unit in it: no order needed (Meta.ordering
    # would join every unit for its path).
    found = (
        UnitAssessment.objects.filter(scheme__plan=plan)
        .order_by()
        .values_list("unit_id", "status", "self_total", "verified_total", "level__name")
    )
    any_found = False
    for unit_id, status, self_total, verified_total, level in found:
        any_found = True
        row = by_unit.get(unit_id)
        if row is not None:
            finalised = status == UnitAssessment.Status.FINALISED
            row.rating = RatingCell(
                status,
                self_total,
                verified_total,
                (level or str(_("Không đạt mức nào"))) if finalised else "",
            )
    return any_found


def _scope_plans(plan: Plan) -> list[Plan]:
    """The plan and every plan made from it, down CASCADE_DEPTH levels (one query)."""
    q = Q(pk=plan.pk)
    for depth in range(1, CASCADE_DEPTH + 1):
        q |= Q(**{"__".join(["parent"] * depth): plan})
    return list(
        Plan.objects.filter(q)
        .select_related("issuer")
        .only(
            "id",
            "parent_id",
            "status",
            "number",
            "doc_type",
            "symbol_override",
            "issuer__path",
            "issuer__name",
            "issuer__short_name",
            "issuer__kind",  # the plan symbol: party units number the party way
        )
        .order_by("id")
    )


def _members_by_unit(issuer: OrgUnit) -> dict[tuple[int, str], int]:
    """Current union members per unit in the issuer's subtree (one query)."""
    rows = (
        Membership.objects.current()
        .filter(unit__path__startswith=issuer.path, role__in=UNION_MEMBER_ROLES)
        .values("unit_id", "unit__path")
        .annotate(n=Count("user_id", distinct=True))
    )
    return {(r["unit_id"], r["unit__path"]): r["n"] for r in rows}


def _self_report_counts(plans, plan_row, members_of_unit, now) -> None:
    """Submitted on time / late per plan; missing = members with nothing submitted once
    their window (a granted extension included) has closed. Three queries."""
    ids = list(plan_row)
    submitted = {
        r["plan_id"]: r
        for r in SelfReport.objects.filter(plan_id__in=ids, status=SelfReport.Status.SUBMITTED)
        .order_by()
        .values("plan_id")
        .annotate(
            on_time=Count("id", filter=Q(is_late=False)), late=Count("id", filter=Q(is_late=True))
        )
    }
    windows = {
        r["plan_id"]: Window(r["starts"], r["ends"])
        for r in Milestone.objects.filter(plan_id__in=ids, kind=Milestone.Kind.SELF_REPORT)
        .values("plan_id")
        .annotate(starts=Min("starts_at"), ends=Max("ends_at"))
    }
    has_submitted = SelfReport.objects.filter(
        plan_id=OuterRef("plan_id"),
        member_id=OuterRef("member_id"),
        status=SelfReport.Status.SUBMITTED,
    )
    extended = dict(
        DeadlineExtension.objects.filter(
            plan_id__in=ids, status=DeadlineExtension.Status.GRANTED, new_deadline__gt=now
        )
        .exclude(Exists(has_submitted))
        .order_by()
        .values("plan_id")
        .annotate(n=Count("member_id", distinct=True))
        .values_list("plan_id", "n")
    )
    for p in plans:
        row = plan_row.get(p.pk)
        if row is None:
            continue
        c = row.counts
        c.plans += 1 if p.status != Plan.Status.DRAFT else 0
        done = submitted.get(p.pk, {"on_time": 0, "late": 0})
        c.submitted += done["on_time"]
        c.late += done["late"]
        waiting = max(members_of_unit.get(p.issuer_id, 0) - done["on_time"] - done["late"], 0)
        window = windows.get(p.pk)
        if window is not None and window.state(now) is WindowState.CLOSED:
            still_open = min(extended.get(p.pk, 0), waiting)
            c.missing += waiting - still_open
            c.pending += still_open
        else:
            c.pending += waiting


def _review_counts(plan_ids, plan_row) -> None:
    """Plans whose review the chair has finalised (one query)."""
    for plan_id in (
        Review.objects.filter(plan_id__in=plan_ids, finalised_at__isnull=False)
        .order_by()
        .values_list("plan_id", flat=True)
    ):
        row = plan_row.get(plan_id)
        if row is not None:
            row.counts.reviews_final += 1


def published_nominations() -> Q:
    """The nominations a unit has made public: on its published list, or sent up."""
    return Q(status=Nomination.Status.FORWARDED) | Q(
        status=Nomination.Status.LISTED, plan__nomination_list__status="published"
    )


def _forwarded_counts(plan, plan_ids, plan_row) -> list[TitleColumn]:
    """Nominees on a published list or forwarded to the parent, per title of `plan` (a
    child plan's title counts under the title it inherits from; its own titles under
    "other"). Two queries."""
    titles = list(
        Title.objects.filter(plan_id__in=plan_ids).values(
            "id", "plan_id", "name", "inherited_from_id", "order"
        )
    )
    parent_of = {t["id"]: t["inherited_from_id"] for t in titles}
    columns = [
        TitleColumn(key=f"t{t['id']}", name=t["name"])
        for t in sorted(titles, key=lambda t: (t["order"], t["id"]))
        if t["plan_id"] == plan.pk
    ]
    own = {c.key for c in columns}

    def column_of(title_id: int) -> str:
        seen = 0
        while title_id is not None and f"t{title_id}" not in own and seen < CASCADE_DEPTH + 1:
            title_id = parent_of.get(title_id)
            seen += 1
        return f"t{title_id}" if title_id is not None and f"t{title_id}" in own else "other"

    rows = (
        Nomination.objects.filter(plan_id__in=plan_ids)
        .filter(published_nominations())
        .order_by()
        .values("plan_id", "title_id")
        .annotate(n=Count("id"))
    )
    any_other = False
    for r in rows:
        row = plan_row.get(r["plan_id"])
        if row is None:
            continue
        key = column_of(r["title_id"])
        any_other |= key == "other"
        row.counts.forwarded[key] = row.counts.forwarded.get(key, 0) + r["n"]
    if any_other:
        columns.append(TitleColumn(key="other", name=str(_("Danh hiệu khác"))))
    return columns


def _periodic_counts(plan, issuer, self_row, rows, now) -> list[PeriodicDue]:
    """Each row unit's periodic report for each due date: the plan's periodic_report
    milestones (for a unit's own row, those of the parent plan it reports to). Two
    queries."""
    from reports.models import PeriodicReport

    source_plan_id = plan.parent_id if self_row else plan.pk
    if source_plan_id is None or not rows:
        return []
    milestones = list(
        Milestone.objects.filter(
            plan_id=source_plan_id, kind=Milestone.Kind.PERIODIC_REPORT
        ).order_by("ends_at", "id")
    )
    if not milestones:
        return []
    by_unit = {r.unit_id: r for r in rows.values()}
    sent = defaultdict(dict)
    for report in (
        PeriodicReport.objects.filter(milestone__in=milestones, unit_id__in=list(by_unit))
        .order_by()
        .values("id", "unit_id", "milestone_id", "status", "sent_at")
    ):
        sent[report["unit_id"]][report["milestone_id"]] = report
    dues = []
    for m in milestones:
        label = m.label or str(m.get_kind_display())
        dues.append(PeriodicDue(milestone_id=m.pk, label=label, deadline=m.ends_at))
        window = window_of(m)
        for unit_id, row in by_unit.items():
            report = sent[unit_id].get(m.pk)
            is_sent = report is not None and report["status"] == "sent"
            state = timeliness(window, report["sent_at"] if is_sent else None, now)
            row.counts.periodic[state] += 1
            row.periodic_items.append((label, state, report["id"] if report else None, m.pk))
    return dues
