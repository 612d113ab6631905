"""The threat model of docs/ballots.md, played: an adversary with a full copy of the
database (dead tuples, xmin, ctid, page order), the audit log and the server's log lines
tries every link from a voter to their ballot in a round of 21 voters — while it is open,
after the count and after a cancel. Each attempt must do no better than chance.

The ground truth is what each voter's page showed them: their ballot code. An adversary
"hits" when they name the right code for a voter. Matching 20 voters to 21 slots at random
gives about one hit; we allow at most six (chance of seven or more: below 1 in 10,000).
On the code before the encrypted box, the xmin join alone named all 20.
"""

import datetime as dt
import logging
import re
import secrets

import pytest
from django.db import connection

from nominations.models import Ballot, VoteRound
from nominations.services.ballots import cast_ballot
from nominations.services.votes import cancel_vote_round, create_vote_round
from portal.models import AuditEntry, Role
from tests.factories import MembershipFactory, UserFactory
from tests.nominations import committee

pytestmark = pytest.mark.django_db(transaction=True)

HOUR = dt.timedelta(hours=1)
MAX_HITS = 6
CODE = re.compile(rb"[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}")
postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="pageinspect")


@pytest.fixture
def electors(union, alice):
    people = [alice]
    for i in range(20):
        user = UserFactory(username=f"bk{i:02}", full_name=f"Ủy Viên Kín {i:02}")
        MembershipFactory(user=user, unit=union, role=Role.BCH_MEMBER)
        people.append(user)
    return people


def _round(plan, nomination, chair, now):
    round = create_vote_round(
        plan=plan,
        name="Bỏ phiếu kín 21 người",
        nominations=[nomination],
        opens_at=now,
        closes_at=now + HOUR,
        actor=chair,
        now=now,
    )
    return committee.open_round(round=round, actor=chair, now=now)


def _vote(round, voters, now, caplog) -> dict[int, str]:
    truth = {}
    with caplog.at_level(logging.DEBUG):
        for voter in voters:
            choice = secrets.choice(["approve", "disapprove", "abstain"])
            truth[voter.pk] = cast_ballot(
                round=round, actor=voter, choices={str(n): choice for n in _nids(round)}, now=now
            )
    return truth


def _nids(round):
    return list(round.nominations.values_list("id", flat=True))


def _hits(guess: dict, truth: dict) -> int:
    return sum(1 for voter, code in guess.items() if truth.get(voter) == code)


# -- what the adversary reads ---------------------------------------------------------------


