"""How one message is carried to the other side of a chat: what may cross, and how.

Telegram copies a message (`copy_message`, never `forward_message`, always under
`protect_content`) when nothing in it must change. A text is re-sent instead when the neutral
first line goes in front of it, or when its formatting is not plain: a mention by account, or a
link hidden behind words that opens Telegram, would let the other side open an account, so
such entities are dropped. Each send waits out Telegram's hiccups (429, timeouts, 5xx) inside
the chat's turn, so one person's messages stay in order.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Sequence
from urllib.parse import urlsplit

from telegram import Bot, Message, MessageEntity, ReplyParameters
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot.fence import Abandoned, Delivery
from bot.polling import retry_seconds
from bot.screens import split_text

NEVER_RELAYED = {"contact", "location", "venue", "document"}  # they carry identifying data


def media_kind(message: Message) -> str:
    """What a message carries, in the words of the RELAY_MEDIA setting."""
    for kind in (
        "text",
        "sticker",
        "photo",
        "voice",
        "video",
        "animation",
        "contact",
        "location",
        "venue",
        "document",
    ):
        if getattr(message, kind, None):
            return kind
    return "other"


def screened(entities: tuple[MessageEntity, ...], by: int = 0) -> list[MessageEntity]:
    """Entities without those that would identify someone, moved right by `by` UTF-16 units
    (the length of a neutral line put in front)."""
    return [
        MessageEntity(
            e.type,
            e.offset + by,
            e.length,
            url=e.url,
            language=e.language,
            custom_emoji_id=e.custom_emoji_id,
        )
        for e in entities
        if not identifies(e)
    ]


# Entities that only format or mark up what the sender typed: a copy carrying them shows
# nothing the words do not. Anything else (a mention by account, a link hidden behind text, a
# type Telegram adds later) sends the text by `send_message`, rebuilt from known fields only.
PLAIN_ENTITIES = frozenset(
    {
        "bold", "italic", "underline", "strikethrough", "spoiler", "code", "pre",
        "blockquote", "expandable_blockquote", "url", "email", "phone_number", "hashtag",
        "cashtag", "bot_command", "mention", "custom_emoji",
    }
)  # fmt: skip
TELEGRAM_HOSTS = ("t.me", "telegram.me", "telegram.dog", "telegram.org")


def copyable(entities: tuple[MessageEntity, ...]) -> bool:
    """May Telegram copy this text (or caption) as it is?"""
    return all(
        e.type in PLAIN_ENTITIES or (e.type == MessageEntity.TEXT_LINK and not identifies(e))
        for e in entities
    )


def identifies(entity: MessageEntity) -> bool:
    """A mention by account (`text_mention`), or a link hidden behind text that opens Telegram
    (`tg://user?id=...`, `https://t.me/someone`): the other side could open an account."""
    if entity.type == MessageEntity.TEXT_MENTION:
        return True
    if entity.type != MessageEntity.TEXT_LINK:
        return False
    url = (entity.url or "").strip().lower()
    parts = urlsplit(url if "://" in url or url.startswith("tg:") else "http://" + url)
    host = (parts.hostname or "").rstrip(".")  # "t.me." is t.me too
    return parts.scheme == "tg" or any(
        host == name or host.endswith("." + name) for name in TELEGRAM_HOSTS
    )


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# Visible ways to an account, as a volunteer might type them: a Telegram link (`t.me/x`,
# `https://telegram.me/x?start=y`, `x.t.me`, `telegram.dog/x`, `tg://resolve?domain=x`) or an
# @name. Opened from a visitor's phone, an account (a bot above all) learns who they are.
ACCOUNT_WORDS = re.compile(
    r"(?<![\w.@/-])(?:https?://)?(?:[\w-]+\.)*(?:t\.me|telegram\.(?:me|dog|org))\b(?:[/?#]\S*)?"
    r"|(?<![\w.-])tg:\S+"
    r"|(?<![\w@])@[A-Za-z0-9_]{3,32}",
    re.IGNORECASE,
)

Words = tuple[str, list[MessageEntity]]


def without_accounts(text: str, entities: Sequence[MessageEntity]) -> Words | None:
    """The text (or caption) with every visible Telegram link and @name taken out, its
    formatting kept where it still applies; None if there was nothing to take out. For what a
    volunteer sends a visitor: hidden links and mentions by account are dropped anyway
    (`screened`), the visible ones are words that a copy would still carry."""
    units = text.encode("utf-16-le")

    def words(e: MessageEntity) -> str:
        return units[2 * e.offset : 2 * (e.offset + e.length)].decode("utf-16-le", "replace")

    spans = [
        (utf16_len(text[: m.start()]), utf16_len(text[: m.end()]))
        for m in ACCOUNT_WORDS.finditer(text)
    ]
    spans += [
        (e.offset, e.offset + e.length)
        for e in entities
        if e.type == MessageEntity.MENTION
        or (e.type == MessageEntity.URL and ACCOUNT_WORDS.search(words(e)))
    ]
    if not spans:
        return None
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))

    def moved(at: int) -> int:  # where a position ends up once the spans are gone
        return at - sum(min(end, at) - start for start, end in merged if start < at)

    kept, last = [], 0
    for start, end in merged:
        kept.append(units[2 * last : 2 * start])
        last = end
    kept.append(units[2 * last :])
    out = []
    for e in entities:
        start, end = moved(e.offset), moved(e.offset + e.length)
        if end > start:
            out.append(
                MessageEntity(
                    e.type,
                    start,
                    end - start,
                    url=e.url,
                    user=e.user,
                    language=e.language,
                    custom_emoji_id=e.custom_emoji_id,
                )
            )
    return b"".join(kept).decode("utf-16-le"), out


RELAY_ATTEMPTS = 6  # on top of the rate limiter's own retries: about two minutes in all


async def patiently(
    send: Callable[[], Awaitable[list[int]]],
    still_wanted: Callable[[], Awaitable[bool]] | None = None,
) -> list[int]:
    """Send a relayed message, waiting out 429s and backing off after timeouts and 5xx.

    This runs inside the chat's turn (per-chat ordering), so later messages of the same chat
    wait behind it and stay in order; other chats go on meanwhile. Before each new attempt,
    `still_wanted` is asked (the chat may have ended meanwhile, e.g. by a quick exit: a
    message must not appear after the neutral line); if not, `Abandoned` is raised.
    """
    for attempt in range(RELAY_ATTEMPTS):
        if attempt and still_wanted is not None and not await still_wanted():
            raise Abandoned
        try:
            return await send()
        except RetryAfter as exc:
            if attempt == RELAY_ATTEMPTS - 1:
                raise
            await asyncio.sleep(retry_seconds(exc.retry_after) + 0.1)
        except (BadRequest, Forbidden):
            raise
        except NetworkError:
            if attempt == RELAY_ATTEMPTS - 1:
                raise
            await asyncio.sleep(min(2.0**attempt, 30.0))
    raise AssertionError("unreachable")


CAPTION_LIMIT = 1024  # Telegram's limit for a caption, in characters after entities


async def carry(
    bot: Bot,
    chat_id: int,
    message: Message,
    *,
    prefix: str = "",
    reply: ReplyParameters | None = None,
    words: Words | None = None,
    delivery: Delivery | None = None,
) -> list[int]:
    """Send `message` into `chat_id`, copied when nothing must change, else re-sent screened.
    `prefix` (the neutral first line) leads its text or caption; `words` replace its text or
    caption (`without_accounts`); `delivery` (`bot.fence`) goes with every call. Returns the
    ids of what was sent, the first one standing for the message."""
    if message.text is not None:
        text, entities = words or (message.text, list(message.entities))
        if prefix or words or not copyable(message.entities):
            return await send_text(bot, chat_id, prefix, text, entities, reply, delivery)
        return [await _copy(bot, chat_id, message, reply, delivery, {})]
    caption, entities = words or (message.caption or "", list(message.caption_entities))
    if words is None and (not caption or (not prefix and copyable(message.caption_entities))):
        return [
            await _copy(bot, chat_id, message, reply, delivery, {})
        ]  # nothing in it must change
    if not caption:  # nothing left once the links went: the media under the neutral line
        return [
            await _copy(
                bot, chat_id, message, reply, delivery, _caption(prefix.rstrip("\n"), [], "")
            )
        ]
    if utf16_len(prefix + caption) <= CAPTION_LIMIT:
        return [
            await _copy(
                bot, chat_id, message, reply, delivery, _caption(prefix + caption, entities, prefix)
            )
        ]
    # Too long with the neutral line in front: the line alone under the media, then the words.
    first = await _copy(
        bot, chat_id, message, reply, delivery, _caption(prefix.rstrip("\n"), [], "")
    )
    return [first, *await send_text(bot, chat_id, prefix, caption, entities, None, delivery)]


def _caption(text: str, entities: Sequence[MessageEntity], prefix: str) -> dict[str, object]:
    return {
        "caption": text,
        "caption_entities": screened(tuple(entities), utf16_len(prefix)),
    }


async def _copy(
    bot: Bot,
    chat_id: int,
    message: Message,
    reply: ReplyParameters | None,
    delivery: Delivery | None,
    caption: dict[str, object],
) -> int:
    if caption:
        caption["show_caption_above_media"] = message.show_caption_above_media
    copied = await bot.copy_message(
        chat_id,
        message.chat_id,
        message.message_id,
        protect_content=True,
        reply_parameters=reply,
        rate_limit_args=delivery,
        **caption,  # type: ignore[arg-type]
    )
    return copied.message_id


async def send_text(
    bot: Bot,
    chat_id: int,
    prefix: str,
    text: str,
    entities: Sequence[MessageEntity],
    reply: ReplyParameters | None,
    delivery: Delivery | None = None,
) -> list[int]:
    """Re-send a text (never `forward_message`): formatting kept, identities dropped (a
    `text_mention` would carry a Telegram account), split if the neutral line pushes it over
    Telegram's limit. Returns the ids of the parts, the first one standing for the message."""
    parts = split_text(prefix + text)
    ids = []
    for i, part in enumerate(parts):
        screened_entities = (
            screened(tuple(entities), utf16_len(prefix)) if len(parts) == 1 else None
        )
        sent = await bot.send_message(
            chat_id,
            part,
            entities=screened_entities,
            protect_content=True,
            reply_parameters=reply if i == 0 else None,
            rate_limit_args=delivery,
        )
        ids.append(sent.message_id)
    return ids
