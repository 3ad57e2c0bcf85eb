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
QUEUE_COUNT_CAP = 1000  # counts stop here ("1000+", 1000 or more): same cost however many wait
HELD_MESSAGES = 20  # messages written while waiting that are passed on when connected
RISK_MEMORY = 3600  # seconds a sign of risk makes a later request to talk urgent
# Why a chat closed, when the visitor goes back to the queue rather than being let go.
REQUEUE_REASONS = {"blocked_volunteer", "revoked", "handback", "absent"}
NOBODY_BUTTONS = (
    (("button.crisis", Action("crisis")),),
    (("button.self_esteem", Action("se", "0")),),
    (("button.leave_queue", Action("cancel")),),
)


def rating_buttons(session_id: int) -> tuple[tuple[tuple[str, Action], ...], ...]:
    """One tap, anonymous: the rating is stored on the chat's facts, not on a person."""
    return (
        tuple((f"rating.button_{n}", Action("rate", f"{session_id}-{n}")) for n in range(1, 6)),
    )


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
    position: int  # over QUEUE_COUNT_CAP: at least that many ahead (not all counted)
    estimate_minutes: int | None  # None: nobody on duty; 0: soon
    status_msg: int | None
    urgent: bool = False

    @property
    def far(self) -> bool:
        """So many wait ahead that they were not all counted (the estimate is a floor)."""
        return self.position > QUEUE_COUNT_CAP


@dataclass(frozen=True)
class JoinResult:
    outcome: Literal["queued", "already", "in_session", "nobody"]
    place: QueuePlace | None = None
    notices: list[Notice] = field(default_factory=list)


@dataclass(frozen=True)
class SweepResult:
    notices: list[Notice] = field(default_factory=list)
    ended: list[Session] = field(default_factory=list)
    absent: list[Session] = field(default_factory=list)  # volunteer silent too long
    dropped: list[bytes] = field(default_factory=list)
    queue_changed: bool = False


