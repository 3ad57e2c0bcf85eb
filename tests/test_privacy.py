"""Privacy by construction: the database file, its WAL and the logs name nobody."""

from __future__ import annotations

import io
import struct
from pathlib import Path

from bot.harness import Harness

SECRET_TEXT = "my brother found my messages last night"
NAME, LAST, USERNAME = "Yasmeen", "Haddad", "yasmeen_h_1999"
USER_ID = 5_987_654_321


def needles(user_id: int) -> list[bytes]:
    """Every way an id, a name or a text could sit in a SQLite file or a log line."""
    out = [str(user_id).encode(), struct.pack(">q", user_id), struct.pack("<q", user_id)]
    for text in (SECRET_TEXT, NAME, LAST, USERNAME):
        out += [text.encode("utf-8"), text.encode("utf-16-le"), text.lower().encode()]
    return out


async def use_the_bot(h: Harness) -> None:
    u = h.standin.user(
        USER_ID, first_name=NAME, last_name=LAST, username=USERNAME, language_code="ar"
    )
    sent = {}
    for text in ("/start", SECRET_TEXT, "/crisis", "/settings", f"{SECRET_TEXT} again"):
        sent[text] = await u.send(text)
        await h.settle()
    await u.press(0)
    await u.edit(sent[SECRET_TEXT]["message_id"], SECRET_TEXT + " (edited)")
    await u.send_sticker()
    await h.settle()


def scan(path: Path, user_id: int) -> list[bytes]:
    data = path.read_bytes() if path.exists() else b""
    return [n for n in needles(user_id) if n in data]


async def test_database_and_wal_hold_no_identifiers(harness: Harness) -> None:
    await use_the_bot(harness)
    db_path = harness.settings.database_path
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists()  # WAL mode is on, so the scan really covers it
    assert scan(db_path, USER_ID) == [] and scan(wal, USER_ID) == []
    await harness.stop_bot()  # checkpoint and close: the main file after the WAL is folded in
    assert scan(db_path, USER_ID) == []


async def test_logs_hold_no_identifiers(harness: Harness, log_output: io.StringIO) -> None:
    await use_the_bot(harness)
    harness.standin.fail_next(  # errors are logged too
        "sendMessage",
        error_code=403,
        description="Forbidden: bot was blocked by the user",
        chat_id=USER_ID,
    )
    await harness.standin.user(USER_ID).send("/start")
    await harness.settle()
    logs = log_output.getvalue().encode()
    assert logs, "logging is captured"
    assert [n for n in needles(USER_ID) if n in logs] == []
    assert harness.settings.token.split(":")[1].encode() not in logs
