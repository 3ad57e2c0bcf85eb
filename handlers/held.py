"""Messages a visitor writes while waiting: held by id (never by text) and passed on, in order
and once, to the volunteer who takes them."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections.abc import AsyncIterator

from telegram import Bot, Message
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application

from bot.core import Core
from bot.fence import Abandoned, Delivery
from bot.relay import Session, visitor_notice
from handlers.carry import (
    NEVER_RELAYED,
    copyable,
    media_kind,
    patiently,
)
from handlers.common import (
    deliver,
)

log = logging.getLogger(__name__)


def not_holdable(core: Core, message: Message) -> str | None:
    """Why a message written while waiting cannot be held (a text key), or None if it can.

    Held messages are copied later by id (their words are never stored), so they cannot be
    screened then: media the relay does not carry, and formatting that might point at an
    account, are refused now, and again if the message is edited while it waits."""
    kind = media_kind(message)
    if kind in NEVER_RELAYED:
        return "relay.media_identifying"
    if kind not in core.settings.relay_media:
        return "relay.media_refused"
    if not (copyable(message.entities) and copyable(message.caption_entities)):
        return "queue.held_not_plain"
    return None


@contextlib.asynccontextmanager
async def visitor_turn(application: Application, visitor: bytes) -> AsyncIterator[None]:
    """One at a time per visitor: passing on what they wrote while waiting (the volunteer's
    /next) and relaying what they write next (their own update). Both at once, a new message
    could overtake the held ones, or a held one be copied twice."""
    turns: weakref.WeakValueDictionary[bytes, asyncio.Lock] = application.bot_data.setdefault(
        "visitor_turns", weakref.WeakValueDictionary()
    )
    lock = turns.get(visitor)
    if lock is None:
        lock = turns[visitor] = asyncio.Lock()
    async with lock:
        yield


async def pass_on_held(bot: Bot, core: Core, session: Session) -> None:
    """A volunteer took the visitor: what they wrote while waiting reaches them now, in order
    (copied from the visitor's own chat by message id; the text was never stored). Call it in
    the visitor's turn (`visitor_turn`)."""
    held = await core.relay.held(session.visitor)
    if not held:
        core.relay.all_passed_on(session.visitor)
        return
    visitor = await core.contact(session.visitor)
    volunteer = await core.contact(session.volunteer)
    if visitor is None or volunteer is None:
        return
    for message_id in held:
        if await core.relay.claim(session, "visitor", message_id):
            try:
                with core.fence.delivery(volunteer.pseudonym) as delivery:
                    copied = await patiently(
                        lambda mid=message_id, d=delivery: _copy_ids(
                            bot, volunteer.chat_id, visitor.chat_id, mid, d
                        )
                    )
            except Abandoned:  # the volunteer is wiping their chat: the rest waits, held
                await core.relay.release(session, "visitor", message_id)
                return
            except TelegramError as exc:  # deleted by a quick exit, or Telegram trouble
                log.info("a held message was not passed on: %s", type(exc).__name__)
                await core.relay.release(session, "visitor", message_id)
                if not isinstance(exc, BadRequest):  # gone (a quick exit) needs no word
                    await deliver(
                        bot, core, [visitor_notice(session.visitor, "relay.not_delivered")]
                    )
            else:
                await core.relay.record_copy(session, "visitor", message_id, copied[0])
        await core.relay.passed_on(session.visitor, message_id)
    core.relay.all_passed_on(session.visitor)


async def _copy_ids(
    bot: Bot, to_chat: int, from_chat: int, message_id: int, delivery: Delivery
) -> list[int]:
    copied = await bot.copy_message(
        to_chat, from_chat, message_id, protect_content=True, rate_limit_args=delivery
    )
    return [copied.message_id]
