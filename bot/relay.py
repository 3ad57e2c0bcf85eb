"""The relay engine: the queue, sessions and their timeouts. No `telegram` import.

It decides; the handlers deliver. Operations return `Notice`s (who should be told what, as a
content key and values) so the words stay in `content/` and the Telegram calls in `handlers/`.
Everything lives in SQLite, so a restart loses no waiting visitor and no active chat.
"""

from __future__ import annotations

import math
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from bot.callbacks import Action
from bot.staff import Staff, StaffService
from bot.storage.relay_repo import (
    PairRepository,
    QueueRepository,
    QueueRow,
    SessionRepository,
    SessionRow,
)

Session = SessionRow
Side = Literal["visitor", "volunteer"]
DEFAULT_CHAT_MINUTES = 20  # used for wait estimates until there are real chat lengths
QUEUE_REFRESH = 20  # how many waiting visitors get live position updates


@dataclass(frozen=True)
class Notice:
    """Tell one person something: a content key, its values, optional buttons."""

    to: bytes
    key: str
    values: dict[str, object] = field(default_factory=dict)
    buttons: tuple[tuple[tuple[str, Action], ...], ...] = ()


@dataclass(frozen=True)
class QueuePlace:
    visitor: bytes
    position: int
    waiting: int
    estimate_minutes: int | None  # None: nobody on duty; 0: soon
    status_msg: int | None
    urgent: bool = False


@dataclass(frozen=True)
class JoinResult:
    outcome: Literal["queued", "already", "in_session", "nobody"]
    place: QueuePlace | None = None
    notices: list[Notice] = field(default_factory=list)


@dataclass(frozen=True)
class SweepResult:
    notices: list[Notice] = field(default_factory=list)
    ended: list[Session] = field(default_factory=list)
    dropped: list[bytes] = field(default_factory=list)
    queue_changed: bool = False


def estimate_minutes(position: int, free_slots: int, on_duty: int, chat_minutes: float) -> int:
    """An honest, rounded guess: 0 if a volunteer is free for this place, else rounds of chats."""
    if position <= free_slots:
        return 0
    rounds = math.ceil((position - free_slots) / max(on_duty, 1))
    return max(5, int(math.ceil(rounds * chat_minutes / 5) * 5))


