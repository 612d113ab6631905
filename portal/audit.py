"""The append-only, hash-chained audit log, one chain per unit: one function writes it,
one checks it, and signed anchors kept outside the table (printed on documents, mailed to
the unit above) catch what a check of the table alone cannot: truncation and wholesale
re-hashing. See docs/audit.md."""

import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max, Min, Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from portal.models import AuditAnchor, AuditEntry, OrgUnit, User

GENESIS = "0" * 64
GLOBAL = ""  # the chain of entries without a unit, and of every entry older than shards
_PG_LOCK_KEY = 7_401_2026  # the global chain's advisory lock on PostgreSQL
_ANCHOR_SALT = "portal.audit.anchor"


def chain_of(unit) -> str:
    """The chain an entry about `unit` (an OrgUnit, its id, or None) goes to: one chain per
    unit, the unit that issued the plan, report or list the entry is about."""
    unit_id = getattr(unit, "pk", unit)
    return f"u{unit_id}" if unit_id is not None else GLOBAL


def _lock_key(chain: str) -> int:
    """A signed 64-bit key for pg_advisory_xact_lock, one per chain (a collision between
    two chains would only make them wait for each other, never break a chain)."""
    if chain == GLOBAL:
        return _PG_LOCK_KEY
    digest = hashlib.blake2b(f"audit:{chain}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def record(*, actor, action: str, obj=None, unit=None, **data) -> AuditEntry:
    """Append one entry to the chain of `unit`, linked to that chain's previous entry.

    Runs inside the caller's transaction, so the entry is written exactly when the
    change it records is committed. Side effects: takes the lock of this one chain until
    commit (PostgreSQL: an advisory lock keyed by the chain; SQLite: its IMMEDIATE
    transaction, which serialises every writer anyway). Appends to other units' chains
    do not wait for it.
    """
    chain = chain_of(unit)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_lock_key(chain)])
        last = (
            AuditEntry.objects.filter(chain=chain)
            .order_by("-seq")
            .values_list("seq", "hash")
            .first()
        )
        seq, prev = last if last else (0, GENESIS)
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
            chain=chain,
            seq=seq + 1,
            prev_hash=prev,
        )
        entry.hash = entry.compute_hash()
        entry.save()
    return entry


def verify_chain(chain: str | None = None) -> tuple[bool, int | None]:
    """Check every entry's hash and link, in every chain or in `chain` only. Returns
    (intact, id of the first broken entry).

    Each chain runs 1, 2, 3… from GENESIS; a unit's chain holds only entries written
    with that unit's id. A user or unit that was deleted leaves its entries intact
    (their hashed ids stay); a foreign key moved to someone else, or emptied while the
    user still exists, is tampering.
    """
    entries = AuditEntry.objects.order_by("chain", "seq")
    if chain is not None:
        entries = entries.filter(chain=chain)
    current, prev, seq = None, GENESIS, 0
    emptied = {}  # entry id -> (actor_ref, unit_ref) of entries whose keys are NULL
    for entry in entries.iterator(chunk_size=2000):
        if entry.chain != current:
            current, prev, seq = entry.chain, GENESIS, 0
        seq += 1
        if (
            entry.seq != seq
            or entry.prev_hash != prev
            or entry.compute_hash() != entry.hash
            or entry.chain not in (GLOBAL, chain_of(entry.unit_ref))
            or not entry.links_agree()
        ):
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
    """One chain's length and its newest entry."""

    chain: str
    count: int
    head_id: int | None
    head_hash: str

    @property
    def line(self) -> str:
        """What documents print in their footer: `verify_audit --chain C --head N:HASH`
        checks it (the global chain keeps the footer it had before the shards)."""
        name = f"Nhật ký {self.chain}" if self.chain else "Nhật ký"
        return f"{name}: {self.count} mục · đầu chuỗi {self.head_hash[:16]}"


def chain_head(chain: str = GLOBAL) -> Head:
    """The head of `chain`: its newest entry, whose number is the chain's length (1 query)."""
    last = (
        AuditEntry.objects.filter(chain=chain)
        .order_by("-seq")
        .values_list("seq", "pk", "hash")
        .first()
    )
    if last is None:
        return Head(chain, 0, None, GENESIS)
    return Head(chain, *last)


def chain_heads() -> list[Head]:
    """The head of every chain that has entries, in chain order (2 queries + 1 per 500
    chains)."""
    tops = dict(AuditEntry.objects.values_list("chain").annotate(top=Max("seq")))
    heads = []
    names = sorted(tops)
    for start in range(0, len(names), 500):
        wanted = Q()
        for name in names[start : start + 500]:
            wanted |= Q(chain=name, seq=tops[name])
        rows = AuditEntry.objects.filter(wanted).values_list("chain", "seq", "pk", "hash")
        heads.extend(Head(*row) for row in rows)
    return sorted(heads, key=lambda h: h.chain)


