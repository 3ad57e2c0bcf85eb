"""Timeouts, found from the database alone (so they survive restarts), and retention."""

from __future__ import annotations

from bot.callbacks import Action
from bot.relay.model import Notice, Session, SweepResult, visitor_notice
from bot.relay.sessions import SessionOps


class TimeoutOps(SessionOps):
    async def sweep(self) -> SweepResult:
        """Find what timed out, from the database alone (so it survives restarts).

        * a visitor who has not answered the volunteer for a while is asked if they are still
          there, then the chat ends (an urgent chat ends as "quiet": contacts, no rating);
        * a volunteer who leaves a visitor's message unanswered is reminded, and after three
          times as long the visitor goes back to the front of the queue for someone else;
        * a visitor waiting in the queue with no sign of life is asked, then dropped (one who
          may be at risk is asked again instead, and keeps the place);
        * a volunteer on duty for a long shift is reminded to rest, once.
        """
        now = self.clock()
        result = SweepResult()
        for session in await self.sessions.active():
            await self._sweep_session(session, now, result)
        for row in await self.queue.idle(now - self.queue_timeout):
            if row.urgent:
                # Someone who may be at risk is never dropped: checked in on, keeps the place.
                if row.prompted_at is None or now - row.prompted_at >= self.queue_timeout:
                    await self.queue.set_prompted(row.visitor, now)
                    result.notices.append(
                        visitor_notice(
                            row.visitor,
                            "queue.still_waiting_urgent",
                            buttons=((("queue.button_keep", Action("here")),),),
                        )
                    )
            elif row.prompted_at is None:
                await self.queue.set_prompted(row.visitor, now)
                result.notices.append(
                    visitor_notice(
                        row.visitor,
                        "queue.still_waiting",
                        buttons=((("queue.button_keep", Action("here")),),),
                    )
                )
            elif now - row.prompted_at >= self.queue_timeout / 4:
                if await self.queue.remove(row.visitor):
                    result.dropped.append(row.visitor)
                    result.notices.append(visitor_notice(row.visitor, "queue.dropped"))
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
                closed = await self.end(session, "quiet" if session.urgent else "idle")
                if closed is not None:
                    result.ended.append(closed)
        elif now - volunteer_last >= self.visitor_idle:
            await self.sessions.set_idle_prompted(session.id, now)
            result.notices.append(
                visitor_notice(
                    session.visitor,
                    "relay.still_there_urgent" if session.urgent else "relay.still_there",
                    buttons=((("relay.button_still_here", Action("here")),),),
                )
            )

    async def purge(self, retention_days: int) -> int:
        """Delete closed sessions older than the retention window (facts stay, anonymous), and
        held message ids nobody will pass on any more (their visitor neither waits nor talks)."""
        await self.queue.purge_orphan_held()
        return await self.sessions.purge_closed(self.clock() - retention_days * 86400)
