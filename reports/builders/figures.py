"""Detail figures of a plan's cascade, shared by the workbook and the summary report:
results per criterion, the nominees, the members late or missing, the periodic reports.
Each reads in a fixed number of queries whatever the number of units or members."""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, Max, Min, Q

from campaigns.deadlines import Window
from campaigns.models import (
    Criterion,
    DeadlineExtension,
    Milestone,
    Plan,
    SelfReport,
    SelfReportAnswer,
)
from nominations.models import Nomination
from portal.models import UNION_MEMBER_ROLES, Membership
from portal.vietnamese import collation_key, name_sort_key
from reports.builders.dashboard import CASCADE_DEPTH, Timeliness, _scope_plans, timeliness


def _root_map(rows: list[dict], own_ids: set[int]) -> dict[int, int | None]:
    """item id -> the id of the plan's own item it inherits from (None when none)."""
    parent_of = {r["id"]: r["inherited_from_id"] for r in rows}
    result = {}
    for r in rows:
        current, steps = r["id"], 0
        while current is not None and current not in own_ids and steps <= CASCADE_DEPTH:
            current, steps = parent_of.get(current), steps + 1
        result[r["id"]] = current if current in own_ids else None
    return result


@dataclass(frozen=True)
class CriterionResult:
    text: str
    kind: str  # Criterion.Kind
    kind_label: str
    answered: int
    met: int
    not_met: int
    mean_points: Decimal | None
    max_points: Decimal | None

    @property
    def met_share(self) -> float | None:
        judged = self.met + self.not_met
        return self.met / judged if judged else None


def criteria_results(plan: Plan) -> list[CriterionResult]:
    """Per criterion of `plan`: the members' submitted answers across the cascade (a
    child plan's inherited criterion counts under the one it copies; its own criteria
    are listed after). Two queries."""
    scope_ids = [p.pk for p in _scope_plans(plan)]
    criteria = list(
        Criterion.objects.filter(plan_id__in=scope_ids)
        .values("id", "plan_id", "text", "kind", "max_points", "inherited_from_id", "order")
        .order_by("order", "id")
    )
    own_ids = {c["id"] for c in criteria if c["plan_id"] == plan.pk}
    root = _root_map(criteria, own_ids)
    answers = (
        SelfReportAnswer.objects.filter(
            report__plan_id__in=scope_ids, report__status=SelfReport.Status.SUBMITTED
        )
        .values("criterion_id")
        .annotate(
            answered=Count("id"),
            n_met=Count("id", filter=Q(met=True)),
            n_not_met=Count("id", filter=Q(met=False)),
            mean=Avg("points"),
            scored=Count("points"),
        )
    )
    by_criterion = {a["criterion_id"]: a for a in answers}
    # Group: the plan's own criteria first (in order), then each child's own by text.
    groups: dict[object, dict] = {}
    info = {c["id"]: c for c in criteria}
    for c in criteria:
        key = root[c["id"]] if root[c["id"]] is not None else ("text", c["text"])
        base = info[key] if isinstance(key, int) else c
        group = groups.setdefault(
            key, {"c": base, "answered": 0, "met": 0, "not_met": 0, "sum": Decimal(0), "n": 0}
        )
        a = by_criterion.get(c["id"])
        if a:
            group["answered"] += a["answered"]
            group["met"] += a["n_met"]
            group["not_met"] += a["n_not_met"]
            if a["scored"]:
                group["sum"] += Decimal(str(a["mean"])) * a["scored"]
                group["n"] += a["scored"]
    ordered = [groups[k] for k in groups if isinstance(k, int)] + [
        groups[k] for k in groups if not isinstance(k, int)
    ]
    labels = dict(Criterion.Kind.choices)
    return [
        CriterionResult(
            text=g["c"]["text"],
            kind=g["c"]["kind"],
            kind_label=str(labels.get(g["c"]["kind"], "")),
            answered=g["answered"],
            met=g["met"],
            not_met=g["not_met"],
            mean_points=(g["sum"] / g["n"]).quantize(Decimal("0.01")) if g["n"] else None,
            max_points=g["c"]["max_points"],
        )
        for g in ordered
    ]


@dataclass(frozen=True)
class NomineeRow:
    unit_name: str
    name: str
    is_collective: bool
    title: str
    level: str
    status: str
    is_forwarded: bool  # on the unit's published list, or sent up
    achievements: str
    proposed_at: dt.datetime


def _list_published(plan) -> bool:
    nomination_list = getattr(plan, "nomination_list", None)
    return nomination_list is not None and nomination_list.status == "published"


# Units whose nominations are read and sorted together: the export holds one chunk of
# units' nominations at a time, whatever the size of the district.
NOMINEE_CHUNK = 100


def nominee_rows(plan: Plan) -> Iterator[NomineeRow]:
    """Every nomination in the cascade (withdrawn ones left out), by unit, title and
    Vietnamese name order. The units are taken in name order, NOMINEE_CHUNK at a time
    (one query per chunk), so memory holds one chunk's nominations, not the district's."""
    scope = sorted(_scope_plans(plan), key=lambda p: (collation_key(p.issuer.name), p.pk))
    for start in range(0, len(scope), NOMINEE_CHUNK):
        chunk = [p.pk for p in scope[start : start + NOMINEE_CHUNK]]
        rows = (
            Nomination.objects.filter(plan_id__in=chunk)
            .exclude(status=Nomination.Status.WITHDRAWN)
            .select_related(
                "plan__issuer", "plan__nomination_list", "title", "nominee", "collective"
            )
        )
        result = [
            NomineeRow(
                unit_name=n.plan.issuer.name,
                name=n.nominee_name,
                is_collective=n.is_collective,
                title=n.title.name,
                level=str(n.title.get_level_display()),
                status=str(n.get_status_display()),
                is_forwarded=n.status == Nomination.Status.FORWARDED
                or (n.status == Nomination.Status.LISTED and _list_published(n.plan)),
                achievements=n.achievements,
                proposed_at=n.proposed_at,
            )
            for n in rows
        ]
        result.sort(
            key=lambda r: (
                collation_key(r.unit_name),
                collation_key(r.title),
                collation_key(r.name) if r.is_collective else name_sort_key(r.name),
            )
        )
        yield from result


