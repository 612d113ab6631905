"""Read the fixture files (TOML) and turn a plan spec into a plan with all its parts.

A plan spec is one ``fixtures/plans/*.toml`` or ``fixtures/live/*.toml`` file: the plan's
fields, then ``[[sections]]``, ``[[phases]]``, ``[[criteria]]``, ``[[titles]]`` and
``[[milestones]]`` (with an ``agenda`` list). Times without a zone are Asia/Ho_Chi_Minh
(the ``TIME_ZONE`` setting). ``fixtures/live/README.md`` describes the relative dates and
the ``{placeholders}`` of the live specs.

``resolve_plan`` turns a spec into plain values (dates resolved, placeholders filled);
``build_plan`` writes them with the ORM, for historical records and the bulk district
(the live campaign goes through the campaign services, see ``demo.live``).
"""

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from campaigns.models import AgendaItem, Criterion, Milestone, Plan, PlanPhase, PlanSection, Title
from demo.context import DemoContext
from portal.models import OrgUnit

FIXTURES = Path(settings.BASE_DIR) / "fixtures"

# Spec keys copied as they are onto the plan (text filled when relative).
_PLAN_TEXT_FIELDS = (
    "external_reference",
    "doc_type",
    "title",
    "kind",
    "preamble",
    "purpose",
    "requirements",
    "closing",
    "signing_mode",
    "signing_body",
    "signer_title",
    "signer_name",
    "late_policy",
)
_TITLE_FIELDS = (
    "level",
    "target",
    "quota_count",
    "requires_registration",
    "vote_base",
    "vote_strict",
    "secret_ballot",
)
_TITLE_DECIMALS = (
    "quota_share",
    "min_points",
    "criterion_floor_share",
    "vote_quorum",
    "vote_threshold",
)


def read(relative: str) -> dict:
    """One fixture file, parsed."""
    with open(FIXTURES / relative, "rb") as f:
        return tomllib.load(f)


def read_folder(folder: str) -> list[dict]:
    """Every ``*.toml`` of a fixture folder, in file-name order."""
    return [read(f"{folder}/{path.name}") for path in sorted((FIXTURES / folder).glob("*.toml"))]


def to_date(value, today: dt.date) -> dt.date | None:
    """A TOML date, or ``{days = n}`` relative to `today` (``this_year = true``: not before
    1 January of today's year)."""
    if value is None:
        return None
    if isinstance(value, dict):
        day = today + dt.timedelta(days=value.get("days", 0))
        if value.get("this_year") and day.year < today.year:
            day = dt.date(today.year, 1, 1)
        return day
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise ValueError(f"Not a date: {value!r}")


def to_datetime(value, today: dt.date) -> dt.datetime:
    """A TOML local date-time (read as local time), or ``{days = n, at = "HH:MM"}``."""
    if isinstance(value, dict):
        day = today + dt.timedelta(days=value.get("days", 0))
        value = dt.datetime.combine(day, dt.time.fromisoformat(value.get("at", "00:00")))
    if not isinstance(value, dt.datetime):
        raise ValueError(f"Not a date and time: {value!r}")
    if timezone.is_naive(value):
        return timezone.make_aware(value, timezone.get_default_timezone())
    return value


def current_school_year(today: dt.date) -> str:
    """The school year running on `today` (September to May; summer ends the old one)."""
    start = today.year if today.month >= 9 else today.year - 1
    return f"{start}-{start + 1}"


def next_number(issuer: OrgUnit, year: int, doc_type: str) -> int:
    """The next free number in `issuer`'s series of `doc_type` documents for `year`."""
    last = Plan.objects.filter(issuer=issuer, year=year, doc_type=doc_type).aggregate(
        m=Max("number")
    )["m"]
    return (last or 0) + 1


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@dataclass
class ResolvedPlan:
    """A plan spec with its dates resolved and its placeholders filled."""

    key: str
    issuer: OrgUnit
    parent: Plan | None
    fields: dict  # the plan's own fields (those the campaign services accept)
    number: int | str | None  # "next": the next number in the issuer's series
    year: int
    symbol_override: str = ""
    status: str = Plan.Status.DRAFT
    is_historical: bool = False
    inherit: bool = False  # copy the parent's criteria and titles
    actor: str = ""  # username of whoever issues it (live campaign)
    sections: list[dict] = field(default_factory=list)
    phases: list[dict] = field(default_factory=list)
    criteria: list[dict] = field(default_factory=list)
    # Each title: model fields, plus "key", "prerequisite" (a key) and "inherited".
    titles: list[dict] = field(default_factory=list)
    # Each milestone: model fields plus "agenda" (a list of texts).
    milestones: list[dict] = field(default_factory=list)


