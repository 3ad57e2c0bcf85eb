"""Pseudonyms and field encryption: why a copy of the database reveals nobody.

* A Telegram id is never stored. Rows are found by its *pseudonym*, a keyed HMAC-SHA256. The
  HMAC key is random and is itself stored only encrypted under the data keys, so a stolen
  database file alone cannot be brute-forced (Telegram ids are a small, guessable space). A
  key rotation replaces it and re-keys every row (`bot/rotation.py`), so an old data key with
  an old backup never yields the current one.
* What the bot must be able to read back (the chat id it writes to, preferences) is encrypted
  with AES-256-GCM. The *associated data* binds each ciphertext to its row and column, so a
  ciphertext copied from one row into another (say, to redirect a relay) fails to decrypt.
* Several data keys may be configured, newest first: new writes use the newest, reads try the
  key named in the ciphertext. `rotate()` re-encrypts under the newest so old keys can go.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_VERSION = b"\x01"
_KEY_ID_LEN = 4
_NONCE_LEN = 12
_HEADER_LEN = 1 + _KEY_ID_LEN + _NONCE_LEN
PSEUDONYM_KEY_CONTEXT = b"meta:pseudonym_key"


class DecryptionError(Exception):
    """A ciphertext could not be read: unknown key, tampering, or the wrong row."""


def generate_data_key() -> str:
    """A new random data key, in the text form `DATA_KEYS` expects."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("=")


def _key_id(key: bytes) -> bytes:
    return hashlib.sha256(b"key-id:" + key).digest()[:_KEY_ID_LEN]


class DataCipher:
    """AES-GCM field encryption under a list of keys, newest first."""

    def __init__(self, keys: tuple[bytes, ...] | list[bytes]) -> None:
        if not keys:
            raise ValueError("at least one data key is required")
        self._newest = keys[0]
        self._by_id = {_key_id(k): AESGCM(k) for k in reversed(keys)}
        self._newest_id = _key_id(self._newest)

    def encrypt(self, plaintext: bytes, context: bytes) -> bytes:
        """Encrypt under the newest key; `context` names the row and column (never secret)."""
        nonce = os.urandom(_NONCE_LEN)
        sealed = self._by_id[self._newest_id].encrypt(nonce, plaintext, context)
        return _VERSION + self._newest_id + nonce + sealed

    def decrypt(self, token: bytes, context: bytes) -> bytes:
        if len(token) < _HEADER_LEN + 16 or token[:1] != _VERSION:
            raise DecryptionError("not a ciphertext of this bot")
        aead = self._by_id.get(token[1 : 1 + _KEY_ID_LEN])
        if aead is None:
            raise DecryptionError("encrypted under a key that is not in DATA_KEYS")
        try:
            return aead.decrypt(token[1 + _KEY_ID_LEN : _HEADER_LEN], token[_HEADER_LEN:], context)
        except InvalidTag:
            raise DecryptionError("ciphertext was altered or belongs to another row") from None

    def is_current(self, token: bytes) -> bool:
        """True if `token` is already under the newest key (rotation can skip it)."""
        return token[1 : 1 + _KEY_ID_LEN] == self._newest_id

    def rotate(self, token: bytes, context: bytes) -> bytes:
        """Re-encrypt under the newest key."""
        if self.is_current(token):
            return token
        return self.encrypt(self.decrypt(token, context), context)

    # Small typed helpers, so callers never hand-roll encodings.
    def encrypt_int(self, value: int, context: bytes) -> bytes:
        return self.encrypt(str(value).encode(), context)

    def decrypt_int(self, token: bytes, context: bytes) -> int:
        return int(self.decrypt(token, context))

    def encrypt_json(self, value: Any, context: bytes) -> bytes:
        return self.encrypt(json.dumps(value, separators=(",", ":")).encode(), context)

    def decrypt_json(self, token: bytes, context: bytes) -> Any:
        return json.loads(self.decrypt(token, context))


class Pseudonymizer:
    """Keyed HMAC of a Telegram id: a stable row key that reveals nothing without the key."""

    SIZE = 16  # 128 bits: no collisions in any realistic population, compact in indexes

    def __init__(self, key: bytes) -> None:
        if len(key) < 32:
            raise ValueError("pseudonym key must be at least 32 bytes")
        self._key = key

    def __call__(self, telegram_id: int) -> bytes:
        message = b"telegram-user:" + str(int(telegram_id)).encode()
        return hmac.new(self._key, message, hashlib.sha256).digest()[: self.SIZE]

    @staticmethod
    def new_key() -> bytes:
        return secrets.token_bytes(32)
