"""The city federation's dashboard (issue 18): one row per district federation, with
the figures of the CĐCS below it that implement the city's plan (through the district's
plan made from it), added up from the rolled-up rows (reports.models.UnitFigures) —
never from the members' reports themselves. Five queries, whatever the number of
districts, units or members; each row drills down into the district's own dashboard.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.urls import reverse

from campaigns.models import Plan
from campaigns.services.cascade import expects_cascade
from portal.models import OrgUnit
from portal.vietnamese import collation_key
from reports.models import UnitFigures

SUMMED = ("members", "submitted", "late", "scored", "nominated")


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

    def add(self, other: "CityFigures") -> None:
        for name in ("units", "implementing", *SUMMED, "reviews_final"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for level, n in other.rated.items():
            self.rated[level] = self.rated.get(level, 0) + n

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

    @property
    def cascaded_count(self) -> int:
        return sum(1 for r in self.rows if r.cascaded)

    @property
    def totals_rated_cells(self) -> list[int]:
        return [self.totals.rated.get(level, 0) for level in self.levels]


def build_city_dashboard(plan: Plan) -> CityDashboard:
    """The dashboard of a city federation's `plan` (its issuer loaded): five queries."""
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
    totals = CityFigures()
    for row in ordered:
        row.rated_cells = [row.figures.rated.get(level, 0) for level in level_names]
        totals.add(row.figures)
    return CityDashboard(plan=plan, rows=ordered, totals=totals, levels=level_names)
