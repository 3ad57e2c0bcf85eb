"""Practice chats in the database: where a volunteer is in a practice (ids only), and which
scenarios they finished. Never a word of the practice itself."""

from __future__ import annotations

from bot.storage.db import Database


class PracticeRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def run(self, staff: int) -> tuple[str, str, str, str] | None:
        """(token, scenario, locale, step) of this volunteer's practice, if one is going on."""
        row = await self.db.fetchone(
            "SELECT token, scenario, locale, step FROM practice_runs WHERE staff = ?", (staff,)
        )
        return None if row is None else (row[0], row[1], row[2], row[3])

    async def save_run(self, staff: int, token: str, scenario: str, locale: str, step: str) -> None:
        await self.db.execute(
            "INSERT INTO practice_runs (staff, token, scenario, locale, step) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (staff) DO UPDATE SET token = excluded.token, "
            "scenario = excluded.scenario, locale = excluded.locale, step = excluded.step",
            (staff, token, scenario, locale, step),
        )

    async def practising(self) -> set[int]:
        return {row[0] for row in await self.db.fetchall("SELECT staff FROM practice_runs")}

    async def end_run(self, staff: int) -> None:
        await self.db.execute("DELETE FROM practice_runs WHERE staff = ?", (staff,))

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
