"""The last line: an exception in a handler is logged without personal data, and the person
gets a kind line instead of silence. The bot itself carries on."""

from __future__ import annotations

import logging
import traceback

from telegram import Chat, Update
from telegram.error import Forbidden, NetworkError

from bot.content.i18n import t
from bot.screens import Screen
from handlers.common import BotContext, for_reader, send_screen

log = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    error = context.error
    if isinstance(error, Forbidden):
        log.info("a chat has blocked the bot")
        return
    if isinstance(error, NetworkError):
        log.warning("network trouble talking to Telegram: %s", type(error).__name__)
    else:
        # The frames name code, never people: the exception's own message is left out, as it
        # may quote what someone wrote (e.g. a value that failed to parse).
        frames = "".join(traceback.format_tb(error.__traceback__)) if error else ""
        log.error("unhandled error in a handler: %s\n%s", type(error).__name__, frames)
    if not isinstance(update, Update):
        return
    chat = update.effective_chat
    if chat is None or chat.type != Chat.PRIVATE:
        return
    try:
        if update.callback_query is not None:
            await update.callback_query.answer()
        # With the discreet line, and remembered so a quick exit deletes it too.
        await send_screen(
            context.bot,
            context.core,
            chat.id,
            for_reader(context, Screen(t(context.loc, "error.generic"))),
            loc=context.loc,
            prefs=context.visitor.prefs if context.visitor else None,
            remember=context.visitor.pseudonym if context.visitor else None,
        )
    except Exception:  # the error handler itself must never fail
        log.warning("could not tell a visitor about an error")
