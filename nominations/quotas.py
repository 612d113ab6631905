"""Quotas per title: a number, a share of the unit's members, or both (the smaller wins)."""

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from nominations.passrule import as_fraction, percent
from portal.models import UNION_MEMBER_ROLES, Membership


@dataclass(frozen=True)
class Quota:
    limit: int | None  # None: no quota
    text: str  # names the quota, e.g. "chỉ tiêu 15% của 20 đoàn viên = 3"


def member_count(unit) -> int:
    """Current members of the unit (each person once)."""
    return (
        Membership.objects.current()
        .filter(unit=unit, role__in=UNION_MEMBER_ROLES)
        .values("user")
        .distinct()
        .count()
    )


def quota_for(title, unit, *, members: int | None = None) -> Quota:
    """The quota of `title` in `unit`. A share is taken of the unit's members, rounded down."""
    limits = []
    if title.quota_count is not None:
        limits.append((title.quota_count, _("chỉ tiêu %(n)s người") % {"n": title.quota_count}))
    if title.quota_share is not None:
        members = member_count(unit) if members is None else members
        share = as_fraction(title.quota_share)
        limit = math.floor(share * members)
        limits.append(
            (
                limit,
                _("chỉ tiêu %(share)s của %(members)s đoàn viên = %(n)s")
                % {"share": percent(share), "members": members, "n": limit},
            )
        )
    if not limits:
        return Quota(None, _("không giới hạn chỉ tiêu"))
    limit, text = min(limits, key=lambda item: item[0])
    return Quota(limit, text)
