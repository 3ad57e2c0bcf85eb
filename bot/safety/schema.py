"""The shape of `content/<locale>/safety.yaml`, and the names shared by the detector."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

RiskLevel = Literal["high", "elevated", "none"]
FILE_NAME = "safety.yaml"
BASE_LOCALE = "en"
EMOJI_CATEGORY = "emoji"
OTHERS_CATEGORY = "others"  # danger from other people: its own reply
LEVELS: tuple[RiskLevel, ...] = ("none", "elevated", "high")  # index = rank
RANK: dict[str, int] = {level: rank for rank, level in enumerate(LEVELS)}
CATEGORY_NAME = re.compile(r"^[a-z][a-z_]{0,31}$")
CLASS_REF = re.compile(r"\{([^{}]*)\}")  # "{family} will kill me": a word class of the file
MAX_EXPANSION = 1000  # phrases one line of a list may stand for


# --------------------------------------------------------------------------- schema


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EmojiLists(_Strict):
    """Emoji are weak signals on their own; keep these lists short."""

    high: list[str] = Field(default_factory=list)
    elevated: list[str] = Field(default_factory=list)


class Modifiers(_Strict):
    """Single words that, just before a high phrase in the same clause, lower it to elevated.

    Never lower than elevated: "I don't want to die" is what anxious people say, and still
    deserves the contacts offered gently. Phrases of the `others` category are not lowered by
    `third_person` (danger from others is about someone else by nature)."""

    negation: list[str] = Field(default_factory=list)
    third_person: list[str] = Field(default_factory=list)
    # Words that lower a high phrase when they follow it within two words, in its clause:
    # Japanese negates after the verb ("死にたいわけじゃない": it is not that I want to die).
    negation_after: list[str] = Field(default_factory=list)
    # Words that, just before a negation word, make it no negation: Arabic ما is "when" or
    # "after" in "بعد ما", "كل ما", "قبل ما" ("after I tried", "whenever I...").
    not_negation_after: list[str] = Field(default_factory=list)


class TogetherLists(_Strict):
    """Rules of words that signal danger together, by level and category (bot.safety.together):
    each line is two to four parts joined by `+`, each a phrase or a word class."""

    high: dict[str, list[str]] = Field(default_factory=dict)
    elevated: dict[str, list[str]] = Field(default_factory=dict)


class SafetyLists(_Strict):
    """The shape of `content/<locale>/safety.yaml`."""

    high: dict[str, list[str]]
    elevated: dict[str, list[str]]
    emoji: EmojiLists = Field(default_factory=EmojiLists)
    exclude: list[str] = Field(default_factory=list)
    modifiers: Modifiers = Field(default_factory=Modifiers)
    # Word classes: a phrase or exclusion naming `{family}` stands for one phrase per word of
    # the class (every combination when it names several), so one line covers "my dad / my
    # mom / my brother ... will kill me". A class belongs to its file.
    classes: dict[str, list[str]] = Field(default_factory=dict)
    together: TogetherLists = Field(default_factory=TogetherLists)


def expand(phrase: str, classes: Mapping[str, Sequence[str]]) -> list[str]:
    """Every phrase a line stands for: each `{name}` replaced by each word of the class `name`,
    every combination, in order (at most `MAX_EXPANSION`); the line itself when it names no
    class. A name the file does not define stays as written (`content check` refuses it)."""
    parts = CLASS_REF.split(phrase)  # text, name, text, name, ..., text
    if len(parts) == 1:
        return [phrase]
    choices = [
        (part,) if i % 2 == 0 else tuple(classes.get(part) or ("{" + part + "}",))
        for i, part in enumerate(parts)
    ]
    combos = itertools.islice(itertools.product(*choices), MAX_EXPANSION)
    return ["".join(combo) for combo in combos]


def expansion_size(phrase: str, classes: Mapping[str, Sequence[str]]) -> int:
    """How many phrases a line stands for (before any limit)."""
    size = 1
    for name in CLASS_REF.findall(phrase):
        size *= max(1, len(classes.get(name) or ()))
    return size
