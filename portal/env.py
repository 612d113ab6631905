"""Read settings from the environment, failing loudly on values we cannot understand."""

import json
import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise ImproperlyConfigured(f"Environment variable {name} is required")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_json(name: str, default: dict) -> dict:
    """A JSON object (e.g. a storage backend's options)."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        parsed = json.loads(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a JSON object, not {value!r}") from exc
    if not isinstance(parsed, dict):
        raise ImproperlyConfigured(f"{name} must be a JSON object, not {value!r}")
    return parsed


def backend_path(name: str, value: str, choices: dict[str, str]) -> str:
    """The dotted path of a backend chosen by a short name (a key of `choices`) or given
    as a dotted path itself ("package.module.Class"). ImproperlyConfigured for anything
    else (a typo such as "dbb"), naming the accepted values, so the server refuses to start
    instead of failing later on the first task."""
    if value in choices:
        return choices[value]
    parts = value.split(".")
    if len(parts) >= 2 and all(part.isidentifier() for part in parts):
        return value
    raise ImproperlyConfigured(
        f"{name} must be one of {', '.join(sorted(choices))} or the dotted path of a backend "
        f"class (package.module.Class), not {value!r}."
    )
