"""Canned replies: short texts a volunteer can send in a chat (`content/<locale>/canned.yaml`).

Read and checked beside the other content, like the safety lists (`load_content` calls
`load_canned`), so `content check`, `/reload` and a content file sent to the bot (reviewed by a
second admin) treat them like any other words a visitor reads. English is the base and sets
the list and its order; another locale translates replies by id, and a reply it lacks is sent
in English (an "incomplete" problem, as for every other text).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from bot.content.model import BASE_LOCALE, ID_PATTERN
from bot.content.problems import Problem, read_model

if TYPE_CHECKING:
    from bot.content.checked import ContentFiles

CANNED_FILE = "canned.yaml"
NAME_LENGTH = 40  # a button label: short enough for one line on a phone
TEXT_LENGTH = 1000  # a chat message, not a page
# Visible ways to an account (the relay takes them out of a volunteer's words anyway): a canned
# reply that needs one is refused when the content is checked, not silently cut when sent.
ACCOUNT_PATTERN = re.compile(
    r"(?:t\.me|telegram\.(?:me|dog|org))\b|(?<![\w.-])tg:|(?<![\w@])@[A-Za-z0-9_]{3,32}",
    re.IGNORECASE,
)


class CannedReply(BaseModel):
    """One canned reply: a stable id, the name on its button, the words sent."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1, max_length=NAME_LENGTH)
    text: str = Field(min_length=1, max_length=TEXT_LENGTH)


class CannedFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    replies: list[CannedReply] = Field(min_length=1)


Canned = dict[str, tuple[CannedReply, ...]]


def load_canned(
    directory: Path,
    locales: list[str],
    parents: dict[str, str] | None = None,
    files: ContentFiles | None = None,
) -> tuple[Canned, list[Problem]]:
    """Every locale's canned replies, merged with English by id, and the problems found.
    No English file means no canned replies (the feature says so); it is not an error.
    A regional variant (`parents`: pt-PT -> pt) holds only what differs from its parent."""
    parents = parents or {}
    problems: list[Problem] = []
    parsed: dict[str, list[CannedReply]] = {}
    for code in locales:
        path = directory / code / CANNED_FILE
        if not path.exists():
            continue
        rel = f"{directory.name}/{code}/{CANNED_FILE}"
        replies = _parse(path, rel, problems, files)
        if replies is not None:
            parsed[code] = replies
    base = parsed.get(BASE_LOCALE)
    if base is None:
        return {}, problems
    merged: Canned = {BASE_LOCALE: tuple(base)}
    base_ids = [r.id for r in base]
    for code in sorted(locales, key=lambda c: c in parents):  # parents before variants
        if code == BASE_LOCALE:
            continue
        rel = f"{directory.name}/{code}/{CANNED_FILE}"
        own = {r.id: r for r in parsed.get(code, [])}
        if code in parents:
            for rid in sorted(set(own) - set(base_ids)):
                problems.append(Problem(rel, f"replies.{rid}", "not in English"))
            inherited = merged.get(parents[code], merged[BASE_LOCALE])
            merged[code] = tuple(own.get(r.id, r) for r in inherited)
            continue
        if code not in parsed:
            problems.append(Problem(rel, "-", "missing (English is sent instead)", "incomplete"))
        for rid in sorted(set(own) - set(base_ids)):
            problems.append(Problem(rel, f"replies.{rid}", "not in English"))
        for rid in base_ids:
            if code in parsed and rid not in own:
                problems.append(Problem(rel, f"replies.{rid}", "missing translation", "incomplete"))
        merged[code] = tuple(own.get(r.id, r) for r in base)
    return merged, problems


def _parse(
    path: Path, rel: str, problems: list[Problem], files: ContentFiles | None
) -> list[CannedReply] | None:
    model = read_model(path, rel, CannedFile, problems, files)
    if model is None:
        return None
    seen: set[str] = set()
    ok = True
    for reply in model.replies:
        if reply.id in seen:
            problems.append(Problem(rel, f"replies.{reply.id}", "the same id twice"))
            ok = False
        seen.add(reply.id)
        if ACCOUNT_PATTERN.search(reply.text):
            problems.append(
                Problem(rel, f"replies.{reply.id}", "no Telegram links or @names in a reply")
            )
            ok = False
    return model.replies if ok else None
