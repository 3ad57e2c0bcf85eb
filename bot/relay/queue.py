"""The queue: joining, places and estimates, held messages, urgency, alerts to those on duty."""

from __future__ import annotations

from typing import Literal

from bot.relay.model import (
    DEFAULT_CHAT_MINUTES,
    HELD_MESSAGES,
    QUEUE_COUNT_CAP,
    QUEUE_REFRESH,
    RISK_MEMORY,
    SIGNAL_MEMORY,
    SIGNAL_WINDOW,
    JoinResult,
    Notice,
    QueuePlace,
    count_text,
    estimate_minutes,
)
from bot.relay.state import RelayState
from bot.storage.queue_repo import QueueRow

ALERT_GAP = 60.0  # seconds between two "someone is waiting" alerts of a kind to one volunteer


class QueueOps(RelayState):
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
        waits_for = None
        if on_duty and row.any_language is False and row.language is not None:
            if row.language not in await self.staff.on_duty_languages():
                waits_for = row.language
        return QueuePlace(row.visitor, position, estimate, row.status_msg, row.urgent, waits_for)

    def _recently_at_risk(self, visitor: bytes) -> bool:
        now = self.clock()
        for key, at in list(self._recent_risk.items()):
            if now - at > RISK_MEMORY:
                del self._recent_risk[key]
        return visitor in self._recent_risk

    async def join(
        self,
        visitor: bytes,
        *,
        urgent: bool = False,
        language: str | None = None,
        keep: bool = False,
    ) -> JoinResult:
        """Queue a visitor who accepted the consent note. Joining twice queues once.
        `language`: the base locale of the language they chose for the bot. With nobody on
        duty only a visitor at risk is queued, or anyone with `keep` (the service is closed and
        accepts a place in the queue even so)."""
        urgent = urgent or self._recently_at_risk(visitor)
        if await self.sessions.active_for_visitor(visitor) is not None:
            return JoinResult("in_session")
        existing = await self.queue.get(visitor)
        if existing is not None:
            return JoinResult("already", await self._place(existing))
        outlook = await self._outlook()
        if outlook[0] == 0 and not (urgent or keep):  # at risk: a place even so (seniors told)
            return JoinResult("nobody")
        added = await self.queue.add(visitor, urgent, self.clock(), language)
        if added and outlook[0] and not urgent:  # does anyone on duty read their language?
            await self.queue.ask_to_wait(await self.staff.on_duty_languages(), visitor)
        row = await self.queue.get(visitor)
        assert row is not None
        place = await self._place(row, outlook)
        if not added:
            return JoinResult("already", place)
        return JoinResult("queued", place, await self._alert_for(row))

    async def ask_to_wait(self) -> None:
        """Visitors (not urgent) whose language nobody on duty reads wait for someone who does,
        and are told so (their place screen); called whenever who is on duty changes."""
        if (await self._capacity())[0]:
            await self.queue.ask_to_wait(await self.staff.on_duty_languages())

    async def _alert_for(self, row: QueueRow) -> list[Notice]:
        """ "Someone is waiting", first to the volunteers who read their language: only to them
        if any is on duty, else to everyone on duty unless the visitor waits for their own."""
        return await self._alert_on_duty(
            row.urgent, row.language, others=row.any_language is not False
        )

    async def _alert_on_duty(
        self, urgent: bool, language: str | None = None, *, others: bool = True
    ) -> list[Notice]:
        """Tell volunteers on duty that someone waits: no detail about who. Coalesced: at most
        one alert of a kind (urgent or not) per volunteer per `ALERT_GAP`; one held back is
        sent by `due_alerts` once the gap has passed, if someone still waits. Someone joining
        and leaving the queue thirty times sends each volunteer one alert, not thirty.
        With `language`: those who read it (others too only if none does and `others`)."""
        waiting, urgent_count, _ = await self.queue.counts(QUEUE_COUNT_CAP)
        now = self.clock()
        notices = []
        targets = await self.staff.on_duty()
        if language is not None:
            readers = [v for v in targets if v.reads(language)]
            targets = readers if readers or not others else targets
        for volunteer in targets:
            who = volunteer.pseudonym
            last = self._alerted.get((who, urgent))
            if last is not None and now - last < ALERT_GAP:
                self._deferred[who] = self._deferred.get(who, False) or urgent
                continue
            if self._deferred.get(who) is not None and (urgent or not self._deferred[who]):
                del self._deferred[who]  # this alert says it all
            self._alerted[(who, urgent)] = now
            notices.append(_waiting_notice(who, urgent, waiting, urgent_count))
        return notices

    async def due_alerts(self) -> list[Notice]:
        """Alerts held back by the gap whose time has come, while someone still waits (the
        sweep asks every half minute)."""
        now = self.clock()
        for key, at in list(self._alerted.items()):
            if now - at >= ALERT_GAP:
                del self._alerted[key]
        if not self._deferred:
            return []
        waiting, urgent_count, _ = await self.queue.counts(QUEUE_COUNT_CAP)
        on_duty = {v.pseudonym for v in await self.staff.on_duty()}
        notices = []
        for who, urgent in list(self._deferred.items()):
            urgent = urgent and urgent_count > 0
            if not waiting or who not in on_duty:
                del self._deferred[who]
            elif (who, urgent) not in self._alerted:
                del self._deferred[who]
                self._alerted[(who, urgent)] = now
                notices.append(_waiting_notice(who, urgent, waiting, urgent_count))
        return notices

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

    async def mark_urgent(self, visitor: bytes, *, flag: str | None = None) -> list[Notice]:
        """Risk detected: move a waiting visitor up (and tell who is on duty); mark an active
        chat urgent and, with `flag` (a content key), flag it to its volunteer; in any case
        remember it for an hour, should they ask to talk."""
        self._recent_risk[visitor] = self.clock()
        if await self.queue.mark_urgent(visitor):
            row = await self.queue.get(visitor)
            return await self._alert_on_duty(True, row.language if row else None)
        session = await self.sessions.active_for_visitor(visitor)
        if session is None:
            return []
        if not session.urgent:
            await self.sessions.mark_urgent(session.id)
        if flag is None:
            return []
        return [Notice(session.volunteer, flag, {"visitor": session.visitor_alias})]

    def remember_risk(self, visitor: bytes) -> None:
        """The visitor asked for a volunteer from a crisis answer: their next join is urgent."""
        self._recent_risk[visitor] = self.clock()

    def recently_at_risk(self, visitor: bytes) -> bool:
        return self._recently_at_risk(visitor)

    def answers_wiped(self, visitor: bytes) -> None:
        """A quick exit deleted the crisis answers sent outside chats: the next sign of risk
        brings them again rather than a pointer to messages that are gone."""
        for key in [k for k in self._signals if k[0] == visitor and k[1] is None]:
            if key[2] != "alert":
                del self._signals[key]

    def first_signal(self, visitor: bytes, chat: int | None, kind: str) -> bool:
        """Is this the first `kind` of answer (contacts, an alert) for this visitor in this chat
        (`chat`: the session id), or outside chats in the last `SIGNAL_WINDOW`? Remembers it.
        In memory only, like `_recent_risk`: after a restart, contacts come once more."""
        now = self.clock()
        for key, at in list(self._signals.items()):
            if now - at > SIGNAL_MEMORY:
                del self._signals[key]
        key = (visitor, chat, kind)
        at = self._signals.get(key)
        if at is not None and (chat is not None or now - at < SIGNAL_WINDOW):
            return False
        self._signals[key] = now
        return True

    async def queue_places(self) -> list[QueuePlace]:
        """Live places of the first waiting visitors, to refresh their status messages."""
        outlook = await self._outlook()
        return [await self._place(row, outlook) for row in await self.queue.head(QUEUE_REFRESH)]

    async def queue_counts(self) -> tuple[int, int, float | None]:
        """(waiting, urgent, longest wait in seconds)."""
        waiting, urgent, oldest = await self.queue.counts(QUEUE_COUNT_CAP)
        return waiting, urgent, None if oldest is None else self.clock() - oldest


def _waiting_notice(volunteer: bytes, urgent: bool, waiting: int, urgent_count: int) -> Notice:
    key = "volunteer.someone_waiting_urgent" if urgent else "volunteer.someone_waiting"
    return Notice(
        volunteer, key, {"waiting": count_text(waiting), "urgent": count_text(urgent_count)}
    )
