"""Test helpers for secret rounds: a counting committee with its share codes, and a count
that ends voting and has every member enter their code — what the pages do by hand."""

from nominations.permissions.common import committee_roles
from nominations.services import counting, votes
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
    counting.set_counting_committee(round=round, users=counters, actor=actor)
    CODES[round.pk] = {
        user.pk: counting.issue_key_share(round=round, actor=user) for user in counters
    }
    return CODES[round.pk]


def open_round(*, round, actor, now=None, counters=None, **kwargs):
    """open_vote_round, with a committee first when the round is secret."""
    if round.is_secret and not round.counters.exists():
        prepare_committee(round, actor, counters)
    elif round.is_secret and round.counters.filter(public_share="").exists():
        CODES[round.pk] = {
            m.user_id: counting.issue_key_share(round=round, actor=m.user)
            for m in round.counters.select_related("user")
        }
    return votes.open_vote_round(round=round, actor=actor, now=now, **kwargs)


def count(round):
    """Every committee member enters their code; returns the closed round."""
    round.refresh_from_db()
    for member in round.counters.select_related("user"):
        if not member.decryption:
            counting.submit_key_share(
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


def _secrets(round):
    from nominations import tally
    from nominations.services.counting import share_context

    return [
        tally.share_secret(code, share_context(round, _user(pk)))
        for pk, code in CODES[round.pk].items()
    ]


def _user(pk):
    from portal.models import User

    return User(pk=pk)


def _open(ct, secrets):
    from nominations import tally

    shares = [tally.partial_decrypt(s, ct) for s in secrets]
    return tally.decrypt_total(ct, shares, most=1)


def filled(round):
    """What a full committee colluding with the database could read: each used slot's
    code and choices, sorted by code. Tests only — the portal never decrypts one slot."""
    from nominations.models import Ballot

    secrets = _secrets(round)
    out = []
    for slot in Ballot.objects.filter(round=round).order_by("code"):
        if not _open(slot.cipher["cast"], secrets):
            continue
        choices = {}
        for key, bits in slot.cipher.items():
            if key == "cast":
                continue
            a, d = _open(bits["a"], secrets), _open(bits["d"], secrets)
            choices[key] = "approve" if a else "disapprove" if d else "abstain"
        out.append((slot.code, choices))
    return out


def ballots(round=None):
    """The number of ballots cast into a round's box (every round when None)."""
    from nominations.models import VoteRound

    rounds = [round] if round else VoteRound.objects.filter(mode="secret", status="open")
    return sum(len(filled(r)) for r in rounds if r.pk in CODES)
