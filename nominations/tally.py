"""The arithmetic of an encrypted count — all of it, in one module, with test vectors.

Exponential ElGamal over the Ed25519 group, on libsodium's point and scalar operations
(PyNaCl's low-level bindings): we write no cipher, only the few lines that combine them.

- A counting committee of n members each holds a secret scalar ``s_i``; the round's public
  key is ``PK = Σ s_i·G``. Nobody, the server included, ever holds ``Σ s_i``.
- A bit ``m`` (0 or 1) is encrypted as ``(r·G, m·G + r·PK)`` with a fresh random ``r``.
  Adding two ciphertexts point by point adds the bits; ``rerandomise`` adds an encryption
  of 0, which changes every byte and keeps the bit.
- At the count each member publishes ``D_i = s_i·A`` for the summed ciphertext ``(A, B)``
  with a Chaum–Pedersen proof that it used the same ``s_i`` as its public share; then
  ``B − Σ D_i = total·G`` and the total (at most the electorate) is found by lookup.

Points and scalars travel as hex strings: a ciphertext is ``[A, B]``.
"""

import hashlib
import hmac
import os
import unicodedata

from nacl import bindings as _s

_L_BYTES = _s.crypto_core_ed25519_SCALARBYTES
IDENTITY = bytes([1]) + bytes(31)
G = _s.crypto_scalarmult_ed25519_base_noclamp((1).to_bytes(_L_BYTES, "little"))
# Share codes: the ballot-code alphabet (no 0/O, 1/I/L), 25 characters ≈ 124 bits.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 25


class TallyError(ValueError):
    """A proof or a share that does not check out."""


# -- scalars and points ------------------------------------------------------------------


def _scalar_from_hash(*parts: bytes) -> bytes:
    # Length-prefixed, so that ("ab", "c") and ("a", "bc") hash differently.
    framed = b"".join(len(p).to_bytes(4, "big") + p for p in parts)
    return _s.crypto_core_ed25519_scalar_reduce(hashlib.blake2b(framed, digest_size=64).digest())


def random_scalar() -> bytes:
    return _s.crypto_core_ed25519_scalar_reduce(os.urandom(64))


def _int_scalar(n: int) -> bytes:
    return n.to_bytes(_L_BYTES, "little")


def _mul_base(k: bytes) -> bytes:
    if k == bytes(_L_BYTES):
        return IDENTITY
    return _s.crypto_scalarmult_ed25519_base_noclamp(k)


def _mul(k: bytes, point: bytes) -> bytes:
    if k == bytes(_L_BYTES) or point == IDENTITY:
        return IDENTITY
    return _s.crypto_scalarmult_ed25519_noclamp(k, point)


def _add(p: bytes, q: bytes) -> bytes:
    return _s.crypto_core_ed25519_add(p, q)


def _sub(p: bytes, q: bytes) -> bytes:
    return _s.crypto_core_ed25519_sub(p, q)


def _point(hex_value: str) -> bytes:
    raw = bytes.fromhex(hex_value)
    if raw != IDENTITY and not _s.crypto_core_ed25519_is_valid_point(raw):
        raise TallyError("not a point of the group")
    return raw


# -- keys ----------------------------------------------------------------------------------


def new_share_code() -> str:
    """A fresh share code, shown once to a committee member: 26 letters and digits in
    groups of 4-5, e.g. "K7QX-4MZP-..."."""
    raw = "".join(CODE_ALPHABET[b % len(CODE_ALPHABET)] for b in _unbiased_bytes(CODE_LENGTH))
    return "-".join(raw[i : i + 5] for i in range(0, CODE_LENGTH, 5))


def _unbiased_bytes(n: int):
    limit = 256 - 256 % len(CODE_ALPHABET)
    out = []
    while len(out) < n:
        out.extend(b for b in os.urandom(n * 2) if b < limit)
    return out[:n]


def normalise_code(code: str) -> str:
    text = unicodedata.normalize("NFKC", code or "").upper()
    return "".join(ch for ch in text if ch in CODE_ALPHABET)


def share_secret(code: str, context: str) -> bytes:
    """The secret scalar a share code stands for, bound to one round and member
    (`context`), so the same code typed for another round is worth nothing."""
    return _scalar_from_hash(b"thidua-share", context.encode(), normalise_code(code).encode())


