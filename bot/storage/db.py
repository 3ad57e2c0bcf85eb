"""One SQLite file in WAL mode, reached through aiosqlite, with versioned migrations.

All SQL of the project lives in this package (see `repositories.py`); the rest of the code
calls repository methods. One connection is shared and every statement takes the same lock, so
a multi-statement `transaction()` can never interleave with another coroutine's statement.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from bot.storage.migrations import MIGRATIONS

MIN_SQLITE = (3, 35, 0)


class StorageError(RuntimeError):
    """The database cannot be used at all (the bot says so in one line and stops)."""


class Database:
    """The bot's SQLite database."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()

    async def open(self) -> None:
        if sqlite3.sqlite_version_info < MIN_SQLITE:
            # RETURNING (the inbox stores a batch and learns which updates are new) is 3.35+.
            raise StorageError(
                f"SQLite {sqlite3.sqlite_version} is too old: the bot needs "
                f"{'.'.join(map(str, MIN_SQLITE))} or later"
            )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(self.path, isolation_level=None)
        # WAL: readers never block the writer and a crash loses no committed row.
        # secure_delete: deleted rows are overwritten, so "forget me" leaves no bytes behind.
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA synchronous=NORMAL",
            "PRAGMA foreign_keys=ON",
            "PRAGMA secure_delete=ON",
            # Sorts and temporary tables (key rotation's old -> new pseudonyms) stay in memory,
            # never in a temporary file on disk.
            "PRAGMA temp_store=MEMORY",
            "PRAGMA busy_timeout=5000",
        ):
            await conn.execute(pragma)
        self._conn = conn
        await self._migrate()

    async def close(self) -> None:
        if self._conn is not None:
            async with self._lock:
                await self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                await self._conn.close()
            self._conn = None

    async def scrub(self) -> bool:
        """After deleting what must be gone (`/forget`, retention): fold the WAL into the file
        and truncate it to nothing. Until then SQLite keeps the deleted rows' old pages in the
        WAL, where `secure_delete` does not reach. Returns False if another connection (a
        backup, an operator's `sqlite3`) kept it from completing; the next scrub retries."""
        async with self._lock:
            cursor = await self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy, _, _ = await cursor.fetchone()
        return busy == 0

    @property
    def conn(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise RuntimeError("database is not open")
        return self._conn

    async def _migrate(self) -> None:
        async with self._lock:
            (version,) = await (await self.conn.execute("PRAGMA user_version")).fetchone()
            for target, script in MIGRATIONS:
                if target <= version:
                    continue
                await self.conn.execute("BEGIN IMMEDIATE")
                try:
                    for statement in _statements(script):
                        await self.conn.execute(statement)
                    await self.conn.execute(f"PRAGMA user_version={int(target)}")
                    await self.conn.execute("COMMIT")
                except BaseException:
                    await self.conn.execute("ROLLBACK")
                    raise

    async def schema_version(self) -> int:
        return (await self.fetchone("PRAGMA user_version"))[0]

    async def execute(self, sql: str, params: Iterable[Any] = ()) -> int:
        """Run one statement on its own; returns the number of rows changed."""
        async with self._lock:
            cursor = await self.conn.execute(sql, tuple(params))
            return cursor.rowcount

    async def executemany(self, sql: str, rows: Iterable[Iterable[Any]]) -> None:
        async with self._lock:
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                await self.conn.executemany(sql, [tuple(r) for r in rows])
                await self.conn.execute("COMMIT")
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> Any:
        """The first row, or None. (One trip to the database thread: each trip costs more
        than a small indexed query itself, so reads fetch in the same trip as they run.)"""
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        async with self._lock:
            return list(await self.conn.execute_fetchall(sql, tuple(params)))

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """Several statements that commit together or not at all."""
        async with self._lock:
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            await self.conn.execute("COMMIT")


def _statements(script: str) -> list[str]:
    """Split a migration into statements. Comments go first (they may hold ';'), and pieces
    are joined until SQLite says a statement is complete (a trigger body holds ';' too)."""
    code = "\n".join(line.split("--", 1)[0] for line in script.splitlines())
    statements: list[str] = []
    buffer = ""
    for piece in code.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n;"):
                statements.append(buffer.strip())
            buffer = ""
    return statements
