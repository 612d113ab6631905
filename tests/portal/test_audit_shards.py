"""The audit log is one chain per unit (issue 18): appends in two units do not wait for
each other, tampering with one unit's chain leaves the others valid, and anchors,
printed heads and truncation checks work chain by chain."""

import datetime as dt
import importlib
import io
import threading
import time

import pytest
from django.apps import apps
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

from portal.audit import (
    GLOBAL,
    chain_head,
    chain_heads,
    chain_of,
    make_anchor,
    make_anchors,
    record,
    verify_chain,
)
from portal.models import AuditAnchor, AuditEntry, Role
from tests.factories import MembershipFactory, OrgUnitFactory, UserFactory

migration = importlib.import_module("portal.migrations.0005_audit_chain_shards")


def verify(*options) -> str:
    out = io.StringIO()
    call_command("verify_audit", *options, stdout=out)
    return out.getvalue()


@pytest.fixture
def two_chains(alice, union, other_union):
    """Three entries in each of two units, written interleaved."""
    entries = {union.pk: [], other_union.pk: []}
    for n in range(3):
        for unit in (union, other_union):
            entries[unit.pk].append(record(actor=alice, action="plan.update", unit=unit, n=n))
    return entries[union.pk], entries[other_union.pk]


@pytest.mark.django_db
def test_each_unit_has_its_own_numbered_chain(two_chains, union, other_union, alice):
    ours, theirs = two_chains
    loose = record(actor=alice, action="portal.x")  # no unit: the global chain

    assert [(e.chain, e.seq) for e in ours] == [(f"u{union.pk}", n) for n in (1, 2, 3)]
    assert [(e.chain, e.seq) for e in theirs] == [(f"u{other_union.pk}", n) for n in (1, 2, 3)]
    assert ours[0].prev_hash == theirs[0].prev_hash == "0" * 64
    assert [e.prev_hash for e in ours[1:]] == [e.hash for e in ours[:2]]
    assert (loose.chain, loose.seq) == (GLOBAL, 1)
    assert [(h.chain, h.count, h.head_id) for h in chain_heads()] == [
        (GLOBAL, 1, loose.pk),
        *sorted([(f"u{union.pk}", 3, ours[2].pk), (f"u{other_union.pk}", 3, theirs[2].pk)]),
    ]
    assert verify_chain() == (True, None)


@pytest.mark.django_db
def test_tampering_one_chain_leaves_the_other_valid(two_chains, union, other_union):
    ours, theirs = two_chains
    AuditEntry.objects.filter(pk=ours[1].pk).update(data={"n": 9})

    assert verify_chain() == (False, ours[1].pk)
    assert verify_chain(chain_of(union)) == (False, ours[1].pk)
    assert verify_chain(chain_of(other_union)) == (True, None)
    assert verify("--chain", chain_of(other_union)).startswith("Chuỗi nhật ký toàn vẹn.")
    with pytest.raises(CommandError, match=f"bị sửa tại mục số {ours[1].pk}"):
        verify("--chain", chain_of(union))


@pytest.mark.django_db
def test_moving_an_entry_to_another_chain_breaks_both(two_chains, union, other_union):
    ours, theirs = two_chains
    AuditEntry.objects.filter(pk=ours[2].pk).update(chain=chain_of(other_union), seq=4)

    assert verify_chain(chain_of(other_union)) == (False, ours[2].pk)


@pytest.mark.django_db
def test_a_gap_in_the_numbers_breaks_the_chain(two_chains, union):
    ours, _ = two_chains
    AuditEntry.objects.filter(pk=ours[2].pk).update(seq=7)

    assert verify_chain(chain_of(union)) == (False, ours[2].pk)


@pytest.mark.django_db
def test_truncating_one_chain_is_caught_by_its_anchor_only(two_chains, union, other_union):
    anchors = make_anchors()
    assert sorted((a.chain, a.count) for a in anchors) == sorted(
        [(chain_of(union), 3), (chain_of(other_union), 3)]
    )
    ours, _ = two_chains
    AuditEntry.objects.filter(pk=ours[2].pk).delete()  # the unit's newest entry

    assert verify_chain() == (True, None)  # the table alone cannot tell
    with pytest.raises(CommandError, match=f"chuỗi {chain_of(union)}.*ít hơn 3 mục đã neo"):
        verify("--anchor")
    assert verify("--anchor", "--chain", chain_of(other_union)).startswith(
        "Chuỗi nhật ký toàn vẹn."
    )


@pytest.mark.django_db
def test_anchors_are_made_only_for_chains_that_moved(two_chains, union, other_union, alice):
    make_anchors()
    assert make_anchors() == []

    record(actor=alice, action="plan.update", unit=union)

    [anchor] = make_anchors()
    assert (anchor.chain, anchor.count) == (chain_of(union), 4)
    assert verify("--anchor").startswith("Chuỗi nhật ký toàn vẹn: 2 chuỗi, 7 mục.")


