"""SQL for relay sessions: a visitor taken from the queue into a chat with a volunteer, the
chat's life (who wrote last, reminders, a supervisor reading along or taking over), its close
with anonymous facts (rating, durations), and forgetting. Message pairs: `pair_repo`."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from bot.storage.db import Database
from bot.storage.queue_languages import PRESENT, candidates_sql
from bot.storage.queue_repo import QUEUE_ORDER

__all__ = ["SessionRepository", "SessionRow", "close_in"]


@dataclass(frozen=True)
class SessionRow:
    id: int
    visitor: bytes
    volunteer: bytes
    visitor_alias: str
    volunteer_alias: str
    status: str
    urgent: bool
    waited: float
    started_at: float
    ended_at: float | None
    end_reason: str | None
    last_visitor_at: float
    last_volunteer_at: float | None
    idle_prompted_at: float | None
    reminded: bool
    fact_id: int | None
    escalated: bool = False
    observer: bytes | None = None
    language: str | None = None  # the visitor's bot language, kept if the chat goes back


_S = (
    "id, visitor, volunteer, visitor_alias, volunteer_alias, status, urgent, waited, "
    "started_at, ended_at, end_reason, last_visitor_at, last_volunteer_at, idle_prompted_at, "
    "reminded, fact_id, escalated, observer, language"
)


def _session(r: tuple) -> SessionRow:
    return SessionRow(
        r[0], bytes(r[1]), bytes(r[2]), r[3], r[4], r[5], bool(r[6]), r[7], r[8], r[9], r[10],
        r[11], r[12], r[13], bool(r[14]), r[15], bool(r[16]),
        None if r[17] is None else bytes(r[17]), r[18],
    )  # fmt: skip


class SessionRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def take_next(
        self,
        volunteer: bytes,
        volunteer_alias: str,
        visitor_alias: str,
        caseload_limit: int,
        now: float,
        reads: tuple[str, ...] | None = None,
        covered: set[str] | frozenset[str] = frozenset(),
    ) -> SessionRow | str:
        """Atomically move the first visitor this volunteer may take into a new session.

        One transaction under the database lock: two volunteers pressing /next at once never
        get the same visitor. Returns the session, or 'empty' / 'full' / 'other_languages'
        (visitors wait, but for someone who reads their language).

        `reads`: the volunteer's languages (None: the whole queue, in order). Then a visitor
        may be taken if the volunteer reads their language, or they said another language is
        fine, or they were not asked and no volunteer with a free slot (`covered`) reads it.
        Urgent first; then a language the volunteer reads; then the longest waiting.
        """
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "SELECT count(*) FROM sessions WHERE volunteer = ? AND status = 'active'",
                (volunteer,),
            )
            if (await cur.fetchone())[0] >= caseload_limit:
                return "full"
            query: tuple[str, list] | None = (
                f"SELECT visitor, urgent, enqueued_at, language FROM queue ORDER BY {QUEUE_ORDER} "
                "LIMIT 1",
                [],
            )
            if reads is not None:
                cur = await conn.execute(
                    f"{PRESENT} UNION ALL SELECT NULL WHERE EXISTS "
                    "(SELECT 1 FROM queue WHERE language IS NULL)"
                )
                query = candidates_sql([r[0] for r in await cur.fetchall()], reads, covered)
            head = None
            if query is not None:
                cur = await conn.execute(*query)
                head = await cur.fetchone()
            if head is None:
                cur = await conn.execute("SELECT 1 FROM queue LIMIT 1")
                return "other_languages" if await cur.fetchone() else "empty"
            visitor, urgent, enqueued_at, language = bytes(head[0]), head[1], head[2], head[3]
            await conn.execute("DELETE FROM queue WHERE visitor = ?", (visitor,))
            cur = await conn.execute(
                "INSERT INTO sessions (visitor, volunteer, visitor_alias, volunteer_alias, "
                "status, urgent, waited, started_at, last_visitor_at, language) "
                "VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?, ?)",
                (
                    visitor,
                    volunteer,
                    visitor_alias,
                    volunteer_alias,
                    urgent,
                    now - enqueued_at,
                    now,
                    now,
                    language,
                ),
            )
            session_id = cur.lastrowid
            cur = await conn.execute(f"SELECT {_S} FROM sessions WHERE id = ?", (session_id,))
            return _session(await cur.fetchone())

    async def capacity(self, caseload_limit: int) -> tuple[int, int]:
        """(volunteers on duty, free chat slots among them), in one query."""
        row = await self.db.fetchone(
            "SELECT count(*), coalesce(sum(max(0, ? - (SELECT count(*) FROM sessions s "
            "WHERE s.volunteer = staff.pseudonym AND s.status = 'active'))), 0) "
            "FROM staff WHERE on_duty = 1 AND status = 'active'",
            (caseload_limit,),
        )
        return row[0], row[1]

    async def get(self, session_id: int) -> SessionRow | None:
        r = await self.db.fetchone(f"SELECT {_S} FROM sessions WHERE id = ?", (session_id,))
        return None if r is None else _session(r)

    async def active_for_visitor(self, visitor: bytes) -> SessionRow | None:
        r = await self.db.fetchone(
            f"SELECT {_S} FROM sessions WHERE visitor = ? AND status = 'active'", (visitor,)
        )
        return None if r is None else _session(r)

    async def active_for_volunteer(self, volunteer: bytes) -> list[SessionRow]:
        rows = await self.db.fetchall(
            f"SELECT {_S} FROM sessions WHERE volunteer = ? AND status = 'active' ORDER BY id",
            (volunteer,),
        )
        return [_session(r) for r in rows]

    async def active(self) -> list[SessionRow]:
        rows = await self.db.fetchall(f"SELECT {_S} FROM sessions WHERE status = 'active'")
        return [_session(r) for r in rows]

    async def close(self, session_id: int, reason: str, now: float) -> SessionRow | None:
        """Close an active session, record its anonymous facts, drop its message pairs.

        Returns the closed session, or None if it was not active (idempotent)."""
        async with self.db.transaction() as conn:
            if await close_in(conn, session_id, reason, now) is None:
                return None
            cur = await conn.execute(f"SELECT {_S} FROM sessions WHERE id = ?", (session_id,))
            return _session(await cur.fetchone())

    async def touch(self, session_id: int, side: str, now: float) -> None:
        column = "last_visitor_at" if side == "visitor" else "last_volunteer_at"
        # The visitor wrote: not idle. The volunteer wrote: a new silence may be reminded.
        extra = ", idle_prompted_at = NULL" if side == "visitor" else ", reminded = 0"
        await self.db.execute(
            f"UPDATE sessions SET {column} = ?{extra} WHERE id = ?", (now, session_id)
        )

    async def mark_urgent(self, session_id: int) -> None:
        await self.db.execute("UPDATE sessions SET urgent = 1 WHERE id = ?", (session_id,))

    async def mark_escalated(self, session_id: int) -> None:
        await self.db.execute("UPDATE sessions SET escalated = 1 WHERE id = ?", (session_id,))

    async def set_observer(self, session_id: int, observer: bytes | None) -> bool:
        return (
            await self.db.execute(
                "UPDATE sessions SET observer = ? WHERE id = ? AND status = 'active'",
                (observer, session_id),
            )
            == 1
        )

    async def hand_over(self, session_id: int, volunteer: bytes, alias: str) -> bool:
        """A supervisor takes over: the chat continues with them. The message pairs pointed
        into the old volunteer's chat, so they go (earlier messages can't be edited any more)."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE sessions SET volunteer = ?, volunteer_alias = ?, observer = NULL "
                "WHERE id = ? AND status = 'active'",
                (volunteer, alias, session_id),
            )
            if cur.rowcount != 1:
                return False
            await conn.execute("DELETE FROM message_pairs WHERE session_id = ?", (session_id,))
            return True

    async def stop_observing(self, observer: bytes) -> None:
        """A revoked or demoted supervisor stops reading along everywhere, at once."""
        await self.db.execute("UPDATE sessions SET observer = NULL WHERE observer = ?", (observer,))

    async def set_idle_prompted(self, session_id: int, now: float) -> None:
        await self.db.execute(
            "UPDATE sessions SET idle_prompted_at = ? WHERE id = ?", (now, session_id)
        )

    async def set_reminded(self, session_id: int) -> None:
        await self.db.execute("UPDATE sessions SET reminded = 1 WHERE id = ?", (session_id,))

    async def rate(self, session_id: int, visitor: bytes, rating: int) -> bool:
        """Record a rating once, on the anonymous facts; False if not theirs or rated."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "SELECT fact_id FROM sessions WHERE id = ? AND visitor = ? AND status = 'closed'",
                (session_id, visitor),
            )
            r = await cur.fetchone()
            if r is None or r[0] is None:
                return False
            cur = await conn.execute(
                "UPDATE chat_facts SET rating = ? WHERE id = ? AND rating IS NULL",
                (rating, r[0]),
            )
            return cur.rowcount == 1

    async def purge_closed(self, ended_before: float) -> int:
        return await self.db.execute(
            "DELETE FROM sessions WHERE status = 'closed' AND ended_at < ?", (ended_before,)
        )

    async def forget_visitor(self, visitor: bytes) -> None:
        """`/forget`: closed sessions lose every link to the visitor (facts stay anonymous)."""
        await self.db.execute(
            "DELETE FROM sessions WHERE visitor = ? AND status = 'closed'", (visitor,)
        )

    async def mean_duration(self, since_day: int) -> float | None:
        r = await self.db.fetchone(
            "SELECT avg(duration_s) FROM chat_facts WHERE day >= ? AND answered = 1",
            (since_day,),
        )
        return r[0]


async def close_in(
    conn: aiosqlite.Connection, session_id: int, reason: str, now: float
) -> SessionRow | None:
    """Inside a transaction: close an active session, record its anonymous facts, drop its
    message pairs. Returns the session as it was, or None if it was not active."""
    cur = await conn.execute(
        f"SELECT {_S} FROM sessions WHERE id = ? AND status = 'active'", (session_id,)
    )
    r = await cur.fetchone()
    if r is None:
        return None
    s = _session(r)
    cur = await conn.execute(
        "INSERT INTO chat_facts (day, wait_s, duration_s, urgent, answered) VALUES (?, ?, ?, ?, ?)",
        (
            int(now // 86400),
            int(s.waited),
            int(now - s.started_at),
            int(s.urgent),
            int(s.last_volunteer_at is not None),
        ),
    )
    await conn.execute(
        "UPDATE sessions SET status = 'closed', ended_at = ?, end_reason = ?, "
        "fact_id = ? WHERE id = ?",
        (now, reason, cur.lastrowid, session_id),
    )
    await conn.execute("DELETE FROM message_pairs WHERE session_id = ?", (session_id,))
    return s
