"""Field encryption and pseudonyms."""

import pytest

from bot.config import decode_data_key
from bot.crypto import DataCipher, DecryptionError, Pseudonymizer, generate_data_key


def key() -> bytes:
    return decode_data_key(generate_data_key())


def test_round_trip_and_context_binding() -> None:
    cipher = DataCipher([key()])
    token = cipher.encrypt_int(5_000_000_123, b"visitors.chat:A")
    assert cipher.decrypt_int(token, b"visitors.chat:A") == 5_000_000_123
    assert b"5000000123" not in token
    with pytest.raises(DecryptionError):  # moved to another row: refused
        cipher.decrypt_int(token, b"visitors.chat:B")


def test_tampering_is_detected() -> None:
    cipher = DataCipher([key()])
    token = bytearray(cipher.encrypt(b"secret", b"ctx"))
    token[-1] ^= 1
    with pytest.raises(DecryptionError):
        cipher.decrypt(bytes(token), b"ctx")


def test_rotation_keeps_old_ciphertexts_readable_then_old_key_can_go() -> None:
    old, new = key(), key()
    token = DataCipher([old]).encrypt_json({"locale": "ar"}, b"p")
    both = DataCipher([new, old])
    assert both.decrypt_json(token, b"p") == {"locale": "ar"}
    assert not both.is_current(token)
    rotated = both.rotate(token, b"p")
    assert both.is_current(rotated)
    assert DataCipher([new]).decrypt_json(rotated, b"p") == {"locale": "ar"}
    with pytest.raises(DecryptionError):
        DataCipher([new]).decrypt(token, b"p")


def test_pseudonyms_are_stable_keyed_and_opaque() -> None:
    k = Pseudonymizer.new_key()
    p = Pseudonymizer(k)
    assert p(42) == Pseudonymizer(k)(42)
    assert p(42) != p(43)
    assert p(42) != Pseudonymizer(Pseudonymizer.new_key())(42)
    assert len(p(42)) == Pseudonymizer.SIZE
    assert b"42" not in p(42)


def test_data_keys_must_be_32_bytes() -> None:
    with pytest.raises(ValueError):
        decode_data_key("c2hvcnQ")
