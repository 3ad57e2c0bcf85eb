"""`python -m bot backup DEST` and `python -m bot restore SRC`.

A backup is made with SQLite's online backup API from a read-only connection: a consistent
snapshot even while the bot runs and writes (WAL mode: the bot's writes never wait for it).
The copy holds what the database holds: pseudonyms and ciphertext, never an id or a text in
clear. It is as private as the keys are far from it.

What a backup deliberately leaves out: the inbox keys file (`<db>-inbox-keys`). Updates that
were in flight when the copy was made are therefore never replayed after a restore: they were
handled by the running bot long before anyone restores.

A restore never replaces anything before it has shown that the keys in the settings open the
backup (the encrypted pseudonym key decrypts), that the file is a sound SQLite database of a
schema this version knows, and that no bot is running on the database (the same lock the bot
holds on its inbox keys file).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.crypto import PSEUDONYM_KEY_CONTEXT, DataCipher, DecryptionError
from bot.inbox_keys import InboxKeys, KeyFileBusy, key_file_of
from bot.storage.migrations import MIGRATIONS


class BackupError(RuntimeError):
    """A backup or restore cannot be done; the message says why in one plain line."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    tables: int


def _read_only(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise BackupError(f"{path} does not exist")
    try:
        conn = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True, timeout=10)
        conn.execute("PRAGMA query_only=ON")
        return conn
    except sqlite3.Error as exc:
        raise BackupError(f"{path} cannot be opened: {exc}") from None


def _target(dest: Path, now: dt.datetime) -> Path:
    """A folder (one that exists, or a name with no suffix such as `backups`) gets a dated
    file; anything else is the file itself."""
    if dest.is_dir() or not dest.suffix:
        return dest / f"bot-{now:%Y%m%d-%H%M%S}.sqlite3"
    return dest


def _copy(source: sqlite3.Connection, target: Path) -> None:
    """source -> target through SQLite's backup API, written beside and renamed into place."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    dest = sqlite3.connect(partial)
    try:
        source.backup(dest)  # all pages in one step: one consistent snapshot
        dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        (ok,) = dest.execute("PRAGMA quick_check").fetchone()
        if ok != "ok":
            raise BackupError(f"the copy failed its check: {ok}")
    finally:
        dest.close()
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)


def backup(database: Path, dest: Path, now: dt.datetime | None = None) -> BackupResult:
    """A consistent copy of `database` at `dest` (a file, or a folder to put a dated file in)."""
    now = now or dt.datetime.now(dt.UTC)
    target = _target(dest, now)
    if target.resolve() == database.resolve():
        raise BackupError("the backup cannot overwrite the database itself")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = _read_only(database)
    try:
        _copy(source, target)
        (tables,) = source.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        ).fetchone()
    except sqlite3.Error as exc:
        raise BackupError(f"the backup failed: {exc}") from None
    finally:
        source.close()
    return BackupResult(path=target, size=target.stat().st_size, tables=tables)


def check_backup(source: Path, cipher: DataCipher) -> int:
    """The schema version of a backup the keys open; BackupError if it is not one."""
    conn = _read_only(source)
    try:
        try:
            (ok,) = conn.execute("PRAGMA quick_check").fetchone()
            (version,) = conn.execute("PRAGMA user_version").fetchone()
            row = conn.execute("SELECT value FROM meta WHERE key = 'pseudonym_key'").fetchone()
        except sqlite3.Error as exc:
            raise BackupError(f"{source} is not a database of this bot: {exc}") from None
    finally:
        conn.close()
    if ok != "ok":
        raise BackupError(f"{source} is damaged: {ok}")
    newest = max(target for target, _ in MIGRATIONS)
    if version > newest:
        raise BackupError(
            f"{source} comes from a newer version of the bot (schema {version}, this one "
            f"knows {newest}): restore it with that version"
        )
    if row is None:
        raise BackupError(f"{source} has no pseudonym key: it is not a database of this bot")
    try:
        cipher.decrypt(bytes(row[0]), PSEUDONYM_KEY_CONTEXT)
    except DecryptionError:
        raise BackupError(
            "the keys in DATA_KEYS do not open this backup (it was made under other keys)"
        ) from None
    return version


def restore(
    source: Path, database: Path, cipher: DataCipher, now: dt.datetime | None = None
) -> Path:
    """Replace `database` with the backup at `source`, after every check. Returns where the
    database that was replaced now lies (to delete once the restore is confirmed good)."""
    now = now or dt.datetime.now(dt.UTC)
    check_backup(source, cipher)
    if source.resolve() == database.resolve():
        raise BackupError("the backup is the database itself")
    database.parent.mkdir(parents=True, exist_ok=True)
    keys = InboxKeys(key_file_of(database), cipher)
    try:
        keys.open()  # the bot holds this lock while it runs
    except KeyFileBusy:
        raise BackupError("the bot is running on this database: stop it, then restore") from None
    try:
        replaced = database.with_name(f"{database.name}.before-restore-{now:%Y%m%d-%H%M%S}")
        if database.exists():
            # Fold the old database's WAL into it first, so the file set aside is whole.
            with contextlib.closing(sqlite3.connect(database)) as old:
                old.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            os.replace(database, replaced)
        for suffix in ("-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        incoming = _read_only(source)
        try:
            _copy(incoming, database)
        finally:
            incoming.close()
        # The inbox keys belong to the replaced database's pending updates: none of them
        # applies to the restored one, whose in-flight updates were handled long ago.
        keys.keep_only({})
    finally:
        keys.close()
    return replaced