def _rows(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def _tuples(table):
    """Every tuple version on the table's pages, live or dead: (xmin, xmax, length, data)."""
    _rows("CREATE EXTENSION IF NOT EXISTS pageinspect")
    pages = _rows(f"SELECT pg_relation_size('{table}') / current_setting('block_size')::int")[0][0]
    out = []
    for page in range(pages):
        out += _rows(
            "SELECT t_xmin::text::bigint, t_xmax::text::bigint, lp_len, t_data "
            f"FROM heap_page_items(get_raw_page('{table}', %s)) WHERE lp_len > 0",
            [page],
        )
    return [(xmin, xmax, length, bytes(data or b"")) for xmin, xmax, length, data in out]


def _raw_pages(table) -> bytes:
    _rows("CREATE EXTENSION IF NOT EXISTS pageinspect")
    pages = _rows(f"SELECT pg_relation_size('{table}') / current_setting('block_size')::int")[0][0]
    return b"".join(
        bytes(_rows("SELECT get_raw_page(%s, %s)", [table, page])[0][0]) for page in range(pages)
    )


def _participations_by(round, order="id"):
    """(voter, xmin) in the given physical or logical order; xmin is 0 on SQLite."""
    xmin = "xmin::text::bigint" if connection.vendor == "postgresql" else "0"
    return _rows(
        f"SELECT voter_id, {xmin} FROM nominations_participation WHERE round_id = %s "
        f"ORDER BY {order}",
        [round.pk],
    )


def _guess_by_xmin(round) -> dict:
    """Old attack: the ballot written in the voter's transaction, live or dead."""
    versions = _tuples("nominations_ballot")
    guess = {}
    for voter, xmin in _participations_by(round):
        # Every vote writes a version of every slot; page pruning may since have removed
        # some dead ones (which slots depends on their pages, not on the vote).
        codes = {m for x, _, _, data in versions if x == xmin for m in CODE.findall(data)}
        if len(codes) == 1:
            guess[voter] = codes.pop().decode()
    return guess


def _guess_by_new_version(round) -> dict:
    """Which slot did the voter's transaction change? Compare the versions it replaced with
    those it wrote: a code that appears, or a row whose length differs from the others."""
    versions = _tuples("nominations_ballot")
    guess = {}
    for voter, xmin in _participations_by(round):
        new = [(n, d) for x, _, n, d in versions if x == xmin]
        old = [(n, d) for _, y, n, d in versions if y == xmin]
        appeared = {m for _, d in new for m in CODE.findall(d)} - {
            m for _, d in old for m in CODE.findall(d)
        }
        lengths = [n for n, _ in new]
        odd = [d for n, d in new if lengths.count(n) == 1]
        if len(appeared) == 1:
            guess[voter] = appeared.pop().decode()
        elif len(odd) == 1 and CODE.search(odd[0]):
            guess[voter] = CODE.search(odd[0]).group().decode()
    return guess


def _guess_by_order(round, participation_order, ballot_order) -> dict:
    voters = [v for v, _ in _participations_by(round, participation_order)]
    codes = [
        c
        for (c,) in _rows(
            f"SELECT code FROM nominations_ballot WHERE round_id = %s ORDER BY {ballot_order}",
            [round.pk],
        )
    ]
    return dict(zip(voters, codes, strict=False))


def _guess_by_audit(round) -> dict:
    """The audit log's vote entries in time order, matched with the stored ballots."""
    voters = [
        e.actor_id
        for e in AuditEntry.objects.filter(action="vote.cast", object_id=str(round.pk)).order_by(
            "at", "id"
        )
    ]
    codes = list(Ballot.objects.filter(round=round).values_list("code", flat=True))
    return dict(zip(voters, codes, strict=False))


def _no_plain_choice_anywhere(round, truth, caplog):
    """No page of the ballot, participation or audit tables — live or dead — holds a
    choice; no audit entry or log line holds a ballot code."""
    for table in ("nominations_ballot", "nominations_participation", "portal_auditentry"):
        raw = _raw_pages(table)
        for word in (b"approve", b"disapprove", b"abstain"):
            assert word not in raw, f"{word!r} in {table}"
    text = " ".join(str(e.data) for e in AuditEntry.objects.all())
    lines = " ".join(r.getMessage() for r in caplog.records)
    for code in truth.values():
        assert code not in text and code not in lines


def _check_every_link(round, truth, caplog, *, postgresql: bool):
    attacks = {
        "id order": _guess_by_order(round, "id", "id"),
        "audit log time order": _guess_by_audit(round),
    }
    if postgresql:
        _no_plain_choice_anywhere(round, truth, caplog)
        attacks |= {
            "xmin": _guess_by_xmin(round),
            "dead tuples": _guess_by_new_version(round),
            "ctid order": _guess_by_order(round, "ctid", "ctid"),
            "xmin order": _guess_by_order(round, "xmin::text::bigint", "ctid"),
        }
    else:
        attacks["rowid order"] = _guess_by_order(round, "rowid", "rowid")
    for name, guess in attacks.items():
        assert _hits(guess, truth) <= MAX_HITS, f"{name} links voters to their ballots"


def _scenario(plan, nomination, electors, now, caplog):
    round = _round(plan, nomination, electors[0], now)
    truth = _vote(round, electors[1:], now, caplog)  # 20 of 21 vote: still open
    round.refresh_from_db()
    assert round.status == VoteRound.Status.OPEN
    return round, truth


@postgres
def test_no_link_while_open_after_count_and_after_cancel_postgresql(
    plan, nomination, electors, now, caplog
):
    round, truth = _scenario(plan, nomination, electors, now, caplog)
    _check_every_link(round, truth, caplog, postgresql=True)

    truth |= _vote(round, electors[:1], now, caplog)  # the 21st: voting ends by itself
    round = committee.count(round)
    assert round.status == VoteRound.Status.CLOSED
    _check_every_link(round, truth, caplog, postgresql=True)


@postgres
def test_no_link_after_cancel_postgresql(plan, nomination, electors, now, caplog):
    round, truth = _scenario(plan, nomination, electors, now, caplog)
    cancel_vote_round(round=round, actor=electors[0], reason="Làm lại")

    _check_every_link(round, truth, caplog, postgresql=True)


def test_no_link_by_order_on_any_database(plan, nomination, electors, now, caplog):
    round, truth = _scenario(plan, nomination, electors, now, caplog)
    _check_every_link(round, truth, caplog, postgresql=connection.vendor == "postgresql")
    cancel_vote_round(round=round, actor=electors[0], reason="Làm lại")
    _check_every_link(round, truth, caplog, postgresql=connection.vendor == "postgresql")
