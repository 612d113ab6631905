"""The audit chain catches every edit (issue 13): every shown field is hashed, a deleted
user is no false alarm, and signed anchors kept outside the table catch truncation and
wholesale re-hashing."""

import importlib
import io
import re

import pytest
from django.apps import apps
from django.core import mail
from django.core.management import CommandError, call_command

from portal.audit import GENESIS, chain_head, chain_of, make_anchor, record, verify_chain
from portal.models import AuditAnchor, AuditEntry, Role
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("portal.migrations.0004_audit_every_shown_field_anchors")


@pytest.fixture
def chain(alice, union):
    return [
        record(actor=alice, action="plan.create", unit=union, note="một"),
        record(actor=alice, action="plan.publish", unit=union, note="hai"),
        record(actor=alice, action="plan.close", unit=union, note="ba"),
    ]


def verify(*options) -> str:
    out = io.StringIO()
    call_command("verify_audit", *options, stdout=out)
    return out.getvalue()


def rehash_everything():
    """What an attacker with database access (but not SECRET_KEY) can do: recompute every
    hash and link after an edit, so the chain checks out on its own."""
    prev = GENESIS
    for entry in AuditEntry.objects.order_by("id"):
        entry.prev_hash = prev
        AuditEntry.objects.filter(pk=entry.pk).update(prev_hash=f"x{entry.pk}", hash=f"y{entry.pk}")
        new = entry.compute_hash()
        AuditEntry.objects.filter(pk=entry.pk).update(prev_hash=prev, hash=new)
        prev = new


@pytest.mark.parametrize(
    "change",
    [
        {"actor_name": "Người khác"},
        {"unit_name": "CĐCS khác"},
        {"action": "plan.delete"},
        {"object_id": "999"},
        {"actor_ref": 12345},
    ],
    ids=lambda c: next(iter(c)),
)
def test_editing_any_shown_field_breaks_the_chain(chain, change):
    AuditEntry.objects.filter(pk=chain[1].pk).update(**change)

    assert verify_chain() == (False, chain[1].pk)


def test_pointing_an_entry_at_another_user_breaks_the_chain(chain):
    other = UserFactory(username="ke-khac")
    AuditEntry.objects.filter(pk=chain[0].pk).update(actor=other)

    assert verify_chain() == (False, chain[0].pk)


def test_emptying_the_actor_of_a_living_user_breaks_the_chain(chain):
    AuditEntry.objects.filter(pk=chain[2].pk).update(actor=None)

    assert verify_chain() == (False, chain[2].pk)


def test_deleting_a_user_is_no_false_alarm_and_the_entry_keeps_its_name(union):
    leaver = UserFactory(username="nghi-viec", full_name="Trần Văn Nghỉ")
    entry = record(actor=leaver, action="report.submit", unit=union)
    leaver_id = leaver.pk

    leaver.delete()

    entry = AuditEntry.objects.get(pk=entry.pk)
    assert (entry.actor_id, entry.actor_ref, entry.actor_name) == (None, leaver_id, str(leaver))
    assert verify_chain() == (True, None)


def test_renaming_a_unit_later_changes_nothing_shown(chain, union, client):
    union.name = "CĐCS Trường Mầm non Sen Hồng"
    union.save()

    assert verify_chain() == (True, None)
    assert AuditEntry.objects.get(pk=chain[0].pk).unit_name == "CĐCS Trường MN Sen Hồng"


def test_truncation_passes_the_table_check_but_not_the_anchor(chain, union):
    make_anchor(chain=chain_of(union))
    AuditEntry.objects.filter(pk=chain[2].pk).delete()  # the newest entry

    assert verify_chain() == (True, None)  # the table alone cannot tell
    with pytest.raises(CommandError, match="ít hơn 3 mục đã neo: các mục mới nhất đã bị xóa"):
        verify("--anchor")


def test_wholesale_rehash_passes_the_table_check_but_not_the_anchor(chain, union):
    make_anchor(chain=chain_of(union))
    AuditEntry.objects.filter(pk=chain[0].pk).update(data={"note": "đã sửa"})
    rehash_everything()

    assert verify_chain() == (True, None)
    with pytest.raises(CommandError, match="chuỗi đã bị băm lại"):
        verify("--anchor")


def test_a_forged_anchor_is_caught_by_its_signature(chain, union):
    anchor = make_anchor(chain=chain_of(union))
    AuditEntry.objects.filter(pk=chain[0].pk).update(data={"note": "đã sửa"})
    rehash_everything()
    head = chain_head(chain_of(union))
    AuditAnchor.objects.filter(pk=anchor.pk).update(head_hash=head.head_hash)

    with pytest.raises(CommandError, match="chữ ký sai"):
        verify("--anchor")


