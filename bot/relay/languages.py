"""The language-matched relay: who takes whom, who is told someone waits, and what a waiting
visitor is told when nobody on duty reads their language.

A visitor's language is the one they chose for the bot (its base locale: `pt-PT` counts as
`pt`), never Telegram's language_code. A volunteer supports the languages they said
(`/languages`). The rule, as the README says it:

* `/next` takes urgent visitors first, then, at the same urgency, a visitor whose language the
  volunteer reads before one whose language they don't, then the longest waiting;
* a volunteer takes a visitor whose language they don't read only if that visitor said another
  language is fine, or was never asked and no volunteer with a free chat slot reads it;
* a visitor who is not urgent and whose language nobody on duty reads is told so, waits for
  someone who does, and may tap "another language is fine"; an urgent visitor is never kept
  waiting for a language: a reader first if one is free, else the first free volunteer;
* "someone is waiting" goes to the volunteers on duty who read the visitor's language; to the
  others only if none of them does and the visitor may be taken by them.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.relay.model import QUEUE_COUNT_CAP, Notice
from bot.relay.queue import QueueOps

LONG_WAIT = 300  # seconds: "waiting over 5 minutes" in the supervisors' queue-health line


@dataclass(frozen=True)
class QueueHealth:
    """For supervisors: people waiting, waiting over 5 minutes, urgent, volunteers on duty."""

    waiting: int
    long_waits: int
    urgent: int
    on_duty: int


class LanguageOps(QueueOps):
    async def accept_any_language(self, visitor: bytes) -> list[Notice] | None:
        """The visitor said another language is fine: anyone may take them now, and those on
        duty are told someone waits. None if they are not waiting."""
        if not await self.queue.set_any_language(visitor, True):
            return None
        row = await self.queue.get(visitor)
        return [] if row is None else await self._alert_for(row)

    async def set_visitor_language(self, visitor: bytes, language: str) -> None:
        """A waiting visitor changed the bot's language: they wait in that one now."""
        await self.queue.set_language(visitor, language)
        await self.ask_to_wait()

    async def waiting_by_language(self) -> dict[str | None, int]:
        return await self.queue.by_language(QUEUE_COUNT_CAP)

    async def health(self) -> QueueHealth:
        waiting, urgent, _ = await self.queue.counts(QUEUE_COUNT_CAP)
        long_waits = await self.queue.waiting_since(self.clock() - LONG_WAIT, QUEUE_COUNT_CAP)
        on_duty, _ = await self._capacity()
        return QueueHealth(waiting, long_waits, urgent, on_duty)
