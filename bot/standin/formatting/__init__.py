"""Telegram text formatting as the real Bot API applies it to outgoing messages.

The stand-in stores what Telegram would store: the *parsed* text plus entities, not the
markup the bot sent. That matters for the e2e tests (they read ``u.texts()`` like a user sees
the chat) and for limits (4096 characters are counted after entity parsing, in UTF-16 code
units). It also turns markup mistakes into the same ``400 can't parse entities`` errors the
real server returns, so a badly escaped MarkdownV2 message fails in tests, not in production.

The parsers follow the behaviour of Telegram's reference implementation (TDLib) closely
enough for bots: supported tags and escapes, entity offsets, and the error messages bots
actually hit.
"""

from __future__ import annotations

from typing import Any

from .entities import EntityParseError, detect_bot_commands, trim_formatted, utf16_len
from .html_mode import parse_html
from .markdown_legacy import parse_markdown
from .markdown_v2 import parse_markdown_v2

__all__ = [
    "EntityParseError",
    "detect_bot_commands",
    "parse_formatted",
    "parse_html",
    "parse_markdown",
    "parse_markdown_v2",
    "trim_formatted",
    "utf16_len",
]


def parse_formatted(text: str, parse_mode: str | None) -> tuple[str, list[dict[str, Any]]]:
    """Apply ``parse_mode`` like the Bot API (case-insensitive; empty means plain text)."""
    mode = (parse_mode or "").strip().lower()
    if not mode:
        return text, []
    if mode == "html":
        return parse_html(text)
    if mode == "markdownv2":
        return parse_markdown_v2(text)
    if mode == "markdown":
        return parse_markdown(text)
    raise EntityParseError(f"Unsupported parse_mode {parse_mode!r}")
