"""Cross-cutting pre-handlers, run before any feature handler (PTB handler groups -3 to -1).

* group -3, `private_only`: the bot works in private chats only. Added to a group or channel,
  it says one neutral line and leaves; anything else that is not a private chat is dropped.
* group -2, `load_visitor`: loads (or creates) the visitor behind the update, and their staff
  role if they have one.
* group -1, `limit_buttons`: a visitor tapping buttons faster than `BUTTON_LIMIT` a minute is
  told once, kindly, and the extra taps do nothing (crisis contacts, quick exit and forget
  always work).
* `remember_arrivals`: before any of that, as the poller stores each batch of updates, the id
  of every message people send is remembered, so a quick exit can delete it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram import Chat, ChatMember, Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop

from bot.admin import role_of
from bot.callbacks import parse
from bot.content.i18n import t
from bot.core import Core
from bot.flood import BUTTON_LIMIT, UNLIMITED_BUTTONS, FloodGate
from handlers.common import BotContext, answer_query, deliver
from handlers.queue import refresh_queue

log = logging.getLogger(__name__)


async def private_only(update: Update, context: BotContext) -> None:
    chat = update.effective_chat
    if chat is not None and chat.type == Chat.PRIVATE and update.effective_user is not None:
        member = update.my_chat_member
        if member is not None:  # someone blocked (or unblocked) the bot
            if member.new_chat_member.status == ChatMember.BANNED:
                await _blocked_the_bot(context, update.effective_user.id)
            raise ApplicationHandlerStop
        return
    if chat is not None and chat.type != Chat.PRIVATE:
        member = update.my_chat_member
        joined = member is not None and member.new_chat_member.status in {
            ChatMember.MEMBER,
            ChatMember.ADMINISTRATOR,
        }
        if joined or update.effective_message is not None:
            content = context.core.content.current
            try:
                await context.bot.send_message(chat.id, t(content.locale(None), "group.leave"))
            except TelegramError:
                pass  # may not be allowed to write in a channel: leaving matters more
            try:
                await context.bot.leave_chat(chat.id)
            except TelegramError as exc:
                log.warning("could not leave a group chat: %s", type(exc).__name__)
    raise ApplicationHandlerStop


async def _blocked_the_bot(context: BotContext, telegram_id: int) -> None:
    """Whoever blocked the bot can't be written to: their chat ends at once (the other side is
    told kindly), their queue place goes, and a volunteer goes off duty."""
    core = context.core
    pseudonym = core.visitors.pseudonym(telegram_id)
    await deliver(context.bot, core, await core.relay.unreachable(pseudonym))
    await refresh_queue(context.bot, core)


async def load_visitor(update: Update, context: BotContext) -> None:
    user = update.effective_user
    assert user is not None  # private_only let only private chats with a user through
    core = context.core
    locale = core.content.current.match_language(user.language_code)
    context.user_id = user.id
    context.visitor, context.staff = await core.identify(user.id, locale)
    context.role = role_of(context.visitor.pseudonym, context.staff, core.admin_pseudonyms)


async def limit_buttons(update: Update, context: BotContext) -> None:
    """Too many taps a minute: the spinner stops, a kind word once, and nothing else happens."""
    query = update.callback_query
    if query is None or context.role != "visitor" or context.visitor is None:
        return
    action = parse(query.data)
    if action is not None and action.name in UNLIMITED_BUTTONS:
        return
    gate: FloodGate = context.application.bot_data.setdefault(
        "button_flood", FloodGate(BUTTON_LIMIT, clock=context.core.clock)
    )
    verdict = gate.check(context.visitor.pseudonym)
    if verdict == "ok":
        return
    if verdict == "slow":
        log.info("flood control: a visitor's buttons were slowed down")
    await answer_query(update, context.t("flood.buttons") if verdict == "slow" else None)
    raise ApplicationHandlerStop


def remember_arrivals(core: Core) -> Callable[[list[Update]], Awaitable[None]]:
    """What the poller calls with each batch of updates: every message a person wrote in
    their private chat with the bot is noted (for a quick exit) in one write per batch,
    rather than one write per message while it is handled."""

    async def remember(updates: list[Update]) -> None:
        await core.visitors.remember_incoming([a for a in map(_arrival, updates) if a])

    return remember


def _arrival(update: Update) -> tuple[int, int] | None:
    """(Telegram id, message id) of a message a person wrote in a private chat. Read with care:
    PTB parses some ill-typed updates, and one bad update must never hold up its batch."""
    message = update.message
    chat = getattr(message, "chat", None)
    user_id = getattr(getattr(message, "from_user", None), "id", None)
    message_id = getattr(message, "message_id", None)
    if getattr(chat, "type", None) != Chat.PRIVATE:
        return None
    if not all(isinstance(x, int) and 0 < x < 2**63 for x in (user_id, message_id)):
        return None  # SQLite stores signed 64-bit integers; Telegram's ids fit well inside
    return user_id, message_id