@pytest.mark.django_db
def test_a_truncated_chain_is_not_anchored_again(two_chains, union):
    make_anchors()
    ours, _ = two_chains
    AuditEntry.objects.filter(pk=ours[2].pk).delete()

    assert make_anchors() == []  # a new anchor of 2 entries would launder the deletion
    with pytest.raises(CommandError, match="ít hơn 3 mục đã neo"):
        verify("--anchor", "--chain", chain_of(union))


@pytest.mark.django_db
def test_an_anchor_moved_to_another_chain_fails_its_signature(two_chains, union, other_union):
    anchor = make_anchor(chain=chain_of(union))
    AuditAnchor.objects.filter(pk=anchor.pk).update(chain=chain_of(other_union))

    with pytest.raises(CommandError, match="chữ ký sai"):
        verify("--anchor")


@pytest.mark.django_db
def test_deleting_one_chains_anchors_is_noticed(two_chains, union, other_union):
    make_anchors(now=timezone.now() + dt.timedelta(seconds=1))
    AuditAnchor.objects.filter(chain=chain_of(union)).delete()

    with pytest.raises(CommandError, match=f"Chuỗi {chain_of(union)} .*không có mốc nào"):
        verify("--anchor")


@pytest.mark.django_db
def test_mail_lists_every_chain_with_its_own_check(two_chains, union, other_union, federation):
    staff = UserFactory(username="ldld", email="ldld@govap.vn")
    MembershipFactory(user=staff, unit=federation, role=Role.FEDERATION_STAFF)

    call_command("mail_audit_anchor", stdout=io.StringIO())

    ours, theirs = two_chains
    [message] = mail.outbox
    assert message.subject == "Mốc nhật ký Cổng thi đua: 2 chuỗi"
    assert f"Chuỗi u{union.pk} (CĐCS Trường MN Sen Hồng):" in message.body
    assert f"verify_audit --head 3:{ours[2].hash} --chain u{union.pk}" in message.body
    assert f"verify_audit --head 3:{theirs[2].hash} --chain u{other_union.pk}" in message.body

    out = io.StringIO()
    call_command("mail_audit_anchor", stdout=out)  # nothing moved: no second mail
    assert len(mail.outbox) == 1
    assert "không gửi" in out.getvalue()


@pytest.mark.django_db
def test_the_entries_written_before_the_shards_become_the_global_chain(alice, union):
    """The migration numbers the existing rows 1, 2, 3… by id; their hashes and links do
    not change, so heads printed and anchors signed before it still check."""
    old = [record(actor=alice, action="x", n=n) for n in range(4)]
    old_anchor = make_anchor()  # signed the way anchors were signed before the shards
    for entry in old:  # before it, rows had no number (the unique index needs distinct ones)
        AuditEntry.objects.filter(pk=entry.pk).update(seq=10_000_000 - entry.pk)

    migration.number_the_global_chain(apps, None)

    assert list(AuditEntry.objects.order_by("id").values_list("chain", "seq")) == [
        (GLOBAL, n) for n in (1, 2, 3, 4)
    ]
    assert verify_chain() == (True, None)
    assert verify("--anchor").startswith("Chuỗi nhật ký toàn vẹn")
    assert verify("--head", f"4:{old[3].hash[:16]}").startswith("Chuỗi nhật ký toàn vẹn")
    assert chain_head().line == f"Nhật ký: 4 mục · đầu chuỗi {old_anchor.head_hash[:16]}"


# --- PostgreSQL: two units append at once ----------------------------------------------


def _waiting_for_advisory_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
        return cursor.fetchone()[0] > 0


def _append(unit, done: list):
    try:
        with transaction.atomic():
            record(actor=None, action="selfreport.submitted", unit=unit)
        done.append(unit.pk)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_two_units_append_at_once_without_waiting_for_each_other():
    """One unit's transaction holds its chain's lock (as a submit does until commit);
    another unit's append goes through meanwhile, a second append to the held chain
    waits. With one lock for the whole log the second unit would wait too."""
    if connection.vendor != "postgresql":
        pytest.skip("advisory locks are PostgreSQL's; SQLite serialises every writer")
    first, second = OrgUnitFactory(), OrgUnitFactory()
    holding, release, done = threading.Event(), threading.Event(), []

    def hold_first_chain():
        try:
            with transaction.atomic():
                record(actor=None, action="selfreport.submitted", unit=first)
                holding.set()
                release.wait(30)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_first_chain)
    holder.start()
    try:
        assert holding.wait(10)
        other = threading.Thread(target=_append, args=(second, done))
        other.start()
        other.join(timeout=10)
        assert not other.is_alive(), "the other unit's append waited for the held chain"
        assert done == [second.pk]

        same = threading.Thread(target=_append, args=(first, done))
        same.start()
        deadline = time.monotonic() + 10
        while not _waiting_for_advisory_lock() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _waiting_for_advisory_lock(), "an append to the held chain did not wait"
        assert done == [second.pk]
    finally:
        release.set()
        holder.join(timeout=10)
    same.join(timeout=10)
    assert done == [second.pk, first.pk]
    assert [e.seq for e in AuditEntry.objects.filter(chain=chain_of(first)).order_by("id")] == [
        1,
        2,
    ]
    assert chain_head(chain_of(second)).count == 1
    assert verify_chain() == (True, None)
