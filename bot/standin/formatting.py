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

import re
from typing import Any

__all__ = [
    "EntityParseError",
    "detect_bot_commands",
    "parse_formatted",
    "trim_formatted",
    "utf16_len",
]

_SPACES = " \t\r\n\v\0"
_HTML_TAGS = frozenset(
    {
        "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins", "tg-spoiler",
        "tg-emoji", "span", "pre", "code", "blockquote", "tg-time",
    }
)  # fmt: skip
_SIMPLE_HTML = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
    "ins": "underline", "s": "strikethrough", "strike": "strikethrough",
    "del": "strikethrough", "tg-spoiler": "spoiler", "span": "spoiler",
}  # fmt: skip
# Display names used by TDLib in "Can't find end of X entity" errors.
_MD2_NAMES = {
    "bold": "Bold", "italic": "Italic", "underline": "Underline",
    "strikethrough": "Strikethrough", "spoiler": "Spoiler", "text_link": "TextUrl",
    "code": "Code", "pre": "Pre", "custom_emoji": "CustomEmoji", "blockquote": "BlockQuote",
}  # fmt: skip
_MD2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!\n")
_TRIM = " \t\r\n\v\f"
_BOT_COMMAND_RE = re.compile(r"(?<![\w/<>])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/<>@])")


class EntityParseError(ValueError):
    """Markup the real server rejects; ``str(exc)`` is TDLib's wording after the prefix."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of every Telegram offset and length limit."""
    return len(text.encode("utf-16-le")) // 2


def _char_units(ch: str) -> int:
    return 2 if ord(ch) > 0xFFFF else 1


def _byte_offset(text: str, index: int) -> int:
    """TDLib reports positions as UTF-8 byte offsets into the original markup."""
    return len(text[:index].encode("utf-8"))


