"""Repositories: the only place with SQL. They take and return plain values (bytes, ints)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.storage.db import Database
from bot.storage.staff_repo import STAFF_FIELDS, StaffRow, staff_row


class MetaRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, key: str) -> bytes | None:
        row = await self.db.fetchone("SELECT value FROM meta WHERE key = ?", (key,))
        return None if row is None else bytes(row[0])

    async def insert_if_absent(self, key: str, value: bytes) -> bytes:
        """Store `value` unless a value exists; return whichever is stored (race-safe)."""
        await self.db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (key, value))
        stored = await self.get(key)
        assert stored is not None
        return stored

    async def put(self, key: str, value: bytes) -> None:
        await self.db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


@dataclass(frozen=True)
class VisitorRow:
    pseudonym: bytes
    chat: bytes
    prefs: bytes
    seen_day: int


class VisitorRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, pseudonym: bytes) -> VisitorRow | None:
        row = await self.db.fetchone(
            "SELECT pseudonym, chat, prefs, seen_day FROM visitors WHERE pseudonym = ?",
            (pseudonym,),
        )
        if row is None:
            return None
        return VisitorRow(bytes(row[0]), bytes(row[1]), bytes(row[2]), row[3])

    async def get_with_staff(self, pseudonym: bytes) -> tuple[VisitorRow | None, StaffRow | None]:
        """The visitor row and the staff row of one person, in one read: every update needs
        both (who is writing, and in what role), and each read is a trip to the DB thread."""
        staff_columns = ", ".join(f"s.{name}" for name in STAFF_FIELDS)
        row = await self.db.fetchone(
            f"SELECT v.pseudonym, v.chat, v.prefs, v.seen_day, {staff_columns} "
            "FROM (SELECT ? AS p) AS k "
            "LEFT JOIN visitors AS v ON v.pseudonym = k.p "
            "LEFT JOIN staff AS s ON s.pseudonym = k.p",
            (pseudonym,),
        )
        visitor = (
            None
            if row[0] is None
            else VisitorRow(bytes(row[0]), bytes(row[1]), bytes(row[2]), row[3])
        )
        return visitor, staff_row(row[4:])

    async def upsert(self, row: VisitorRow) -> None:
        await self.db.execute(
            "INSERT INTO visitors (pseudonym, chat, prefs, seen_day) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (pseudonym) DO UPDATE SET chat = excluded.chat, "
            "prefs = excluded.prefs, seen_day = excluded.seen_day",
            (row.pseudonym, row.chat, row.prefs, row.seen_day),
        )

    async def purge_unseen(self, before_day: int, keep: Iterable[bytes] = ()) -> int:
        """Delete visitors last seen before `before_day`, except `keep` (the admins named in
        settings), staff, and anyone waiting or in a chat: their rows are how the bot reaches
        them."""
        kept = list(keep)
        marks = ", ".join("?" * len(kept)) or "NULL"
        return await self.db.execute(
            "DELETE FROM visitors WHERE seen_day < ? "
            f"AND pseudonym NOT IN ({marks}) "
            "AND pseudonym NOT IN (SELECT pseudonym FROM staff) "
            "AND pseudonym NOT IN (SELECT visitor FROM queue) "
            "AND pseudonym NOT IN (SELECT visitor FROM sessions WHERE status = 'active')",
            (before_day, *kept),
        )

    async def touch(self, pseudonym: bytes, day: int) -> None:
        await self.db.execute(
            "UPDATE visitors SET seen_day = ? WHERE pseudonym = ? AND seen_day <> ?",
            (day, pseudonym, day),
        )

    async def delete(self, pseudonym: bytes) -> None:
        await self.db.execute("DELETE FROM visitors WHERE pseudonym = ?", (pseudonym,))


class ChatMessageRepository:
    """Message ids in a visitor's chat that a quick exit may delete."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(self, pseudonym: bytes, message_id: int, sent_at: int) -> None:
        await self.add_many([(pseudonym, message_id)], sent_at)

    async def add_many(self, messages: list[tuple[bytes, int]], sent_at: int) -> None:
        """(pseudonym, message id) pairs, in one statement."""
        if not messages:
            return
        values = ", ".join(["(?, ?, ?)"] * len(messages))
        await self.db.execute(
            f"INSERT OR IGNORE INTO chat_messages (pseudonym, message_id, sent_at) VALUES {values}",
            [x for pseudonym, message_id in messages for x in (pseudonym, message_id, sent_at)],
        )

    async def since(self, pseudonym: bytes, not_before: int) -> list[int]:
        rows = await self.db.fetchall(
            "SELECT message_id FROM chat_messages WHERE pseudonym = ? AND sent_at >= ? "
            "ORDER BY message_id",
            (pseudonym, not_before),
        )
        return [r[0] for r in rows]

    async def delete_ids(self, pseudonym: bytes, message_ids: list[int]) -> None:
        """Forget exactly these ids (those a quick exit deleted). Ids noted meanwhile (a
        message typed while the exit ran) stay, so the next exit deletes them too."""
        for start in range(0, len(message_ids), 500):  # within SQLite's bound parameters
            chunk = message_ids[start : start + 500]
            await self.db.execute(
                "DELETE FROM chat_messages WHERE pseudonym = ? AND message_id IN "
                f"({', '.join('?' * len(chunk))})",
                (pseudonym, *chunk),
            )

    async def purge_older_than(self, cutoff: int) -> int:
        return await self.db.execute("DELETE FROM chat_messages WHERE sent_at < ?", (cutoff,))