def resolve_plan(
    spec: dict,
    ctx: DemoContext,
    *,
    issuer: OrgUnit | None = None,
    parent: Plan | None = None,
    relative: bool = False,
    overrides: dict | None = None,
) -> ResolvedPlan:
    """Plain values for `spec`. `issuer` and `parent` replace the spec's own (the district
    generator reuses the live specs); `relative` fills the ``{placeholders}``; `overrides`
    replaces plan fields after that."""
    issuer = issuer or ctx.unit(spec["issuer"])
    if parent is None and spec.get("parent"):
        parent = ctx.plan(spec["parent"])
    issued_on = to_date(spec.get("issued_on"), ctx.today)
    year = spec.get("year") or (issued_on or ctx.today).year
    school_year = spec.get("school_year", "")
    if school_year == "current":
        school_year = current_school_year(ctx.today)
    variables = _variables(spec, ctx, issuer, parent, year, school_year)

    def text(value: str) -> str:
        return value.format_map(variables) if relative else value

    fields = {name: text(spec[name]) for name in _PLAN_TEXT_FIELDS if name in spec}
    fields |= {
        "issued_on": issued_on,
        "place": spec.get("place", issuer.place),
        "school_year": school_year,
        "period_start": to_date(spec.get("period_start"), ctx.today),
        "period_end": to_date(spec.get("period_end"), ctx.today),
        "recipients": "\n".join(text(line) for line in spec.get("recipients", [])),
        **(overrides or {}),
    }
    return ResolvedPlan(
        key=spec.get("key", ""),
        issuer=issuer,
        parent=parent,
        fields=fields,
        number=spec.get("number"),
        year=year,
        symbol_override=spec.get("symbol_override", ""),
        status=spec.get("status", Plan.Status.DRAFT),
        is_historical=spec.get("is_historical", False),
        inherit=spec.get("inherit", False),
        actor=spec.get("actor", ""),
        sections=[
            {"heading": text(s["heading"]), "body": text(s.get("body", ""))}
            for s in spec.get("sections", [])
        ],
        phases=[
            {
                "name": text(p["name"]),
                "starts_on": to_date(p["starts_on"], ctx.today),
                "ends_on": to_date(p["ends_on"], ctx.today),
                "description": text(p.get("description", "")),
            }
            for p in spec.get("phases", [])
        ],
        criteria=[_criterion(c, text) for c in spec.get("criteria", [])],
        titles=[_title(t) for t in spec.get("titles", [])],
        milestones=[
            {
                "kind": m["kind"],
                "label": text(m.get("label", "")),
                "starts_at": to_datetime(m["starts_at"], ctx.today),
                "ends_at": to_datetime(m["ends_at"], ctx.today),
                "place": text(m.get("place", "")),
                "agenda": [text(item) for item in m.get("agenda", [])],
            }
            for m in spec.get("milestones", [])
        ],
    )


def _variables(spec, ctx, issuer, parent, year, school_year) -> dict:
    quarter = (ctx.today.month - 1) // 3 + 1
    topics = {s["heading"]: s["body"] for s in spec.get("sections", [])}
    return {
        "year": year,
        "school_year": school_year,
        "quarter": quarter,
        "quarter_topic": topics.get(f"Quý {quarter}", "").rstrip("."),
        "issuer": issuer.name,
        "school": issuer.name.removeprefix("CĐCS ").removeprefix("Chi bộ "),
        "superior": issuer.parent.name if issuer.parent_id else "",
        "parent_issuer": parent.issuer.name if parent else "",
    }


def _criterion(spec: dict, text) -> dict:
    kind = spec.get("kind", Criterion.Kind.MET)
    return {
        "text": text(spec["text"]),
        "kind": kind,
        "max_points": _decimal(spec.get("max_points")) if kind == Criterion.Kind.POINTS else None,
        "required": spec.get("required", True),
        "target": spec.get("target", "individual"),
    }


