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
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from telegram import Bot, Message, MessageEntity, ReplyParameters
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

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


RELAY_ATTEMPTS = 6  # on top of the rate limiter's own retries: about two minutes in all


class Abandoned(Exception):
    """The message is no longer wanted on the other side (the chat ended while retrying)."""


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


async def carry(
    bot: Bot,
    chat_id: int,
    message: Message,
    *,
    prefix: str = "",
    reply: ReplyParameters | None = None,
) -> list[int]:
    """Send `message` into `chat_id`, copied when nothing must change, else re-sent screened.
    Returns the ids of what was sent, the first one standing for the message."""
    if message.text is not None and (prefix or not copyable(message.entities)):
        return await send_text(bot, chat_id, prefix, message, reply)
    caption: dict[str, object] = {}
    if not copyable(message.caption_entities):
        caption = {
            "caption": message.caption,
            "caption_entities": screened(message.caption_entities),
            "show_caption_above_media": message.show_caption_above_media,
        }
    copied = await bot.copy_message(
        chat_id,
        message.chat_id,
        message.message_id,
        protect_content=True,
        reply_parameters=reply,
        **caption,  # type: ignore[arg-type]
    )
    return [copied.message_id]


async def send_text(
    bot: Bot,
    chat_id: int,
    prefix: str,
    message: Message,
    reply: ReplyParameters | None,
) -> list[int]:
    """Re-send a text (never `forward_message`): formatting kept, identities dropped (a
    `text_mention` would carry a Telegram account), split if the neutral line pushes it over
    Telegram's limit. Returns the ids of the parts, the first one standing for the message."""
    parts = split_text(prefix + (message.text or ""))
    ids = []
    for i, part in enumerate(parts):
        entities = screened(message.entities, utf16_len(prefix)) if len(parts) == 1 else None
        sent = await bot.send_message(
            chat_id,
            part,
            entities=entities,
            protect_content=True,
            reply_parameters=reply if i == 0 else None,
        )
        ids.append(sent.message_id)
    return ids
