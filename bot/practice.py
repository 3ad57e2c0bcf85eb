"""Practice chats: a volunteer plays a scripted scenario against a simulated visitor.

Nothing of a practice reaches anyone else, and nothing of it is stored but a completion mark
per scenario (`practice_done`: staff id, scenario id, time), which admins see before signing
a volunteer off. Where a volunteer is in a scenario lives in memory only, on purpose: it is a
rehearsal with no one waiting on the other side, so a restart simply ends it (the volunteer's
next message, or a button of the old practice, gets a kind word and /practice starts again).

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
    def __init__(self, repo: PracticeRepository, clock: Callable[[], float]) -> None:
        self.repo = repo
        self.clock = clock
        self._runs: dict[bytes, Run] = {}

    def current(self, pseudonym: bytes) -> Run | None:
        return self._runs.get(pseudonym)

    def stop(self, pseudonym: bytes) -> None:
        """End a practice at once, without a word (a quick exit, a revocation)."""
        self._runs.pop(pseudonym, None)

    def start(self, pseudonym: bytes, scenario: Scenario, locale: str) -> tuple[Run, Turn]:
        run = Run(secrets.token_hex(4), scenario.id, locale, scenario.first.id)
        self._runs[pseudonym] = run
        return run, self._arrive(pseudonym, run, scenario, scenario.first)

    def play(self, pseudonym: bytes, scenario: Scenario, event: Event) -> Turn:
        """The volunteer wrote something, or used /escalate, /block or /end."""
        run = self._runs[pseudonym]
        step = scenario.step(run.step)
        assert step is not None
        if event != "wrote":
            target = step.commands.get(event)
            if target is not None:
                turn = self._arrive(pseudonym, run, scenario, scenario.step(target))
                return replace(turn, ack=None if event == "end" else event)
            if event == "escalate":
                return Turn(ack="escalate")
            self.stop(pseudonym)
            return Turn(ack=None if event == "end" else event, finished=True)
        if step.choices:
            return Turn(ask=step)
        return self._arrive(pseudonym, run, scenario, scenario.step(step.next or ""))

    def choose(
        self, pseudonym: bytes, scenario: Scenario, token: str, step_id: str, index: int
    ) -> Turn | None:
        """A choice button: None if it belongs to another practice or step."""
        run = self._runs.get(pseudonym)
        if run is None or run.token != token or run.step != step_id or run.scenario != scenario.id:
            return None
        step = scenario.step(step_id)
        if step is None or not 0 <= index < len(step.choices):
            return None
        return self._arrive(pseudonym, run, scenario, scenario.step(step.choices[index].next))

    def _arrive(self, pseudonym: bytes, run: Run, scenario: Scenario, step: Step | None) -> Turn:
        if step is None:  # checked by content check; a scenario changed under a run
            self.stop(pseudonym)
            return Turn(finished=True)
        if step.ending:
            self.stop(pseudonym)
            return Turn(lines=(step.visitor,), finished=True, completed=True)
        self._runs[pseudonym] = replace(run, step=step.id)
        return Turn(lines=(step.visitor,))

    async def mark(self, staff_id: int, scenario: str) -> None:
        await self.repo.mark(staff_id, scenario, self.clock())

    async def done(self) -> dict[int, set[str]]:
        return await self.repo.done()
