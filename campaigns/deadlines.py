"""The one deadline module every time-bound action asks.

A window accepts an action when ``start <= now < end`` (the seed's "Hạn chót 11h30 ngày
23/3/2023": 11:29:59.999 is accepted, 11:30:00.000 refused), whatever the server's own
time zone: datetimes are aware, stored in UTC and shown in Asia/Ho_Chi_Minh. The clock
is always an argument, so tests can stand at any millisecond.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.forms.fields import year_bounds
from portal.vietnamese import PORTAL_ZONE, format_deadline, format_moment, to_local  # noqa: F401 (re-exported)

# Deadlines are Vietnamese wall-clock times: shown and parsed in this zone whatever the
# server's TIME_ZONE or the process's TZ (a server run in UTC must still say "11h30").


class WindowState(StrEnum):
    NOT_YET_OPEN = "not_yet_open"
    OPEN = "open"
    CLOSED = "closed"


STATE_LABELS = {
    WindowState.NOT_YET_OPEN: _("Chưa mở"),
    WindowState.OPEN: _("Đang mở"),
    WindowState.CLOSED: _("Đã đóng"),
}


@dataclass(frozen=True)
class Window:
    """A time window [starts_at, ends_at) — `ends_at` is the deadline itself."""

    starts_at: datetime
    ends_at: datetime

    def __post_init__(self):
        if timezone.is_naive(self.starts_at) or timezone.is_naive(self.ends_at):
            raise ValueError("Deadline windows need aware datetimes")

    def state(self, now: datetime) -> WindowState:
        if now < self.starts_at:
            return WindowState.NOT_YET_OPEN
        if now < self.ends_at:
            return WindowState.OPEN
        return WindowState.CLOSED

    def is_open(self, now: datetime) -> bool:
        return self.state(now) is WindowState.OPEN

    def extended_to(self, ends_at: datetime | None) -> "Window":
        """The same window with a personal deadline, if one was granted and is later."""
        if ends_at is None or ends_at <= self.ends_at:
            return self
        return Window(self.starts_at, ends_at)

    @property
    def deadline_text(self) -> str:
        return format_deadline(self.ends_at)


def window_of(milestone, *, extended_to: datetime | None = None) -> Window:
    """The window of a Milestone (start and end), with a granted personal extension."""
    return Window(milestone.starts_at, milestone.ends_at).extended_to(extended_to)


def seconds_left(window: Window, now: datetime) -> float:
    return max(0.0, (window.ends_at - now).total_seconds())


def parse_local(value: str) -> datetime:
    """Parse "2023-03-23T11:30" (as a datetime-local input sends it) in Asia/Ho_Chi_Minh.

    ValueError for anything else: a value with a zone offset (a datetime-local input never
    sends one, and PostgreSQL refuses "-23:59"), and a year more than YEARS_AROUND from
    this one (year 1 in Vietnam is before year 1 in UTC: Python cannot read it back).
    """
    naive = datetime.fromisoformat(value)
    if timezone.is_aware(naive):
        raise ValueError(f"{value!r} has a zone offset; datetime-local values have none")
    low, high = year_bounds(None)
    if not low <= naive.year <= high:
        raise ValueError(f"{value!r} is outside the years {low}-{high}")
    return naive.replace(tzinfo=PORTAL_ZONE)
