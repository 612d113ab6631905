"""What the demo loaders share while ``seed_demo`` runs."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from campaigns.models import Plan
from portal.models import OrgUnit, User

DEMO_PASSWORD = "thidua2026"


@dataclass
class DemoContext:
    """The clock, the shared password hash and the objects made so far, by their keys."""

    now: dt.datetime = field(default_factory=timezone.now)
    log: Callable[[str], None] = lambda message: None
    units: dict[str, OrgUnit] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    plans: dict[str, Plan] = field(default_factory=dict)
    # username -> what the account is for, printed at the end of seed_demo.
    logins: dict[str, str] = field(default_factory=dict)

    @property
    def today(self) -> dt.date:
        return timezone.localdate(self.now)

    @cached_property
    def password_hash(self) -> str:
        """``DEMO_PASSWORD`` hashed once; every demo account shares it (hashing is slow)."""
        return make_password(DEMO_PASSWORD)

    def unit(self, code: str) -> OrgUnit:
        if code not in self.units:
            self.units[code] = OrgUnit.objects.get(code=code)
        return self.units[code]

    def user(self, username: str) -> User:
        if username not in self.users:
            self.users[username] = User.objects.get(username=username)
        return self.users[username]

    def plan(self, key: str) -> Plan:
        """A plan loaded earlier in this run, by the ``key`` of its fixture."""
        try:
            return self.plans[key]
        except KeyError:
            raise LookupError(f"No demo plan with key {key!r} loaded before this one") from None
