"""One ballot per voter under concurrent requests: the database constraint decides."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from nominations.models import Ballot, Participation
from nominations.services.ballots import cast_ballot
from tests.nominations import committee
from tests.nominations.test_votes import approve_all, make_round

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL for real concurrency"
    ),
]


def test_concurrent_ballots_from_one_voter_exactly_one_counted(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)
    choices = approve_all(round)
    voter = bch[1]
    threads_count = 20
    barrier = threading.Barrier(threads_count)
    outcomes = []

    def vote():
        try:
            barrier.wait()
            outcomes.append(cast_ballot(round=round, actor=voter, choices=choices, now=now))
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    codes = [o for o in outcomes if o != "Bạn đã bỏ phiếu trong đợt này rồi."]
    assert len(outcomes) == threads_count
    assert len(codes) == 1
    assert Participation.objects.filter(round=round).count() == 1
    assert [code for code, _ in committee.filled(round)] == codes
    assert Ballot.objects.filter(round=round).count() == round.electors.count()
