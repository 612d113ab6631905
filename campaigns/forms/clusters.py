"""Reading the cluster pages' posted values (the views parse their simple forms)."""


def pk_of(value) -> int | None:
    """A posted id, or None for anything that is not one ("sNaN", "²", "")."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 18 else None
