"""SQL for the durable inbox of updates."""

from __future__ import annotations

from bot.storage.db import Database


class InboxRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def store(self, update_id: int, payload: bytes, now: float) -> bool:
        """Keep an update until it is handled. False if this update was seen before."""
        return (
            await self.db.execute(
                "INSERT OR IGNORE INTO inbox (update_id, payload, received_at) VALUES (?, ?, ?)",
                (update_id, payload, now),
            )
            == 1
        )

    async def done(self, update_id: int) -> None:
        """Handled: the content goes at once; the id stays a while to refuse a redelivery."""
        await self.db.execute(
            "UPDATE inbox SET done = 1, payload = NULL WHERE update_id = ?", (update_id,)
        )

    async def pending(self) -> list[tuple[int, bytes]]:
        rows = await self.db.fetchall(
            "SELECT update_id, payload FROM inbox WHERE done = 0 ORDER BY update_id"
        )
        return [(r[0], bytes(r[1])) for r in rows]

    async def next_offset(self) -> int:
        row = await self.db.fetchone("SELECT max(update_id) FROM inbox")
        return 0 if row[0] is None else row[0] + 1

    async def purge(self, received_before: float) -> int:
        """Telegram keeps updates for 24 hours; ids older than that cannot come back."""
        return await self.db.execute(
            "DELETE FROM inbox WHERE done = 1 AND received_at < ?", (received_before,)
        )
