"""SQL for the durable inbox of updates."""

from __future__ import annotations

from bot.storage.db import Database


class InboxRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def store(self, updates: list[tuple[int, bytes | None, bool]], now: float) -> set[int]:
        """Keep updates (id, sealed payload, already done) until they are handled, in one
        statement. Returns the ids stored now: an id seen before is left alone."""
        if not updates:
            return set()
        values = ", ".join(["(?, ?, ?, ?)"] * len(updates))
        params = [x for u, payload, done in updates for x in (u, payload, now, int(done))]
        rows = await self.db.fetchall(
            "INSERT OR IGNORE INTO inbox (update_id, payload, received_at, done) "
            f"VALUES {values} RETURNING update_id",
            params,
        )
        return {r[0] for r in rows}

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
