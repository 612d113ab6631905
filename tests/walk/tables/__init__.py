"""Expectation tables for the permission walk (see tests/walk/README.md).

Every module in this package defines ``EXPECTATIONS``: a dict from a URL name
("home", "campaigns:plan_detail") to an ``Expect`` or a list of them. The walk requests
each URL as every role and compares the status with the table.
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Who the walk signs in as. "anonymous" is nobody; "outsider" is a federation officer of
# another district (ldld_quan1), who must not see anything of Gò Vấp's.
ROLES = (
    "anonymous",
    "admin",
    "ldld_govap",
    "chutich_senhong",
    "bch_senhong",
    "doanvien_senhong",
    "bithu_senhong",
    "bgh_senhong",
    "outsider",
)
SIGNED_IN = ROLES[1:]


@dataclass(frozen=True)
class Expect:
    """What each role gets from one request to a URL.

    kwargs: URL kwargs, a dict or a function of the DemoData (``lambda d: {"pk": ...}``).
    method: "GET" or "POST".
    data: the request body (POST) or query (GET), a dict or a function of the DemoData.
    status: role -> expected status code, for every role in ROLES.
    location: role -> expected start of the Location header for redirects. When absent,
        an anonymous 302 on a GET must go to the login page.
    """

    status: dict[str, int]
    kwargs: dict[str, Any] | Callable[[Any], dict[str, Any]] = field(default_factory=dict)
    method: str = "GET"
    data: dict[str, Any] | Callable[[Any], dict[str, Any]] = field(default_factory=dict)
    location: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        if self.method not in ("GET", "POST"):
            raise ValueError(f"method must be GET or POST, not {self.method!r}")
        missing = [role for role in ROLES if role not in self.status]
        unknown = [role for role in self.status if role not in ROLES]
        if missing or unknown:
            raise ValueError(
                f"status must give every role exactly once; missing {missing}, unknown {unknown}"
            )

    def resolve_kwargs(self, demo) -> dict[str, Any]:
        return self.kwargs(demo) if callable(self.kwargs) else dict(self.kwargs)

    def resolve_data(self, demo) -> dict[str, Any]:
        return self.data(demo) if callable(self.data) else dict(self.data)


def statuses(default: int, **per_role: int) -> dict[str, int]:
    """A full status row: `default` for every role, except those named.

    ``statuses(200, anonymous=302, outsider=404)``
    """
    unknown = [role for role in per_role if role not in ROLES]
    if unknown:
        raise ValueError(f"Unknown roles {unknown}; roles are {ROLES}")
    return {role: per_role.get(role, default) for role in ROLES}


def collect() -> dict[str, list[Expect]]:
    """Every module's EXPECTATIONS, merged. A URL name in two modules is an error."""
    merged: dict[str, list[Expect]] = {}
    owners: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name, value in getattr(module, "EXPECTATIONS", {}).items():
            if name in merged:
                raise ValueError(
                    f"{name!r} has expectations in both {owners[name]} and {info.name}"
                )
            expects = list(value) if isinstance(value, list | tuple) else [value]
            if not expects or not all(isinstance(e, Expect) for e in expects):
                raise ValueError(f"{info.name}.EXPECTATIONS[{name!r}] must be Expect objects")
            merged[name] = expects
            owners[name] = info.name
    return merged