class RelayService:
    def __init__(
        self,
        queue: QueueRepository,
        sessions: SessionRepository,
        pairs: PairRepository,
        staff: StaffService,
        *,
        caseload_limit: int = 1,
        visitor_idle_minutes: int = 10,
        volunteer_reply_minutes: int = 3,
        queue_timeout_minutes: int = 60,
        shift_reminder_hours: int = 4,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.queue = queue
        self.sessions = sessions
        self.pairs = pairs
        self.staff = staff
        self.caseload_limit = caseload_limit
        self.visitor_idle = visitor_idle_minutes * 60
        self.volunteer_reply = volunteer_reply_minutes * 60
        self.queue_timeout = queue_timeout_minutes * 60
        self.shift_reminder = shift_reminder_hours * 3600
        self.clock = clock

    # --- the queue -------------------------------------------------------------------------

    async def _capacity(self) -> tuple[int, int]:
        """(volunteers on duty, free chat slots among them)."""
        on_duty = await self.staff.on_duty()
        free = 0
        for volunteer in on_duty:
            busy = len(await self.sessions.active_for_volunteer(volunteer.pseudonym))
            free += max(0, self.caseload_limit - busy)
        return len(on_duty), free

    async def place(self, visitor: bytes) -> QueuePlace | None:
        row = await self.queue.get(visitor)
        if row is None:
            return None
        return await self._place(row)

    async def _place(self, row: QueueRow, capacity: tuple[int, int] | None = None) -> QueuePlace:
        on_duty, free = capacity or await self._capacity()
        position = await self.queue.position(row)
        waiting, _, _ = await self.queue.counts()
        if on_duty == 0:
            estimate = None
        else:
            mean = await self.sessions.mean_duration(int(self.clock() // 86400) - 7)
            minutes = mean / 60 if mean else DEFAULT_CHAT_MINUTES
            estimate = estimate_minutes(position, free, on_duty, minutes)
        return QueuePlace(row.visitor, position, waiting, estimate, row.status_msg, row.urgent)

    async def join(self, visitor: bytes, *, urgent: bool = False) -> JoinResult:
        """Queue a visitor who accepted the consent note. Joining twice queues once."""
        if await self.sessions.active_for_visitor(visitor) is not None:
            return JoinResult("in_session")
        existing = await self.queue.get(visitor)
        if existing is not None:
            return JoinResult("already", await self._place(existing))
        capacity = await self._capacity()
        if capacity[0] == 0:
            return JoinResult("nobody")
        added = await self.queue.add(visitor, urgent, self.clock())
        row = await self.queue.get(visitor)
        assert row is not None
        place = await self._place(row, capacity)
        if not added:
            return JoinResult("already", place)
        return JoinResult("queued", place, await self._alert_on_duty(urgent))

    async def _alert_on_duty(self, urgent: bool) -> list[Notice]:
        """Tell volunteers on duty that someone waits: no detail about who."""
        waiting, urgent_count, _ = await self.queue.counts()
        key = "volunteer.someone_waiting_urgent" if urgent else "volunteer.someone_waiting"
        return [
            Notice(v.pseudonym, key, {"waiting": waiting, "urgent": urgent_count})
            for v in await self.staff.on_duty()
        ]

    async def cancel(self, visitor: bytes) -> bool:
        return await self.queue.remove(visitor)

    async def seen(self, visitor: bytes) -> None:
        """The visitor did something while waiting: they are still there."""
        await self.queue.seen(visitor, self.clock())

    async def set_status_msg(self, visitor: bytes, message_id: int | None) -> None:
        await self.queue.set_status_msg(visitor, message_id)

    async def mark_urgent(self, visitor: bytes) -> list[Notice]:
        """Risk detected: move a waiting visitor up; flag an active chat to its volunteer."""
        if await self.queue.mark_urgent(visitor):
            return []
        session = await self.sessions.active_for_visitor(visitor)
        if session is not None and not session.urgent:
            await self.sessions.mark_urgent(session.id)
            return [
                Notice(
                    session.volunteer,
                    "volunteer.visitor_at_risk",
                    {"visitor": session.visitor_alias},
                )
            ]
        return []

    async def queue_places(self) -> list[QueuePlace]:
        """Live places of the first waiting visitors, to refresh their status messages."""
        capacity = await self._capacity()
        return [await self._place(row, capacity) for row in await self.queue.head(QUEUE_REFRESH)]

    async def queue_counts(self) -> tuple[int, int, float | None]:
        """(waiting, urgent, longest wait in seconds)."""
        waiting, urgent, oldest = await self.queue.counts()
        return waiting, urgent, None if oldest is None else self.clock() - oldest

    # --- sessions --------------------------------------------------------------------------

    async def take_next(self, volunteer: Staff) -> Session | Literal["empty", "full", "off"]:
        """The most urgent, longest-waiting visitor, atomically: never to two volunteers."""
        if not (volunteer.active and volunteer.on_duty and volunteer.alias):
            return "off"
        code = secrets.token_hex(2).upper()
        return await self.sessions.take_next(
            volunteer.pseudonym, volunteer.alias, code, self.caseload_limit, self.clock()
        )

    async def session_of_visitor(self, visitor: bytes) -> Session | None:
        return await self.sessions.active_for_visitor(visitor)

    async def sessions_of_volunteer(self, volunteer: bytes) -> list[Session]:
        return await self.sessions.active_for_volunteer(volunteer)

    async def end(self, session: Session, reason: str) -> Session | None:
        """Close a session (idempotent: None if it was already closed)."""
        return await self.sessions.close(session.id, reason, self.clock())

    async def requeue(self, session: Session) -> None:
        """Put a visitor whose volunteer had to leave back at the front of their priority."""
        await self.queue.add(session.visitor, session.urgent, self.clock() - session.waited)

    async def touch(self, session: Session, side: Side) -> None:
        await self.sessions.touch(session.id, side, self.clock())

    async def rate(self, session_id: int, visitor: bytes, rating: int) -> bool:
        return await self.sessions.rate(session_id, visitor, rating)

    # --- timeouts --------------------------------------------------------------------------

    async def sweep(self) -> SweepResult:
        """Find what timed out, from the database alone (so it survives restarts).

        * a visitor silent in a chat is asked if they are still there, then the chat ends;
        * a volunteer who has not answered the visitor's first message is reminded once;
        * a visitor waiting in the queue with no sign of life is asked, then dropped;
        * a volunteer on duty for a long shift is reminded to rest, once.
        """
        now = self.clock()
        result = SweepResult()
        for session in await self.sessions.active():
            silent = now - max(session.last_visitor_at, session.last_volunteer_at or 0)
            if session.idle_prompted_at is not None:
                if now - session.idle_prompted_at >= self.visitor_idle:
                    closed = await self.end(session, "idle")
                    if closed is not None:
                        result.ended.append(closed)
            elif silent >= self.visitor_idle and now - session.last_visitor_at >= self.visitor_idle:
                await self.sessions.set_idle_prompted(session.id, now)
                result.notices.append(
                    Notice(
                        session.visitor,
                        "relay.still_there",
                        buttons=(((("relay.button_still_here"), Action("here")),),),
                    )
                )
            if (
                session.last_volunteer_at is None
                and not session.reminded
                and now - session.started_at >= self.volunteer_reply
            ):
                await self.sessions.set_reminded(session.id)
                result.notices.append(
                    Notice(
                        session.volunteer,
                        "volunteer.reply_reminder",
                        {"visitor": session.visitor_alias},
                    )
                )
        for row in await self.queue.idle(now - self.queue_timeout):
            if row.prompted_at is None:
                await self.queue.set_prompted(row.visitor, now)
                result.notices.append(
                    Notice(
                        row.visitor,
                        "queue.still_waiting",
                        buttons=((("queue.button_keep", Action("here")),),),
                    )
                )
            elif now - row.prompted_at >= self.queue_timeout / 4:
                if await self.queue.remove(row.visitor):
                    result.dropped.append(row.visitor)
                    result.notices.append(Notice(row.visitor, "queue.dropped"))
        for volunteer in await self.staff.on_duty():
            since = volunteer.duty_since
            if not volunteer.rest_reminded and since and now - since >= self.shift_reminder:
                await self.staff.set_rest_reminded(volunteer)
                result.notices.append(Notice(volunteer.pseudonym, "volunteer.rest"))
        if result.dropped:
            return SweepResult(result.notices, result.ended, result.dropped, queue_changed=True)
        return result

    async def purge(self, retention_days: int) -> int:
        """Delete closed sessions older than the retention window (facts stay, anonymous)."""
        return await self.sessions.purge_closed(self.clock() - retention_days * 86400)
