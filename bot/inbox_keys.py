"""Per-update keys for the durable inbox: a handled update can no longer be read by anyone.

An update waiting to be handled must be stored (a crash must not lose it), and it holds ids,
names and texts. Once handled its row loses the payload, but SQLite keeps old versions of a
page in the WAL until a checkpoint, and copies of it can linger in free space: with DATA_KEYS,
that ciphertext would still read back. So each payload is sealed under its own random key, and
that key is kept *outside* SQLite, in a small file of fixed-size slots beside the database
(`<database>-inbox-keys`), written in place. Once the update is handled its slot is overwritten
with zeros, and every copy of the ciphertext, wherever SQLite left it, decrypts to nothing,
even with DATA_KEYS. A slot holds the key wrapped under DATA_KEYS, so the file alone (or with
the database) reveals nothing either.

A payload sealed here reads `b"\\x02" + slot (4 bytes) + nonce + AES-GCM(update key)`; the
older form (a plain `DataCipher` token, version 1) is still read, for inboxes stored before.
"""

from __future__ import annotations

import logging
import os
import secrets
import struct
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from bot.crypto import DataCipher, DecryptionError
from bot.storage.db import StorageError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows; the bot runs on Linux
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)


class KeyFileBusy(StorageError):
    """Another process (a running bot, or `rotate-keys`) is using this database."""


SEALED = b"\x02"
SLOT_SIZE = 80  # a wrapped 32-byte key is 65 bytes; the rest stays zero
_WRAPPED = 1 + 4 + 12 + 32 + 16  # a DataCipher token of a 32-byte key
_EMPTY = bytes(SLOT_SIZE)
_SLOT = struct.Struct(">I")
_NONCE = 12
_HEADER = 1 + _SLOT.size + _NONCE
_GROW = 64  # slots added at a time (one write); a few are in use at any moment


def inbox_context(update_id: int) -> bytes:
    """Associated data of an update's payload: it cannot be moved to another update's row."""
    return b"inbox:" + str(update_id).encode()


def slot_context(update_id: int) -> bytes:
    return b"inbox-key:" + str(update_id).encode()


def key_file_of(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + "-inbox-keys")


def slot_of(token: bytes) -> int | None:
    """The slot a sealed payload names (None for the older form)."""
    if token[:1] != SEALED or len(token) < _HEADER:
        return None
    return _SLOT.unpack_from(token, 1)[0]


class InboxKeys:
    """The slot file: seal a payload under a fresh key, read it back, destroy the key."""

    def __init__(self, path: Path, cipher: DataCipher) -> None:
        self.path = path
        self.cipher = cipher
        self._fd: int | None = None
        self._slots = 0
        self._free: list[int] = []
        self._in_use: dict[int, int] = {}  # update id -> slot

    def open(self) -> None:
        """Open the file, and hold it: one process at a time works on a database's inbox (two
        bots would handle updates twice; `rotate-keys` under a running bot would split everyone
        into an old and a new pseudonym)."""
        if self._fd is not None:
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                raise KeyFileBusy(
                    f"{self.path.name} is in use: the bot (or rotate-keys) is already running "
                    "on this database"
                ) from None
        self._fd = fd
        self._slots = os.fstat(self._fd).st_size // SLOT_SIZE
        # Until `keep_only` says which keys are still needed, a written slot is never reused.
        self._free = [s for s in range(self._slots - 1, -1, -1) if self._read(s) == _EMPTY]

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    @property
    def fd(self) -> int:
        if self._fd is None:
            self.open()
        assert self._fd is not None
        return self._fd

    def seal(self, update_id: int, plaintext: bytes) -> bytes:
        """A payload only this update's key can open. The key stays in its slot: `adopt` the
        token once its row is stored (then `destroy` it when handled), or `discard` it."""
        self.open()
        key = AESGCM.generate_key(bit_length=256)
        slot = self._allocate()
        wrapped = self.cipher.encrypt(key, slot_context(update_id))
        assert len(wrapped) == _WRAPPED
        os.pwrite(self.fd, wrapped.ljust(SLOT_SIZE, b"\0"), slot * SLOT_SIZE)
        nonce = secrets.token_bytes(_NONCE)
        sealed = AESGCM(key).encrypt(nonce, plaintext, inbox_context(update_id))
        return SEALED + _SLOT.pack(slot) + nonce + sealed

    def adopt(self, update_id: int, token: bytes) -> None:
        """`token` is stored as this update's payload: its key lives until `destroy`."""
        slot = slot_of(token)
        if slot is not None:
            self._in_use[update_id] = slot

    def discard(self, token: bytes) -> None:
        """`token` was never stored (or a redelivery was refused): wipe its key now."""
        slot = slot_of(token)
        if slot is not None:
            self._wipe(slot)

    def unseal(self, update_id: int, token: bytes) -> bytes | None:
        """The payload, or None if its key is gone (handled already, or the file was lost)."""
        self.open()
        slot = slot_of(token)
        if slot is None:  # stored before per-update keys: a plain DataCipher token
            return self.cipher.decrypt(token, inbox_context(update_id))
        record = self._read(slot) if slot < self._slots else _EMPTY
        if record == _EMPTY:
            return None
        try:
            key = self.cipher.decrypt(record[:_WRAPPED], slot_context(update_id))
            nonce = token[1 + _SLOT.size : _HEADER]
            return AESGCM(key).decrypt(nonce, token[_HEADER:], inbox_context(update_id))
        except (DecryptionError, InvalidTag, ValueError):
            return None

    def keep_only(self, pending: dict[int, int]) -> None:
        """At start: `pending` maps the update ids still to handle to their slots. Every other
        slot is wiped (a key written just before a crash, for an update never stored)."""
        self.open()
        referenced = set(pending.values())
        self._in_use = dict(pending)
        self._free = []
        for slot in range(self._slots - 1, -1, -1):
            if slot in referenced:
                continue
            self._free.append(slot)
            if self._read(slot) != _EMPTY:
                os.pwrite(self.fd, _EMPTY, slot * SLOT_SIZE)

    def destroy(self, update_id: int) -> None:
        """The update is handled: overwrite its key, so its payload reads as nothing."""
        slot = self._in_use.pop(update_id, None)
        if slot is not None:
            self._wipe(slot)

    def rewrap(self, pending: dict[int, int]) -> int:
        """Key rotation: the keys of updates still to handle, re-wrapped under the newest data
        key; every other slot wiped. Returns how many were re-wrapped."""
        self.open()
        self.keep_only(pending)
        count = 0
        for update_id, slot in pending.items():
            record = self._read(slot)[:_WRAPPED]
            if record == _EMPTY[:_WRAPPED]:
                continue
            fresh = self.cipher.rotate(record, slot_context(update_id))
            if fresh != record:
                os.pwrite(self.fd, fresh.ljust(SLOT_SIZE, b"\0"), slot * SLOT_SIZE)
                count += 1
        return count

    def _wipe(self, slot: int) -> None:
        os.pwrite(self.fd, _EMPTY, slot * SLOT_SIZE)
        self._free.append(slot)

    def _read(self, slot: int) -> bytes:
        return os.pread(self.fd, SLOT_SIZE, slot * SLOT_SIZE).ljust(SLOT_SIZE, b"\0")

    def _allocate(self) -> int:
        if not self._free:
            start = self._slots
            os.pwrite(self.fd, bytes(SLOT_SIZE * _GROW), start * SLOT_SIZE)
            self._slots += _GROW
            self._free = list(range(self._slots - 1, start - 1, -1))
        return self._free.pop()
