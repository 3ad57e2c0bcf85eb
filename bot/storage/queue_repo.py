"""SQL for places in the queue: who waits, in which order (urgent first, then the longest
waiting), where one stands, and who went quiet. The languages of the waiting are in
`queue_languages`, the messages they write while waiting in `held`."""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage.db import Database
from bot.storage.held import QueueHeldSQL
from bot.storage.queue_languages import QueueLanguageSQL

__all__ = ["QUEUE_ORDER", "QueueRepository", "QueueRow"]


@dataclass(frozen=True)
class QueueRow:
    id: int
    visitor: bytes
    urgent: bool
    enqueued_at: float
    last_seen: float
    prompted_at: float | None
    status_msg: int | None
    language: str | None = None  # the visitor's bot language (a base locale code)
    any_language: bool | None = None  # None: not asked; False: waits for theirs; True: any


_Q = "id, visitor, urgent, enqueued_at, last_seen, prompted_at, status_msg, language, any_language"
QUEUE_ORDER = "urgent DESC, enqueued_at, id"


def _queue(r: tuple) -> QueueRow:
    return QueueRow(
        r[0], bytes(r[1]), bool(r[2]), r[3], r[4], r[5], r[6], r[7],
        None if r[8] is None else bool(r[8]),
    )  # fmt: skip


class QueueRepository(QueueLanguageSQL, QueueHeldSQL):
    """Places in the queue: join, leave, where one stands, who waits longest, who went quiet."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(
        self, visitor: bytes, urgent: bool, now: float, language: str | None = None
    ) -> bool:
        """Join the queue; False if already in it (two quick taps queue once)."""
        added = await self.db.execute(
            "INSERT OR IGNORE INTO queue (visitor, urgent, enqueued_at, last_seen, language) "
            "VALUES (?, ?, ?, ?, ?)",
            (visitor, int(urgent), now, now, language),
        )
        return added == 1

    async def get(self, visitor: bytes) -> QueueRow | None:
        r = await self.db.fetchone(f"SELECT {_Q} FROM queue WHERE visitor = ?", (visitor,))
        return None if r is None else _queue(r)

    async def remove(self, visitor: bytes) -> bool:
        await self.db.execute("DELETE FROM waiting_messages WHERE visitor = ?", (visitor,))
        return await self.db.execute("DELETE FROM queue WHERE visitor = ?", (visitor,)) == 1

    async def position(self, row: QueueRow, cap: int) -> int:
        """1-based place: urgent first, then longest waiting (uses the queue_order index).
        Counts at most `cap` people ahead, so a place far back costs no more than a near one:
        `cap + 1` means "at least `cap` ahead"."""
        u = int(row.urgent)
        r = await self.db.fetchone(
            # Three ranges of the index, one per disjunct (a nested OR would make SQLite walk
            # every visitor of the same urgency).
            "SELECT count(*) FROM (SELECT 1 FROM queue WHERE urgent > ? "
            "OR (urgent = ? AND enqueued_at < ?) "
            "OR (urgent = ? AND enqueued_at = ? AND id < ?) LIMIT ?)",
            (u, u, row.enqueued_at, u, row.enqueued_at, row.id, cap),
        )
        return r[0] + 1

    async def counts(self, cap: int) -> tuple[int, int, float | None]:
        """(waiting, urgent, oldest enqueued_at), each count stopping at `cap`: every read
        walks the queue_order index from one end, never the whole queue."""
        r = await self.db.fetchone(
            "SELECT (SELECT count(*) FROM (SELECT 1 FROM queue LIMIT ?)), "
            "(SELECT count(*) FROM (SELECT 1 FROM queue WHERE urgent = 1 LIMIT ?)), "
            "(SELECT min(oldest) FROM (SELECT min(enqueued_at) AS oldest FROM queue "
            "WHERE urgent = 1 UNION ALL SELECT min(enqueued_at) FROM queue WHERE urgent = 0))",
            (cap, cap),
        )
        return r[0], r[1], r[2]

    async def head(self, limit: int) -> list[QueueRow]:
        rows = await self.db.fetchall(
            f"SELECT {_Q} FROM queue ORDER BY {QUEUE_ORDER} LIMIT ?", (limit,)
        )
        return [_queue(r) for r in rows]

    async def mark_urgent(self, visitor: bytes) -> bool:
        return (
            await self.db.execute(
                # An urgent visitor is never left waiting for a language: readers first, then
                # the first free volunteer (bot/relay/languages.py).
                "UPDATE queue SET urgent = 1, any_language = CASE WHEN any_language = 0 "
                "THEN NULL ELSE any_language END WHERE visitor = ? AND urgent = 0",
                (visitor,),
            )
            == 1
        )

    async def seen(self, visitor: bytes, now: float) -> None:
        await self.db.execute(
            "UPDATE queue SET last_seen = ?, prompted_at = NULL WHERE visitor = ?", (now, visitor)
        )

    async def set_status_msg(self, visitor: bytes, message_id: int | None) -> None:
        await self.db.execute(
            "UPDATE queue SET status_msg = ? WHERE visitor = ?", (message_id, visitor)
        )

    async def set_prompted(self, visitor: bytes, now: float) -> None:
        await self.db.execute("UPDATE queue SET prompted_at = ? WHERE visitor = ?", (now, visitor))

    async def idle(self, seen_before: float) -> list[QueueRow]:
        rows = await self.db.fetchall(
            f"SELECT {_Q} FROM queue WHERE last_seen < ? OR prompted_at IS NOT NULL",
            (seen_before,),
        )
        return [_queue(r) for r in rows]