def _sign(count: int, head_id: int | None, head_hash: str, at, chain: str = GLOBAL) -> str:
    fields = [count, head_id, head_hash, at.isoformat()]
    if chain:  # anchors of the global chain are signed as they were before the shards
        fields.append(chain)
    return salted_hmac(
        _ANCHOR_SALT, json.dumps(fields), secret=settings.SECRET_KEY, algorithm="sha256"
    ).hexdigest()


def _anchor(head: Head, *, at, sent_to: str) -> AuditAnchor:
    return AuditAnchor(
        at=at,
        chain=head.chain,
        count=head.count,
        head_id=head.head_id,
        head_hash=head.head_hash,
        sent_to=sent_to,
        signature=_sign(head.count, head.head_id, head.head_hash, at, head.chain),
    )


@transaction.atomic
def make_anchor(*, chain: str = GLOBAL, sent_to: str = "", now=None) -> AuditAnchor:
    """Store a signed anchor of one chain's current head.

    Side effects: one AuditAnchor row. The signature needs SECRET_KEY, which is not in
    the database: someone with only database access cannot make an anchor.
    """
    anchor = _anchor(chain_head(chain), at=now or timezone.now(), sent_to=sent_to)
    anchor.save()
    return anchor


@transaction.atomic
def make_anchors(*, sent_to: str = "", now=None) -> list[AuditAnchor]:
    """Store a signed anchor of every chain that grew since its last anchor (or has none
    yet), all with the same time. Returns them, in chain order.

    Side effects: AuditAnchor rows. A chain that did not grow keeps its last anchor; one
    that is shorter than its anchor is not anchored again (that would hide the
    truncation: `verify_audit --anchor` reports it).
    """
    at = now or timezone.now()
    anchored = dict(AuditAnchor.objects.values_list("chain").annotate(top=Max("count")))
    anchors = [
        _anchor(head, at=at, sent_to=sent_to)
        for head in chain_heads()
        if head.count > anchored.get(head.chain, 0)
    ]
    return AuditAnchor.objects.bulk_create(anchors)


def check_anchor(anchor: AuditAnchor) -> str | None:
    """None if its chain still holds `anchor`; else what is wrong, in Vietnamese."""
    expected = _sign(anchor.count, anchor.head_id, anchor.head_hash, anchor.at, anchor.chain)
    if not constant_time_compare(expected, anchor.signature):
        return f"Mốc số {anchor.pk} có chữ ký sai: mốc bị sửa hoặc giả mạo."
    return check_head(
        anchor.count, anchor.head_hash, label=f"Mốc số {anchor.pk}", chain=anchor.chain
    )


def check_head(count: int, head_hash_prefix: str, *, label: str, chain: str = GLOBAL) -> str | None:
    """Does `chain` hold an entry number `count` whose hash starts with the prefix (as a
    printed footer or a mailed anchor says)? None if so, else what is wrong."""
    if count == 0:
        return None
    entry = AuditEntry.objects.filter(chain=chain, seq=count).values_list("hash", flat=True)
    entry = entry.first()
    if chain:
        label = f"{label} (chuỗi {chain})"
    if entry is None:
        return (
            f"{label}: chuỗi có {chain_head(chain).count} mục, ít hơn {count} mục đã neo: "
            "các mục mới nhất đã bị xóa."
        )
    if not entry.startswith(head_hash_prefix):
        return (
            f"{label}: mục thứ {count} có mã băm {entry[:16]}, không phải "
            f"{head_hash_prefix[:16]} như đã neo: chuỗi đã bị băm lại hoặc bị xóa bớt."
        )
    return None


def verify_anchors(chain: str | None = None) -> tuple[AuditAnchor | None, list[str]]:
    """Check every stored anchor (of `chain` only, if given). Returns (the latest anchor,
    the problems found).

    Also names a chain that had entries before the latest anchoring run and has no
    anchor at all: its anchors were deleted (every run anchors every chain it finds).
    """
    anchors = AuditAnchor.objects.order_by("-id")
    if chain is not None:
        anchors = anchors.filter(chain=chain)
    anchors = list(anchors)
    problems = [p for p in (check_anchor(a) for a in anchors) if p]
    if anchors:
        last_run = max(a.at for a in anchors)
        born = AuditEntry.objects.values_list("chain").annotate(first=Min("at"))
        if chain is not None:
            born = born.filter(chain=chain)
        have = {a.chain for a in anchors}
        problems.extend(
            f"Chuỗi {name or '(chung)'} có mục từ trước lần neo gần nhất nhưng không có mốc "
            "nào: các mốc của chuỗi đã bị xóa."
            for name, first in sorted(born)
            if first < last_run and name not in have
        )
    return (anchors[0] if anchors else None), problems
