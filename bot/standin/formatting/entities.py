"""What every parse mode shares: UTF-16 lengths and offsets, entity order, the parse error,
and what Telegram does to any sent text after parsing (trimming) or to a user's text
(``bot_command`` entities)."""

from __future__ import annotations

import re
from typing import Any

SPACES = " \t\r\n\v\0"
_TRIM = " \t\r\n\v\f"
_BOT_COMMAND_RE = re.compile(r"(?<![\w/<>])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/<>@])")


class EntityParseError(ValueError):
    """Markup the real server rejects; ``str(exc)`` is TDLib's wording after the prefix."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of every Telegram offset and length limit."""
    return len(text.encode("utf-16-le")) // 2


def char_units(ch: str) -> int:
    return 2 if ord(ch) > 0xFFFF else 1


def byte_offset(text: str, index: int) -> int:
    """TDLib reports positions as UTF-8 byte offsets into the original markup."""
    return len(text[:index].encode("utf-8"))


def sort_entities(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # Outer entities first, like Telegram returns them.
    return sorted(entities, key=lambda e: (e["offset"], -e["length"]))


def trim_formatted(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Strip surrounding whitespace and clip entities, as Telegram does for sent messages."""
    stripped_left = text.lstrip(_TRIM)
    left_units = utf16_len(text[: len(text) - len(stripped_left)])
    result = stripped_left.rstrip(_TRIM)
    if not entities:
        return result, []
    total = utf16_len(result)
    fixed: list[dict[str, Any]] = []
    for entity in entities:
        start = max(int(entity.get("offset", 0)) - left_units, 0)
        end = min(int(entity.get("offset", 0)) + int(entity.get("length", 0)) - left_units, total)
        if end > start:
            fixed.append({**entity, "offset": start, "length": end - start})
    return result, fixed


def detect_bot_commands(text: str) -> list[dict[str, Any]]:
    """``bot_command`` entities Telegram adds to a user's message (e.g. ``/start crisis``)."""
    entities = []
    for match in _BOT_COMMAND_RE.finditer(text):
        entities.append(
            {
                "type": "bot_command",
                "offset": utf16_len(text[: match.start()]),
                "length": utf16_len(match.group(0)),
            }
        )
    return entities
