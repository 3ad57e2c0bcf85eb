"""Backups and restores (issue 14 part 5), and JSON log lines (part 7).

The round trip runs against the real bot: a backup taken while a chat is relaying, a restore
refused while the bot runs and with the wrong keys, then accepted with the bot stopped, and
the chat carries on from the restored file.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from bot.app import configure_logging
from bot.config import decode_data_key
from bot.crypto import DataCipher, generate_data_key
from bot.harness import Harness
from bot.storage.backup import BackupError, backup, check_backup, restore
from tests.test_relay import connect, last_text

ROOT = Path(__file__).resolve().parent.parent


async def test_backup_while_relaying_then_restore_and_carry_on(
    harness: Harness, tmp_path: Path
) -> None:
    h = harness
    visitor, volunteer = await connect(h)
    database = h.settings.database_path
    cipher = DataCipher(h.settings.data_keys)

    # the copy is taken while messages are being relayed
    sending = [asyncio.ensure_future(visitor.send(f"message {i}")) for i in range(10)]
    result = await asyncio.to_thread(backup, database, tmp_path / "backups")
    await asyncio.gather(*sending)
    await h.settle()
    assert result.path.parent == tmp_path / "backups"
    assert oct(result.path.stat().st_mode & 0o777) == "0o600"
    assert not await asyncio.to_thread(Path(f"{result.path}-wal").exists)
    assert check_backup(result.path, cipher) > 0
    raw = result.path.read_bytes()
    for secret in (str(visitor.id), str(volunteer.id), "message 1"):
        assert secret.encode() not in raw

    # the running bot holds the database: a restore is refused and changes nothing
    before = database.read_bytes()
    with pytest.raises(BackupError, match="running"):
        restore(result.path, database, cipher)
    assert database.read_bytes() == before

    await h.stop_bot()
    # keys that do not open the backup: refused before anything is touched
    other = DataCipher([decode_data_key(generate_data_key())])
    with pytest.raises(BackupError, match="do not open"):
        restore(result.path, database, other)
    replaced = restore(result.path, database, cipher)
    assert replaced.exists()

    # the chat that existed when the copy was made goes on
    await h.start_bot()
    await visitor.send("hello again")  # "after the restore": raised by the readier model
    await h.settle()
    assert last_text(volunteer) == "hello again"


def test_backup_refuses_what_is_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    cipher = DataCipher([decode_data_key(generate_data_key())])
    with pytest.raises(BackupError):
        check_backup(junk, cipher)
    with pytest.raises(BackupError, match="does not exist"):
        backup(tmp_path / "absent.sqlite3", tmp_path / "out.sqlite3")


def _env(database: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM", "DATA_"))}
    env.update(
        TELEGRAM_BOT_TOKEN="123456:test-token",
        DATA_KEYS=generate_data_key(),
        DATABASE_PATH=str(database),
        CONTENT_DIR=str(ROOT / "content"),
        **extra,
    )
    return env


def test_the_commands_say_why_in_one_line(tmp_path: Path) -> None:
    env = _env(tmp_path / "bot.sqlite3")
    done = subprocess.run(
        [sys.executable, "-m", "bot", "backup", str(tmp_path / "copy.sqlite3")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("Cannot back up:") and "does not exist" in done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "bot", "restore", str(tmp_path / "nothing.sqlite3")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Nothing was changed" in done.stderr


def test_json_log_lines_are_redacted(harness: Harness) -> None:
    stream = io.StringIO()
    settings = replace(harness.settings, log_format="json")
    configure_logging(settings, stream=stream)
    log = logging.getLogger("bot.test")
    log.warning("chat %s said hello with token %s", 123456789, settings.token)
    try:
        raise ValueError("user 987654321 failed")
    except ValueError:
        log.exception("handler failed")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first["level"] == "WARNING" and first["logger"] == "bot.test"
    assert "123456789" not in first["message"] and "<id>" in first["message"]
    assert settings.token not in lines[0] and "<token>" in first["message"]
    assert "987654321" not in second["exception"]
    configure_logging(None)
