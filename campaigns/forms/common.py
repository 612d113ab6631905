"""Reading posted values that the views parse themselves (simple forms without a Form)."""

from portal.forms.fields import parse_decimal
from portal.vietnamese import format_number


def pk_of(value) -> int | None:
    """A posted id, or None for anything that is not one ("sNaN", "²", "", an id too
    long for the database)."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 18 else None


def shown_number(value) -> str:
    """A number for a text input typed the Vietnamese way: "8,5" for 8.5 (stored, or
    posted as "8,5" or "8.5"); what was typed, unchanged, when it is not a number, so the
    form shown again with its error keeps it; "" for nothing."""
    if value is None or value == "":
        return ""
    try:
        return format_number(parse_decimal(value))
    except ValueError:
        return str(value)
