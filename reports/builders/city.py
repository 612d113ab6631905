"""The city federation's dashboard (issue 18): one row per district federation, with
the figures of the CĐCS below it that implement the city's plan (through the district's
plan made from it), added up from the rolled-up rows (reports.models.UnitFigures) —
never from the members' reports themselves — and the periodic reports two levels down:
each district's to the city, its CĐCS's to it. Nine queries, whatever the number of
districts, units or members; each row drills down into the district's own dashboard.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils import timezone

from campaigns.deadlines import WindowState, window_of
from campaigns.models import Milestone, Plan
from campaigns.services.cascade import expects_cascade
from portal.models import OrgUnit
from portal.vietnamese import collation_key
from reports.builders.dashboard import Timeliness, timeliness
from reports.models import PeriodicReport, UnitFigures

SUMMED = ("members", "submitted", "late", "scored", "nominated")


def _no_periodic() -> dict[str, int]:
    return {t: 0 for t in Timeliness}


@dataclass
class CityFigures:
    units: int = 0  # CĐCS under the district
    implementing: int = 0  # of them, with a plan made from the district's
    members: int = 0
    submitted: int = 0  # on time
    late: int = 0
    scored: int = 0
    nominated: int = 0
    reviews_final: int = 0
    rated: dict[str, int] = field(default_factory=dict)  # level name -> CĐCS
    # Periodic reports, by Timeliness: the district's to the city (one per due date of
    # the city's plan) and its CĐCS's to the district (due dates of the district's plan).
    periodic_up: dict[str, int] = field(default_factory=lambda: _no_periodic())
    periodic_below: dict[str, int] = field(default_factory=lambda: _no_periodic())

    def add(self, other: "CityFigures") -> None:
        for name in ("units", "implementing", *SUMMED, "reviews_final"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for level, n in other.rated.items():
            self.rated[level] = self.rated.get(level, 0) + n
        for key in Timeliness:
            self.periodic_up[key] += other.periodic_up[key]
            self.periodic_below[key] += other.periodic_below[key]

    @property
    def up_cells(self) -> list[int]:
        return [self.periodic_up[t] for t in Timeliness]

    @property
    def below_cells(self) -> list[int]:
        return [self.periodic_below[t] for t in Timeliness]

    @property
    def reported(self) -> int:
        return self.submitted + self.late

    @property
    def waiting(self) -> int:
        return max(self.members - self.reported, 0)

    @property
    def report_rate(self) -> float | None:
        return self.reported / self.members if self.members else None


@dataclass
class DistrictRow:
    unit_id: int
    unit_name: str
    plan_id: int | None = None
    plan_symbol: str = ""
    plan_status: str = ""
    figures: CityFigures = field(default_factory=CityFigures)
    rated_cells: list[int] = field(default_factory=list)

    @property
    def cascaded(self) -> bool:
        return self.plan_status in (Plan.Status.PUBLISHED, Plan.Status.CLOSED)

    @property
    def dashboard_url(self) -> str:
        return reverse("reports:dashboard", args=[self.plan_id]) if self.cascaded else ""


@dataclass
class CityDashboard:
    plan: Plan
    rows: list[DistrictRow]
    totals: CityFigures
    levels: list[str]  # rating levels met, best first
    has_periodic: bool = False  # the city's or a district's plan has periodic due dates

    @property
    def timeliness_labels(self) -> list[str]:
        return [t.label for t in Timeliness]

    @property
    def cascaded_count(self) -> int:
        return sum(1 for r in self.rows if r.cascaded)

    @property
    def totals_rated_cells(self) -> list[int]:
        return [self.totals.rated.get(level, 0) for level in self.levels]


def build_city_dashboard(plan: Plan, *, now: dt.datetime | None = None) -> CityDashboard:
    """The dashboard of a city federation's `plan` (its issuer loaded): nine queries."""
    now = now or timezone.now()
    issuer = plan.issuer
    districts = [u for u in OrgUnit.objects.filter(parent=issuer) if expects_cascade(issuer, u)]
    rows = {u.pk: DistrictRow(unit_id=u.pk, unit_name=u.name) for u in districts}
    district_plan = {}
    for p in (
        Plan.objects.filter(parent=plan, issuer_id__in=list(rows))
        .select_related("issuer")
        .only(
            "id",
            "issuer_id",
            "status",
            "number",
            "doc_type",
            "symbol_override",
            "issuer__short_name",
            "issuer__kind",
        )
    ):
        row = rows[p.issuer_id]
        row.plan_id, row.plan_symbol, row.plan_status = p.pk, p.symbol, p.status
        district_plan[p.pk] = row
    for parent_id, n in (
        OrgUnit.objects.filter(parent__parent=issuer, kind=OrgUnit.Kind.GRASSROOTS_UNION)
        .values("parent_id")
        .annotate(n=Count("id"))
        .values_list("parent_id", "n")
    ):
        if parent_id in rows:
            rows[parent_id].figures.units = n
    below = UnitFigures.objects.filter(plan__parent__parent=plan, plan__parent__in=district_plan)
    for r in below.values("plan__parent_id").annotate(
        implementing=Count("id"),
        reviews_final=Count("id", filter=Q(review_final=True)),
        **{name: Sum(name) for name in SUMMED},
    ):
        f = district_plan[r["plan__parent_id"]].figures
        f.implementing, f.reviews_final = r["implementing"], r["reviews_final"]
        for name in SUMMED:
            setattr(f, name, r[name] or 0)
    levels = {}
    for parent_id, level, order, n in (
        below.filter(rating_level__isnull=False)
        .values_list("plan__parent_id", "rating_level__name", "rating_level__order")
        .annotate(n=Count("id"))
    ):
        levels.setdefault(level, order)
        rated = district_plan[parent_id].figures.rated
        rated[level] = rated.get(level, 0) + n
    level_names = sorted(levels, key=lambda name: (levels[name], collation_key(name)))
    ordered = sorted(rows.values(), key=lambda r: collation_key(r.unit_name))
    for row in ordered:
        row.rated_cells = [row.figures.rated.get(level, 0) for level in level_names]
    has_periodic = _periodic_counts(plan, rows, district_plan, now)
    totals = CityFigures()
    for row in ordered:
        totals.add(row.figures)
    return CityDashboard(
        plan=plan, rows=ordered, totals=totals, levels=level_names, has_periodic=has_periodic
    )


