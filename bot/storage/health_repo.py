"""The few counts `/healthz` and `/metrics` read: aggregates only, no row of any person."""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage.db import Database


@dataclass(frozen=True)
class ServiceCounts:
    waiting_urgent: int
    waiting_other: int
    on_duty: int
    chats_open: int
    inbox_backlog: int


class HealthRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def ping(self) -> None:
        """Raises if the database cannot answer."""
        await self.db.fetchone("SELECT 1")

    async def counts(self) -> ServiceCounts:
        row = await self.db.fetchone(
            "SELECT (SELECT count(*) FROM queue WHERE urgent > 0), "
            "(SELECT count(*) FROM queue WHERE urgent = 0), "
            "(SELECT count(*) FROM staff WHERE on_duty = 1), "
            "(SELECT count(*) FROM sessions WHERE status = 'active'), "
            "(SELECT count(*) FROM inbox WHERE done = 0)"
        )
        return ServiceCounts(*(int(v) for v in row))