@dataclass(frozen=True)
class LateRow:
    unit_name: str
    member_name: str
    state: Timeliness  # LATE or MISSING
    deadline: dt.datetime
    submitted_at: dt.datetime | None


# Units whose members are read together by the late-and-missing sheet.
LATE_CHUNK = 100


def late_and_missing(plan: Plan, *, now: dt.datetime) -> Iterator[LateRow]:
    """Members who submitted late, and members with nothing submitted after their unit's
    deadline (granted extensions still open are not missing), in unit and Vietnamese name
    order. The units are read LATE_CHUNK at a time (three queries a chunk, after one for
    the windows), so a district's 48,000 members are never held in memory at once
    (issue 18: exports in flat memory)."""
    plans = {p.pk: p for p in _scope_plans(plan)}
    windows = {
        r["plan_id"]: Window(r["starts"], r["ends"])
        for r in Milestone.objects.filter(plan_id__in=plans, kind=Milestone.Kind.SELF_REPORT)
        .values("plan_id")
        .annotate(starts=Min("starts_at"), ends=Max("ends_at"))
    }
    plan_of_unit = {plans[pid].issuer_id: pid for pid in windows}
    units = sorted(plan_of_unit, key=lambda unit_id: plans[plan_of_unit[unit_id]].issuer.path)
    for start in range(0, len(units), LATE_CHUNK):
        chunk_units = units[start : start + LATE_CHUNK]
        yield from _late_in(chunk_units, plan_of_unit, windows, now)


def _late_in(units: list[int], plan_of_unit: dict, windows: dict, now) -> Iterator[LateRow]:
    plan_ids = [plan_of_unit[u] for u in units]
    reports = {
        (r["plan_id"], r["member_id"]): r
        for r in SelfReport.objects.filter(
            plan_id__in=plan_ids, status=SelfReport.Status.SUBMITTED
        ).values("plan_id", "member_id", "is_late", "submitted_at")
    }
    extended = set(
        DeadlineExtension.objects.filter(
            plan_id__in=plan_ids,
            status=DeadlineExtension.Status.GRANTED,
            new_deadline__gt=now,
        ).values_list("plan_id", "member_id")
    )
    members = (
        Membership.objects.current()
        .filter(unit_id__in=units, role__in=UNION_MEMBER_ROLES)
        .values("unit_id", "unit__name", "user_id", "user__full_name", "user__sort_name")
        .order_by("unit__path", "user__sort_name", "user_id")
        .distinct()
    )
    seen = set()
    for m in members:
        plan_id = plan_of_unit[m["unit_id"]]
        if (plan_id, m["user_id"]) in seen:
            continue
        seen.add((plan_id, m["user_id"]))
        window = windows[plan_id]
        report = reports.get((plan_id, m["user_id"]))
        if report is not None:
            state = Timeliness.LATE if report["is_late"] else Timeliness.ON_TIME
        elif (plan_id, m["user_id"]) in extended:
            state = Timeliness.PENDING
        else:
            state = timeliness(window, None, now)
        if state in (Timeliness.LATE, Timeliness.MISSING):
            yield LateRow(
                unit_name=m["unit__name"],
                member_name=m["user__full_name"],
                state=state,
                deadline=window.ends_at,
                submitted_at=report["submitted_at"] if report else None,
            )


@dataclass(frozen=True)
class PeriodicRow:
    unit_name: str
    label: str
    deadline: dt.datetime
    state: Timeliness
    sent_at: dt.datetime | None
    sent_by: str
    results: str
    difficulties: str
    proposals: str


def periodic_rows(plan: Plan, rows, *, now: dt.datetime) -> list[PeriodicRow]:
    """Each unit's periodic report for each due date of `plan` (the dashboard's rows give
    the units). Two queries."""
    from reports.models import PeriodicReport

    milestones = list(
        Milestone.objects.filter(plan=plan, kind=Milestone.Kind.PERIODIC_REPORT).order_by(
            "ends_at", "id"
        )
    )
    if not milestones or not rows:
        return []
    reports = {
        (r.unit_id, r.milestone_id): r
        for r in PeriodicReport.objects.filter(
            milestone__in=milestones, unit_id__in=[row.unit_id for row in rows]
        ).select_related("sent_by")
    }
    result = []
    for m in milestones:
        window = Window(m.starts_at, m.ends_at)
        for row in rows:
            report = reports.get((row.unit_id, m.pk))
            sent = report if report is not None and report.is_sent else None
            result.append(
                PeriodicRow(
                    unit_name=row.unit_name,
                    label=m.label or str(m.get_kind_display()),
                    deadline=m.ends_at,
                    state=timeliness(window, sent.sent_at if sent else None, now),
                    sent_at=sent.sent_at if sent else None,
                    sent_by=str(sent.sent_by) if sent and sent.sent_by_id else "",
                    results=sent.results if sent else "",
                    difficulties=sent.difficulties if sent else "",
                    proposals=sent.proposals if sent else "",
                )
            )
    return result
