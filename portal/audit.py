"""The append-only, hash-chained audit log: one function writes it, one checks it."""

from django.db import connection, transaction

from portal.models import AuditEntry

GENESIS = "0" * 64
_PG_LOCK_KEY = 7_401_2026  # any constant; serialises appends to the chain on PostgreSQL


def record(*, actor, action: str, obj=None, unit=None, **data) -> AuditEntry:
    """Append one entry to the audit log, chained to the previous entry's hash.

    Runs inside the caller's transaction, so the entry is written exactly when the
    change it records is committed. Side effects: takes the chain lock until commit.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])
        last = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
        entry = AuditEntry(
            actor=actor if getattr(actor, "pk", None) else None,
            actor_name=str(actor) if getattr(actor, "pk", None) else "",
            action=action,
            unit=unit,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            data=data,
            prev_hash=last or GENESIS,
        )
        entry.hash = entry.compute_hash()
        entry.save()
    return entry


def verify_chain() -> tuple[bool, int | None]:
    """Check every entry's hash and link. Returns (intact, id of the first broken entry)."""
    prev = GENESIS
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.prev_hash != prev or entry.compute_hash() != entry.hash:
            return False, entry.pk
        prev = entry.hash
    return True, None
