"""Title gates (DESIGN.md §4b): each failed condition named, in Vietnamese.

Pure functions over a consolidated report result and the facts about the member; the
selectors gather the facts from the database.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from nominations.consolidation import ReportResult
from nominations.passrule import as_fraction, percent


@dataclass(frozen=True)
class MemberFacts:
    """What the gates need beyond the scores."""

    registered_title_ids: frozenset = frozenset()
    exclusions: tuple[str, ...] = ()  # labels of the recorded exclusions


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
    for label in facts.exclusions:
        failures.append(_("Thuộc trường hợp không xét: %(e)s") % {"e": label})
    return GateResult(title, failures)
