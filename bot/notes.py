"""`/note`: a volunteer's private wrap-up note on a chat, and who may read it.

A note is written during a chat or shortly after it (`NOTE_WINDOW`), kept only encrypted
(AES-GCM, bound to its own row, with its chat's id inside and checked on reading), and read by
its writer, and by supervisors and admins on a chat whose volunteer asked for help (the chats
they may `/join`: no one reads a chat's notes uninvited). It is never shown to the visitor and
never logged or counted; it goes with its chat's rows, at the retention purge and at the
visitor's `/forget`. No `telegram` import.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from bot.crypto import DataCipher, DecryptionError
from bot.storage.notes_repo import NoteRepository, NoteRow

NOTE_WINDOW = 3600  # seconds after a chat ends during which a note still goes on it
MAX_NOTE = 2000  # characters
LIST_LIMIT = 10  # notes shown by one /notes


def note_context(note_id: int) -> bytes:
    return b"notes:body:%d" % note_id


@dataclass(frozen=True)
class Note:
    session_id: int
    visitor_alias: str
    created_at: float
    text: str
    author: int  # staff id
    mine: bool


class NoteService:
    def __init__(
        self, repo: NoteRepository, cipher: DataCipher, clock: Callable[[], float] = time.time
    ) -> None:
        self._repo = repo
        self._cipher = cipher
        self._clock = clock

    async def recent_chat(self, volunteer: bytes) -> int | None:
        """The chat a note written now (outside any chat) goes on: the latest that ended
        within `NOTE_WINDOW`."""
        return await self._repo.last_closed_session(volunteer, self._clock() - NOTE_WINDOW)

    async def add(self, session_id: int, author: int, text: str) -> bool:
        """Keep a note (encrypted); False if the chat is gone."""
        for _ in range(3):  # a random id taken already: draw again
            note_id = secrets.randbits(62)
            body = self._cipher.encrypt_json(
                {"chat": session_id, "text": text[:MAX_NOTE]}, note_context(note_id)
            )
            outcome = await self._repo.add(note_id, session_id, author, body, self._clock())
            if outcome != "taken":
                return outcome == "kept"
        return False

    async def mine(self, author: int) -> list[Note]:
        return self._open(await self._repo.by_author(author, LIST_LIMIT), author)

    async def of_chat(self, session_id: int, reader: int) -> list[Note]:
        return self._open(await self._repo.of_session(session_id), reader)

    def _open(self, rows: list[NoteRow], reader: int) -> list[Note]:
        notes = []
        for row in rows:
            try:
                sealed = self._cipher.decrypt_json(row.body, note_context(row.id))
            except DecryptionError:
                continue  # altered, or under a key no longer held: shown as nothing
            if sealed.get("chat") != row.session_id:
                continue  # moved to another chat in the database: not this chat's note
            notes.append(
                Note(
                    row.session_id,
                    row.visitor_alias,
                    row.created_at,
                    str(sealed.get("text", "")),
                    row.author,
                    row.author == reader,
                )
            )
        return notes
