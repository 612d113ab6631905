"""Self-reports on the live CĐCS Sen Hồng plan (fixtures/selfreports.toml).

Most members have submitted (two of them twice), three have only a draft, one asks the
chair for an extension; the chair, the BCH member and ``doanvien_senhong`` have nothing
yet. Everything goes through the self-report services, each member as the actor, at a
moment inside the open self-report window (``hours_ago`` before the moment of loading),
so the BCH overview, the review board, the federation dashboard and the audit log show
what real use would have left.

When the plan takes registrations at the moment a member submits, the member first
registers for the titles they apply for (through the registration service); the live
plan has no registration milestone today, so nothing is registered.
"""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from functools import partial

from campaigns.models import Criterion, Plan, Target
from campaigns.selectors.selfreports import own_report, self_report_milestone
from campaigns.services.extensions import request_extension
from campaigns.services.registrations import (
    RegistrationError,
    check_registration_open,
    register_for_title,
)
from campaigns.services.selfreports import save_draft, submit_self_report
from demo.context import DemoContext
from demo.specs import read

FIXTURE = "selfreports.toml"
# The self-report window opens at 07:00 two days before loading: at least 41 hours ago.
MAX_HOURS_AGO = 40


def spec() -> dict:
    return read(FIXTURE)


def load(ctx: DemoContext) -> None:
    data = spec()
    plan = ctx.plan(data["plan"])
    criteria = [c for c in plan.criteria.order_by("order", "id") if c.target == Target.INDIVIDUAL]
    titles = {t.name: t for t in plan.titles.filter(target=Target.INDIVIDUAL)}
    defaults = {int(k): v for k, v in data.get("default_evidence", {}).items()}
    # (moment, what happens then): run in time order, so the audit log reads in order.
    events: list[tuple[dt.datetime, Callable[[dt.datetime], object]]] = []
    for entry in data["reports"]:
        member = ctx.user(entry["member"])
        payload = _payload(entry, criteria, titles, defaults)
        when = _moment(ctx, plan, entry["hours_ago"])
        if entry.get("status", "submitted") == "draft":
            events.append((when, partial(_save_draft, plan, member, payload)))
            continue
        wanted = [titles[name] for name in entry.get("titles", [])]
        events.append((when, partial(_submit, plan, member, payload, wanted)))
        if "revised_hours_ago" in entry:
            revised = dict(payload, narrative=f"{payload['narrative']}\n{entry['revision']}")
            events.append(
                (
                    _moment(ctx, plan, entry["revised_hours_ago"]),
                    partial(_submit, plan, member, revised, []),
                )
            )
    for entry in data.get("extensions", []):
        events.append(
            (
                _moment(ctx, plan, entry["hours_ago"]),
                partial(_request_extension, plan, ctx.user(entry["member"]), entry["reason"]),
            )
        )
    events.sort(key=lambda event: event[0])
    for when, happen in events:
        happen(when)
    ctx.log(
        f"self-reports on {plan.symbol}: "
        f"{sum(1 for e in data['reports'] if e.get('status', 'submitted') != 'draft')} "
        f"submitted, {sum(1 for e in data['reports'] if e.get('status') == 'draft')} drafts, "
        f"{len(data.get('extensions', []))} extension requests"
    )


def _save_draft(plan: Plan, member, payload: dict, when: dt.datetime) -> None:
    save_draft(report=own_report(plan, member), actor=member, data=payload, now=when)


def _submit(plan: Plan, member, payload: dict, wanted: list, when: dt.datetime) -> None:
    _register(plan, member, wanted, when)
    submit_self_report(report=own_report(plan, member), actor=member, data=payload, now=when)


def _request_extension(plan: Plan, member, reason: str, when: dt.datetime) -> None:
    request_extension(plan=plan, actor=member, reason=reason, now=when)


def _register(plan: Plan, member, wanted: list, when: dt.datetime) -> None:
    """Register for the titles applied for, when the plan takes registrations then."""
    try:
        check_registration_open(plan, when)
    except RegistrationError:
        return
    for title in wanted:
        register_for_title(plan=plan, member=member, title=title, actor=member, now=when)


def _payload(entry: dict, criteria: list[Criterion], titles: dict, defaults: dict) -> dict:
    """The services' `data` dict: answers in criterion order, met answers from `met`,
    points from `points` (a draft may answer only the first few)."""
    met = list(entry.get("met", []))
    points = [Decimal(str(p)) for p in entry.get("points", [])]
    evidence = {int(k): v for k, v in entry.get("evidence", {}).items()}
    met_count = sum(c.kind == Criterion.Kind.MET for c in criteria)
    if len(met) > met_count or len(points) > len(criteria) - met_count:
        raise ValueError(f"{entry['member']}: more answers than the plan has criteria")
    answers = {}
    for criterion in criteria:
        if criterion.kind == Criterion.Kind.MET:
            if not met:
                continue
            value = {"met": met.pop(0)}
            achieved = value["met"]
        else:
            if not points:
                continue
            value = {"points": points.pop(0)}
            achieved = value["points"] > 0
        default = defaults.get(criterion.order, "") if achieved else ""
        value["evidence"] = evidence.get(criterion.order, default)
        answers[criterion.pk] = value
    return {
        "narrative": entry.get("narrative", "").strip(),
        "titles": [titles[name].pk for name in entry.get("titles", [])],
        "answers": answers,
    }


def _moment(ctx: DemoContext, plan: Plan, hours_ago: float) -> dt.datetime:
    """`hours_ago` before loading, checked to fall inside the plan's self-report window."""
    if not 0 < hours_ago <= MAX_HOURS_AGO:
        raise ValueError(f"hours_ago must be in (0, {MAX_HOURS_AGO}], not {hours_ago}")
    moment = ctx.now - dt.timedelta(hours=hours_ago)
    milestone = self_report_milestone(plan)
    if milestone is None or not milestone.starts_at <= moment < milestone.ends_at:
        raise ValueError(f"{moment} is outside the self-report window of {plan.symbol}")
    return moment
