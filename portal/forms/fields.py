"""Fields every form of the portal uses where input can break the database or Python.

- Dates and times stay within a sane range around the year they concern (a plan's year,
  else this year): ``0001-01-01T00:00`` in Asia/Ho_Chi_Minh is before year 1 in UTC and
  ``9999-12-31T23:59`` is after year 9999 in local time, so Python cannot read either back
  from PostgreSQL. A time zone offset is refused: a datetime-local input never sends one
  (PostgreSQL refuses ``-23:59``).
- Numbers typed as text ("7,5") are finite decimals: ``NaN``, ``sNaN`` and ``Infinity``
  are refused (an ordering comparison with a NaN raises ``InvalidOperation``).
- Text loses NUL and control characters (``strip_control``; the request-wide pass is
  ``portal.sanitize.CleanInputMiddleware``).
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

# C0 controls except tab, line feed and carriage return; DEL; C1 controls.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# How far from the year a date concerns it may lie: plans span a school year, phases a
# term of office (five years), history a few years back.
YEARS_AROUND = 10


def strip_control(value: str) -> str:
    """The text without NUL and control characters (tab and line breaks stay)."""
    return CONTROL_CHARACTERS.sub("", value)


def year_bounds(around_year: int | None, years: int = YEARS_AROUND) -> tuple[int, int]:
    year = around_year or timezone.localdate().year
    return year - years, year + years


class _YearRangeMixin:
    """Refuse a date outside [around_year - years, around_year + years]; a form that knows
    the plan sets ``field.around_year = plan.year``."""

    def __init__(self, *, around_year: int | None = None, years: int = YEARS_AROUND, **kwargs):
        self.around_year = around_year
        self.years = years
        super().__init__(**kwargs)

    def check_year(self, value):
        if value in self.empty_values:
            return value
        low, high = year_bounds(self.around_year, self.years)
        if not low <= value.year <= high:
            raise ValidationError(
                _("Năm %(year)s không hợp lý: hãy nhập một ngày trong các năm %(low)s–%(high)s."),
                code="year_out_of_range",
                params={"year": value.year, "low": low, "high": high},
            )
        return value


class SaneDateField(_YearRangeMixin, forms.DateField):
    def to_python(self, value):
        return self.check_year(super().to_python(value))


class SaneDateTimeField(_YearRangeMixin, forms.DateTimeField):
    """A datetime-local input read in the portal's time zone, near the year it concerns."""

    default_error_messages = {
        "invalid": _("Nhập ngày giờ đúng dạng, ví dụ 23/03/2023 11:30."),
        "offset": _("Nhập giờ Việt Nam, không kèm múi giờ."),
    }

    def to_python(self, value):
        if isinstance(value, str) and _has_offset(value):
            raise ValidationError(self.error_messages["offset"], code="offset")
        try:
            result = super().to_python(value)
        except OverflowError as exc:  # a year-1 local time has no UTC equivalent
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
        return self.check_year(result)

    def prepare_value(self, value):
        try:
            return super().prepare_value(value)
        except OverflowError:
            return value


def _has_offset(text: str) -> bool:
    """ "2023-03-23T11:30+07:00", "…Z", "…-23:59": an ISO date-time with a zone."""
    try:
        parsed = parse_datetime(text.strip())
    except ValueError:
        return False
    return parsed is not None and timezone.is_aware(parsed)


def parse_decimal(raw) -> Decimal:
    """A finite decimal from "7,5" or "7.5"; ValueError for anything else (NaN included)."""
    text = strip_control(str(raw)).strip().replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite():
        raise ValueError(text)
    return value


class FiniteDecimalField(forms.DecimalField):
    """A decimal typed the Vietnamese way ("7,5") or not; never NaN or Infinity."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_decimal(value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
