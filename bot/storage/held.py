"""Messages a visitor writes while their words cannot be relayed yet (waiting in the queue, or a
chat being handed over): their ids are kept in `waiting_messages` and passed on later."""

from __future__ import annotations

from typing import Literal

import aiosqlite

from bot.storage.db import Database


async def hold_in(
    conn: aiosqlite.Connection,
    visitor: bytes,
    message_id: int,
    limit: int,
    gate: tuple[str, tuple[object, ...]],
) -> Literal["held", "full"] | None:
    """Keep the id of a message a visitor wrote while their words cannot be relayed yet
    (`waiting_messages`), inside the caller's transaction: None when `gate` (a count query)
    says that time is over (relay it instead), "full" past `limit` messages, else "held"."""
    cur = await conn.execute(
        f"SELECT ({gate[0]}), (SELECT count(*) FROM waiting_messages WHERE visitor = ?)",
        (*gate[1], visitor),
    )
    still, held = await cur.fetchone()
    if not still:
        return None
    if held >= limit:
        return "full"
    await conn.execute(
        "INSERT OR IGNORE INTO waiting_messages (visitor, message_id) VALUES (?, ?)",
        (visitor, message_id),
    )
    return "held"


class QueueHeldSQL:
    """The messages of visitors waiting in the queue (mixed into `QueueRepository`)."""

    db: Database

    async def hold_message(
        self, visitor: bytes, message_id: int, limit: int
    ) -> Literal["held", "full", "gone"]:
        """Keep the id of a message written while waiting: "full" past `limit` messages,
        "gone" if the visitor is no longer waiting (a volunteer took them a moment ago: the
        held messages were already passed on, so this one must be relayed instead)."""
        async with self.db.transaction() as conn:
            gate = ("SELECT count(*) FROM queue WHERE visitor = ?", (visitor,))
            return await hold_in(conn, visitor, message_id, limit, gate) or "gone"

    async def purge_orphan_held(self) -> int:
        return await self.db.execute(
            "DELETE FROM waiting_messages WHERE visitor NOT IN (SELECT visitor FROM queue) "
            "AND visitor NOT IN (SELECT visitor FROM sessions WHERE status = 'active')"
        )

    async def visitors_holding(self) -> list[bytes]:
        return [
            bytes(r[0])
            for r in await self.db.fetchall("SELECT DISTINCT visitor FROM waiting_messages")
        ]

    async def held_messages(self, visitor: bytes) -> list[int]:
        rows = await self.db.fetchall(
            "SELECT message_id FROM waiting_messages WHERE visitor = ? ORDER BY message_id",
            (visitor,),
        )
        return [r[0] for r in rows]

    async def release_message(self, visitor: bytes, message_id: int) -> None:
        await self.db.execute(
            "DELETE FROM waiting_messages WHERE visitor = ? AND message_id = ?",
            (visitor, message_id),
        )
