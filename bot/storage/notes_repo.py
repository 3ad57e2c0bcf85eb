"""SQL for volunteers' private notes on chats: ciphertext only (see `bot/notes.py`)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Literal

from bot.storage.db import Database


@dataclass(frozen=True)
class NoteRow:
    id: int
    session_id: int
    author: int
    body: bytes
    created_at: float
    visitor_alias: str  # of the chat, so a list can say which chat a note is on


_N = (
    "n.id, n.session_id, n.author, n.body, n.created_at, s.visitor_alias "
    "FROM notes n JOIN sessions s ON s.id = n.session_id"
)


def _note(r: tuple) -> NoteRow:
    return NoteRow(r[0], r[1], r[2], bytes(r[3]), r[4], r[5])


class NoteRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(
        self, note_id: int, session_id: int, author: int, body: bytes, now: float
    ) -> Literal["kept", "taken", "gone"]:
        """ "taken" if the id is (the caller draws another), "gone" if the chat is."""
        try:
            added = await self.db.execute(
                "INSERT INTO notes (id, session_id, author, body, created_at) "
                "SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM sessions WHERE id = ?)",
                (note_id, session_id, author, body, now, session_id),
            )
        except sqlite3.IntegrityError:
            return "taken"
        return "kept" if added == 1 else "gone"

    async def by_author(self, author: int, limit: int) -> list[NoteRow]:
        rows = await self.db.fetchall(
            f"SELECT {_N} WHERE n.author = ? ORDER BY n.created_at DESC, n.id LIMIT ?",
            (author, limit),
        )
        return [_note(r) for r in rows]

    async def of_session(self, session_id: int) -> list[NoteRow]:
        rows = await self.db.fetchall(
            f"SELECT {_N} WHERE n.session_id = ? ORDER BY n.created_at, n.id", (session_id,)
        )
        return [_note(r) for r in rows]

    async def last_closed_session(self, volunteer: bytes, since: float) -> int | None:
        """The volunteer's latest chat that ended after `since` (a note written just after)."""
        row = await self.db.fetchone(
            "SELECT id FROM sessions WHERE volunteer = ? AND status = 'closed' AND ended_at >= ? "
            "ORDER BY ended_at DESC LIMIT 1",
            (volunteer, since),
        )
        return None if row is None else row[0]