def public_share(secret: bytes) -> str:
    return _mul_base(secret).hex()


def combine_public(shares) -> str:
    """The round's public key: the sum of the members' public shares."""
    total = IDENTITY
    for share in shares:
        total = _add(total, _point(share))
    if total == IDENTITY:
        raise TallyError("empty key")
    return total.hex()


# -- ciphertexts -----------------------------------------------------------------------------


def encrypt(bit: int, public_key: str, r: bytes | None = None) -> list[str]:
    if bit not in (0, 1):
        raise TallyError("only 0 or 1 is encrypted")
    r = r or random_scalar()
    pk = _point(public_key)
    a = _mul_base(r)
    b = _mul(r, pk)
    if bit:
        b = _add(b, G)
    return [a.hex(), b.hex()]


def add(c1, c2) -> list[str]:
    return [_add(_point(c1[0]), _point(c2[0])).hex(), _add(_point(c1[1]), _point(c2[1])).hex()]


def zero() -> list[str]:
    """The neutral ciphertext (not an encryption: the start of a sum)."""
    return [IDENTITY.hex(), IDENTITY.hex()]


def rerandomise(c, public_key: str, r: bytes | None = None) -> list[str]:
    """The same bit under fresh randomness: no byte of the result matches `c`."""
    return add(c, encrypt(0, public_key, r))


def rerandomiser(public_key: str):
    """``rerandomise`` for many ciphertexts of our own box: the key is checked once and
    the stored points are not re-checked for the subgroup (a subgroup check costs a
    scalar multiplication; a damaged point fails the count, it cannot pass it)."""
    pk = _point(public_key)

    def fresh(c) -> list[str]:
        r = random_scalar()
        a = _add(bytes.fromhex(c[0]), _mul_base(r))
        b = _add(bytes.fromhex(c[1]), _mul(r, pk))
        return [a.hex(), b.hex()]

    return fresh


def total(ciphertexts) -> list[str]:
    out = zero()
    for c in ciphertexts:
        out = add(out, c)
    return out


# -- the count -------------------------------------------------------------------------------


def _challenge(*points: bytes) -> bytes:
    return _scalar_from_hash(b"thidua-dleq", *points)


def partial_decrypt(secret: bytes, summed) -> dict:
    """One member's decryption share of a summed ciphertext, with a proof (Chaum–Pedersen)
    that log_G(public share) = log_A(D): the member used their real share."""
    a = _point(summed[0])
    d = _mul(secret, a)
    w = random_scalar()
    t1, t2 = _mul_base(w), _mul(w, a)
    pub = _mul_base(secret)
    c = _challenge(G, pub, a, d, t1, t2)
    z = _s.crypto_core_ed25519_scalar_add(w, _s.crypto_core_ed25519_scalar_mul(c, secret))
    return {"d": d.hex(), "t1": t1.hex(), "t2": t2.hex(), "z": z.hex()}


def verify_partial(public: str, summed, share: dict) -> bool:
    try:
        pub, a = _point(public), _point(summed[0])
        d, t1, t2 = _point(share["d"]), _point(share["t1"]), _point(share["t2"])
        z = bytes.fromhex(share["z"])
    except (KeyError, ValueError, TypeError):
        return False
    if len(z) != _L_BYTES:
        return False
    c = _challenge(G, pub, a, d, t1, t2)
    left_g = _mul_base(_s.crypto_core_ed25519_scalar_reduce(z + bytes(32)))
    left_a = _mul(_s.crypto_core_ed25519_scalar_reduce(z + bytes(32)), a)
    return hmac.compare_digest(left_g, _add(t1, _mul(c, pub))) and hmac.compare_digest(
        left_a, _add(t2, _mul(c, d))
    )


def decrypt_total(summed, shares, *, most: int) -> int:
    """The plain total of a summed ciphertext from every member's decryption share: the
    small discrete log, found by stepping k·G for k = 0..most."""
    m = _point(summed[1])
    for share in shares:
        m = _sub(m, _point(share["d"]))
    point = IDENTITY
    for k in range(most + 1):
        if hmac.compare_digest(point, m):
            return k
        point = _add(point, G)
    raise TallyError("the total is out of range: a share is wrong")


def fingerprint(value: str) -> str:
    """A short SHA-256 fingerprint (hex) of a text, for bulletins and minutes."""
    return hashlib.sha256(value.encode()).hexdigest()
