import datetime as dt
import time

import pytest

from campaigns.deadlines import (
    Window,
    WindowState,
    format_deadline,
    format_moment,
    parse_local,
    window_of,
)
from tests.campaigns.selfreports.conftest import DEADLINE, START, VN

MS = dt.timedelta(milliseconds=1)


@pytest.fixture
def utc_server(settings):
    """The server's Django zone and the process's TZ both in UTC."""
    settings.TIME_ZONE = "UTC"
    assert time.tzname[0] == "UTC"


def test_window_open_at_last_millisecond_with_server_in_utc(utc_server):
    window = Window(START, DEADLINE)

    assert window.state(DEADLINE - MS) is WindowState.OPEN
    assert window.state(dt.datetime(2023, 3, 23, 4, 29, 59, 999000, tzinfo=dt.UTC)).value == "open"


def test_window_closed_at_deadline_with_server_in_utc(utc_server):
    window = Window(START, DEADLINE)

    assert window.state(DEADLINE) is WindowState.CLOSED
    assert window.state(dt.datetime(2023, 3, 23, 4, 30, tzinfo=dt.UTC)) is WindowState.CLOSED


def test_window_not_yet_open_before_start():
    window = Window(START, DEADLINE)

    assert window.state(START - MS) is WindowState.NOT_YET_OPEN
    assert window.state(START) is WindowState.OPEN


def test_deadline_shown_in_vietnam_time_with_server_in_utc(utc_server):
    assert format_deadline(DEADLINE.astimezone(dt.UTC)) == "11h30 ngày 23/3/2023"
    assert Window(START, DEADLINE).deadline_text == "11h30 ngày 23/3/2023"
    assert format_moment(dt.datetime(2023, 3, 23, 4, 30, 0, 999, tzinfo=dt.UTC)) == (
        "11:30:00 ngày 23/3/2023"
    )


def test_parse_local_reads_vietnam_time_with_server_in_utc(utc_server):
    assert parse_local("2023-03-23T11:30") == DEADLINE
    assert parse_local("2023-03-23T11:30").astimezone(dt.UTC).hour == 4


def test_window_naive_datetimes_refused():
    with pytest.raises(ValueError):
        Window(dt.datetime(2023, 3, 15), DEADLINE)


def test_extension_only_moves_deadline_later():
    window = Window(START, DEADLINE)

    assert window.extended_to(DEADLINE - MS) == window
    assert window.extended_to(None) == window
    assert window.extended_to(DEADLINE + dt.timedelta(days=1)).ends_at == dt.datetime(
        2023, 3, 24, 11, 30, tzinfo=VN
    )


def test_window_of_milestone_with_personal_extension(plan):
    milestone = plan.milestones.get()
    later = DEADLINE + dt.timedelta(hours=2)

    window = window_of(milestone, extended_to=later)

    assert window.state(later - MS) is WindowState.OPEN
    assert window.state(later) is WindowState.CLOSED


@pytest.mark.parametrize(
    "value",
    [
        "2023-03-23T11:30-23:59",
        "2023-03-23T11:30+07:00",
        "2023-03-23T11:30Z",
        "0001-01-01T00:00",
        "9999-12-31T23:59",
    ],
)
def test_parse_local_refuses_offsets_and_absurd_years(value):
    with pytest.raises(ValueError):
        parse_local(value)


def test_extension_decision_with_an_offset_is_a_form_error():
    from campaigns.forms.selfreports import ExtensionDecisionForm

    form = ExtensionDecisionForm({"decision": "grant", "new_deadline": "2023-03-30T11:30-23:59"})

    assert not form.is_valid()
    assert form.errors["new_deadline"] == ["Hạn mới không đúng dạng ngày giờ."]
