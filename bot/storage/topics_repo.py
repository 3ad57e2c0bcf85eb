"""SQL for the topics volunteers note at the end of a chat: counters only."""

from __future__ import annotations

from bot.storage.db import Database


class TopicRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def note(self, session_id: int, volunteer: bytes, lang: str, topics: list[str]) -> bool:
        """Count a closed chat's topics once, on the day it ended; False if this volunteer's
        chat is gone, not closed, or already noted."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE sessions SET topics_noted = 1 WHERE id = ? AND volunteer = ? "
                "AND status = 'closed' AND topics_noted = 0 "
                "RETURNING CAST(ended_at / 86400 AS INT)",
                (session_id, volunteer),
            )
            row = await cur.fetchone()
            if row is None:
                return False
            day = row[0]
            await conn.execute(
                "INSERT INTO language_counts (day, lang, n) VALUES (?, ?, 1) "
                "ON CONFLICT (day, lang) DO UPDATE SET n = n + 1",
                (day, lang),
            )
            await conn.executemany(
                "INSERT INTO topic_counts (day, lang, topic, n) VALUES (?, ?, ?, 1) "
                "ON CONFLICT (day, lang, topic) DO UPDATE SET n = n + 1",
                [(day, lang, topic) for topic in dict.fromkeys(topics)],
            )
            return True

    async def can_note(self, session_id: int, volunteer: bytes) -> bool:
        row = await self.db.fetchone(
            "SELECT 1 FROM sessions WHERE id = ? AND volunteer = ? AND status = 'closed' "
            "AND topics_noted = 0",
            (session_id, volunteer),
        )
        return row is not None

    async def by_topic(self, since_day: int) -> dict[str, int]:
        rows = await self.db.fetchall(
            "SELECT topic, sum(n) FROM topic_counts WHERE day >= ? GROUP BY topic", (since_day,)
        )
        return {r[0]: r[1] for r in rows}

    async def by_language(self, since_day: int) -> dict[str, int]:
        rows = await self.db.fetchall(
            "SELECT lang, sum(n) FROM language_counts WHERE day >= ? GROUP BY lang", (since_day,)
        )
        return {r[0]: r[1] for r in rows}
