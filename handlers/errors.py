"""The last line: an exception in a handler is logged without personal data, and the person
gets a kind line instead of silence. The bot itself carries on."""

from __future__ import annotations

import logging

from telegram import Chat, Update
from telegram.error import Forbidden, NetworkError, TelegramError

from bot.content.i18n import t
from handlers.common import BotContext

log = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    error = context.error
    if isinstance(error, Forbidden):
        log.info("a chat has blocked the bot")
        return
    if isinstance(error, NetworkError):
        log.warning("network trouble talking to Telegram: %s", type(error).__name__)
    else:
        # The traceback names code, not people; the update itself is never logged.
        log.error("unhandled error in a handler: %s", type(error).__name__, exc_info=error)
    if not isinstance(update, Update):
        return
    chat = update.effective_chat
    if chat is None or chat.type != Chat.PRIVATE:
        return
    try:
        if update.callback_query is not None:
            await update.callback_query.answer()
        await context.bot.send_message(chat.id, t(context.loc, "error.generic"))
    except TelegramError:
        pass
