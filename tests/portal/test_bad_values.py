"""Values a form shows again after a bad input must not break the page (issue 13)."""

import pytest

from portal.forms.fields import parse_decimal, strip_control
from portal.vietnamese import machine_number


@pytest.mark.parametrize("typed", ["abc", "NaN", "sNaN", "Infinity", "1,5,6"])
def test_machine_number_shows_what_was_typed(typed):
    assert machine_number(typed) == typed


def test_machine_number_of_a_number():
    assert machine_number("8.50") == "8.50"


@pytest.mark.parametrize("raw", ["NaN", "sNaN", "-Infinity", "", "7,5,1", "\x00"])
def test_parse_decimal_refuses_non_finite_and_garbage(raw):
    with pytest.raises(ValueError):
        parse_decimal(raw)


def test_parse_decimal_reads_the_vietnamese_comma():
    assert str(parse_decimal(" 7,5 ")) == "7.5"


def test_strip_control_keeps_line_breaks_and_tabs():
    assert strip_control("a\x00b\x1b[31m\tc\r\nd\x7f\x85") == "ab[31m\tc\r\nd"
