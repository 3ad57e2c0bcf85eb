"""Sessions: taking a visitor, closing a chat and what each side is told, escalation."""

from __future__ import annotations

import secrets
from typing import Literal

from bot.relay.model import (
    NOBODY_BUTTONS,
    QUEUE_COUNT_CAP,
    REQUEUE_REASONS,
    Notice,
    Session,
    Side,
    rating_buttons,
    visitor_notice,
)
from bot.relay.queue import QueueOps
from bot.staff import Staff


class SessionOps(QueueOps):
    async def take_next(
        self, volunteer: Staff
    ) -> Session | Literal["empty", "full", "off", "other_languages"]:
        """The most urgent, longest-waiting visitor this volunteer may take, atomically: never
        to two volunteers. The language rule: `bot/relay/languages.py`."""
        if not (volunteer.active and volunteer.on_duty and volunteer.alias):
            return "off"
        code = secrets.token_hex(2).upper()
        covered = await self.staff.on_duty_languages(self.caseload_limit)
        return await self.sessions.take_next(  # type: ignore[return-value]
            volunteer.pseudonym,
            volunteer.alias,
            code,
            self.caseload_limit,
            self.clock(),
            volunteer.languages,
            covered,
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
        await self.queue.add(
            session.visitor, session.urgent, self.clock() - session.waited, session.language
        )
        await self.ask_to_wait()

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
                notices.append(visitor_notice(closed.visitor, "relay.last_not_delivered"))
            await self.requeue(closed)
            on_duty, _ = await self._capacity()
            if on_duty:
                notices.append(visitor_notice(closed.visitor, "relay.volunteer_left_requeued"))
                if alert:
                    row = await self.queue.get(closed.visitor)
                    notices += await (
                        self._alert_for(row) if row else self._alert_on_duty(closed.urgent)
                    )
            else:
                notices.append(
                    visitor_notice(closed.visitor, "queue.nobody_now", buttons=NOBODY_BUTTONS)
                )
            if reason == "absent":
                notices.append(Notice(closed.volunteer, "volunteer.absent", visitor_alias))
        elif reason == "blocked":
            notices.append(visitor_notice(closed.visitor, "relay.ended_blocked"))
        elif reason == "quiet":  # urgent, gone quiet: the caller sends contacts, never a rating
            notices.append(Notice(closed.volunteer, "volunteer.ended_quiet", visitor_alias))
        else:
            visitor_key = {
                "visitor": "relay.ended_by_you",
                "volunteer": "relay.ended_by_volunteer",
                "idle": "relay.ended_idle",
            }.get(reason)  # "exit", "gone": the visitor has left; nothing to tell them
            if visitor_key:
                notices.append(
                    visitor_notice(
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
        if reason not in REQUEUE_REASONS and closed.last_volunteer_at is not None:
            # its own message, after the end: which topics the chat touched (bot/topics.py)
            notices.append(Notice(closed.volunteer, "topics.ask", {"chat": closed.id}))
        if closed.escalated:
            # A supervisor who took the chat over is not sent to "debrief with a supervisor".
            staff = await self.staff.get(closed.volunteer)
            senior = staff is not None and staff.supervises
            notices.append(
                Notice(
                    closed.volunteer, "volunteer.debrief_senior" if senior else "volunteer.debrief"
                )
            )
        return notices

    async def unserved_urgent(self) -> list[bytes]:
        """Visitors marked urgent who wait while no volunteer is on duty (none if one is)."""
        if await self.anyone_on_duty():
            return []
        return [row.visitor for row in await self.queue.head(QUEUE_COUNT_CAP) if row.urgent]

    async def anyone_on_duty(self) -> bool:
        on_duty, _ = await self._capacity()
        return on_duty > 0

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
        """When the last volunteer goes off duty, everyone waiting is told plainly (and those
        whose language nobody left on duty reads wait for someone who does: `ask_to_wait`)."""
        await self.ask_to_wait()
        on_duty, _ = await self._capacity()
        if on_duty:
            return []
        return [
            visitor_notice(row.visitor, "queue.nobody_now", buttons=NOBODY_BUTTONS)
            for row in await self.queue.head(10_000)
        ]

    async def touch(self, session: Session, side: Side) -> None:
        await self.sessions.touch(session.id, side, self.clock())

    async def rate(self, session_id: int, visitor: bytes, rating: int) -> bool:
        return await self.sessions.rate(session_id, visitor, rating)

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
        for key in [k for k in self._signals if k[0] == visitor]:
            del self._signals[key]
        self._holding.discard(visitor)
        await self.queue.remove(visitor)
        await self.sessions.forget_visitor(visitor)
