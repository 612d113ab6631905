"""Decision numbers under concurrent requests: the issuer's row lock hands out 1..N."""

import datetime as dt
import importlib
import threading

import pytest
from django.apps import apps
from django.db import connection, connections, transaction

from nominations.models import BaseSalary, Decision
from nominations.services.decisions import _new_decision

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL for real concurrency"
    ),
]


@pytest.fixture
def reward_rules():
    """A transactional test runs on a flushed database: the rules the migration seeds
    (a decision looks up lương cơ sở) are gone when an earlier one has run. Load them."""
    if not BaseSalary.objects.exists():
        importlib.import_module("nominations.migrations.0006_reward_rules_config").load(apps, None)


def test_concurrent_decisions_of_one_issuer_get_consecutive_numbers(
    union, alice, now, reward_rules
):
    threads_count = 8
    barrier = threading.Barrier(threads_count)
    errors = []

    def issue():
        try:
            barrier.wait()
            with transaction.atomic():
                _new_decision(
                    issuer=union,
                    plan=None,
                    actor=alice,
                    issued_on=dt.date(2026, 11, 28),
                    effective_on=dt.date(2026, 11, 28),
                    signer_title="Chủ tịch",
                    signer_name="Alice",
                    title="Về việc khen thưởng",
                    grounds="",
                    now=now,
                )
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Decision.objects.filter(issuer=union).values_list("number", flat=True))
    assert numbers == list(range(1, threads_count + 1))
