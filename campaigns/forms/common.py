"""Reading posted values that the views parse themselves (simple forms without a Form)."""


def pk_of(value) -> int | None:
    """A posted id, or None for anything that is not one ("sNaN", "²", "", an id too
    long for the database)."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 18 else None