def count_text(count: int) -> str:
    """A queue count as people read it: counts stop at QUEUE_COUNT_CAP, shown as "1000+"."""
    return f"{QUEUE_COUNT_CAP}+" if count >= QUEUE_COUNT_CAP else str(count)


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
        # Who showed signs of risk lately, so asking to talk afterwards queues them as urgent.
        # In memory only, for an hour: a signal for triage, not a record about a person.
        self._recent_risk: dict[bytes, float] = {}
        # Who has messages held while waiting that were not yet passed on: relaying their next
        # message first passes those on (see handlers.relay). Rebuilt from the database at
        # start (`recall_held`), so a restart in the middle of passing on loses none.
        self._holding: set[bytes] = set()

    # --- the queue -------------------------------------------------------------------------

    async def _capacity(self) -> tuple[int, int]:
        """(volunteers on duty, free chat slots among them)."""
        return await self.sessions.capacity(self.caseload_limit)

    async def place(self, visitor: bytes) -> QueuePlace | None:
        row = await self.queue.get(visitor)
        if row is None:
            return None
        return await self._place(row)

    async def _outlook(self) -> tuple[int, int, float]:
        """(volunteers on duty, free slots, typical chat minutes): what estimates rest on."""
        on_duty, free = await self._capacity()
        mean = await self.sessions.mean_duration(int(self.clock() // 86400) - 7)
        return on_duty, free, mean / 60 if mean else DEFAULT_CHAT_MINUTES

    async def _place(
        self, row: QueueRow, outlook: tuple[int, int, float] | None = None
    ) -> QueuePlace:
        on_duty, free, minutes = outlook or await self._outlook()
        position = await self.queue.position(row, QUEUE_COUNT_CAP)
        estimate = estimate_minutes(position, free, on_duty, minutes) if on_duty else None
        return QueuePlace(row.visitor, position, estimate, row.status_msg, row.urgent)

    def _recently_at_risk(self, visitor: bytes) -> bool:
        now = self.clock()
        for key, at in list(self._recent_risk.items()):
            if now - at > RISK_MEMORY:
                del self._recent_risk[key]
        return visitor in self._recent_risk

    async def join(self, visitor: bytes, *, urgent: bool = False) -> JoinResult:
        """Queue a visitor who accepted the consent note. Joining twice queues once."""
        urgent = urgent or self._recently_at_risk(visitor)
        if await self.sessions.active_for_visitor(visitor) is not None:
            return JoinResult("in_session")
        existing = await self.queue.get(visitor)
        if existing is not None:
            return JoinResult("already", await self._place(existing))
        outlook = await self._outlook()
        if outlook[0] == 0:
            return JoinResult("nobody")
        added = await self.queue.add(visitor, urgent, self.clock())
        row = await self.queue.get(visitor)
        assert row is not None
        place = await self._place(row, outlook)
        if not added:
            return JoinResult("already", place)
        return JoinResult("queued", place, await self._alert_on_duty(urgent))

    async def _alert_on_duty(self, urgent: bool) -> list[Notice]:
        """Tell volunteers on duty that someone waits: no detail about who."""
        waiting, urgent_count, _ = await self.queue.counts(QUEUE_COUNT_CAP)
        key = "volunteer.someone_waiting_urgent" if urgent else "volunteer.someone_waiting"
        return [
            Notice(
                v.pseudonym,
                key,
                {"waiting": count_text(waiting), "urgent": count_text(urgent_count)},
            )
            for v in await self.staff.on_duty()
        ]

    async def cancel(self, visitor: bytes) -> bool:
        self._holding.discard(visitor)  # leaving the queue drops what was held
        return await self.queue.remove(visitor)

    async def hold(self, visitor: bytes, message_id: int) -> Literal["held", "full", "gone"]:
        """A message written while waiting goes to the volunteer who takes the visitor (by id:
        the text stays only in the visitor's own Telegram chat). "full" when too many wait,
        "gone" when the visitor was taken meanwhile (relay the message instead)."""
        held = await self.queue.hold_message(visitor, message_id, HELD_MESSAGES)
        if held == "held":
            self._holding.add(visitor)
        return held

    def may_hold(self, visitor: bytes) -> bool:
        """Might messages this visitor wrote while waiting still wait to be passed on?"""
        return visitor in self._holding

    def all_passed_on(self, visitor: bytes) -> None:
        self._holding.discard(visitor)

    async def recall_held(self) -> None:
        """At start: who still has held messages (a previous run stopped before passing on)."""
        self._holding = set(await self.queue.visitors_holding())

    async def held(self, visitor: bytes) -> list[int]:
        return await self.queue.held_messages(visitor)

    async def passed_on(self, visitor: bytes, message_id: int) -> None:
        await self.queue.release_message(visitor, message_id)

    async def seen(self, visitor: bytes) -> None:
        """The visitor did something while waiting: they are still there."""
        await self.queue.seen(visitor, self.clock())

    async def set_status_msg(self, visitor: bytes, message_id: int | None) -> None:
        await self.queue.set_status_msg(visitor, message_id)

    async def mark_urgent(self, visitor: bytes) -> list[Notice]:
        """Risk detected: move a waiting visitor up (and tell who is on duty); flag an active
        chat to its volunteer; otherwise remember it for an hour, should they ask to talk."""
        self._recent_risk[visitor] = self.clock()
        if await self.queue.mark_urgent(visitor):
            return await self._alert_on_duty(True)
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
        outlook = await self._outlook()
        return [await self._place(row, outlook) for row in await self.queue.head(QUEUE_REFRESH)]

    async def queue_counts(self) -> tuple[int, int, float | None]:
        """(waiting, urgent, longest wait in seconds)."""
        waiting, urgent, oldest = await self.queue.counts(QUEUE_COUNT_CAP)
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

    async def close(
        self, session: Session, reason: str, *, alert: bool = True
    ) -> list[Notice] | None:
        """End a chat and say who must be told what; None if it had already ended."""
        closed = await self.end(session, reason)
        return None if closed is None else await self.after_close(closed, reason, alert=alert)

    async def alert_waiting(self) -> list[Notice]:
        """One "someone is waiting" per volunteer on duty (after several chats went back)."""
        _, urgent, _ = await self.queue.counts(QUEUE_COUNT_CAP)
        return await self._alert_on_duty(bool(urgent))

    async def after_close(
        self, closed: Session, reason: str, *, alert: bool = True
    ) -> list[Notice]:
        """What each side is told once a chat has closed (and, if the volunteer left, the
        visitor's return to the queue, with the volunteers on duty alerted)."""
        notices: list[Notice] = []
        visitor_alias = {"visitor": closed.visitor_alias}
        if reason == "blocked_visitor":
            notices.append(Notice(closed.volunteer, "volunteer.visitor_blocked", visitor_alias))
        elif reason in REQUEUE_REASONS:
            if reason == "blocked_volunteer":  # they can't be reached: their shift is over
                volunteer = await self.staff.get(closed.volunteer)
                if volunteer is not None and volunteer.on_duty:
                    await self.staff.set_duty(volunteer, False)
                notices.append(Notice(closed.visitor, "relay.last_not_delivered"))
            await self.requeue(closed)
            on_duty, _ = await self._capacity()
            if on_duty:
                notices.append(Notice(closed.visitor, "relay.volunteer_left_requeued"))
                if alert:
                    notices += await self._alert_on_duty(closed.urgent)
            else:
                notices.append(Notice(closed.visitor, "queue.nobody_now", buttons=NOBODY_BUTTONS))
            if reason == "absent":
                notices.append(Notice(closed.volunteer, "volunteer.absent", visitor_alias))
        elif reason == "blocked":
            notices.append(Notice(closed.visitor, "relay.ended_blocked"))
        else:
            visitor_key = {
                "visitor": "relay.ended_by_you",
                "volunteer": "relay.ended_by_volunteer",
                "idle": "relay.ended_idle",
            }.get(reason)  # "exit", "gone": the visitor has left; nothing to tell them
            if visitor_key:
                notices.append(
                    Notice(
                        closed.visitor,
                        visitor_key,
                        {"volunteer": closed.volunteer_alias},
                        rating_buttons(closed.id),
                    )
                )
            volunteer_key = {
                "volunteer": "volunteer.ended_by_you",
                "exit": "volunteer.visitor_left",
            }.get(reason, "volunteer.ended")
            notices.append(Notice(closed.volunteer, volunteer_key, visitor_alias))
        if closed.escalated:
            notices.append(Notice(closed.volunteer, "volunteer.debrief"))
        return notices

    async def unreachable(self, person: bytes) -> list[Notice]:
        """Someone blocked the bot: end what they were part of, take them off duty.

        Returns what others must be told (the closing notices, and the queue if the last
        volunteer on duty is gone)."""
        notices: list[Notice] = []
        session = await self.sessions.active_for_visitor(person)
        if session is not None:
            notices += await self.close(session, "blocked_visitor") or []
        await self.queue.remove(person)
        for session in await self.sessions.active_for_volunteer(person):
            notices += await self.close(session, "blocked_volunteer") or []
        volunteer = await self.staff.get(person)
        if volunteer is not None and volunteer.on_duty:
            await self.staff.set_duty(volunteer, False)
            notices += await self.nobody_left_notices()
        return notices

    async def nobody_left_notices(self) -> list[Notice]:
        """When the last volunteer goes off duty, everyone waiting is told plainly."""
        on_duty, _ = await self._capacity()
        if on_duty:
            return []
        return [
            Notice(row.visitor, "queue.nobody_now", buttons=NOBODY_BUTTONS)
            for row in await self.queue.head(10_000)
        ]

    async def touch(self, session: Session, side: Side) -> None:
        await self.sessions.touch(session.id, side, self.clock())

    async def rate(self, session_id: int, visitor: bytes, rating: int) -> bool:
        return await self.sessions.rate(session_id, visitor, rating)

    # --- relaying, exactly once ------------------------------------------------------------

    async def claim(self, session: Session, origin: Side, message_id: int) -> bool:
        """May this message be sent now? Yes if new, or if a previous run claimed it and died
        before recording its copy; no if its copy is recorded (a replayed update)."""
        if await self.pairs.claim(session.id, origin, message_id):
            return True
        _, copy_id = await self.pairs.get(session.id, origin, message_id)
        return copy_id is None

    async def record_copy(self, session: Session, origin: Side, message_id: int, copy: int) -> None:
        await self.pairs.complete(session.id, origin, message_id, copy)
        await self.touch(session, origin)

    async def release(self, session: Session, origin: Side, message_id: int) -> None:
        """The copy could not be sent: a retry may send it."""
        await self.pairs.release(session.id, origin, message_id)

    async def copy_of(self, session: Session, origin: Side, message_id: int) -> int | None:
        """The id of the copy of `origin`'s message in the other chat."""
        return (await self.pairs.get(session.id, origin, message_id))[1]

    async def owns(self, session: Session, origin: Side, message_id: int) -> bool:
        """Was this message (in `origin`'s chat) part of this session, as original or copy?"""
        other: Side = "volunteer" if origin == "visitor" else "visitor"
        if await self.pairs.by_copy(session.id, other, message_id) is not None:
            return True
        return (await self.pairs.get(session.id, origin, message_id))[0]

    async def reply_target(self, session: Session, origin: Side, replied_id: int) -> int | None:
        """In the other chat, the message that a reply to `replied_id` should answer."""
        other: Side = "volunteer" if origin == "visitor" else "visitor"
        original = await self.pairs.by_copy(session.id, other, replied_id)
        if original is not None:
            return original  # a reply to a copy: answer the other side's original
        return await self.copy_of(session, origin, replied_id)  # a reply to one's own

    # --- escalation ------------------------------------------------------------------------

    async def escalate(self, session: Session) -> None:
        await self.sessions.mark_escalated(session.id)

    async def session(self, session_id: int) -> Session | None:
        return await self.sessions.get(session_id)

    async def observe(self, session: Session, observer: bytes) -> bool:
        return await self.sessions.set_observer(session.id, observer)

    async def stop_observing(self, observer: bytes) -> None:
        await self.sessions.stop_observing(observer)

    async def hand_over(self, session: Session, volunteer: bytes, alias: str) -> bool:
        return await self.sessions.hand_over(session.id, volunteer, alias)

    async def forget_visitor(self, visitor: bytes) -> None:
        """`/forget`: queue place, closed-session links, the memory of a sign of risk."""
        self._recent_risk.pop(visitor, None)
        self._holding.discard(visitor)
        await self.queue.remove(visitor)
        await self.sessions.forget_visitor(visitor)

    # --- timeouts --------------------------------------------------------------------------

    async def sweep(self) -> SweepResult:
        """Find what timed out, from the database alone (so it survives restarts).

        * a visitor who has not answered the volunteer for a while is asked if they are still
          there, then the chat ends;
        * a volunteer who leaves a visitor's message unanswered is reminded, and after three
          times as long the visitor goes back to the front of the queue for someone else;
        * a visitor waiting in the queue with no sign of life is asked, then dropped;
        * a volunteer on duty for a long shift is reminded to rest, once.
        """
        now = self.clock()
        result = SweepResult()
        for session in await self.sessions.active():
            await self._sweep_session(session, now, result)
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
            return SweepResult(result.notices, result.ended, result.absent, result.dropped, True)
        return result

    async def _sweep_session(self, session: Session, now: float, result: SweepResult) -> None:
        volunteer_last = session.last_volunteer_at
        # The visitor's last word has had no answer: since the start if the volunteer never
        # wrote, else since the visitor's latest message after the volunteer's.
        if volunteer_last is None:
            unanswered_since: float | None = session.started_at
        elif session.last_visitor_at >= volunteer_last:
            unanswered_since = session.last_visitor_at
        else:
            unanswered_since = None
        if unanswered_since is not None:
            waiting = now - unanswered_since
            if waiting >= 3 * self.volunteer_reply:
                result.absent.append(session)  # handed back to the queue by the caller
                return
            if waiting >= self.volunteer_reply and not session.reminded:
                await self.sessions.set_reminded(session.id)
                result.notices.append(
                    Notice(
                        session.volunteer,
                        "volunteer.reply_reminder",
                        {"visitor": session.visitor_alias},
                    )
                )
            return
        # The volunteer spoke last: is the visitor still there?
        assert volunteer_last is not None
        if session.idle_prompted_at is not None:
            if now - session.idle_prompted_at >= self.visitor_idle:
                closed = await self.end(session, "idle")
                if closed is not None:
                    result.ended.append(closed)
        elif now - volunteer_last >= self.visitor_idle:
            await self.sessions.set_idle_prompted(session.id, now)
            result.notices.append(
                Notice(
                    session.visitor,
                    "relay.still_there",
                    buttons=((("relay.button_still_here", Action("here")),),),
                )
            )

    async def purge(self, retention_days: int) -> int:
        """Delete closed sessions older than the retention window (facts stay, anonymous), and
        held message ids nobody will pass on any more (their visitor neither waits nor talks)."""
        await self.queue.purge_orphan_held()
        return await self.sessions.purge_closed(self.clock() - retention_days * 86400)
