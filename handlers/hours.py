"""`/hours`: the service's opening hours, for everyone, in their language and time."""

from __future__ import annotations

from telegram import Update

from bot import screens
from bot.hours_text import hours_text
from handlers.common import BotContext, show


async def hours_command(update: Update, context: BotContext) -> None:
    """The week's hours, the closed dates ahead, and where things stand right now."""
    core, visitor = context.core, context.visitor
    assert visitor is not None
    text = hours_text(
        context.loc,
        core.content.current.service,
        core.clock(),
        visitor.prefs.country,
        await core.relay.anyone_on_duty(),
    )
    await show(
        context, update, screens.Screen(text, screens.simple(context.loc, "hours.footer").rows)
    )
