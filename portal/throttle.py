"""Sign-in throttling with django-axes: which account an attempt counts against, the
Vietnamese lockout page, and unlocking.

django-axes records every failed sign-in (``axes.models.AccessAttempt``); after
``AXES_FAILURE_LIMIT`` failures for one account or from one address the next sign-in is
refused, even with the right password, until ``AXES_COOLOFF_TIME`` has passed.
"""

import datetime as dt

from axes.helpers import get_client_ip_address, get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.db.models import Max, Q
from django.shortcuts import render
from django.utils import timezone

from portal.models import User


def account_key(request, credentials) -> str:
    """The name attempts are counted under: the account's username when the phone number,
    e-mail or username finds one account, else the typed identifier itself.

    So ten tries by phone number and ten by e-mail are twenty tries on one account.
    """
    from portal.services.accounts import find_account

    typed = ((credentials or {}).get("username") or "").strip()
    user = find_account(typed) if typed else None
    if user is None and typed:
        user = User.objects.filter(username=typed).first()
    return user.username if user is not None else typed.lower()[:255]


def retry_at(*, username: str, ip_address: str | None) -> dt.datetime:
    """When sign-in is allowed again: the latest counted failure plus the cool-off."""
    attempts = AccessAttempt.objects.filter(Q(username=username) | Q(ip_address=ip_address))
    latest = attempts.aggregate(latest=Max("attempt_time"))["latest"] or timezone.now()
    return latest + get_cool_off()


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets: 429, in Vietnamese, saying when to try again."""
    username = account_key(request, credentials)
    until = retry_at(username=username, ip_address=get_client_ip_address(request))
    minutes = max(1, round((until - timezone.now()).total_seconds() / 60))
    return render(
        request,
        "registration/locked_out.html",
        {"retry_at": timezone.localtime(until), "minutes": minutes},
        status=429,
    )


def unlock(*, username: str | None = None, ip_address: str | None = None) -> int:
    """Forget the failed sign-ins of an account (by its username) or an address.

    Returns how many attempt records were removed (0: nothing was locked).
    """
    if not username and not ip_address:
        raise ValueError("unlock() needs a username or an address")  # axes would drop all
    return reset(username=username, ip=ip_address)