def _periodic_counts(plan, rows, district_plan, now) -> bool:
    """Periodic reports two levels down, four queries: each district's to the city, for
    the city plan's due dates; its CĐCS's to it, for its own plan's due dates (a CĐCS
    that has sent nothing counts as missing once the due date has passed, as on the
    district's own dashboard)."""
    up = list(Milestone.objects.filter(plan=plan, kind=Milestone.Kind.PERIODIC_REPORT))
    sent_up = {
        (unit_id, milestone_id): sent_at
        for unit_id, milestone_id, sent_at in PeriodicReport.objects.filter(
            milestone__in=up, status=PeriodicReport.Status.SENT
        ).values_list("unit_id", "milestone_id", "sent_at")
    }
    for m in up:
        window = window_of(m)
        for row in rows.values():
            state = timeliness(window, sent_up.get((row.unit_id, m.pk)), now)
            row.figures.periodic_up[state] += 1
    below = list(
        Milestone.objects.filter(
            plan__in=list(district_plan), kind=Milestone.Kind.PERIODIC_REPORT
        ).only("id", "plan_id", "starts_at", "ends_at")
    )
    sent_below = {
        r["milestone_id"]: r
        for r in PeriodicReport.objects.filter(
            milestone__in=below, status=PeriodicReport.Status.SENT
        )
        .values("milestone_id")
        .annotate(
            on_time=Count("id", filter=Q(sent_at__lt=F("milestone__ends_at"))),
            late=Count("id", filter=Q(sent_at__gte=F("milestone__ends_at"))),
        )
    }
    for m in below:
        f = district_plan[m.plan_id].figures
        done = sent_below.get(m.pk, {"on_time": 0, "late": 0})
        f.periodic_below[Timeliness.ON_TIME] += done["on_time"]
        f.periodic_below[Timeliness.LATE] += done["late"]
        waiting = max(f.units - done["on_time"] - done["late"], 0)
        closed = window_of(m).state(now) is WindowState.CLOSED
        f.periodic_below[Timeliness.MISSING if closed else Timeliness.PENDING] += waiting
    return bool(up or below)
