"""``parse_mode=HTML``: Bot API HTML into plain text and entities, as TDLib parses it."""

from __future__ import annotations

from typing import Any

from .entities import SPACES, EntityParseError, byte_offset, char_units, sort_entities

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
                u16 += char_units(decoded)
                i = nxt
                continue
        if c != "<":
            out.append(c)
            u16 += char_units(c)
            i += 1
            continue

        begin = i
        i += 1
        if ch(i) != "/":
            while ch(i) not in SPACES and ch(i) != ">":
                i += 1
            if i >= n:
                raise EntityParseError(
                    f"Unclosed start tag at byte offset {byte_offset(src, begin)}"
                )
            tag = src[begin + 1 : i].lower()
            if tag not in _HTML_TAGS:
                raise EntityParseError(
                    f'Unsupported start tag "{tag}" at byte offset {byte_offset(src, begin)}'
                )
            attrs: dict[str, str] = {}
            while ch(i) != ">":
                while i < n and ch(i) in SPACES:
                    i += 1
                if ch(i) == ">":
                    break
                attr_begin = i
                while ch(i) not in SPACES and ch(i) not in "=>":
                    i += 1
                attr_name = src[attr_begin:i].lower()
                if not attr_name:
                    raise EntityParseError(
                        f'Empty attribute name in the tag "{tag}" at byte offset '
                        f"{byte_offset(src, begin)}"
                    )
                while i < n and ch(i) in SPACES:
                    i += 1
                if ch(i) != "=":
                    if tag == "blockquote" and attr_name == "expandable":
                        attrs["expandable"] = ""
                        continue
                    raise EntityParseError(
                        "Expected equal sign in declaration of an attribute of the tag "
                        f'"{tag}" at byte offset {byte_offset(src, begin)}'
                    )
                i += 1
                while i < n and ch(i) in SPACES:
                    i += 1
                if i >= n:
                    raise EntityParseError(
                        f'Unclosed start tag "{tag}" at byte offset {byte_offset(src, begin)}'
                    )
                if ch(i) not in "'\"":
                    token_begin = i
                    while ch(i).isascii() and (ch(i).isalnum() or ch(i) in ".-"):
                        i += 1
                    value = src[token_begin:i].lower()
                    if ch(i) not in SPACES and ch(i) != ">":
                        raise EntityParseError(
                            "Unexpected end of name token at byte offset "
                            f"{byte_offset(src, token_begin)}"
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
                        f"Unclosed start tag at byte offset {byte_offset(src, begin)}"
                    )
                attrs[attr_name] = value
            if tag == "span" and attrs.get("class") != "tg-spoiler":
                raise EntityParseError(
                    f'Tag "span" must have class "tg-spoiler" at byte offset '
                    f"{byte_offset(src, begin)}"
                )
            stack.append((tag, attrs, u16, len(out)))
            i += 1
            continue

        # End tag.
        if not stack:
            raise EntityParseError(f"Unexpected end tag at byte offset {byte_offset(src, begin)}")
        while ch(i) not in SPACES and ch(i) != ">":
            i += 1
        end_name = src[begin + 2 : i].lower()
        while i < n and ch(i) in SPACES:
            i += 1
        if ch(i) != ">":
            raise EntityParseError(f"Unclosed end tag at byte offset {byte_offset(src, begin)}")
        tag, attrs, start, out_index = stack.pop()
        if end_name and end_name != tag:
            raise EntityParseError(
                f"Unmatched end tag at byte offset {byte_offset(src, begin)}, "
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
    return "".join(out), sort_entities(entities)
