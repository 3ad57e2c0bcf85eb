"""``parse_mode=Markdown``, the legacy one: ``*bold* _italic_ `code` ```pre``` [text](url)``."""

from __future__ import annotations

from typing import Any

from .entities import SPACES, EntityParseError, byte_offset, char_units, sort_entities


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
            u16 += char_units(c)
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
            while ch(lang_end) not in SPACES and ch(lang_end) != "`":
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
            u16 += char_units(src[i])
            i += 1
        if i >= n:
            raise EntityParseError(
                f"Can't find end of the entity starting at byte offset {byte_offset(src, begin)}"
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
    return "".join(out), sort_entities(entities)
