"""Racing requests and racing cron runs: the unique constraints decide, on PostgreSQL."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection, connections

from campaigns.mail.registrations import send_deadline_reminders
from campaigns.models import Registration, ReminderLog
from campaigns.services.registrations import RegistrationError, register_for_title
from portal.models import User
from tests.campaigns.registrations.factories import DEADLINE, SelfReportMilestoneFactory
from tests.factories import PlanFactory

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL for real concurrency"
    ),
]

THREADS = 6


def race(fn):
    barrier = threading.Barrier(THREADS)
    outcomes = []

    def run():
        try:
            barrier.wait()
            outcomes.append(fn())
        except RegistrationError as error:
            outcomes.append(error.message)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_concurrent_registrations_for_one_title_store_one(plan, bob, ldtt):
    now = DEADLINE - dt.timedelta(hours=1)

    outcomes = race(
        lambda: register_for_title(plan=plan, member=bob, title=ldtt, actor=bob, now=now)
    )

    refused = [o for o in outcomes if o == "Bạn đã đăng ký danh hiệu «Lao động tiên tiến» rồi."]
    assert (len(outcomes), len(refused)) == (THREADS, THREADS - 1)
    assert Registration.objects.count() == 1


def test_concurrent_reminder_runs_send_each_reminder_once(union, alice, bob):
    User.objects.filter(pk=alice.pk).update(email="alice@senhong.vn")
    User.objects.filter(pk=bob.pk).update(email="bob@senhong.vn")
    plan = PlanFactory(issuer=union)
    SelfReportMilestoneFactory(plan=plan)
    now = DEADLINE - dt.timedelta(hours=2)

    summaries = race(lambda: send_deadline_reminders(now=now))

    assert sum(s.total for s in summaries) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@senhong.vn", "bob@senhong.vn"]
    assert ReminderLog.objects.count() == 2
