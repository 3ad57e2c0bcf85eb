"""Buttons of the helpline tools (canned replies, transfers, mentoring), each family with its
own handler so the visitor's `button` stays short. Forged or stale data gets the same kind
"that button has expired" as everywhere."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update

from bot import screens
from bot.callbacks import parse
from handlers.common import BotContext, answer_query, say

OnButton = Callable[[Update, BotContext, str], Awaitable[bool]]


def button_family(handle: OnButton) -> Callable[[Update, BotContext], Awaitable[None]]:
    """A callback handler for one family of buttons (`name:arg`, checked by the grammar)."""

    async def on_press(update: Update, context: BotContext) -> None:
        query = update.callback_query
        assert query is not None
        action = parse(query.data)
        if action is None or not await handle(update, context, action.arg or ""):
            await answer_query(update, context.t("expired.button"))
            await say(
                context, update.effective_chat.id, screens.simple(context.loc, "expired.text")
            )

    return on_press
