"""The shape of `content/<locale>/safety.yaml`, and the names shared by the detector."""

from __future__ import annotations

import re
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


class SafetyLists(_Strict):
    """The shape of `content/<locale>/safety.yaml`."""

    high: dict[str, list[str]]
    elevated: dict[str, list[str]]
    emoji: EmojiLists = Field(default_factory=EmojiLists)
    exclude: list[str] = Field(default_factory=list)
    modifiers: Modifiers = Field(default_factory=Modifiers)
