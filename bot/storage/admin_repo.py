"""SQL for the audit log, blocks, and content changes and promotions awaiting a second admin."""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage.db import Database


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: float
    actor: str
    action: str
    detail: str


class AuditRepository:
    """Append-only: there is no method to change or remove a row (and triggers refuse it)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def append(self, at: float, actor: str, action: str, detail: str) -> None:
        await self.db.execute(
            "INSERT INTO audit (at, actor, action, detail) VALUES (?, ?, ?, ?)",
            (at, actor, action, detail),
        )

    async def latest(self, limit: int) -> list[AuditRow]:
        rows = await self.db.fetchall(
            "SELECT id, at, actor, action, detail FROM audit ORDER BY id DESC LIMIT ?", (limit,)
        )
        return [AuditRow(*r) for r in rows]


@dataclass(frozen=True)
class BlockRow:
    pseudonym: bytes
    ref: str
    blocked_by: str
    created_at: float
    expires_at: float


class BlockRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(
        self, pseudonym: bytes, ref: str, blocked_by: str, now: float, expires_at: float
    ) -> None:
        await self.db.execute(
            "INSERT INTO blocks (pseudonym, ref, blocked_by, created_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (pseudonym) DO UPDATE SET "
            "ref = excluded.ref, blocked_by = excluded.blocked_by, "
            "created_at = excluded.created_at, expires_at = excluded.expires_at",
            (pseudonym, ref, blocked_by, now, expires_at),
        )

    async def active(self, pseudonym: bytes, now: float) -> bool:
        row = await self.db.fetchone(
            "SELECT 1 FROM blocks WHERE pseudonym = ? AND expires_at > ?", (pseudonym, now)
        )
        return row is not None

    async def remove(self, ref: str) -> bool:
        return await self.db.execute("DELETE FROM blocks WHERE ref = ?", (ref,)) == 1

    async def list(self, now: float) -> list[BlockRow]:
        rows = await self.db.fetchall(
            "SELECT pseudonym, ref, blocked_by, created_at, expires_at FROM blocks "
            "WHERE expires_at > ? ORDER BY created_at",
            (now,),
        )
        return [BlockRow(bytes(r[0]), r[1], r[2], r[3], r[4]) for r in rows]

    async def purge(self, now: float) -> int:
        return await self.db.execute("DELETE FROM blocks WHERE expires_at <= ?", (now,))


@dataclass(frozen=True)
class ContentChangeRow:
    id: int
    locale: str
    file: str
    body: bytes
    proposed_by: bytes
    proposer: str
    created_at: float
    needs_second: bool
    status: str
    rollback_of: str | None = None
    base: bytes | None = None  # hash of the live file the change was checked against


class ContentChangeRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(
        self,
        locale: str,
        file: str,
        body: bytes,
        proposed_by: bytes,
        proposer: str,
        now: float,
        needs_second: bool,
        rollback_of: str | None = None,
        base: bytes | None = None,
    ) -> int:
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "INSERT INTO content_changes (locale, file, body, proposed_by, proposer, "
                "created_at, needs_second, status, rollback_of, base) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
                (
                    locale,
                    file,
                    body,
                    proposed_by,
                    proposer,
                    now,
                    int(needs_second),
                    rollback_of,
                    base,
                ),
            )
            return int(cur.lastrowid or 0)

    async def get(self, change_id: int) -> ContentChangeRow | None:
        r = await self.db.fetchone(
            "SELECT id, locale, file, body, proposed_by, proposer, created_at, needs_second, "
            "status, rollback_of, base FROM content_changes WHERE id = ?",
            (change_id,),
        )
        if r is None:
            return None
        return ContentChangeRow(
            r[0],
            r[1],
            r[2],
            bytes(r[3]),
            bytes(r[4]),
            r[5],
            r[6],
            bool(r[7]),
            r[8],
            r[9],
            None if r[10] is None else bytes(r[10]),
        )

    async def settle(self, change_id: int, status: str) -> bool:
        """Move a pending change to applied, cancelled, stale or expired, once."""
        return (
            await self.db.execute(
                "UPDATE content_changes SET status = ? WHERE id = ? AND status = 'pending'",
                (status, change_id),
            )
            == 1
        )


@dataclass(frozen=True)
class RoleRequestRow:
    id: int
    staff_id: int
    role: str
    proposed_by: bytes
    proposer: str
    created_at: float
    status: str


class RoleRequestRepository:
    """Promotions to admin waiting for a second admin."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(
        self, staff_id: int, role: str, proposed_by: bytes, proposer: str, now: float
    ) -> int:
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "INSERT INTO role_requests (staff_id, role, proposed_by, proposer, created_at, "
                "status) VALUES (?, ?, ?, ?, ?, 'pending')",
                (staff_id, role, proposed_by, proposer, now),
            )
            return int(cur.lastrowid or 0)

    async def get(self, request_id: int) -> RoleRequestRow | None:
        r = await self.db.fetchone(
            "SELECT id, staff_id, role, proposed_by, proposer, created_at, status "
            "FROM role_requests WHERE id = ?",
            (request_id,),
        )
        return None if r is None else RoleRequestRow(r[0], r[1], r[2], bytes(r[3]), *r[4:])

    async def settle(self, request_id: int, status: str) -> bool:
        """Move a pending request to applied, cancelled or expired, once."""
        return (
            await self.db.execute(
                "UPDATE role_requests SET status = ? WHERE id = ? AND status = 'pending'",
                (status, request_id),
            )
            == 1
        )
