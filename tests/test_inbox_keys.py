"""Per-update inbox keys: a payload reads back until its update is handled, then never."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from bot.config import decode_data_key
from bot.crypto import DataCipher, generate_data_key
from bot.harness import Harness
from bot.inbox_keys import SLOT_SIZE, InboxKeys, key_file_of, slot_of
from bot.storage.inbox_repo import InboxRepository
from tests.test_durability import relayed_then_stopped
from tests.test_relay import connect


def cipher() -> DataCipher:
    return DataCipher([decode_data_key(generate_data_key())])


def test_a_destroyed_key_leaves_nothing_to_read(tmp_path: Path) -> None:
    keys = InboxKeys(tmp_path / "bot.sqlite3-inbox-keys", cipher())
    keys.open()
    token = keys.seal(7, b'{"text":"hello"}')
    assert b"hello" not in token and keys.unseal(7, token) == b'{"text":"hello"}'
    assert keys.unseal(8, token) is None  # bound to its update: not movable to another row
    keys.adopt(7, token)
    keys.destroy(7)
    assert keys.unseal(7, token) is None
    slot = slot_of(token)
    assert slot is not None
    data = keys.path.read_bytes()
    assert data[slot * SLOT_SIZE : (slot + 1) * SLOT_SIZE] == bytes(SLOT_SIZE)
    assert stat.S_IMODE(keys.path.stat().st_mode) == 0o600
    keys.close()


def test_slots_are_reused_and_the_file_grows_only_when_full(tmp_path: Path) -> None:
    keys = InboxKeys(tmp_path / "k", cipher())
    tokens = {u: keys.seal(u, b"x") for u in range(100)}
    assert len({slot_of(t) for t in tokens.values()}) == 100
    size = keys.path.stat().st_size
    for u, token in tokens.items():
        keys.adopt(u, token)
        keys.destroy(u)
    assert keys.path.read_bytes() == bytes(size)
    for u in range(100, 200):
        keys.seal(u, b"y")
    assert keys.path.stat().st_size == size
    keys.close()


def test_at_start_only_keys_of_stored_updates_are_kept(tmp_path: Path) -> None:
    """A key written just before a crash, for an update never stored, is wiped at start; a
    key of an update still to handle is never overwritten, even before that."""
    c = cipher()
    before = InboxKeys(tmp_path / "k", c)
    stored, stray = before.seal(1, b"stored"), before.seal(2, b"never stored")
    before.close()
    after = InboxKeys(tmp_path / "k", c)
    after.open()
    fresh = after.seal(3, b"new")
    assert {slot_of(fresh)} & {slot_of(stored), slot_of(stray)} == set()
    after.keep_only({1: slot_of(stored)})  # type: ignore[dict-item]
    assert after.unseal(1, stored) == b"stored" and after.unseal(2, stray) is None
    after.close()


async def store_sealed(h: Harness, update: dict) -> None:
    """What the poller stores before confirming an update: sealed under a key of its own."""
    core = h.core
    assert core is not None
    keys = InboxKeys(key_file_of(core.db.path), core.cipher)
    token = keys.seal(update["update_id"], json.dumps(update).encode())
    keys.close()
    await InboxRepository(core.db).store([(update["update_id"], token, False)], core.clock())


async def test_an_update_sealed_before_a_crash_is_handled_after_restart(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await connect(h)
    await h.stop_bot()
    await visitor.send("sealed, then the crash")
    (update,) = h.standin.take_pending()
    await h.start_bot_paused()
    core = h.core
    await store_sealed(h, update)
    await h.resume()
    await h.settle()
    assert volunteer.texts().count("sealed, then the crash") == 1
    assert await InboxRepository(core.db).pending() == []


async def test_a_crash_after_the_key_is_destroyed_does_not_handle_it_twice(
    harness: Harness,
) -> None:
    """Handled: the key goes first, then the row is marked done. A crash in between leaves a
    row to do without a key, which counts as handled."""
    h = harness
    _, volunteer, update = await relayed_then_stopped(h, "handled, key gone, then the crash")
    await h.start_bot_paused()
    keys = InboxKeys(key_file_of(h.core.db.path), h.core.cipher)
    token = keys.seal(update["update_id"], json.dumps(update).encode())
    keys.discard(token)
    keys.close()
    await h.core.db.execute(
        "UPDATE inbox SET done = 0, payload = ? WHERE update_id = ?", (token, update["update_id"])
    )
    await h.resume()
    await h.settle()
    assert volunteer.texts().count("handled, key gone, then the crash") == 1
    assert await InboxRepository(h.core.db).pending() == []


def test_rotation_rewraps_the_keys_of_updates_still_to_handle(tmp_path: Path) -> None:
    old, new = decode_data_key(generate_data_key()), decode_data_key(generate_data_key())
    keys = InboxKeys(tmp_path / "k", DataCipher([old]))
    pending, handled = keys.seal(1, b"to handle"), keys.seal(2, b"handled")
    keys.close()
    both = InboxKeys(tmp_path / "k", DataCipher([new, old]))
    assert both.rewrap({1: slot_of(pending)}) == 1  # type: ignore[dict-item]
    both.close()
    after = InboxKeys(tmp_path / "k", DataCipher([new]))
    assert after.unseal(1, pending) == b"to handle"
    assert after.unseal(2, handled) is None  # not pending: wiped, not carried over
    after.close()
