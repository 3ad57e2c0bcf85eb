"""SQL for volunteers and invites."""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage.db import Database

STAFF_FIELDS = (
    "id",
    "pseudonym",
    "chat",
    "alias",
    "role",
    "status",
    "on_duty",
    "duty_since",
    "created_at",
    "rest_reminded",
    "languages",
)
_COLUMNS = ", ".join(STAFF_FIELDS)


@dataclass(frozen=True)
class StaffRow:
    id: int
    pseudonym: bytes
    chat: bytes
    alias: str | None
    role: str
    status: str
    on_duty: bool
    duty_since: float | None
    created_at: float
    rest_reminded: bool
    languages: tuple[str, ...] | None = None  # locale codes; None: not said yet


def split_languages(value: str | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(code for code in value.split(",") if code)


def staff_row(r: tuple | None) -> StaffRow | None:
    """A staff row from the columns in STAFF_FIELDS order (None: no row, or a LEFT JOIN miss)."""
    if r is None or r[0] is None:
        return None
    return StaffRow(
        r[0], bytes(r[1]), bytes(r[2]), r[3], r[4], r[5], bool(r[6]), r[7], r[8], bool(r[9]),
        split_languages(r[10]),
    )  # fmt: skip


class StaffRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def by_pseudonym(self, pseudonym: bytes) -> StaffRow | None:
        return staff_row(
            await self.db.fetchone(
                f"SELECT {_COLUMNS} FROM staff WHERE pseudonym = ?", (pseudonym,)
            )
        )

    async def by_alias(self, alias: str) -> StaffRow | None:
        return staff_row(
            await self.db.fetchone(f"SELECT {_COLUMNS} FROM staff WHERE alias = ?", (alias,))
        )

    async def by_id(self, staff_id: int) -> StaffRow | None:
        return staff_row(
            await self.db.fetchone(f"SELECT {_COLUMNS} FROM staff WHERE id = ?", (staff_id,))
        )

    async def all(self) -> list[StaffRow]:
        rows = await self.db.fetchall(f"SELECT {_COLUMNS} FROM staff ORDER BY alias")
        return [r for r in map(staff_row, rows) if r is not None]

    async def on_duty(self) -> list[StaffRow]:
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM staff WHERE on_duty = 1 AND status = 'active'"
        )
        return [r for r in map(staff_row, rows) if r is not None]

    async def redeem_invite(
        self, code_hash: bytes, now: float, pseudonym: bytes, chat: bytes
    ) -> str:
        """Use an invite and create the volunteer in one transaction.

        Returns 'ok', 'invalid' (unknown, used or expired) or 'already' (already staff).
        """
        async with self.db.transaction() as conn:
            cur = await conn.execute("SELECT 1 FROM staff WHERE pseudonym = ?", (pseudonym,))
            if await cur.fetchone() is not None:
                return "already"
            cur = await conn.execute(
                "UPDATE invites SET used_at = ? "
                "WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?",
                (now, code_hash, now),
            )
            if cur.rowcount != 1:
                return "invalid"
            await conn.execute(
                "INSERT INTO staff (pseudonym, chat, status, created_at) "
                "VALUES (?, ?, 'naming', ?)",
                (pseudonym, chat, now),
            )
            return "ok"

    async def add_invite(self, code_hash: bytes, expires_at: float) -> None:
        await self.db.execute(
            "INSERT INTO invites (code_hash, expires_at) VALUES (?, ?)", (code_hash, expires_at)
        )

    async def set_alias(self, staff_id: int, alias: str) -> bool:
        """False if another volunteer already has that alias (case-insensitive)."""
        try:
            changed = await self.db.execute(
                "UPDATE staff SET alias = ?, status = 'pending' WHERE id = ? AND status = 'naming'",
                (alias, staff_id),
            )
        except Exception as exc:  # sqlite3.IntegrityError through aiosqlite
            if "UNIQUE" in str(exc):
                return False
            raise
        return changed == 1

    async def set_status(self, staff_id: int, status: str, *, from_status: str, now: float) -> bool:
        if status != "active":
            await self.set_duty(staff_id, False, now)
        changed = await self.db.execute(
            "UPDATE staff SET status = ?, on_duty = CASE WHEN ? = 'active' THEN on_duty ELSE 0 END "
            "WHERE id = ? AND status = ?",
            (status, status, staff_id, from_status),
        )
        return changed == 1

    async def set_role(self, staff_id: int, role: str) -> bool:
        return (
            await self.db.execute(
                "UPDATE staff SET role = ? WHERE id = ? AND status = 'active'", (role, staff_id)
            )
            == 1
        )

    async def set_languages(self, staff_id: int, languages: tuple[str, ...]) -> None:
        await self.db.execute(
            "UPDATE staff SET languages = ? WHERE id = ?", (",".join(languages), staff_id)
        )

    async def on_duty_languages(self, caseload_limit: int | None = None) -> set[str]:
        """Languages read by volunteers on duty (with `caseload_limit`: only by those with a
        free chat slot)."""
        sql = "SELECT languages FROM staff WHERE on_duty = 1 AND status = 'active'"
        params: tuple = ()
        if caseload_limit is not None:
            sql += (
                " AND (SELECT count(*) FROM sessions s WHERE s.volunteer = staff.pseudonym "
                "AND s.status = 'active') < ?"
            )
            params = (caseload_limit,)
        read: set[str] = set()
        for (value,) in await self.db.fetchall(sql, params):
            read.update(split_languages(value) or ())
        return read

    async def set_rest_reminded(self, staff_id: int, value: bool) -> None:
        await self.db.execute(
            "UPDATE staff SET rest_reminded = ? WHERE id = ?", (int(value), staff_id)
        )

    async def set_duty(self, staff_id: int, on: bool, now: float) -> None:
        """Start or end a shift; an ended shift's length goes to the anonymous duty log."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "SELECT on_duty, duty_since FROM staff WHERE id = ?", (staff_id,)
            )
            row = await cur.fetchone()
            if row is not None and row[0] and row[1] is not None and not on:
                await conn.execute(
                    "INSERT INTO duty_log (started_at, ended_at) VALUES (?, ?)", (row[1], now)
                )
            if row is not None and bool(row[0]) == on:
                return
            await conn.execute(
                "UPDATE staff SET on_duty = ?, duty_since = ?, rest_reminded = 0 WHERE id = ?",
                (int(on), now if on else None, staff_id),
            )

    async def purge_expired_invites(self, now: float) -> int:
        return await self.db.execute(
            "DELETE FROM invites WHERE expires_at < ? OR used_at IS NOT NULL", (now - 86400,)
        )
