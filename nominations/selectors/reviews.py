"""Reads for the review (W4): the board of submitted reports with each one's consolidated
scores, the reviewers still to score, the gates per title and the ranking."""

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import F, Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from campaigns.consolidation import ReportResult, ScoreRow, consolidate
from campaigns.models import Criterion, SelfReport, SelfReportVersion, Target
from campaigns.selectors.registrations import registrations_by_member
from nominations.gates import GateResult, MemberFacts, evaluate
from nominations.models import CollectiveCondition, Exclusion, Review, Score
from nominations.passrule import as_fraction, percent
from nominations.permissions.common import committee_roles
from nominations.selectors.awards import history_by_person, history_rules, plan_period
from portal.models import BCH_ROLES, UNION_MEMBER_ROLES, Membership, Role
from portal.permissions import visible_to


@dataclass
class ReportRow:
    report: SelfReport
    result: ReportResult | None
    reviewers_done: int
    reviewers_expected: int
    my_status: str  # "done", "partial", "todo", "own", "none" (not a reviewer)
    gates: list[GateResult] = field(default_factory=list)
    rank: int = 0
    # The member submitted again after some reviewer scored: those scores are of an older
    # version and the report waits to be scored again.
    resubmitted: bool = False
    # Required criteria the member declared not met in the submitted report (flagged on
    # the board: a member who declares 46 days of sick leave is not silently ranked).
    declared_not_met: list[Criterion] = field(default_factory=list)

    @property
    def waiting(self) -> int:
        return max(0, self.reviewers_expected - self.reviewers_done)

    @property
    def status_text(self) -> str:
        if self.waiting:
            return ngettext("Chờ %(n)s người chấm", "Chờ %(n)s người chấm", self.waiting) % {
                "n": self.waiting
            }
        return _("Đã đủ người chấm")


@dataclass
class Board:
    plan: object
    criteria: list[Criterion]
    titles: list
    rows: list[ReportRow]
    review: Review | None

    @property
    def is_final(self) -> bool:
        return bool(self.review and self.review.is_final)


def review_of(plan, unit) -> Review | None:
    return Review.objects.filter(plan=plan, unit=unit).first()


def is_locked(plan, unit) -> bool:
    return Review.objects.filter(plan=plan, unit=unit, finalised_at__isnull=False).exists()


def individual_criteria(plan) -> list[Criterion]:
    return list(plan.criteria.filter(target=Target.INDIVIDUAL).order_by("order", "id"))


def score_rows(reports) -> list[ScoreRow]:
    """Every score on `reports`, as plain rows, in one query."""
    return [
        ScoreRow(*values)
        for values in Score.objects.filter(report__in=reports).values_list(
            "report_id",
            "reviewer_id",
            "criterion_id",
            "criterion__kind",
            "met",
            "points",
            "criterion__max_points",
        )
    ]


def _bch_by_unit(reports) -> dict[int, set[int]]:
    """The committee of each report's unit: who is expected to score it."""
    units = {r.unit_id: r.unit for r in reports}
    result = defaultdict(set)
    rows = (
        Membership.objects.current()
        .filter(unit_id__in=units, role__in=(*BCH_ROLES, Role.FEDERATION_STAFF))
        .values_list("unit_id", "user_id", "role")
    )
    for unit_id, user_id, role in rows:
        if role in committee_roles(units[unit_id]):
            result[unit_id].add(user_id)
    return result


def member_facts(plan, member_ids) -> dict[int, MemberFacts]:
    """Registrations, exclusions and award history per member, in at most four queries."""
    registered = registrations_by_member(plan, member_ids)
    labels = dict(Exclusion.Kind.choices)
    excluded = defaultdict(list)
    for member_id, kind in Exclusion.objects.filter(
        plan=plan, member_id__in=list(member_ids)
    ).values_list("member_id", "kind"):
        excluded[member_id].append(str(labels[kind]))
    rules = history_rules(plan)
    history = history_by_person(member_ids) if rules else {}
    period = plan_period(plan)
    return {
        m: MemberFacts(
            frozenset(registered.get(m, ())),
            tuple(excluded.get(m, ())),
            history=history.get(m, ()),
            history_rules=rules,
            period=period,
        )
        for m in member_ids
    }


