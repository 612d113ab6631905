"""When a request arrived: the time lateness is judged by.

A request waits in the front proxy's and the workers' queues before a view runs; judged
by the view's clock, a submit sent 100 ms before a deadline is refused when every worker
was busy. The arrival time is:

- the trusted front proxy's stamp, when ``ARRIVAL_HEADER`` names its header (nginx:
  ``proxy_set_header X-Request-Start "t=${msec}";``, docs/deployment.md). Only a stamp no
  later than now and at most ``ARRIVAL_MAX_QUEUE_SECONDS`` old is believed (a
  misconfigured or forged one then costs at most that much);
- else the time ``ArrivalTimeMiddleware`` (first in MIDDLEWARE) saw the request.
"""

import datetime as dt
import re

from django.conf import settings
from django.utils import timezone

# nginx's $msec is "1700000000.123" (seconds, millisecond resolution); "t=" as New Relic
# and Heroku write it. Microseconds ("t=1700000000123456") are read too.
_STAMP = re.compile(r"^\s*(?:t=)?(\d{9,16})(?:\.(\d{1,6}))?\s*$")
# A proxy's clock may run a little ahead of the application server's.
CLOCK_SKEW = dt.timedelta(seconds=1)


def parse_request_start(value: str) -> dt.datetime | None:
    """The moment in an "X-Request-Start: t=1700000000.123" header, or None."""
    match = _STAMP.match(value or "")
    if not match:
        return None
    whole, fraction = match.groups()
    if fraction is None and len(whole) >= 15:  # microseconds since the epoch
        seconds = int(whole) / 1_000_000
    elif fraction is None and len(whole) >= 12:  # milliseconds since the epoch
        seconds = int(whole) / 1_000
    else:
        seconds = float(f"{whole}.{fraction or 0}")
    try:
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None


def trusted_stamp(request, now: dt.datetime) -> dt.datetime | None:
    """The configured proxy header's moment, if it is believable at `now`."""
    header = getattr(settings, "ARRIVAL_HEADER", "")
    if not header:
        return None
    stamp = parse_request_start(request.headers.get(header, ""))
    if stamp is None:
        return None
    oldest = now - dt.timedelta(seconds=settings.ARRIVAL_MAX_QUEUE_SECONDS)
    if not oldest <= stamp <= now + CLOCK_SKEW:
        return None
    return min(stamp, now)


class ArrivalTimeMiddleware:
    """Sets ``request.arrived_at``. Keep it first in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        now = timezone.now()
        request.arrived_at = trusted_stamp(request, now) or now
        return self.get_response(request)


def arrival_time(request) -> dt.datetime:
    """When `request` arrived (now, for a request that did not pass the middleware)."""
    return getattr(request, "arrived_at", None) or timezone.now()
