"""Test helpers for secret rounds: a counting committee with its share codes, and a count
that ends voting and has every member enter their code — what the pages do by hand."""

from nominations.permissions.common import committee_roles
from nominations.services import votes
from portal.models import Membership

# round pk -> {user pk: share code}; the codes exist only here, as on the members' paper.
CODES: dict[int, dict[int, str]] = {}


def default_counters(round, size=2):
    ids = (
        Membership.objects.current()
        .filter(unit=round.unit, role__in=committee_roles(round.unit), user__is_active=True)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )
    from portal.models import User

    return list(User.objects.filter(pk__in=list(ids)[:size]).order_by("pk"))


def prepare_committee(round, actor, counters=None):
    """Choose the committee and let each member take their share code."""
    counters = counters or default_counters(round)
    votes.set_counting_committee(round=round, users=counters, actor=actor)
    CODES[round.pk] = {user.pk: votes.issue_key_share(round=round, actor=user) for user in counters}
    return CODES[round.pk]


def open_round(*, round, actor, now=None, counters=None, **kwargs):
    """open_vote_round, with a committee first when the round is secret."""
    if round.is_secret and not round.counters.exists():
        prepare_committee(round, actor, counters)
    return votes.open_vote_round(round=round, actor=actor, now=now, **kwargs)


def count(round):
    """Every committee member enters their code; returns the closed round."""
    round.refresh_from_db()
    for member in round.counters.select_related("user"):
        if not member.decryption:
            votes.submit_key_share(
                round=round, actor=member.user, code=CODES[round.pk][member.user_id]
            )
    round.refresh_from_db()
    return round


def close_round(*, round, actor, **kwargs):
    """close_vote_round, then the committee's count for a secret round."""
    round = votes.close_vote_round(round=round, actor=actor, **kwargs)
    if round.is_secret:
        round = count(round)
    return round