def review_board(user, plan) -> Board:
    """The submitted reports of `plan` the user may read, consolidated, gated, ranked.

    Queries do not grow with the number of reports.
    """
    reports = list(
        visible_to(user, SelfReport)
        .filter(plan=plan, status=SelfReport.Status.SUBMITTED)
        .select_related("member", "unit")
        .order_by("member__sort_name")
    )
    criteria = individual_criteria(plan)
    titles = list(plan.titles.filter(target=Target.INDIVIDUAL).select_related("prerequisite"))
    rows = score_rows(reports)
    results = consolidate(rows)
    scored = defaultdict(lambda: defaultdict(int))  # report -> reviewer -> criteria scored
    for row in rows:
        scored[row.report_id][row.reviewer_id] += 1
    last_scored = last_scored_at(reports)
    bch = _bch_by_unit(reports)
    facts = member_facts(plan, [r.member_id for r in reports])
    required_met = [c for c in criteria if c.required and c.kind == Criterion.Kind.MET]
    declared = declared_not_met(reports, required_met)
    board_rows = []
    for report in reports:
        expected = bch[report.unit_id] - {report.member_id}
        stale = {
            reviewer
            for reviewer, at in last_scored.get(report.pk, {}).items()
            if report.submitted_at and at < report.submitted_at
        }
        done = sum(1 for r, n in scored[report.pk].items() if n >= len(criteria) and r not in stale)
        mine = 0 if user.pk in stale else scored[report.pk].get(user.pk, 0)
        if report.member_id == user.pk:
            status = "own"
        elif user.pk not in expected:
            status = "none"
        else:
            status = "done" if mine >= len(criteria) else "partial" if mine else "todo"
        result = results.get(report.pk)
        gates = [evaluate(t, result, criteria, facts[report.member_id]) for t in titles]
        flagged = [c for c in required_met if c.pk in declared.get(report.pk, ())]
        board_rows.append(
            ReportRow(
                report,
                result,
                done,
                len(expected),
                status,
                gates,
                resubmitted=bool(stale),
                declared_not_met=flagged,
            )
        )
    _rank(board_rows)
    return Board(plan, criteria, titles, board_rows, review_of(plan, plan.issuer))


def declared_not_met(reports, criteria) -> dict[int, set[int]]:
    """Report id -> ids of `criteria` its submitted version answers "not met" (one query)."""
    ids = {c.pk for c in criteria}
    if not ids or not reports:
        return {}
    result = {}
    versions = SelfReportVersion.objects.filter(
        report__in=reports, number=F("report__version")
    ).values_list("report_id", "snapshot")
    for report_id, snapshot in versions:
        result[report_id] = {
            a.get("criterion_id")
            for a in (snapshot or {}).get("answers", [])
            if a.get("criterion_id") in ids and a.get("met") is False
        }
    return result


def _rank(rows: list[ReportRow]) -> None:
    """Order by the mean total, highest first; equal totals share a rank."""

    def total(row):
        return row.result.mean_total if row.result and row.result.mean_total is not None else -1

    rows.sort(key=lambda r: -total(r))
    previous, rank = None, 0
    for position, row in enumerate(rows, start=1):
        if total(row) != previous:
            rank, previous = position, total(row)
        row.rank = rank


def last_scored_at(reports) -> dict[int, dict[int, object]]:
    """{report id: {reviewer id: when they last scored it}}, in one query."""
    result = defaultdict(dict)
    rows = (
        Score.objects.filter(report__in=reports)
        .values("report_id", "reviewer_id")
        .annotate(last=Max("scored_at"))
        .values_list("report_id", "reviewer_id", "last")
    )
    for report_id, reviewer_id, last in rows:
        result[report_id][reviewer_id] = last
    return result


def stale_reports(plan) -> list[SelfReport]:
    """Submitted reports of `plan` sent again after a reviewer had scored them."""
    reports = list(
        SelfReport.objects.filter(plan=plan, status=SelfReport.Status.SUBMITTED).select_related(
            "member"
        )
    )
    last = last_scored_at(reports)
    return [
        r
        for r in reports
        if r.submitted_at and any(at < r.submitted_at for at in last.get(r.pk, {}).values())
    ]


