"""`/forget` means deleted: nothing about the visitor can be read back from the database file,
its WAL or its shared-memory index, even by someone who also holds DATA_KEYS.

The scan looks for the visitor's id (as text and as binary integers), name, username, message
texts and pseudonym, and it also *decrypts*: every AES-GCM ciphertext of the bot carries a
version byte and its key's id, and GCM is a counter mode, so each one can be read with the key
without knowing its length or the row it belongs to (no tag check). Per-update inbox keys kept
beside the database are unwrapped with DATA_KEYS and tried on every inbox ciphertext naming
their slot. Nothing may come back.
"""

from __future__ import annotations

import struct
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from bot.crypto import _key_id
from bot.harness import Harness
from tests.conftest import press, say
from tests.test_privacy import LAST, NAME, SECRET_TEXT, USER_ID, USERNAME, needles
from tests.test_relay import en, onboard

REPLY = "I'm here with you, take your time"
READ_AHEAD = 4096  # bytes of plaintext read after each ciphertext header


def _ctr(key: bytes, nonce: bytes, data: bytes) -> bytes:
    """GCM's keystream for a 96-bit nonce starts at counter 2: decrypt without the tag."""
    return (
        Cipher(algorithms.AES(key), modes.CTR(nonce + b"\x00\x00\x00\x02")).decryptor().update(data)
    )


def data_key_plaintexts(blob: bytes, keys: tuple[bytes, ...]) -> list[bytes]:
    """What every `DataCipher` token in `blob` reads as (version 1, key id, nonce, sealed)."""
    out = []
    for key in keys:
        marker = b"\x01" + _key_id(key)
        at = blob.find(marker)
        while at != -1:
            nonce = blob[at + 5 : at + 17]
            out.append(_ctr(key, nonce, blob[at + 17 : at + 17 + READ_AHEAD]))
            at = blob.find(marker, at + 1)
    return out


def inbox_keys(path: Path, keys: tuple[bytes, ...]) -> dict[int, bytes]:
    """Per-update keys still in the key file beside the database: slot -> key."""
    if not path.exists():
        return {}
    data = path.read_bytes()
    found = {}
    for slot, start in enumerate(range(0, len(data), 80)):
        record = data[start : start + 80]
        for plain in data_key_plaintexts(record, keys):
            found[slot] = plain[:32]
    return found


def inbox_plaintexts(blob: bytes, slot_keys: dict[int, bytes]) -> list[bytes]:
    out = []
    for slot, key in slot_keys.items():
        marker = b"\x02" + struct.pack(">I", slot)
        at = blob.find(marker)
        while at != -1:
            out.append(_ctr(key, blob[at + 5 : at + 17], blob[at + 17 : at + 17 + READ_AHEAD]))
            at = blob.find(marker, at + 1)
    return out


def readable(blob: bytes, keys: tuple[bytes, ...], slot_keys: dict[int, bytes]) -> list[bytes]:
    """`blob` as it is, and every ciphertext in it decrypted with every key we have."""
    return [blob, *data_key_plaintexts(blob, keys), *inbox_plaintexts(blob, slot_keys)]


def recoverable(h: Harness, wanted: list[bytes]) -> dict[str, list[bytes]]:
    """Which of `wanted` can be found, in clear or decrypted, in each file of the database."""
    db_path = h.settings.database_path
    keys = h.settings.data_keys
    slot_keys = inbox_keys(db_path.with_name(db_path.name + "-inbox-keys"), keys)
    found: dict[str, list[bytes]] = {}
    for suffix in ("", "-wal", "-shm"):
        path = db_path.with_name(db_path.name + suffix)
        texts = readable(path.read_bytes() if path.exists() else b"", keys, slot_keys)
        hits = [n for n in wanted if any(n in text for text in texts)]
        if hits:
            found[suffix or "db"] = hits
    return found


async def a_visitor_who_talked(h: Harness):
    volunteer = await onboard(h, "River Song")
    visitor = h.standin.user(
        USER_ID, first_name=NAME, last_name=LAST, username=USERNAME, language_code="en"
    )
    await say(h, visitor, "/start")
    await say(h, visitor, "/talk")
    await press(h, visitor, en(h, "button.consent"))
    await say(h, volunteer, "/next")
    await say(h, visitor, SECRET_TEXT)
    await say(h, volunteer, REPLY)
    await say(h, visitor, "/settings")
    return visitor, volunteer


async def test_after_forget_nothing_about_the_visitor_can_be_read_back(harness: Harness) -> None:
    h = harness
    visitor, _ = await a_visitor_who_talked(h)
    pseudonym = h.core.visitors.pseudonym(USER_ID)
    wanted = [*needles(USER_ID), REPLY.encode(), pseudonym]
    # the scan works: before /forget it finds the visitor (their row is there to be read)
    assert recoverable(h, wanted)
    await say(h, visitor, "/forget")
    await press(h, visitor, en(h, "button.forget_yes"))
    assert visitor.texts() == [en(h, "exit.neutral")]
    assert recoverable(h, wanted) == {}


async def test_handled_updates_read_as_nothing_even_with_the_keys(harness: Harness) -> None:
    """What people wrote passes through the inbox, and SQLite keeps old copies of its pages in
    the WAL: each payload's own key is destroyed once handled, so those copies read as nothing.
    (No checkpoint is needed for this: none has run here.)"""
    h = harness
    await a_visitor_who_talked(h)
    texts = [SECRET_TEXT.encode(), REPLY.encode(), NAME.encode(), USERNAME.encode()]
    assert recoverable(h, texts) == {}
    # the scan would see them: a payload whose key is still in its slot reads back
    keys = h.application.bot_data["poller"].keys
    token = keys.seal(10**9, SECRET_TEXT.encode())
    db_path = h.settings.database_path
    slot_keys = inbox_keys(db_path.with_name(db_path.name + "-inbox-keys"), h.settings.data_keys)
    assert any(SECRET_TEXT.encode() in t for t in readable(b"..." + token, (), slot_keys))
    keys.discard(token)


async def test_a_visitor_purged_for_silence_leaves_nothing_either(harness: Harness, clock) -> None:
    """VISITOR_RETENTION_DAYS: the hourly job deletes a silent visitor's row, and the WAL
    keeps no old copy of it."""
    from bot.app import retention

    h = harness
    visitor = h.standin.user(
        USER_ID, first_name=NAME, last_name=LAST, username=USERNAME, language_code="en"
    )
    await say(h, visitor, "/start")
    await say(h, visitor, SECRET_TEXT)
    pseudonym = h.core.visitors.pseudonym(USER_ID)
    wanted = [*needles(USER_ID), pseudonym]
    assert recoverable(h, wanted)
    clock.advance((h.settings.visitor_retention_days + 1) * 86400)
    await retention(h.application)
    assert recoverable(h, wanted) == {}
