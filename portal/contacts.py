"""How people's names, phone numbers and e-mail addresses are stored: one form for each,
so that a person typed twice (by hand, by a sheet) is found again."""

import re
import unicodedata

_NOT_DIGIT = re.compile(r"[\s.\-()/]")


def clean_name(text: str) -> str:
    """A name in NFC with single spaces (sheets arrive in NFC, NFD or a mix)."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def normalize_phone(value) -> str:
    """A Vietnamese phone number as stored: digits only, leading 0.

    Accepts what sheets hold: numbers that lost their leading zero (912345678.0),
    "+84 912 345 678", "0912.345.678". Returns "" for blank; the caller validates the rest.
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _NOT_DIGIT.sub("", str(value).strip())
    if text.startswith("+84"):
        text = "0" + text[3:]
    elif text.startswith("84") and len(text) == 11:
        text = "0" + text[2:]
    if text.isdigit() and len(text) == 9 and not text.startswith("0"):
        text = "0" + text  # stored as a number in Excel: the leading zero was lost
    return text


def is_valid_phone(phone: str) -> bool:
    return phone.isdigit() and phone.startswith("0") and len(phone) in (10, 11)


def normalize_email(value) -> str:
    return unicodedata.normalize("NFC", str(value or "")).strip().lower()
