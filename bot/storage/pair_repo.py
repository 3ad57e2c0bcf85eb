"""SQL for message pairs: which copy belongs to which original, for replies and edits."""

from __future__ import annotations

from bot.storage.db import Database


class PairRepository:
    """Original message id <-> copy message id, per session, for replies and edits."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def claim(self, session_id: int, origin: str, src_id: int) -> bool:
        """Reserve the relay of one message; False if it was already relayed (or is being)."""
        return (
            await self.db.execute(
                "INSERT OR IGNORE INTO message_pairs (session_id, origin, src_id) VALUES (?, ?, ?)",
                (session_id, origin, src_id),
            )
            == 1
        )

    async def get(self, session_id: int, origin: str, src_id: int) -> tuple[bool, int | None]:
        """(exists, copy id) for an original message."""
        r = await self.db.fetchone(
            "SELECT dst_id FROM message_pairs WHERE session_id = ? AND origin = ? AND src_id = ?",
            (session_id, origin, src_id),
        )
        return (r is not None, None if r is None else r[0])

    async def complete(self, session_id: int, origin: str, src_id: int, dst_id: int) -> None:
        await self.db.execute(
            "UPDATE message_pairs SET dst_id = ? WHERE session_id = ? AND origin = ? "
            "AND src_id = ?",
            (dst_id, session_id, origin, src_id),
        )

    async def release(self, session_id: int, origin: str, src_id: int) -> None:
        """Undo a claim whose copy failed, so a retry can send it."""
        await self.db.execute(
            "DELETE FROM message_pairs WHERE session_id = ? AND origin = ? AND src_id = ? "
            "AND dst_id IS NULL",
            (session_id, origin, src_id),
        )

    async def by_copy(self, session_id: int, origin: str, dst_id: int) -> int | None:
        """The original (in `origin`'s chat) whose copy is message `dst_id` of the other chat."""
        r = await self.db.fetchone(
            "SELECT src_id FROM message_pairs WHERE session_id = ? AND origin = ? AND dst_id = ?",
            (session_id, origin, dst_id),
        )
        return None if r is None else r[0]
