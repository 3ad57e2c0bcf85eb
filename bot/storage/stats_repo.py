"""SQL for aggregate statistics: counts over anonymous facts, never a person."""

from __future__ import annotations

from bot.storage.db import Database


class StatsRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def facts(self, since_day: int) -> list[tuple[int, int, int, int, int | None]]:
        """(wait_s, duration_s, urgent, answered, rating) of chats that ended since a day."""
        rows = await self.db.fetchall(
            "SELECT wait_s, duration_s, urgent, answered, rating FROM chat_facts WHERE day >= ?",
            (since_day,),
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]

    async def visitors(self, since: float) -> int:
        """Distinct visitors with a chat since then (only within the retention window)."""
        row = await self.db.fetchone(
            "SELECT count(DISTINCT visitor) FROM sessions WHERE started_at >= ?", (since,)
        )
        return row[0]

    async def duty(self, since: float, now: float) -> list[tuple[float, float]]:
        """Shifts overlapping the period: ended ones, and those still going on."""
        rows = await self.db.fetchall(
            "SELECT started_at, ended_at FROM duty_log WHERE ended_at >= ?", (since,)
        )
        current = await self.db.fetchall(
            "SELECT duty_since FROM staff WHERE on_duty = 1 AND duty_since IS NOT NULL"
        )
        return [(r[0], r[1]) for r in rows] + [(r[0], now) for r in current]

    async def queue_now(self) -> tuple[int, int]:
        row = await self.db.fetchone("SELECT count(*), coalesce(sum(urgent), 0) FROM queue")
        return row[0], row[1]
