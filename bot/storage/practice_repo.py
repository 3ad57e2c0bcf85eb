"""Completion marks of practice chats: a staff id, a scenario id, a time. Nothing else."""

from __future__ import annotations

from bot.storage.db import Database


class PracticeRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def mark(self, staff: int, scenario: str, now: float) -> None:
        await self.db.execute(
            "INSERT INTO practice_done (staff, scenario, done_at) VALUES (?, ?, ?) "
            "ON CONFLICT (staff, scenario) DO UPDATE SET done_at = excluded.done_at",
            (staff, scenario, now),
        )

    async def done(self) -> dict[int, set[str]]:
        """Every volunteer's finished scenarios, by staff id."""
        marks: dict[int, set[str]] = {}
        for staff, scenario in await self.db.fetchall("SELECT staff, scenario FROM practice_done"):
            marks.setdefault(staff, set()).add(scenario)
        return marks
