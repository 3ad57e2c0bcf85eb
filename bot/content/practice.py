"""Practice chats: role-play scenarios for trainee volunteers (`content/<locale>/practice.yaml`).

A scenario is a few steps of a simulated visitor. Each step is one line the visitor writes;
after the volunteer answers, the scenario moves on (`next`), or asks which of a few
`choices` was closest to what they wrote and branches on it; `commands` say where /escalate,
/block or /end lead at that step. A step with no way on is an ending. The `checklist` is what
a trainer looks for, shown at the end for a short self-review.

Read and checked beside the other content (`load_content` calls `load_practice`), so
`content check`, `/reload` and a content file sent to the bot (reviewed by a second admin)
treat practice scenarios like any other words. English is the base and sets the scenarios and
their branches; another locale translates them by id with the same steps and branches (a
scenario it lacks is played in English, an "incomplete" problem). No `telegram` import.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.content.canned import ACCOUNT_PATTERN
from bot.content.model import BASE_LOCALE, ID_PATTERN
from bot.content.problems import Problem, read_model

if TYPE_CHECKING:
    from bot.content.checked import ContentFiles

PRACTICE_FILE = "practice.yaml"
TITLE_LENGTH = 60  # a button label
LABEL_LENGTH = 40  # a choice button: one line on a phone
LINE_LENGTH = 800  # one chat message of the simulated visitor
ABOUT_LENGTH = 600  # the scene, read before starting
POINT_LENGTH = 240  # one checklist point
MAX_STEPS = 40
Command = Literal["escalate", "block", "end"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Choice(_Strict):
    """A decision point: what the volunteer did, and the step it leads to."""

    label: str = Field(min_length=1, max_length=LABEL_LENGTH)
    next: str = Field(pattern=ID_PATTERN)


class Step(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    visitor: str = Field(min_length=1, max_length=LINE_LENGTH)
    next: str | None = Field(default=None, pattern=ID_PATTERN)
    choices: tuple[Choice, ...] = Field(default=(), max_length=4)
    commands: dict[Command, str] = Field(default_factory=dict)

    @property
    def ending(self) -> bool:
        return self.next is None and not self.choices

    def targets(self) -> tuple[str | None, tuple[str, ...], tuple[tuple[str, str], ...]]:
        """Where this step leads: compared between a translation and English."""
        return (
            self.next,
            tuple(c.next for c in self.choices),
            tuple(sorted(self.commands.items())),
        )


class Scenario(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1, max_length=TITLE_LENGTH)
    about: str = Field(min_length=1, max_length=ABOUT_LENGTH)
    steps: tuple[Step, ...] = Field(min_length=1, max_length=MAX_STEPS)
    checklist: tuple[str, ...] = Field(min_length=1, max_length=12)

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    @property
    def first(self) -> Step:
        return self.steps[0]


class PracticeFile(_Strict):
    scenarios: tuple[Scenario, ...] = Field(min_length=1)


Practice = dict[str, tuple[Scenario, ...]]


def load_practice(
    directory: Path,
    locales: list[str],
    parents: dict[str, str] | None = None,
    files: ContentFiles | None = None,
) -> tuple[Practice, list[Problem]]:
    """Every locale's scenarios, merged with English by id, and the problems found. No English
    file means no practice chats (the command says so); it is not an error."""
    parents = parents or {}
    problems: list[Problem] = []
    parsed: dict[str, tuple[Scenario, ...]] = {}
    for code in locales:
        path = directory / code / PRACTICE_FILE
        if path.exists():
            found = _parse(path, f"{directory.name}/{code}/{PRACTICE_FILE}", problems, files)
            if found is not None:
                parsed[code] = found
    base = parsed.get(BASE_LOCALE)
    if base is None:
        return {}, problems
    merged: Practice = {BASE_LOCALE: base}
    for code in sorted(locales, key=lambda c: c in parents):  # parents before variants
        if code == BASE_LOCALE:
            continue
        rel = f"{directory.name}/{code}/{PRACTICE_FILE}"
        own = {s.id: s for s in parsed.get(code, ())}
        for scenario in own.values():
            english = next((s for s in base if s.id == scenario.id), None)
            if english is None:
                problems.append(Problem(rel, f"scenarios.{scenario.id}", "not in English"))
            else:
                _same_branches(scenario, english, rel, problems)
        inherited = merged.get(parents.get(code, ""), base)
        if code not in parents:
            if code not in parsed and not (directory / code / PRACTICE_FILE).exists():
                problems.append(
                    Problem(rel, "-", "missing (English is used instead)", "incomplete")
                )
            elif code in parsed:
                for scenario in base:
                    if scenario.id not in own:
                        problems.append(
                            Problem(
                                rel, f"scenarios.{scenario.id}", "missing translation", "incomplete"
                            )
                        )
        merged[code] = tuple(own.get(s.id, s) for s in inherited)
    return merged, problems


def _same_branches(
    scenario: Scenario, english: Scenario, rel: str, problems: list[Problem]
) -> None:
    """A translation has the same steps leading to the same places as English."""
    ours = {s.id: s.targets() for s in scenario.steps}
    theirs = {s.id: s.targets() for s in english.steps}
    if ours != theirs or scenario.first.id != english.first.id:
        problems.append(
            Problem(rel, f"scenarios.{scenario.id}", "its steps or branches differ from English")
        )


def _parse(
    path: Path, rel: str, problems: list[Problem], files: ContentFiles | None
) -> tuple[Scenario, ...] | None:
    model = read_model(path, rel, PracticeFile, problems, files)
    if model is None:
        return None
    before = len(problems)
    seen: set[str] = set()
    for scenario in model.scenarios:
        key = f"scenarios.{scenario.id}"
        if scenario.id in seen:
            problems.append(Problem(rel, key, "the same id twice"))
        seen.add(scenario.id)
        _check_scenario(scenario, key, rel, problems)
    return model.scenarios if len(problems) == before else None


def _check_scenario(scenario: Scenario, key: str, rel: str, problems: list[Problem]) -> None:
    steps: set[str] = set()
    for step in scenario.steps:
        if step.id in steps:
            problems.append(Problem(rel, f"{key}.{step.id}", "the same step id twice"))
        steps.add(step.id)
    for step in scenario.steps:
        where = f"{key}.{step.id}"
        if step.next is not None and step.choices:
            problems.append(Problem(rel, where, "a step has either next or choices, not both"))
        targets = [step.next, *(c.next for c in step.choices), *step.commands.values()]
        for target in targets:
            if target is not None and target not in steps:
                problems.append(Problem(rel, where, f"leads to {target!r}, which is no step"))
        texts = [step.visitor, *(c.label for c in step.choices)]
        if any(ACCOUNT_PATTERN.search(text) for text in texts):
            problems.append(Problem(rel, where, "no Telegram links or @names in practice"))
    if not any(step.ending for step in scenario.steps):
        problems.append(Problem(rel, key, "no ending: a step with no next and no choices"))
    if any(
        ACCOUNT_PATTERN.search(t) for t in (scenario.title, scenario.about, *scenario.checklist)
    ):
        problems.append(Problem(rel, key, "no Telegram links or @names in practice"))
