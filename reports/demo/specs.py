"""Read the fixture files (TOML) and turn a plan spec into a plan with all its parts.

A plan spec is one ``fixtures/plans/*.toml`` or ``fixtures/live/*.toml`` file: the plan's
fields, then ``[[sections]]``, ``[[phases]]``, ``[[criteria]]``, ``[[titles]]`` and
``[[milestones]]`` (with an ``agenda`` list). Times without a zone are Asia/Ho_Chi_Minh
(the ``TIME_ZONE`` setting). ``fixtures/live/README.md`` describes the relative dates and
the ``{placeholders}`` of the live specs.
"""

import datetime as dt
import tomllib
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from campaigns.models import AgendaItem, Criterion, Milestone, Plan, PlanPhase, PlanSection, Title
from portal.models import OrgUnit
from reports.demo.context import DemoContext

FIXTURES = Path(settings.BASE_DIR) / "fixtures"

_PLAN_TEXT_FIELDS = (
    "external_reference",
    "doc_type",
    "symbol_override",
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
    """A TOML date, or ``{days = n}`` relative to `today`."""
    if value is None:
        return None
    if isinstance(value, dict):
        return today + dt.timedelta(days=value.get("days", 0))
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


class _Text:
    """Fills ``{placeholders}`` in live specs; historical specs are used as written."""

    def __init__(self, variables: dict | None):
        self.variables = variables

    def __call__(self, value: str) -> str:
        return value.format_map(self.variables) if self.variables is not None else value


def build_plan(
    spec: dict,
    ctx: DemoContext,
    *,
    issuer: OrgUnit | None = None,
    parent: Plan | None = None,
    relative: bool = False,
    overrides: dict | None = None,
) -> Plan:
    """Create the plan `spec` describes, with its sections, phases, criteria, titles,
    milestones and agenda. `issuer` and `parent` replace the spec's own (the district
    generator reuses the live specs); `relative` fills the ``{placeholders}``;
    `overrides` replaces plan fields after that."""
    issuer = issuer or ctx.unit(spec["issuer"])
    if parent is None and spec.get("parent"):
        parent = ctx.plan(spec["parent"])
    issued_on = to_date(spec.get("issued_on"), ctx.today)
    year = spec.get("year") or (issued_on or ctx.today).year
    school_year = spec.get("school_year", "")
    if school_year == "current":
        school_year = current_school_year(ctx.today)
    text = _Text(_variables(spec, ctx, issuer, parent, year, school_year) if relative else None)

    fields = {name: text(spec[name]) for name in _PLAN_TEXT_FIELDS if name in spec}
    number = spec.get("number")
    if number == "next":
        number = next_number(issuer, year, fields.get("doc_type", "KH"))
    plan = Plan(
        issuer=issuer,
        parent=parent,
        number=number,
        year=year,
        issued_on=issued_on,
        place=spec.get("place", issuer.place),
        school_year=school_year,
        period_start=to_date(spec.get("period_start"), ctx.today),
        period_end=to_date(spec.get("period_end"), ctx.today),
        recipients="\n".join(text(line) for line in spec.get("recipients", [])),
        status=spec.get("status", Plan.Status.DRAFT),
        is_historical=spec.get("is_historical", False),
        **fields,
    )
    for name, value in (overrides or {}).items():
        setattr(plan, name, value)
    plan.save()
    _add_sections(plan, spec, text)
    _add_phases(plan, spec, ctx, text)
    _add_criteria(plan, spec, text, inherit=spec.get("inherit", False))
    _add_titles(plan, spec, inherit=spec.get("inherit", False))
    _add_milestones(plan, spec, ctx, text)
    return plan


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


def _add_sections(plan: Plan, spec: dict, text: _Text) -> None:
    PlanSection.objects.bulk_create(
        PlanSection(plan=plan, order=i, heading=text(s["heading"]), body=text(s.get("body", "")))
        for i, s in enumerate(spec.get("sections", []), 1)
    )


def _add_phases(plan: Plan, spec: dict, ctx: DemoContext, text: _Text) -> None:
    PlanPhase.objects.bulk_create(
        PlanPhase(
            plan=plan,
            name=text(p["name"]),
            starts_on=to_date(p["starts_on"], ctx.today),
            ends_on=to_date(p["ends_on"], ctx.today),
            description=text(p.get("description", "")),
        )
        for p in spec.get("phases", [])
    )


def _add_criteria(plan: Plan, spec: dict, text: _Text, *, inherit: bool) -> None:
    rows = []
    if inherit:
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
    for c in spec.get("criteria", []):
        kind = c.get("kind", Criterion.Kind.MET)
        rows.append(
            Criterion(
                plan=plan,
                text=text(c["text"]),
                kind=kind,
                max_points=_decimal(c.get("max_points")) if kind == Criterion.Kind.POINTS else None,
                required=c.get("required", True),
                target=c.get("target", "individual"),
            )
        )
    for order, row in enumerate(rows, 1):
        row.order = order
    Criterion.objects.bulk_create(rows)


def _add_titles(plan: Plan, spec: dict, *, inherit: bool) -> None:
    """Titles in order: the parent's copies first (when inheriting), then the spec's own.
    A spec title with ``inherited = true`` is the parent's title of the same name."""
    order = 0
    by_key: dict[str, Title] = {}
    copies: dict[int, Title] = {}
    if inherit:
        originals = list(plan.parent.titles.all())
        for original in originals:
            order += 1
            copies[original.pk] = _copy_title(original, plan, order)
        for original in originals:
            if original.prerequisite_id in copies:
                copy = copies[original.pk]
                copy.prerequisite = copies[original.prerequisite_id]
                copy.save(update_fields=["prerequisite"])
    for t in spec.get("titles", []):
        order += 1
        title = Title(plan=plan, name=t["name"], order=order)
        for name in _TITLE_FIELDS:
            if name in t:
                setattr(title, name, t[name])
        for name in _TITLE_DECIMALS:
            if name in t:
                setattr(title, name, _decimal(t[name]))
        if t.get("prerequisite"):
            title.prerequisite = by_key[t["prerequisite"]]
        if t.get("inherited"):
            title.inherited_from = plan.parent.titles.get(name=t["name"])
        title.save()
        if t.get("key"):
            by_key[t["key"]] = title


def _copy_title(original: Title, plan: Plan, order: int) -> Title:
    copy = Title(plan=plan, name=original.name, order=order, inherited_from=original)
    for name in (*_TITLE_FIELDS, *_TITLE_DECIMALS, "valid_from", "valid_to"):
        setattr(copy, name, getattr(original, name))
    copy.save()
    return copy


def _add_milestones(plan: Plan, spec: dict, ctx: DemoContext, text: _Text) -> None:
    specs = spec.get("milestones", [])
    milestones = Milestone.objects.bulk_create(
        Milestone(
            plan=plan,
            kind=m["kind"],
            label=text(m.get("label", "")),
            starts_at=to_datetime(m["starts_at"], ctx.today),
            ends_at=to_datetime(m["ends_at"], ctx.today),
            place=text(m.get("place", "")),
        )
        for m in specs
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(milestone=milestone, order=order, text=text(item))
        for milestone, m in zip(milestones, specs, strict=True)
        for order, item in enumerate(m.get("agenda", []), 1)
    )