def _sort_entities(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # Outer entities first, like Telegram returns them.
    return sorted(entities, key=lambda e: (e["offset"], -e["length"]))


# --------------------------------------------------------------------------- HTML


def _decode_html_entity(src: str, pos: int) -> tuple[str | None, int]:
    """Decode ``&...;`` at ``pos``; returns (char, next index) or (None, pos) if unsupported."""
    n = len(src)
    end = pos + 1
    if end < n and src[end] == "#":
        end += 1
        value = 0
        digits = 0
        if end < n and src[end] == "x":
            end += 1
            while end < n and src[end] in "0123456789abcdefABCDEF":
                value = value * 16 + int(src[end], 16)
                end += 1
                digits += 1
        else:
            while end < n and src[end].isascii() and src[end].isdigit():
                value = value * 10 + int(src[end])
                end += 1
                digits += 1
        if digits == 0 or value == 0 or value >= 0x10FFFF or digits >= 10:
            return None, pos
        char = chr(value)
    else:
        while end < n and src[end].isascii() and src[end].isalpha():
            end += 1
        name = src[pos + 1 : end]
        named = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
        if name not in named:
            return None, pos
        char = named[name]
    if end < n and src[end] == ";":
        end += 1
    return char, end


def parse_html(src: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Bot API HTML into (plain text, entities) or raise :class:`EntityParseError`."""
    n = len(src)

    def ch(k: int) -> str:
        return src[k] if k < n else "\0"

    out: list[str] = []
    u16 = 0
    entities: list[dict[str, Any]] = []
    # (tag, attributes, utf16 offset where it starts, index into ``out``)
    stack: list[tuple[str, dict[str, str], int, int]] = []
    i = 0
    while i < n:
        c = src[i]
        if c == "&":
            decoded, nxt = _decode_html_entity(src, i)
            if decoded is not None:
                out.append(decoded)
                u16 += _char_units(decoded)
                i = nxt
                continue
        if c != "<":
            out.append(c)
            u16 += _char_units(c)
            i += 1
            continue

        begin = i
        i += 1
        if ch(i) != "/":
            while ch(i) not in _SPACES and ch(i) != ">":
                i += 1
            if i >= n:
                raise EntityParseError(
                    f"Unclosed start tag at byte offset {_byte_offset(src, begin)}"
                )
            tag = src[begin + 1 : i].lower()
            if tag not in _HTML_TAGS:
                raise EntityParseError(
                    f'Unsupported start tag "{tag}" at byte offset {_byte_offset(src, begin)}'
                )
            attrs: dict[str, str] = {}
            while ch(i) != ">":
                while i < n and ch(i) in _SPACES:
                    i += 1
                if ch(i) == ">":
                    break
                attr_begin = i
                while ch(i) not in _SPACES and ch(i) not in "=>":
                    i += 1
                attr_name = src[attr_begin:i].lower()
                if not attr_name:
                    raise EntityParseError(
                        f'Empty attribute name in the tag "{tag}" at byte offset '
                        f"{_byte_offset(src, begin)}"
                    )
                while i < n and ch(i) in _SPACES:
                    i += 1
                if ch(i) != "=":
                    if tag == "blockquote" and attr_name == "expandable":
                        attrs["expandable"] = ""
                        continue
                    raise EntityParseError(
                        "Expected equal sign in declaration of an attribute of the tag "
                        f'"{tag}" at byte offset {_byte_offset(src, begin)}'
                    )
                i += 1
                while i < n and ch(i) in _SPACES:
                    i += 1
                if i >= n:
                    raise EntityParseError(
                        f'Unclosed start tag "{tag}" at byte offset {_byte_offset(src, begin)}'
                    )
                if ch(i) not in "'\"":
                    token_begin = i
                    while ch(i).isascii() and (ch(i).isalnum() or ch(i) in ".-"):
                        i += 1
                    value = src[token_begin:i].lower()
                    if ch(i) not in _SPACES and ch(i) != ">":
                        raise EntityParseError(
                            "Unexpected end of name token at byte offset "
                            f"{_byte_offset(src, token_begin)}"
                        )
                else:
                    quote = src[i]
                    i += 1
                    parts: list[str] = []
                    while i < n and src[i] != quote:
                        if src[i] == "&":
                            decoded, nxt = _decode_html_entity(src, i)
                            if decoded is not None:
                                parts.append(decoded)
                                i = nxt
                                continue
                        parts.append(src[i])
                        i += 1
                    if i < n:
                        i += 1
                    value = "".join(parts)
                if i >= n:
                    raise EntityParseError(
                        f"Unclosed start tag at byte offset {_byte_offset(src, begin)}"
                    )
                attrs[attr_name] = value
            if tag == "span" and attrs.get("class") != "tg-spoiler":
                raise EntityParseError(
                    f'Tag "span" must have class "tg-spoiler" at byte offset '
                    f"{_byte_offset(src, begin)}"
                )
            stack.append((tag, attrs, u16, len(out)))
            i += 1
            continue

        # End tag.
        if not stack:
            raise EntityParseError(f"Unexpected end tag at byte offset {_byte_offset(src, begin)}")
        while ch(i) not in _SPACES and ch(i) != ">":
            i += 1
        end_name = src[begin + 2 : i].lower()
        while i < n and ch(i) in _SPACES:
            i += 1
        if ch(i) != ">":
            raise EntityParseError(f"Unclosed end tag at byte offset {_byte_offset(src, begin)}")
        tag, attrs, start, out_index = stack.pop()
        if end_name and end_name != tag:
            raise EntityParseError(
                f"Unmatched end tag at byte offset {_byte_offset(src, begin)}, "
                f'expected "</{tag}>", found "</{end_name}>"'
            )
        i += 1
        length = u16 - start
        if length <= 0:
            continue
        entity: dict[str, Any] = {"offset": start, "length": length}
        if tag in _SIMPLE_HTML:
            entity["type"] = _SIMPLE_HTML[tag]
        elif tag == "a":
            entity["type"] = "text_link"
            entity["url"] = attrs.get("href") or "".join(out[out_index:])
        elif tag == "tg-emoji":
            emoji_id = attrs.get("emoji-id", "")
            if not emoji_id.isdigit() or int(emoji_id) == 0:
                raise EntityParseError("Invalid custom emoji identifier specified")
            entity["type"] = "custom_emoji"
            entity["custom_emoji_id"] = emoji_id
        elif tag == "tg-time":
            unix = attrs.get("unix", "")
            if not unix.lstrip("-").isdigit():
                raise EntityParseError("Invalid Unix time specified")
            entity["type"] = "date_time"
            entity["unix_time"] = int(unix)
            if attrs.get("format"):
                entity["date_time_format"] = attrs["format"]
        elif tag == "blockquote":
            entity["type"] = "expandable_blockquote" if "expandable" in attrs else "blockquote"
        elif tag == "code":
            entity["type"] = "code"
            language = attrs.get("class", "")
            if language.startswith("language-") and len(language) > 9:
                entity["_language"] = language[9:]
        elif tag == "pre":
            last = entities[-1] if entities else None
            if (
                last is not None
                and last["type"] == "code"
                and last["offset"] == start
                and last["length"] == length
                and "_language" in last
            ):
                entities.pop()
                entity["language"] = last["_language"]
            entity["type"] = "pre"
        entities.append(entity)
    if stack:
        raise EntityParseError(f"Can't find end tag corresponding to start tag {stack[-1][0]}")
    for entity in entities:
        entity.pop("_language", None)
    return "".join(out), _sort_entities(entities)


# ---------------------------------------------------------------------- MarkdownV2


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
            u16 += _char_units(c)
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
            byte_pos = _byte_offset(src, i)
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
                    while ch(lang_end) not in _SPACES and ch(lang_end) != "`":
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
                        f"Can't find end of {what} at byte offset {_byte_offset(src, url_begin)}"
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
    return "".join(out), _sort_entities(entities)


# ------------------------------------------------------------------ legacy Markdown


def parse_markdown(src: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse legacy ``Markdown`` (``*bold* _italic_ `code` ```pre``` [text](url)``)."""
    n = len(src)

    def ch(k: int) -> str:
        return src[k] if k < n else "\0"

    out: list[str] = []
    u16 = 0
    entities: list[dict[str, Any]] = []
    i = 0
    while i < n:
        c = src[i]
        if c == "\\" and ch(i + 1) in "_*`[":
            out.append(src[i + 1])
            u16 += 1
            i += 2
            continue
        if c not in "_*`[":
            out.append(c)
            u16 += _char_units(c)
            i += 1
            continue
        begin = i
        end_char = "]" if c == "[" else c
        is_pre = False
        language = ""
        i += 1
        if c == "`" and ch(i) == "`" and ch(i + 1) == "`":
            i += 2
            is_pre = True
            lang_end = i
            while ch(lang_end) not in _SPACES and ch(lang_end) != "`":
                lang_end += 1
            if i != lang_end and lang_end < n and src[lang_end] != "`":
                language = src[i:lang_end]
                i = lang_end
            if ch(i) in "\r\n" and i < n:
                i += 2 if ch(i + 1) in "\r\n" and ch(i) != ch(i + 1) else 1
        start = u16
        while i < n and (
            src[i] != end_char or (is_pre and not (ch(i + 1) == "`" and ch(i + 2) == "`"))
        ):
            out.append(src[i])
            u16 += _char_units(src[i])
            i += 1
        if i >= n:
            raise EntityParseError(
                f"Can't find end of the entity starting at byte offset {_byte_offset(src, begin)}"
            )
        if u16 != start:
            entity: dict[str, Any] = {"offset": start, "length": u16 - start}
            if c == "_":
                entity["type"] = "italic"
            elif c == "*":
                entity["type"] = "bold"
            elif c == "[":
                if ch(i + 1) != "(":
                    url = src[begin + 1 : i]
                else:
                    i += 2
                    url_start = i
                    while i < n and src[i] != ")":
                        i += 1
                    url = src[url_start:i]
                entity["type"] = "text_link"
                entity["url"] = url
            elif is_pre:
                entity["type"] = "pre"
                if language:
                    entity["language"] = language
            else:
                entity["type"] = "code"
            entities.append(entity)
        i += 3 if is_pre else 1
    return "".join(out), _sort_entities(entities)


# ---------------------------------------------------------------------------- API


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
