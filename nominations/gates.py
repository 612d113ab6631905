"""Title gates (DESIGN.md §4b): each failed condition named, in Vietnamese.

Pure functions over a consolidated report result and the facts about the member; the
selectors gather the facts from the database.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from campaigns.consolidation import ReportResult
from nominations.passrule import as_fraction, percent


@dataclass(frozen=True)
class HistoryEntry:
    """One title in a member's award history (a decision line not revoked, or an
    imported row)."""

    title_key: str  # the title's name folded (portal.vietnamese.fold)
    year: int  # calendar year
    school_start: int  # first year of the school year ("2023-2024" -> 2023)


@dataclass(frozen=True)
class HistoryRule:
    """A title's condition on earlier years (nominations.models.HistoryCondition)."""

    kind: str  # "previous" | "consecutive" | "not_within"
    award_key: str
    award_name: str
    years: int = 1


@dataclass(frozen=True)
class Period:
    """The year the plan judges, counted in calendar or school years as the plan says."""

    start: int  # 2024 for calendar 2024 or for school year 2024-2025
    school_years: bool

    def label(self, start: int) -> str:
        return f"{start}-{start + 1}" if self.school_years else str(start)


@dataclass(frozen=True)
class MemberFacts:
    """What the gates need beyond the scores."""

    registered_title_ids: frozenset = frozenset()
    exclusions: tuple[str, ...] = ()  # labels of the recorded exclusions
    history: tuple[HistoryEntry, ...] = ()
    history_rules: dict = field(default_factory=dict)  # title id -> tuple[HistoryRule]
    period: Period | None = None


@dataclass(frozen=True)
class GateResult:
    title: object
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "…"


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def _criteria_failures(title, result: ReportResult | None, criteria) -> list[str]:
    failures = []
    for criterion in criteria:
        if criterion.target != title.target:
            continue
        consolidated = result.criteria.get(criterion.pk) if result else None
        if criterion.kind == "met":
            if not criterion.required:
                continue
            if consolidated is None or consolidated.majority is None:
                failures.append(
                    _("Tiêu chuẩn bắt buộc chưa được chấm: %(c)s") % {"c": _short(criterion.text)}
                )
            elif consolidated.majority == "tie":
                failures.append(
                    _("Tiêu chuẩn bắt buộc hòa ý kiến (%(y)s đạt, %(n)s không đạt): %(c)s")
                    % {
                        "y": consolidated.met_yes,
                        "n": consolidated.met_no,
                        "c": _short(criterion.text),
                    }
                )
            elif consolidated.majority == "not_met":
                failures.append(
                    _("Tiêu chuẩn bắt buộc không đạt: %(c)s") % {"c": _short(criterion.text)}
                )
        elif title.criterion_floor_share is not None and criterion.max_points:
            floor = as_fraction(title.criterion_floor_share) * Fraction(criterion.max_points)
            mean = consolidated.mean if consolidated else None
            if mean is None or Fraction(mean) < floor:
                failures.append(
                    _("%(c)s: %(p)s điểm, dưới %(share)s của %(max)s điểm")
                    % {
                        "c": _short(criterion.text),
                        "p": _fmt(mean) if mean is not None else "0",
                        "share": percent(as_fraction(title.criterion_floor_share)),
                        "max": _fmt(criterion.max_points),
                    }
                )
    return failures


def _years_text(period: Period, starts) -> str:
    found = sorted(set(starts))
    return ", ".join(period.label(y) for y in found) if found else _("không có năm nào")


def history_failures(rules, history, period: Period) -> list[str]:
    """Each history condition the member fails, named with the years it found."""
    failures = []
    unit = _("năm học") if period.school_years else _("năm")
    for rule in rules:
        starts = [
            (h.school_start if period.school_years else h.year)
            for h in history
            if h.title_key == rule.award_key
        ]
        earlier = [y for y in starts if y < period.start]
        wanted = [period.start - k for k in range(1, max(rule.years, 1) + 1)]
        if rule.kind == "previous":
            if period.start - 1 not in starts:
                failures.append(
                    _("Chưa đạt “%(t)s” %(u)s trước (%(p)s); hồ sơ có: %(f)s")
                    % {
                        "t": rule.award_name,
                        "u": unit,
                        "p": period.label(period.start - 1),
                        "f": _years_text(period, earlier),
                    }
                )
        elif rule.kind == "consecutive":
            missing = [y for y in wanted if y not in starts]
            if missing:
                failures.append(
                    _(
                        "Chưa đạt “%(t)s” %(n)s %(u)s liên tục (%(from)s – %(to)s); thiếu %(m)s; "
                        "hồ sơ có: %(f)s"
                    )
                    % {
                        "t": rule.award_name,
                        "n": rule.years,
                        "u": unit,
                        "from": period.label(wanted[-1]),
                        "to": period.label(wanted[0]),
                        "m": _years_text(period, missing),
                        "f": _years_text(period, earlier),
                    }
                )
        elif rule.kind == "not_within":
            within = [y for y in starts if y in wanted]
            if within:
                failures.append(
                    _("Đã được khen “%(t)s” trong %(n)s %(u)s gần đây: %(f)s")
                    % {
                        "t": rule.award_name,
                        "n": rule.years,
                        "u": unit,
                        "f": _years_text(period, within),
                    }
                )
    return failures


def evaluate(title, result: ReportResult | None, criteria, facts: MemberFacts) -> GateResult:
    """Every condition of `title` the member fails, named; none when the gates pass."""
    failures = _criteria_failures(title, result, criteria)
    if title.min_points is not None:
        total = result.mean_total if result and result.mean_total is not None else Decimal(0)
        if total < title.min_points:
            failures.append(
                _("Tổng điểm %(t)s, dưới mức tối thiểu %(m)s")
                % {"t": _fmt(total), "m": _fmt(title.min_points)}
            )
    if title.prerequisite_id is not None and title.prerequisite is not None:
        before = evaluate(title.prerequisite, result, criteria, facts)
        if not before.passed:
            failures.append(
                _("Chưa đạt danh hiệu phải có trước: %(t)s") % {"t": title.prerequisite.name}
            )
    if title.requires_registration and title.pk not in facts.registered_title_ids:
        failures.append(_("Chưa đăng ký thi đua danh hiệu này"))
    rules = facts.history_rules.get(title.pk, ())
    if rules and facts.period is not None:
        failures.extend(history_failures(rules, facts.history, facts.period))
    for label in facts.exclusions:
        failures.append(_("Thuộc trường hợp không xét: %(e)s") % {"e": label})
    return GateResult(title, failures)


def rating_failure(required, assessment) -> str | None:
    """Why a unit's rating does not meet a collective title's condition ("CĐCS vững
    mạnh" or better), naming the level it got; None when it does. `required` is a
    RatingLevel (order 1 is the best); `assessment` the unit's UnitAssessment or None."""
    if assessment is None or assessment.status != "finalised":
        return _("chưa có kết quả xếp loại “%(level)s” (cần từ mức này trở lên)") % {
            "level": required.name
        }
    got = assessment.level
    if got is not None and got.order <= required.order:
        return None
    return _("xếp loại “%(got)s”, cần “%(level)s” trở lên") % {
        "got": got.name if got is not None else _("không đạt mức nào"),
        "level": required.name,
    }
