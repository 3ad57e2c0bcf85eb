"""Practice chats: a volunteer plays a scripted scenario against a simulated visitor.

Nothing of a practice reaches anyone else, and nothing of it is stored but ids: where the
volunteer is in a scenario (`practice_runs`: scenario, step, language, the token its buttons
carry), so a restart carries on where it was, and a completion mark per scenario
(`practice_done`), which admins see before signing a volunteer off. Never a word of it.

A volunteer practises off duty and with no real chat open, so they are never offered a real
visitor while practising: /practice is refused on duty or in a chat, and /duty is refused
during practice. No `telegram` import.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from bot.content.practice import Scenario, Step
from bot.storage.practice_repo import PracticeRepository

Event = Literal["wrote", "escalate", "block", "end"]


@dataclass(frozen=True)
class Run:
    """One practice in progress: which scenario, in which language, at which step. `token`
    ties its buttons to this run (a button of an earlier practice does nothing)."""

    token: str
    scenario: str
    locale: str
    step: str


@dataclass(frozen=True)
class Turn:
    """What the simulated visitor does next.

    `lines`: the visitor's new lines; `ask`: the step whose choices to offer now; `ack`: a
    command taken note of (escalate, block); `finished`: the practice is over; `completed`:
    it reached one of the scenario's endings (and is marked done)."""

    lines: tuple[str, ...] = ()
    ask: Step | None = None
    ack: str | None = None
    finished: bool = False
    completed: bool = False


class PracticeService:
    """Practices in progress and finished, by staff id (the database keeps only ids)."""

    def __init__(self, repo: PracticeRepository, clock: Callable[[], float]) -> None:
        self.repo = repo
        self.clock = clock
        # Who is practising, so that every other volunteer's message goes on its way without
        # a trip to the database (filled from it at start by `recall`).
        self._practising: set[int] = set()

    async def recall(self) -> None:
        """At start: the practices that were going on when the last run stopped."""
        self._practising = await self.repo.practising()

    async def current(self, staff: int) -> Run | None:
        if staff not in self._practising:
            return None
        found = await self.repo.run(staff)
        return None if found is None else Run(*found)

    async def stop(self, staff: int) -> None:
        """End a practice at once, without a word (a quick exit, a revocation)."""
        if staff in self._practising:
            await self.repo.end_run(staff)
            self._practising.discard(staff)

    async def start(self, staff: int, scenario: Scenario, locale: str) -> tuple[Run, Turn]:
        run = Run(secrets.token_hex(4), scenario.id, locale, scenario.first.id)
        return run, await self._arrive(staff, run, scenario.first)

    async def play(self, staff: int, run: Run, scenario: Scenario, event: Event) -> Turn:
        """The volunteer wrote something, or used /escalate, /block or /end."""
        step = scenario.step(run.step)
        assert step is not None
        if event != "wrote":
            target = step.commands.get(event)
            if target is not None:
                turn = await self._arrive(staff, run, scenario.step(target))
                return replace(turn, ack=None if event == "end" else event)
            if event == "escalate":
                return Turn(ack="escalate")
            await self.stop(staff)
            return Turn(ack=None if event == "end" else event, finished=True)
        if step.choices:
            return Turn(ask=step)
        return await self._arrive(staff, run, scenario.step(step.next or ""))

    async def choose(
        self, staff: int, run: Run, scenario: Scenario, token: str, step_id: str, index: int
    ) -> Turn | None:
        """A choice button: None if it belongs to another practice or step."""
        if run.token != token or run.step != step_id or run.scenario != scenario.id:
            return None
        step = scenario.step(step_id)
        if step is None or not 0 <= index < len(step.choices):
            return None
        return await self._arrive(staff, run, scenario.step(step.choices[index].next))

    async def _arrive(self, staff: int, run: Run, step: Step | None) -> Turn:
        if step is None:  # content check prevents it; a scenario changed under a run
            await self.stop(staff)
            return Turn(finished=True)
        if step.ending:
            await self.stop(staff)
            return Turn(lines=(step.visitor,), finished=True, completed=True)
        await self.repo.save_run(staff, run.token, run.scenario, run.locale, step.id)
        self._practising.add(staff)
        return Turn(lines=(step.visitor,))

    async def mark(self, staff_id: int, scenario: str) -> None:
        await self.repo.mark(staff_id, scenario, self.clock())

    async def done(self) -> dict[int, set[str]]:
        return await self.repo.done()
