"""``parse_mode=MarkdownV2``: MarkdownV2 into plain text and entities, as TDLib parses it."""

from __future__ import annotations

import re
from typing import Any

from .entities import SPACES, EntityParseError, byte_offset, char_units, sort_entities

# Display names used by TDLib in "Can't find end of X entity" errors.
_MD2_NAMES = {
    "bold": "Bold", "italic": "Italic", "underline": "Underline",
    "strikethrough": "Strikethrough", "spoiler": "Spoiler", "text_link": "TextUrl",
    "code": "Code", "pre": "Pre", "custom_emoji": "CustomEmoji", "blockquote": "BlockQuote",
}  # fmt: skip
_MD2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!\n")


def _md2_error_reserved(c: str) -> EntityParseError:
    return EntityParseError(
        f"Character '{c}' is reserved and must be escaped with the preceding '\\'"
    )


def parse_markdown_v2(src: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse MarkdownV2 into (plain text, entities) or raise :class:`EntityParseError`."""
    n = len(src)

    def ch(k: int) -> str:
        return src[k] if k < n else "\0"

    out: list[str] = []
    u16 = 0
    entities: list[dict[str, Any]] = []
    # [type, language/argument, utf16 offset, byte offset of the opening mark, index into out]
    stack: list[list[Any]] = []
    have_blockquote = False
    i = 0
    while i < n:
        c = src[i]
        if c == "\\" and 0 < ord(ch(i + 1)) <= 126:
            i += 1
            u16 += 1
            out.append(src[i])
            i += 1
            continue
        top = stack[-1][0] if stack else None
        reserved = "`" if top in ("code", "pre") else _MD2_RESERVED
        if c not in reserved:
            out.append(c)
            u16 += char_units(c)
            i += 1
            continue

        is_end = False
        if stack:
            if have_blockquote and c == "\n" and (i + 1 == n or src[i + 1] != ">"):
                is_end = True
            elif top == "bold":
                is_end = c == "*"
            elif top == "italic":
                is_end = c == "_" and ch(i + 1) != "_"
            elif top == "code":
                is_end = c == "`"
            elif top == "pre":
                is_end = c == "`" and ch(i + 1) == "`" and ch(i + 2) == "`"
            elif top in ("text_link", "custom_emoji"):
                is_end = c == "]"
            elif top == "underline":
                is_end = c == "_" and ch(i + 1) == "_"
            elif top == "strikethrough":
                is_end = c == "~"
            elif top == "spoiler":
                is_end = c == "|" and ch(i + 1) == "|"

        if not is_end:
            byte_pos = byte_offset(src, i)
            argument = ""
            kind: str | None
            if c == "_":
                if ch(i + 1) == "_":
                    kind = "underline"
                    i += 1
                else:
                    kind = "italic"
            elif c == "*":
                kind = "bold"
            elif c == "~":
                kind = "strikethrough"
            elif c == "|":
                if ch(i + 1) != "|":
                    raise _md2_error_reserved(c)
                i += 1
                kind = "spoiler"
            elif c == "[":
                kind = "text_link"
            elif c == "`":
                if ch(i + 1) == "`" and ch(i + 2) == "`":
                    i += 3
                    kind = "pre"
                    lang_end = i
                    while ch(lang_end) not in SPACES and ch(lang_end) != "`":
                        lang_end += 1
                    if i != lang_end and lang_end < n and src[lang_end] != "`":
                        argument = src[i:lang_end]
                        i = lang_end
                    if ch(i) in "\r\n" and i < n:
                        if ch(i + 1) in "\r\n" and ch(i) != ch(i + 1):
                            i += 2
                        else:
                            i += 1
                    i -= 1
                else:
                    kind = "code"
            elif c == "!":
                if ch(i + 1) != "[":
                    raise _md2_error_reserved(c)
                i += 1
                kind = "custom_emoji"
            elif c == "\n":
                u16 += 1
                out.append("\n")
                kind = None
                if i + 1 < n and src[i + 1] == ">":
                    i += 1
                    if not have_blockquote:
                        kind = "blockquote"
                        have_blockquote = True
            elif c == ">" and i == 0:
                kind = "blockquote"
                have_blockquote = True
            else:
                raise _md2_error_reserved(c)
            if kind is not None:
                stack.append([kind, argument, u16, byte_pos, len(out)])
            i += 1
            continue

        # End of an entity.
        kind, argument, start, byte_pos, out_index = stack[-1]
        if c == "\n" and kind != "blockquote":
            raise EntityParseError(
                f"Can't find end of {_MD2_NAMES[kind]} entity at byte offset {byte_pos}"
            )
        skip = u16 == start
        extra: dict[str, Any] = {}
        if kind in ("underline", "spoiler"):
            i += 1
        elif kind == "pre":
            i += 2
            if argument:
                extra["language"] = argument
        elif kind in ("text_link", "custom_emoji"):
            url = ""
            if ch(i + 1) != "(":
                if kind == "custom_emoji":
                    raise EntityParseError("Custom emoji entity must contain a tg://emoji URL")
                url = "".join(out[out_index:])
            else:
                i += 2
                url_begin = i
                parts: list[str] = []
                while i < n and src[i] != ")":
                    if src[i] == "\\" and 0 < ord(ch(i + 1)) <= 126:
                        parts.append(src[i + 1])
                        i += 2
                        continue
                    parts.append(src[i])
                    i += 1
                if ch(i) != ")":
                    what = "a URL" if kind == "text_link" else "a custom emoji URL"
                    raise EntityParseError(
                        f"Can't find end of {what} at byte offset {byte_offset(src, url_begin)}"
                    )
                url = "".join(parts)
            if kind == "text_link":
                extra["url"] = url
            else:
                match = re.fullmatch(r"tg://emoji\?id=(\d+)", url)
                if match is None:
                    raise EntityParseError("Custom emoji URL must have an emoji identifier")
                extra["custom_emoji_id"] = match.group(1)
        elif kind == "blockquote":
            have_blockquote = False
            out.append(c)
            u16 += 1
        if not skip:
            length = u16 - start
            if kind == "blockquote" and c == "\n":
                length -= 1  # the newline that ends a quote is not part of it
            if length > 0:
                entities.append({"type": kind, "offset": start, "length": length, **extra})
        stack.pop()
        i += 1
    if have_blockquote and stack and stack[-1][0] == "blockquote":
        _, _, start, _, _ = stack.pop()
        if u16 > start:
            entities.append({"type": "blockquote", "offset": start, "length": u16 - start})
    if stack:
        kind, _, _, byte_pos, _ = stack[-1]
        raise EntityParseError(
            f"Can't find end of {_MD2_NAMES[kind]} entity at byte offset {byte_pos}"
        )
    return "".join(out), sort_entities(entities)