def test_intact_chain_and_anchor_pass(chain, alice, union):
    make_anchor(chain=chain_of(union))
    record(actor=alice, action="plan.open", unit=union)  # entries after an anchor are fine

    assert verify("--anchor") == "Chuỗi nhật ký toàn vẹn: 1 chuỗi, 4 mục.\n"
    line = chain_head(chain_of(union)).line
    assert line.startswith(f"Nhật ký u{union.pk}: 4 mục · đầu chuỗi ")
    assert verify("--anchor", "--chain", chain_of(union)) == f"Chuỗi nhật ký toàn vẹn. {line}.\n"


def test_without_any_anchor_the_anchor_check_says_so(chain):
    with pytest.raises(CommandError, match="Chưa có mốc nào"):
        verify("--anchor")


def test_a_printed_head_is_checked_too(chain, union):
    printed = f"3:{chain[2].hash[:16]}"
    assert verify("--head", printed, "--chain", chain_of(union)).startswith(
        "Chuỗi nhật ký toàn vẹn."
    )
    with pytest.raises(CommandError, match="ít hơn 3 mục"):  # not a head of the global chain
        verify("--head", printed)

    AuditEntry.objects.filter(pk=chain[2].pk).delete()
    with pytest.raises(CommandError, match="ít hơn 3 mục"):
        verify("--head", printed, "--chain", chain_of(union))


def test_mail_audit_anchor_mails_the_top_unit_and_stores_a_signed_anchor(chain, federation):
    staff = UserFactory(username="ldld", email="ldld@govap.vn")
    MembershipFactory(user=staff, unit=federation, role=Role.FEDERATION_STAFF)

    call_command("mail_audit_anchor", "--to", "thanhtra@example.vn", stdout=io.StringIO())

    [anchor] = AuditAnchor.objects.all()
    assert (anchor.count, anchor.head_id, anchor.head_hash) == (3, chain[2].pk, chain[2].hash)
    assert anchor.sent_to == "ldld@govap.vn, thanhtra@example.vn"
    [message] = mail.outbox
    assert message.to == ["ldld@govap.vn", "thanhtra@example.vn"]
    assert f"Mã băm đầu chuỗi: {chain[2].hash}" in message.body
    assert f"verify_audit --head 3:{chain[2].hash}" in message.body


def test_mail_audit_anchor_without_recipients_refuses(chain, settings):
    settings.AUDIT_ANCHOR_EMAILS = []
    with pytest.raises(CommandError, match="Không có người nhận"):
        call_command("mail_audit_anchor", stdout=io.StringIO())
    assert AuditAnchor.objects.count() == 0


def test_every_pdf_prints_the_head_of_its_units_chain(chain, union, federation):
    from reports.builders.plan import build_plan_document
    from reports.renderers.pdf import render_pdf
    from tests.reports.factories_pdf import federation_plan, seed_000_plan
    from tests.reports.pdf_helpers import pdf_pages_text

    plan = seed_000_plan(union, parent=federation_plan(federation))
    record(actor=None, action="x", unit=federation)  # another unit's chain moves on
    head = chain_head(chain_of(union))

    pages = pdf_pages_text(
        render_pdf("reports/pdf/plan.html", {"doc": build_plan_document(plan.pk)})
    )

    assert head.count >= 3
    line = f"Nhật ký u{union.pk}: {head.count} mục · đầu chuỗi {head.head_hash[:16]}"
    assert all(line in " ".join(page.split()) for page in pages), pages[0][-200:]


# --- the migration that re-hashes the chain -----------------------------------------------


def old_chain(alice, union, notes):
    """Entries hashed the way they were before this issue (actor id, no names)."""
    prev = GENESIS
    for seq, note in enumerate(notes, start=1):
        entry = AuditEntry(
            actor=alice, actor_name=str(alice), action="x", unit=union, data={"n": note}, seq=seq
        )
        entry.prev_hash = prev
        entry.hash = migration._old_hash(entry)
        entry.save()
        prev = entry.hash
    AuditEntry.objects.update(actor_ref=None, unit_ref=None, unit_name="")


def test_migration_rehashes_an_intact_old_chain(alice, union):
    old_chain(alice, union, ["a", "b", "c"])
    assert verify_chain()[0] is False  # the old hashes do not check under the new rule

    migration.rehash_chain(apps, None)

    assert verify_chain() == (True, None)
    assert set(AuditEntry.objects.values_list("unit_name", "actor_ref")) == {(union.name, alice.pk)}


def test_migration_refuses_to_launder_a_tampered_old_chain(alice, union):
    old_chain(alice, union, ["a", "b", "c"])
    AuditEntry.objects.filter(data={"n": "b"}).update(action="sửa")

    with pytest.raises(RuntimeError, match=re.escape("before re-hashing")):
        migration.rehash_chain(apps, None)
