"""The encrypted count's arithmetic (nominations.tally): test vectors and bad shares."""

import pytest

from nominations import tally as t

# Fixed vectors: a change in how codes become scalars or how points are encoded breaks
# every open round, so these bytes must not move.
VECTOR_CODE = "ABCDE-FGHJK-MNPQR-STUVW-XYZ23"
VECTOR_CONTEXT = "round:1:member:2"
EXPECTED_SECRET = "af9f0314966bfe3480dbedd58b7c285dd63da3c3f67531c1cdd93816f5e2b00d"
EXPECTED_PUBLIC = "dd68dcdc14aad244499760999040d20f0d6c6ef5913445a738e2a3146ea7c828"
EXPECTED_ONE = [
    "b862409fb5c4c4123df2abf7462b88f041ad36dd6864ce872fd5472be363c5b1",
    "ae714f00631dc72c4a4ee4b8c570bf4621beda1a1f98ed844fe927e815623cc3",
]
# RFC 8032's base point of Ed25519.
BASE_POINT = "58" + "66" * 31


def test_vector_share_secret_and_public_share():
    secret = t.share_secret(VECTOR_CODE, VECTOR_CONTEXT)
    assert secret.hex() == EXPECTED_SECRET
    assert t.public_share(secret) == EXPECTED_PUBLIC


def test_vector_encryption_with_fixed_randomness():
    pk = t.public_share(t.share_secret(VECTOR_CODE, VECTOR_CONTEXT))
    r = (7).to_bytes(32, "little")
    one = t.encrypt(1, pk, r)
    zero = t.encrypt(0, pk, r)
    # Same randomness: same first half; the second halves differ by exactly G.
    assert one[0] == zero[0] == t.public_share(r)
    assert one == EXPECTED_ONE
    assert t.G.hex() == BASE_POINT
    assert t._sub(bytes.fromhex(one[1]), bytes.fromhex(zero[1])) == t.G


def test_codes_are_normalised_and_bound_to_their_round():
    secret = t.share_secret(VECTOR_CODE, VECTOR_CONTEXT)
    assert t.share_secret(" abcde fghjk-mnpqr stuvw xyz23 ", VECTOR_CONTEXT) == secret
    assert t.share_secret(VECTOR_CODE, "round:9:member:2") != secret


def test_new_codes_are_long_random_and_in_the_alphabet():
    codes = {t.new_share_code() for _ in range(50)}
    assert len(codes) == 50
    for code in codes:
        assert len(t.normalise_code(code)) == t.CODE_LENGTH
        assert set(code) <= set(t.CODE_ALPHABET + "-")


def _committee(n):
    secrets = [t.share_secret(t.new_share_code(), f"c{i}") for i in range(n)]
    return secrets, t.combine_public(t.public_share(s) for s in secrets)


@pytest.mark.parametrize("bits", [[], [0], [1], [1, 0, 1, 1, 0, 1, 1], [1] * 21, [0] * 21])
def test_sum_of_encrypted_bits_decrypts_to_their_total(bits):
    secrets, pk = _committee(3)
    cts = [t.rerandomise(t.encrypt(b, pk), pk) for b in bits]
    cts.append(t.encrypt(0, pk))  # the box never sums nothing
    summed = t.total(cts)
    shares = [t.partial_decrypt(s, summed) for s in secrets]
    for s, share in zip(secrets, shares, strict=True):
        assert t.verify_partial(t.public_share(s), summed, share)
    assert t.decrypt_total(summed, shares, most=len(bits) + 1) == sum(bits)


def test_rerandomise_changes_every_byte_and_keeps_the_bit():
    secrets, pk = _committee(2)
    c = t.encrypt(1, pk)
    r = t.rerandomise(c, pk)
    assert r[0] != c[0] and r[1] != c[1]
    shares = [t.partial_decrypt(s, r) for s in secrets]
    assert t.decrypt_total(r, shares, most=1) == 1


def test_a_missing_or_wrong_share_does_not_decrypt():
    secrets, pk = _committee(2)
    summed = t.total([t.encrypt(1, pk), t.encrypt(1, pk)])
    only_one = [t.partial_decrypt(secrets[0], summed)]
    with pytest.raises(t.TallyError):
        t.decrypt_total(summed, only_one, most=2)
    wrong = t.share_secret("ZZZZZ", "c1")
    forged = t.partial_decrypt(wrong, summed)
    assert not t.verify_partial(t.public_share(secrets[1]), summed, forged)


def test_a_tampered_proof_is_refused():
    secrets, pk = _committee(2)
    summed = t.encrypt(1, pk)
    share = t.partial_decrypt(secrets[0], summed)
    bad = dict(share, d=t.encrypt(0, pk)[0])
    assert not t.verify_partial(t.public_share(secrets[0]), summed, bad)
    assert not t.verify_partial(t.public_share(secrets[0]), summed, dict(share, z="00"))
    with pytest.raises(t.TallyError):
        t.combine_public(["00" * 32])


def test_rerandomiser_keeps_the_bits_of_a_whole_box():
    secrets, pk = _committee(2)
    fresh = t.rerandomiser(pk)
    box = [t.encrypt(b, pk) for b in (1, 0, 1)]
    again = [fresh(c) for c in box]
    assert all(a[0] != c[0] and a[1] != c[1] for a, c in zip(again, box, strict=True))
    summed = t.total(again)
    assert t.decrypt_total(summed, [t.partial_decrypt(s, summed) for s in secrets], most=3) == 2
    with pytest.raises(t.TallyError):
        t.rerandomiser("ff" * 32)
