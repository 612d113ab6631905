"""The append-only, hash-chained audit log: one function writes it, one checks it, and
signed anchors kept outside the table (printed on documents, mailed to the unit above)
catch what a check of the table alone cannot: truncation and wholesale re-hashing.
See docs/audit.md."""

import json
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from portal.models import AuditAnchor, AuditEntry, OrgUnit, User

GENESIS = "0" * 64
_PG_LOCK_KEY = 7_401_2026  # any constant; serialises appends to the chain on PostgreSQL
_ANCHOR_SALT = "portal.audit.anchor"


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
        person = actor if getattr(actor, "pk", None) else None
        entry = AuditEntry(
            actor=person,
            actor_ref=person.pk if person else None,
            actor_name=str(person) if person else "",
            action=action,
            unit=unit,
            unit_ref=unit.pk if unit is not None else None,
            unit_name=unit.name if unit is not None else "",
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            data=data,
            prev_hash=last or GENESIS,
        )
        entry.hash = entry.compute_hash()
        entry.save()
    return entry


def verify_chain() -> tuple[bool, int | None]:
    """Check every entry's hash and link. Returns (intact, id of the first broken entry).

    A user or unit that was deleted leaves its entries intact (their hashed ids stay);
    a foreign key moved to someone else, or emptied while the user still exists, is
    tampering.
    """
    prev = GENESIS
    emptied = {}  # entry id -> (actor_ref, unit_ref) of entries whose keys are NULL
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.prev_hash != prev or entry.compute_hash() != entry.hash:
            return False, entry.pk
        if not entry.links_agree():
            return False, entry.pk
        if (entry.actor_id is None and entry.actor_ref) or (
            entry.unit_id is None and entry.unit_ref
        ):
            emptied[entry.pk] = (
                entry.actor_ref if entry.actor_id is None else None,
                entry.unit_ref if entry.unit_id is None else None,
            )
        prev = entry.hash
    return _first_wrongly_emptied(emptied)


def _first_wrongly_emptied(emptied: dict) -> tuple[bool, int | None]:
    users = {a for a, _ in emptied.values() if a}
    units = {u for _, u in emptied.values() if u}
    alive_users = set(User.objects.filter(pk__in=users).values_list("pk", flat=True))
    alive_units = set(OrgUnit.objects.filter(pk__in=units).values_list("pk", flat=True))
    for entry_id in sorted(emptied):
        actor_ref, unit_ref = emptied[entry_id]
        if actor_ref in alive_users or unit_ref in alive_units:
            return False, entry_id
    return True, None


# --- anchors ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Head:
    """The chain's length and its newest entry."""

    count: int
    head_id: int | None
    head_hash: str

    @property
    def line(self) -> str:
        """What documents print in their footer."""
        return f"Nhật ký: {self.count} mục · đầu chuỗi {self.head_hash[:16]}"


def chain_head() -> Head:
    """The chain's head: its newest entry and how many entries there are (2 queries)."""
    last = AuditEntry.objects.order_by("-id").values_list("pk", "hash").first()
    if last is None:
        return Head(0, None, GENESIS)
    return Head(AuditEntry.objects.count(), last[0], last[1])


def _sign(count: int, head_id: int | None, head_hash: str, at) -> str:
    message = json.dumps([count, head_id, head_hash, at.isoformat()])
    return salted_hmac(
        _ANCHOR_SALT, message, secret=settings.SECRET_KEY, algorithm="sha256"
    ).hexdigest()


@transaction.atomic
def make_anchor(*, sent_to: str = "", now=None) -> AuditAnchor:
    """Store a signed anchor of the chain's current head.

    Side effects: one AuditAnchor row. The signature needs SECRET_KEY, which is not in
    the database: someone with only database access cannot make an anchor.
    """
    head = chain_head()
    at = now or timezone.now()
    return AuditAnchor.objects.create(
        at=at,
        count=head.count,
        head_id=head.head_id,
        head_hash=head.head_hash,
        sent_to=sent_to,
        signature=_sign(head.count, head.head_id, head.head_hash, at),
    )


def check_anchor(anchor: AuditAnchor) -> str | None:
    """None if the chain still holds `anchor`; else what is wrong, in Vietnamese."""
    expected = _sign(anchor.count, anchor.head_id, anchor.head_hash, anchor.at)
    if not constant_time_compare(expected, anchor.signature):
        return f"Mốc số {anchor.pk} có chữ ký sai: mốc bị sửa hoặc giả mạo."
    return check_head(anchor.count, anchor.head_hash, label=f"Mốc số {anchor.pk}")


def check_head(count: int, head_hash_prefix: str, *, label: str) -> str | None:
    """Does the chain hold an entry number `count` whose hash starts with the prefix (as
    a printed footer or a mailed anchor says)? None if so, else what is wrong."""
    if count == 0:
        return None
    entry = AuditEntry.objects.order_by("id").values_list("hash", flat=True)[count - 1 : count]
    entry = entry.first()
    if entry is None:
        return (
            f"{label}: chuỗi có {AuditEntry.objects.count()} mục, ít hơn {count} mục đã neo: "
            "các mục mới nhất đã bị xóa."
        )
    if not entry.startswith(head_hash_prefix):
        return (
            f"{label}: mục thứ {count} có mã băm {entry[:16]}, không phải "
            f"{head_hash_prefix[:16]} như đã neo: chuỗi đã bị băm lại hoặc bị xóa bớt."
        )
    return None


def verify_anchors() -> tuple[AuditAnchor | None, list[str]]:
    """Check every stored anchor. Returns (the latest anchor, the problems found)."""
    anchors = list(AuditAnchor.objects.order_by("-id"))
    problems = [p for p in (check_anchor(a) for a in anchors) if p]
    return (anchors[0] if anchors else None), problems
