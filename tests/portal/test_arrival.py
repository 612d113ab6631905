"""Arrival time (issue 13, item 7): lateness is judged by when a request reached the
front proxy (a trusted X-Request-Start) or, without one, by the first middleware, not by
when a busy worker got round to it."""

import datetime as dt

import pytest
from django.conf import settings
from django.test import RequestFactory

from portal.arrival import ArrivalTimeMiddleware, arrival_time, parse_request_start

NOW = dt.datetime(2023, 11, 14, 22, 13, 20, 500_000, tzinfo=dt.UTC)  # 1700000000.5


@pytest.mark.parametrize(
    "value, expected",
    [
        ("t=1700000000.123", NOW.replace(microsecond=123_000)),
        ("1700000000.123", NOW.replace(microsecond=123_000)),
        ("t=1700000000123", NOW.replace(microsecond=123_000)),  # milliseconds
        ("t=1700000000123456", NOW.replace(microsecond=123_456)),  # microseconds
        ("t=1700000000", NOW.replace(microsecond=0)),
    ],
)
def test_request_start_header_formats(value, expected):
    assert parse_request_start(value) == expected


@pytest.mark.parametrize("value", ["", "t=", "yesterday", "t=-5", "t=1e9", "t=99999999999999999"])
def test_request_start_header_garbage_is_ignored(value):
    assert parse_request_start(value) is None


def test_arrival_middleware_comes_first():
    assert settings.MIDDLEWARE[0] == "portal.arrival.ArrivalTimeMiddleware"


def _arrival(request, monkeypatch, now=NOW):
    monkeypatch.setattr("portal.arrival.timezone.now", lambda: now)
    seen = {}

    def view(req):
        seen["at"] = arrival_time(req)

    ArrivalTimeMiddleware(view)(request)
    return seen["at"]


def test_trusted_header_gives_the_arrival_time(settings, monkeypatch):
    settings.ARRIVAL_HEADER = "X-Request-Start"
    request = RequestFactory().post("/", HTTP_X_REQUEST_START="t=1700000000.123")

    assert _arrival(request, monkeypatch) == NOW.replace(microsecond=123_000)


def test_header_not_configured_is_not_trusted(settings, monkeypatch):
    settings.ARRIVAL_HEADER = ""
    request = RequestFactory().post("/", HTTP_X_REQUEST_START="t=1700000000.123")

    assert _arrival(request, monkeypatch) == NOW


def test_configured_header_absent_gives_the_middleware_time(settings, monkeypatch):
    settings.ARRIVAL_HEADER = "X-Request-Start"

    assert _arrival(RequestFactory().post("/"), monkeypatch) == NOW


@pytest.mark.parametrize(
    "stamp",
    [
        "t=1699999900.000",  # 100 s queued: more than ARRIVAL_MAX_QUEUE_SECONDS
        "t=1700000005.000",  # in the future
    ],
)
def test_unbelievable_stamp_gives_the_middleware_time(settings, monkeypatch, stamp):
    settings.ARRIVAL_HEADER = "X-Request-Start"
    settings.ARRIVAL_MAX_QUEUE_SECONDS = 30
    request = RequestFactory().post("/", HTTP_X_REQUEST_START=stamp)

    assert _arrival(request, monkeypatch) == NOW


def test_request_outside_the_middleware_arrives_now():
    assert abs(arrival_time(RequestFactory().get("/")) - dt.datetime.now(dt.UTC)) < dt.timedelta(
        seconds=5
    )