def report_scores(report) -> list[Score]:
    """Each reviewer's scores on one report (for the BCH's detail view)."""
    return list(
        Score.objects.filter(report=report)
        .select_related("reviewer", "criterion")
        .order_by("criterion__order", "criterion_id", "reviewer__sort_name")
    )


def my_scores(report, reviewer) -> dict[int, Score]:
    return {s.criterion_id: s for s in Score.objects.filter(report=report, reviewer=reviewer)}


# --- collective titles ------------------------------------------------------------------


def collective_members(unit) -> set[int]:
    """The people of a collective: members of a union, or of a union group."""
    current = Membership.objects.current().filter(role__in=UNION_MEMBER_ROLES)
    if unit.kind == unit.Kind.UNION_GROUP:
        return set(current.filter(group=unit).values_list("user_id", flat=True))
    return set(current.filter(unit=unit).values_list("user_id", flat=True))


@dataclass(frozen=True)
class Condition:
    """A collective condition as it applies in one plan (member_title is that plan's)."""

    member_title: object
    min_share: object
    strict: bool
    min_count: int | None


def conditions_for(title) -> list[Condition]:
    """The collective conditions of `title`: its own, or — for a title a plan inherited —
    those of the title it was copied from, pointed at this plan's copies of the member
    titles."""
    own = list(
        CollectiveCondition.objects.filter(title=title)
        .select_related("member_title")
        .order_by("pk")
    )
    if own or title.inherited_from_id is None:
        return [Condition(c.member_title, c.min_share, c.strict, c.min_count) for c in own]
    inherited = conditions_for(title.inherited_from)
    copies = {t.inherited_from_id: t for t in title.plan.titles.exclude(inherited_from=None)}
    by_name = {t.name: t for t in title.plan.titles.all()}
    result = []
    for c in inherited:
        local = copies.get(c.member_title.pk) or by_name.get(c.member_title.name)
        result.append(Condition(local or c.member_title, c.min_share, c.strict, c.min_count))
    return result


def collective_gates(board: Board, title, unit) -> GateResult:
    """A collective title's conditions over its members' gate results on `board`."""
    members = collective_members(unit)
    passing = defaultdict(int)
    for row in board.rows:
        if row.report.member_id in members:
            for gate in row.gates:
                if gate.passed:
                    passing[gate.title.pk] += 1
    failures = []
    for condition in conditions_for(title):
        count = passing[condition.member_title.pk]
        name = condition.member_title.name
        if condition.min_share is not None:
            needed = as_fraction(condition.min_share)
            share = Fraction(count, len(members)) if members else Fraction(0)
            ok = share > needed if condition.strict else share >= needed
            if not ok:
                failures.append(
                    _("Tỷ lệ đạt “%(t)s”: %(share)s (%(n)s/%(m)s), cần %(sign)s %(needed)s")
                    % {
                        "t": name,
                        "share": percent(share),
                        "n": count,
                        "m": len(members),
                        "sign": ">" if condition.strict else "≥",
                        "needed": percent(needed),
                    }
                )
        if condition.min_count is not None and count < condition.min_count:
            failures.append(
                _("Số người đạt “%(t)s”: %(n)s, cần ít nhất %(k)s")
                % {"t": name, "n": count, "k": condition.min_count}
            )
    return GateResult(title, failures)


def member_gates(plan, member, title) -> GateResult | None:
    """The gates of `title` for `member`'s scored report on `plan`; None when the member
    has no submitted report that was scored yet."""
    report = SelfReport.objects.filter(
        plan=plan, member=member, status=SelfReport.Status.SUBMITTED
    ).first()
    if report is None:
        return None
    rows = score_rows([report.pk])
    if not rows:
        return None
    result = consolidate(rows).get(report.pk)
    facts = member_facts(plan, [member.pk])[member.pk]
    return evaluate(title, result, individual_criteria(plan), facts)
