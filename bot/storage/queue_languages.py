"""SQL for the language-matched relay: the language of each waiting visitor, and whether
another language is fine for them (see `bot/relay/languages.py` for the rule)."""

from __future__ import annotations

from bot.storage.db import Database


class QueueLanguageSQL:
    """The queue's language columns (a part of `QueueRepository`)."""

    db: Database

    async def set_language(self, visitor: bytes, language: str) -> None:
        """A waiting visitor chose another language for the bot: it is theirs now."""
        await self.db.execute(
            "UPDATE queue SET language = ?, any_language = NULL WHERE visitor = ?",
            (language, visitor),
        )

    async def set_any_language(self, visitor: bytes, value: bool | None) -> bool:
        return (
            await self.db.execute(
                "UPDATE queue SET any_language = ? WHERE visitor = ?",
                (None if value is None else int(value), visitor),
            )
            == 1
        )

    async def ask_to_wait(self, covered: set[str]) -> int:
        """Visitors, not urgent, not asked yet, whose language nobody on duty reads: from now
        they wait for someone who does (they are told, and may say another is fine)."""
        marks = ", ".join("?" * len(covered))
        return await self.db.execute(
            "UPDATE queue SET any_language = 0 WHERE any_language IS NULL AND urgent = 0 "
            f"AND language IS NOT NULL AND language NOT IN ({marks})",
            tuple(covered),
        )

    async def by_language(self) -> dict[str | None, int]:
        rows = await self.db.fetchall("SELECT language, count(*) FROM queue GROUP BY language")
        return {r[0]: r[1] for r in rows}

    async def waiting_since(self, before: float, cap: int) -> int:
        """How many joined before `before` (a requeued visitor counts from their first join)."""
        r = await self.db.fetchone(
            "SELECT count(*) FROM (SELECT 1 FROM queue WHERE enqueued_at < ? LIMIT ?)",
            (before, cap),
        )
        return r[0]
