"""The shape of `content/<locale>/safety.yaml`, as pydantic models (precise error locations)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EmojiLists(_Strict):
    """Emoji are weak signals on their own; keep these lists short."""

    high: list[str] = Field(default_factory=list)
    elevated: list[str] = Field(default_factory=list)


class SafetyLists(_Strict):
    """The shape of `content/<locale>/safety.yaml`."""

    high: dict[str, list[str]]
    elevated: dict[str, list[str]]
    emoji: EmojiLists = Field(default_factory=EmojiLists)
    exclude: list[str] = Field(default_factory=list)
