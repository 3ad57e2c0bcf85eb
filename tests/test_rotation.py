"""Key rotation: a new pseudonym key, every table re-keyed in one transaction, the old key gone.

The threat: a retired data key and an old backup give the pseudonym key of that backup. Were
it kept, every later copy of the database could be searched for any Telegram id for ever.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import decode_data_key
from bot.crypto import (
    PSEUDONYM_KEY_CONTEXT,
    DataCipher,
    DecryptionError,
    Pseudonymizer,
    generate_data_key,
)
from bot.harness import Harness
from bot.inbox_keys import InboxKeys, key_file_of
from bot.rotation import rotate_keys
from tests.conftest import ADMIN_ID, ROOT, press, say
from tests.test_relay import connect, en, last_text, onboard, queue_visitor

NOBODY = b"\x42" * 16  # a pseudonym whose person has no row left anywhere
NOBODY2 = b"\x43" * 16


async def rotated(h: Harness) -> dict[str, int]:
    """Stop the bot, add a new data key first, rotate, then start with the new key alone."""
    old_keys = h.settings.data_keys
    new_key = decode_data_key(generate_data_key())
    await h.stop_bot()
    await h.start_bot_paused()
    assert h.core is not None
    counts = await rotate_keys(h.core.db, DataCipher((new_key, *old_keys)), h.settings.admin_ids)
    await h.core.close()
    h.core = None
    h._settings = replace(h.settings, data_keys=(new_key,))  # the old key is retired
    await h.start_bot()
    return counts


async def every_value(h: Harness) -> list[tuple[str, str, bytes]]:
    """(table, column, value) of every blob and text in the database."""
    assert h.core is not None
    db = h.core.db
    out = []
    tables = await db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
    for (table,) in tables:
        for column in [c[1] for c in await db.fetchall(f"PRAGMA table_info({table})")]:
            for (value,) in await db.fetchall(f"SELECT {column} FROM {table}"):
                if isinstance(value, bytes | str):
                    data = value if isinstance(value, bytes) else value.encode()
                    out.append((table, column, data))
    return out


def files(h: Harness) -> bytes:
    path = h.settings.database_path
    return b"".join(
        p.read_bytes()
        for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
        if p.exists()
    )


async def test_rotation_gives_everyone_a_new_pseudonym_and_keeps_every_flow(
    harness: Harness,
) -> None:
    h = harness
    assert h.core is not None
    river = await onboard(h, "River Song")
    admin = h.standin.user(ADMIN_ID)
    # a visitor River Song blocked, who then used /forget: no id is left to carry the block over
    gone, _ = await connect_to(h, river)
    await say(h, river, "/block 3")
    await press(h, river, en(h, "volunteer.button_block"))
    await say(h, gone, "/forget")
    await press(h, gone, en(h, "button.forget_yes"))
    # a visitor River Song blocked who is still known: the block follows them
    blocked, _ = await connect_to(h, river)
    await say(h, river, "/block 3")
    await press(h, river, en(h, "volunteer.button_block"))
    # a finished chat, a chat going on, a visitor waiting with a held message
    finished, _ = await connect_to(h, river)
    await say(h, finished, "/end")
    talking, _ = await connect_to(h, river)
    await say(h, talking, "before the rotation")
    waiting = await queue_visitor(h)
    await say(h, waiting, "held while waiting")
    # rows a forgotten person left: message ids, and a pending content change
    db = h.core.db
    await db.execute("INSERT INTO chat_messages VALUES (?, 1, ?)", (NOBODY, int(h.core.clock())))
    for proposer in (h.core.visitors.pseudonym(ADMIN_ID), NOBODY):
        await db.execute(
            "INSERT INTO content_changes (locale, file, body, proposed_by, proposer, created_at, "
            "needs_second, status) VALUES ('en', 'crisis', x'00', ?, 'a', 0, 1, 'pending')",
            (proposer,),
        )
    for _ in range(2):  # two closed chats of someone no longer known (as a crash could leave)
        await db.execute(
            "INSERT INTO sessions (visitor, volunteer, visitor_alias, volunteer_alias, status, "
            "waited, started_at, last_visitor_at) "
            "VALUES (?, ?, 'V', 'River Song', 'closed', 0, ?, ?)",
            (NOBODY2, h.core.visitors.pseudonym(river.id), h.core.clock(), h.core.clock()),
        )
    people = [river, admin, gone, blocked, finished, talking, waiting]
    old = {p.id: h.core.visitors.pseudonym(p.id) for p in people}
    old_key_token = await h.core.db.fetchone("SELECT value FROM meta")

    counts = await rotated(h)

    assert h.core is not None
    new = {p.id: h.core.visitors.pseudonym(p.id) for p in people}
    assert all(new[i] != old[i] for i in old)
    # no old pseudonym (nor the old key's ciphertext) is left in any table, nor in the files
    stale = [*old.values(), NOBODY, NOBODY2]
    left = [(t, c) for t, c, v in await every_value(h) if any(p in v for p in stale)]
    assert left == []
    assert not any(p in files(h) for p in stale) and old_key_token[0] not in files(h)
    assert counts["blocks.pseudonym unknown"] == 1  # the forgotten visitor's block is lifted
    assert counts["content_changes cancelled"] == 1  # nobody could tell its proposer apart
    changes = await db_rows(h, "SELECT proposed_by, status FROM content_changes ORDER BY id")
    assert changes[0] == (new[ADMIN_ID], "pending") and changes[1][1] == "cancelled"
    # every flow goes on: the chat, the block, the queue, preferences, roles
    await say(h, river, "after the rotation")
    assert last_text(talking).endswith("after the rotation")
    await say(h, talking, "and back")
    assert last_text(river) == "and back"
    await say(h, blocked, "/talk")
    await press(h, blocked, en(h, "button.consent"))
    assert en(h, "talk.blocked").split("\n")[0] in last_text(blocked)
    await say(h, river, "/end")
    await say(h, river, "/next")
    assert "held while waiting" in river.texts()
    msg = await say(h, admin, "/volunteers")
    assert "River Song" in msg["text"]
    sessions = await db_rows(h, "SELECT visitor FROM sessions WHERE status = 'closed'")
    assert (new[finished.id],) in sessions
    # the unknown person's two chats: one random stand-in, so distinct counts stay right
    stand_ins = set(sessions) - {(p,) for p in new.values()}
    assert len(stand_ins) == 1 and sessions.count(stand_ins.pop()) == 2


async def connect_to(h: Harness, volunteer):  # type: ignore[no-untyped-def]
    visitor = await queue_visitor(h)
    await say(h, volunteer, "/next")
    return visitor, volunteer


async def db_rows(h: Harness, sql: str) -> list[tuple]:
    assert h.core is not None
    return [
        tuple(bytes(x) if isinstance(x, bytes) else x for x in r)
        for r in await h.core.db.fetchall(sql)
    ]


async def test_a_retired_key_and_an_old_backup_do_not_yield_the_current_pseudonym_key(
    harness: Harness, tmp_path: Path
) -> None:
    h = harness
    visitor, volunteer = await connect(h)
    assert h.core is not None
    retired = h.settings.data_keys[0]
    await h.core.db.scrub()
    backup = tmp_path / "backup.sqlite3"
    shutil.copy(h.settings.database_path, backup)  # an old backup...
    await rotated(h)
    # ...and the retired key give the old pseudonym key: it no longer finds anyone
    import sqlite3

    with sqlite3.connect(backup) as old_db:
        (token,) = old_db.execute("SELECT value FROM meta").fetchone()
    old_key = DataCipher([retired]).decrypt(bytes(token), PSEUDONYM_KEY_CONTEXT)
    guess = Pseudonymizer(old_key)
    assert guess(visitor.id) not in files(h) and guess(volunteer.id) not in files(h)
    # and the current pseudonym key cannot be read with the retired data key
    assert h.core is not None
    (current,) = await h.core.db.fetchone("SELECT value FROM meta")
    with pytest.raises(DecryptionError):
        DataCipher([retired]).decrypt(bytes(current), PSEUDONYM_KEY_CONTEXT)


def _cli(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "rotate-keys"],
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


async def test_rotate_keys_command_and_never_under_a_running_bot(
    harness: Harness, tmp_path: Path
) -> None:
    h = harness
    visitor, volunteer = await connect(h)
    assert h.core is not None
    before = await h.core.db.fetchone("SELECT value FROM meta")
    old = ",".join(
        __import__("base64").urlsafe_b64encode(k).decode().rstrip("=") for k in h.settings.data_keys
    )
    env = {
        "TELEGRAM_BOT_TOKEN": h.settings.token,
        "DATA_KEYS": f"{generate_data_key()},{old}",
        "DATABASE_PATH": str(h.settings.database_path),
        "CONTENT_DIR": str(h.settings.content_dir),
        "ADMIN_IDS": str(ADMIN_ID),
    }
    # the bot is running: refused in one line, nothing changed
    result = await asyncio.to_thread(_cli, env, tmp_path)
    assert result.returncode == 2 and "in use" in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert await h.core.db.fetchone("SELECT value FROM meta") == before
    await h.stop_bot()
    # without the key the database is under: refused in one line, nothing changed either
    result = await asyncio.to_thread(_cli, {**env, "DATA_KEYS": generate_data_key()}, tmp_path)
    assert result.returncode == 2 and "not in DATA_KEYS" in result.stderr
    assert result.stderr.strip().count("\n") == 0
    result = await asyncio.to_thread(_cli, env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "New pseudonym key: 3 people have new pseudonyms" in result.stdout
    # and a bot cannot start while rotate-keys holds the database
    keys = InboxKeys(key_file_of(h.settings.database_path), DataCipher(h.settings.data_keys))
    keys.open()
    try:
        h._settings = replace(
            h.settings, data_keys=(decode_data_key(env["DATA_KEYS"].split(",")[0]),)
        )
        with pytest.raises(Exception, match="in use"):
            await h.start_bot()
    finally:
        keys.close()
        await h.stop_bot()
    await h.start_bot()
    await say(h, volunteer, "after the command")
    assert last_text(visitor).endswith("after the command")


async def test_an_update_waiting_in_the_inbox_survives_a_rotation(harness: Harness) -> None:
    """Stored before a stop, not yet handled: its key is re-wrapped under the new data key."""
    from tests.test_inbox_keys import store_sealed

    h = harness
    visitor, volunteer = await connect(h)
    await h.stop_bot()
    await visitor.send("waiting in the inbox")
    (update,) = h.standin.take_pending()
    await h.start_bot_paused()
    await store_sealed(h, update)
    await h.core.close()  # type: ignore[union-attr]
    h.core = None
    counts = await rotated(h)
    assert counts["inbox keys"] == 1
    await h.settle()
    assert volunteer.texts().count("waiting in the inbox") == 1
