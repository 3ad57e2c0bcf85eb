"""SQL for the helpline tools: warm transfers, handover notes for the queue, mentoring."""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage.db import Database
from bot.storage.held import hold_in
from bot.storage.session_repo import _S, SessionRow, _session, close_in


@dataclass(frozen=True)
class TransferRow:
    id: int
    session_id: int
    from_staff: bytes
    from_alias: str
    to_staff: bytes
    to_alias: str
    note: bytes | None
    created_at: float
    expires_at: float


_T = "id, session_id, from_staff, from_alias, to_staff, to_alias, note, created_at, expires_at"


def _transfer(r: tuple) -> TransferRow:
    note = None if r[6] is None else bytes(r[6])
    return TransferRow(r[0], r[1], bytes(r[2]), r[3], bytes(r[4]), r[5], note, r[7], r[8])


@dataclass(frozen=True)
class MentorRow:
    id: int
    visitor: bytes
    volunteer: bytes
    alias: str
    handle: str
    created_at: float
    requested_at: float | None
    alerted_at: float | None


_M = "id, visitor, volunteer, alias, handle, created_at, requested_at, alerted_at"


def _mentor(r: tuple) -> MentorRow:
    return MentorRow(r[0], bytes(r[1]), bytes(r[2]), r[3], r[4], r[5], r[6], r[7])


class TransferRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(
        self,
        session_id: int,
        sender: tuple[bytes, str],
        receiver: tuple[bytes, str],
        now: float,
        expires_at: float,
    ) -> int | None:
        """A new pending transfer; None if this chat already has one."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "INSERT OR IGNORE INTO transfers (session_id, from_staff, from_alias, to_staff, "
                "to_alias, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (session_id, *sender, *receiver, now, expires_at),
            )
            return cur.lastrowid if cur.rowcount == 1 else None

    async def set_note(self, transfer_id: int, note: bytes) -> None:
        await self.db.execute("UPDATE transfers SET note = ? WHERE id = ?", (note, transfer_id))

    async def get(self, transfer_id: int) -> TransferRow | None:
        r = await self.db.fetchone(f"SELECT {_T} FROM transfers WHERE id = ?", (transfer_id,))
        return None if r is None else _transfer(r)

    async def of_session(self, session_id: int) -> TransferRow | None:
        r = await self.db.fetchone(
            f"SELECT {_T} FROM transfers WHERE session_id = ?", (session_id,)
        )
        return None if r is None else _transfer(r)

    async def take(self, transfer_id: int) -> TransferRow | None:
        """Remove a pending transfer and return it: whoever removes it settles it (an accept
        and a timeout at the same moment: one of them wins)."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(f"SELECT {_T} FROM transfers WHERE id = ?", (transfer_id,))
            r = await cur.fetchone()
            if r is None:
                return None
            await conn.execute("DELETE FROM transfers WHERE id = ?", (transfer_id,))
            return _transfer(r)

    async def pending_sessions(self) -> list[int]:
        return [r[0] for r in await self.db.fetchall("SELECT session_id FROM transfers")]

    async def due(self, now: float) -> list[TransferRow]:
        rows = await self.db.fetchall(
            f"SELECT {_T} FROM transfers WHERE expires_at <= ? OR session_id NOT IN "
            "(SELECT id FROM sessions WHERE status = 'active') ORDER BY id",
            (now,),
        )
        return [_transfer(r) for r in rows]

    async def put_queue_note(self, visitor: bytes, alias: str, now: float) -> int:
        """A row for the note to whoever takes this visitor next (encrypted by the caller)."""
        async with self.db.transaction() as conn:
            await conn.execute("DELETE FROM queue_notes WHERE visitor = ?", (visitor,))
            cur = await conn.execute(
                "INSERT INTO queue_notes (visitor, from_alias, note, created_at) "
                "VALUES (?, ?, x'', ?)",
                (visitor, alias, now),
            )
            assert cur.lastrowid is not None
            return cur.lastrowid

    async def set_queue_note(self, note_id: int, note: bytes) -> None:
        await self.db.execute("UPDATE queue_notes SET note = ? WHERE id = ?", (note, note_id))

    async def pop_queue_note(self, visitor: bytes) -> tuple[int, str, bytes] | None:
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "SELECT id, from_alias, note FROM queue_notes WHERE visitor = ?", (visitor,)
            )
            r = await cur.fetchone()
            if r is None:
                return None
            await conn.execute("DELETE FROM queue_notes WHERE id = ?", (r[0],))
            return r[0], r[1], bytes(r[2])

    async def forget_visitor(self, visitor: bytes) -> None:
        await self.db.execute("DELETE FROM queue_notes WHERE visitor = ?", (visitor,))

    async def purge_orphan_notes(self) -> int:
        """Notes for visitors who neither wait nor talk any more."""
        return await self.db.execute(
            "DELETE FROM queue_notes WHERE visitor NOT IN (SELECT visitor FROM queue) "
            "AND visitor NOT IN (SELECT visitor FROM sessions WHERE status = 'active')"
        )

    async def hold(self, visitor: bytes, session_id: int, message_id: int, limit: int) -> str:
        """Keep the id of a message written while a transfer is pending ("held"); "full" past
        `limit`; "settled" if the transfer has settled meanwhile (relay it instead)."""
        async with self.db.transaction() as conn:
            gate = ("SELECT count(*) FROM transfers WHERE session_id = ?", (session_id,))
            return await hold_in(conn, visitor, message_id, limit, gate) or "settled"

    async def requeue(self, session_id: int, reason: str, now: float) -> SessionRow | None:
        """Close a chat handed back to the queue and put its visitor back where they stood
        (their first place in the queue, urgency kept). None if it was not open."""
        async with self.db.transaction() as conn:
            s = await close_in(conn, session_id, reason, now)
            if s is None:
                return None
            await conn.execute(  # their language goes with them (language-matched relay)
                "INSERT OR IGNORE INTO queue (visitor, urgent, enqueued_at, last_seen, language) "
                "VALUES (?, ?, ?, ?, ?)",
                (s.visitor, int(s.urgent), s.started_at - s.waited, now, s.language),
            )
            cur = await conn.execute(f"SELECT {_S} FROM sessions WHERE id = ?", (session_id,))
            return _session(await cur.fetchone())


class MentorRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(
        self, visitor: bytes, volunteer: bytes, alias: str, handle: str, now: float
    ) -> bool:
        """False if these two already have one (the offer accepted twice)."""
        return (
            await self.db.execute(
                "INSERT OR IGNORE INTO mentorships (visitor, volunteer, alias, handle, "
                "created_at) VALUES (?, ?, ?, ?, ?)",
                (visitor, volunteer, alias, handle, now),
            )
            == 1
        )

    async def of_visitor(self, visitor: bytes) -> list[MentorRow]:
        rows = await self.db.fetchall(
            f"SELECT {_M} FROM mentorships WHERE visitor = ? ORDER BY id", (visitor,)
        )
        return [_mentor(r) for r in rows]

    async def by_handle(self, visitor: bytes, handle: str) -> MentorRow | None:
        r = await self.db.fetchone(
            f"SELECT {_M} FROM mentorships WHERE visitor = ? AND handle = ?", (visitor, handle)
        )
        return None if r is None else _mentor(r)

    async def get(self, mentor_id: int) -> MentorRow | None:
        r = await self.db.fetchone(f"SELECT {_M} FROM mentorships WHERE id = ?", (mentor_id,))
        return None if r is None else _mentor(r)

    async def request(self, mentor_id: int, now: float) -> None:
        await self.db.execute(
            # asked again while asking: the first time counts, and no second alert
            "UPDATE mentorships SET alerted_at = CASE WHEN requested_at IS NULL THEN NULL "
            "ELSE alerted_at END, requested_at = coalesce(requested_at, ?) WHERE id = ?",
            (now, mentor_id),
        )

    async def answered(self, mentor_id: int) -> bool:
        """Clear a request; False if there was none (answered already, or withdrawn)."""
        return (
            await self.db.execute(
                "UPDATE mentorships SET requested_at = NULL, alerted_at = NULL "
                "WHERE id = ? AND requested_at IS NOT NULL",
                (mentor_id,),
            )
            == 1
        )

    async def alerted(self, mentor_id: int, now: float) -> None:
        await self.db.execute(
            "UPDATE mentorships SET alerted_at = ? WHERE id = ?", (now, mentor_id)
        )

    async def requests(self) -> list[MentorRow]:
        rows = await self.db.fetchall(
            f"SELECT {_M} FROM mentorships WHERE requested_at IS NOT NULL ORDER BY requested_at"
        )
        return [_mentor(r) for r in rows]

    async def withdraw(self, visitor: bytes) -> None:
        await self.db.execute(
            "UPDATE mentorships SET requested_at = NULL, alerted_at = NULL WHERE visitor = ?",
            (visitor,),
        )

    async def forget_visitor(self, visitor: bytes) -> None:
        await self.db.execute("DELETE FROM mentorships WHERE visitor = ?", (visitor,))

    async def purge(self) -> int:
        """Links to a visitor whose row has gone (silence: VISITOR_RETENTION_DAYS) or to a
        volunteer who is no longer active."""
        return await self.db.execute(
            "DELETE FROM mentorships WHERE visitor NOT IN (SELECT pseudonym FROM visitors) "
            "OR volunteer NOT IN (SELECT pseudonym FROM staff WHERE status = 'active')"
        )

    async def end_volunteer(self, volunteer: bytes) -> list[MentorRow]:
        """Every mentorship of this volunteer ends; the ones with a visitor asking now are
        returned, so those visitors can be told."""
        asking = [
            _mentor(r)
            for r in await self.db.fetchall(
                f"SELECT {_M} FROM mentorships WHERE volunteer = ? AND requested_at IS NOT NULL",
                (volunteer,),
            )
        ]
        await self.db.execute("DELETE FROM mentorships WHERE volunteer = ?", (volunteer,))
        return asking

    async def last_closed(self, volunteer: bytes, since: float) -> SessionRow | None:
        """This volunteer's chat that ended last, if it ended after `since`."""
        r = await self.db.fetchone(
            f"SELECT {_S} FROM sessions WHERE volunteer = ? AND status = 'closed' "
            "AND ended_at >= ? ORDER BY ended_at DESC, id DESC LIMIT 1",
            (volunteer, since),
        )
        return None if r is None else _session(r)

    async def connect(
        self, mentor: MentorRow, visitor_alias: str, caseload_limit: int, now: float
    ) -> SessionRow | str:
        """Open a chat between a visitor who asked and their volunteer, atomically: "full"
        (the volunteer's caseload), "busy" (the visitor is in a chat already), "gone" (the
        request was answered or withdrawn)."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "SELECT requested_at FROM mentorships WHERE id = ? AND requested_at IS NOT NULL",
                (mentor.id,),
            )
            asked = await cur.fetchone()
            if asked is None:
                return "gone"
            cur = await conn.execute(
                "SELECT (SELECT count(*) FROM sessions WHERE volunteer = ? AND status = 'active'),"
                " (SELECT count(*) FROM sessions WHERE visitor = ? AND status = 'active')",
                (mentor.volunteer, mentor.visitor),
            )
            theirs, busy = await cur.fetchone()
            if busy:
                await conn.execute(
                    "UPDATE mentorships SET requested_at = NULL, alerted_at = NULL WHERE id = ?",
                    (mentor.id,),
                )
                return "busy"
            if theirs >= caseload_limit:
                return "full"
            cur = await conn.execute(
                "SELECT urgent FROM queue WHERE visitor = ?", (mentor.visitor,)
            )
            queued = await cur.fetchone()
            await conn.execute("DELETE FROM queue WHERE visitor = ?", (mentor.visitor,))
            await conn.execute(
                "UPDATE mentorships SET requested_at = NULL, alerted_at = NULL WHERE id = ?",
                (mentor.id,),
            )
            cur = await conn.execute(
                "INSERT INTO sessions (visitor, volunteer, visitor_alias, volunteer_alias, "
                "status, urgent, waited, started_at, last_visitor_at) "
                "VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?)",
                (
                    mentor.visitor,
                    mentor.volunteer,
                    visitor_alias,
                    mentor.alias,
                    int(bool(queued and queued[0])),
                    now - asked[0],
                    now,
                    now,
                ),
            )
            cur = await conn.execute(f"SELECT {_S} FROM sessions WHERE id = ?", (cur.lastrowid,))
            return _session(await cur.fetchone())
