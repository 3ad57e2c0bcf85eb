"""What every handler shares: the context type, and showing a `Screen` to a visitor.

Sending goes through `show()`/`say()` so that three rules hold everywhere: the discreet first
line is applied, long texts are split under Telegram's limit, and every message the bot leaves
in a visitor's chat is remembered (by pseudonym, for 48 hours) so a quick exit can delete it.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application, CallbackContext, ExtBot

from bot.content.i18n import t
from bot.content.model import LocaleContent
from bot.core import Core
from bot.screens import Screen, split_text
from bot.visitors import Visitor

log = logging.getLogger(__name__)


class BotContext(CallbackContext[ExtBot[None], dict, dict, dict]):  # type: ignore[type-arg]
    """PTB's context, plus the core and the visitor this update comes from.

    PTB builds one context per update and reuses it across handler groups, so the visitor
    loaded by the pre-handler in group -1 is there for the feature handlers.
    """

    def __init__(
        self, application: Application, chat_id: int | None = None, user_id: int | None = None
    ) -> None:
        super().__init__(application, chat_id=chat_id, user_id=user_id)
        self.visitor: Visitor | None = None
        self.user_id: int | None = user_id

    @property
    def core(self) -> Core:
        return self.application.bot_data["core"]

    @property
    def loc(self) -> LocaleContent:
        prefs_locale = self.visitor.prefs.locale if self.visitor else None
        return self.core.content.current.locale(prefs_locale)

    def t(self, key: str, **values: object) -> str:
        return t(self.loc, key, **values)


def keyboard(screen: Screen) -> InlineKeyboardMarkup | None:
    rows = [
        [InlineKeyboardButton(b.label, callback_data=b.action.encode()) for b in row]
        for row in screen.rows
        if row
    ]
    return InlineKeyboardMarkup(rows) if rows else None


def _decorate(context: BotContext, text: str) -> str:
    """Discreet previews: a neutral first line, so a lock-screen notification reveals nothing."""
    if context.visitor is None or context.visitor.prefs.discreet:
        return f"{context.t('discreet.first_line')}\n{text}"
    return text


async def say(
    context: BotContext, chat_id: int, screen: Screen, *, remember: bool = True
) -> Message | None:
    """Send a screen as one or more new messages (the last carries the buttons)."""
    parts = split_text(_decorate(context, screen.text))
    last: Message | None = None
    for i, part in enumerate(parts):
        markup = keyboard(screen) if i == len(parts) - 1 else None
        try:
            last = await context.bot.send_message(chat_id, part, reply_markup=markup)
        except Forbidden:
            log.info("a visitor has blocked the bot; message not sent")
            return None
        if remember and context.visitor is not None:
            await context.core.visitors.remember_message(context.visitor.pseudonym, last.message_id)
    return last


async def show(context: BotContext, update: Update, screen: Screen) -> None:
    """Show a screen: edit the message whose button was pressed, else send a new one."""
    query = update.callback_query
    chat = update.effective_chat
    if chat is None:
        return
    text = _decorate(context, screen.text)
    if query is not None and query.message is not None and len(split_text(text)) == 1:
        try:
            await context.bot.edit_message_text(
                text, chat_id=chat.id, message_id=query.message.message_id,
                reply_markup=keyboard(screen),
            )
            return
        except BadRequest as exc:
            if "not modified" in exc.message.lower():
                return
            # the message is gone or too old to edit: send a fresh one below
        except Forbidden:
            return
    await say(context, chat.id, screen)


async def answer_query(update: Update, text: str | None = None) -> None:
    """Stop the button's spinner; a late or repeated answer is harmless."""
    if update.callback_query is not None:
        try:
            await update.callback_query.answer(text)
        except TelegramError:
            pass