def _title(spec: dict) -> dict:
    title = {"name": spec["name"]}
    title |= {name: spec[name] for name in _TITLE_FIELDS if name in spec}
    title |= {name: _decimal(spec[name]) for name in _TITLE_DECIMALS if name in spec}
    title |= {name: spec[name] for name in ("key", "prerequisite", "inherited") if name in spec}
    return title


# --- the ORM builder ----------------------------------------------------------------


def build_plan(spec: dict, ctx: DemoContext, **options) -> Plan:
    """Create the plan `spec` describes, with its sections, phases, criteria, titles,
    milestones and agenda, straight through the ORM (options: see ``resolve_plan``)."""
    resolved = resolve_plan(spec, ctx, **options)
    number = resolved.number
    if number == "next":
        number = next_number(resolved.issuer, resolved.year, resolved.fields.get("doc_type", "KH"))
    plan = Plan(
        issuer=resolved.issuer,
        parent=resolved.parent,
        number=number,
        year=resolved.year,
        symbol_override=resolved.symbol_override,
        status=resolved.status,
        is_historical=resolved.is_historical,
        **resolved.fields,
    )
    plan.save()
    PlanSection.objects.bulk_create(
        PlanSection(plan=plan, order=order, **s) for order, s in enumerate(resolved.sections, 1)
    )
    PlanPhase.objects.bulk_create(PlanPhase(plan=plan, **p) for p in resolved.phases)
    _add_criteria(plan, resolved)
    _add_titles(plan, resolved)
    _add_milestones(plan, resolved)
    return plan


def _add_criteria(plan: Plan, resolved: ResolvedPlan) -> None:
    rows = []
    if resolved.inherit:
        rows = [
            Criterion(
                plan=plan,
                text=c.text,
                kind=c.kind,
                max_points=c.max_points,
                required=c.required,
                target=c.target,
                inherited_from=c,
            )
            for c in plan.parent.criteria.all()
        ]
    rows += [Criterion(plan=plan, **c) for c in resolved.criteria]
    for order, row in enumerate(rows, 1):
        row.order = order
    Criterion.objects.bulk_create(rows)


def _add_titles(plan: Plan, resolved: ResolvedPlan) -> None:
    """Titles in order: the parent's copies first (when inheriting), then the spec's own.
    A spec title with ``inherited = true`` is the parent's title of the same name."""
    order = 0
    by_key: dict[str, Title] = {}
    copies: dict[int, Title] = {}
    if resolved.inherit:
        originals = list(plan.parent.titles.all())
        for original in originals:
            order += 1
            copies[original.pk] = _copy_title(original, plan, order)
        for original in originals:
            if original.prerequisite_id in copies:
                copy = copies[original.pk]
                copy.prerequisite = copies[original.prerequisite_id]
                copy.save(update_fields=["prerequisite"])
    for spec in resolved.titles:
        order += 1
        values = {k: v for k, v in spec.items() if k not in ("key", "prerequisite", "inherited")}
        title = Title(plan=plan, order=order, **values)
        if spec.get("prerequisite"):
            title.prerequisite = by_key[spec["prerequisite"]]
        if spec.get("inherited"):
            title.inherited_from = plan.parent.titles.get(name=spec["name"])
        title.save()
        if spec.get("key"):
            by_key[spec["key"]] = title


def _copy_title(original: Title, plan: Plan, order: int) -> Title:
    copy = Title(plan=plan, name=original.name, order=order, inherited_from=original)
    for name in (*_TITLE_FIELDS, *_TITLE_DECIMALS, "valid_from", "valid_to"):
        setattr(copy, name, getattr(original, name))
    copy.save()
    return copy


def _add_milestones(plan: Plan, resolved: ResolvedPlan) -> None:
    milestones = Milestone.objects.bulk_create(
        Milestone(plan=plan, **{k: v for k, v in m.items() if k != "agenda"})
        for m in resolved.milestones
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(milestone=milestone, order=order, text=item)
        for milestone, m in zip(milestones, resolved.milestones, strict=True)
        for order, item in enumerate(m["agenda"], 1)
    )
