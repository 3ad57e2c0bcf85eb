"""Where a plain message (not a command) goes: alias choice, the relay, or a kind fallback."""

from __future__ import annotations

from telegram import Update

from handlers import fallback, relay, volunteer
from handlers.common import BotContext


async def route_message(update: Update, context: BotContext) -> None:
    if await volunteer.choose_alias(update, context):
        return
    if await relay.on_message(update, context):
        return
    message = update.message
    if message is not None and message.text:
        await fallback.free_text(update, context)
    else:
        await fallback.unsupported_media(update, context)


async def route_edit(update: Update, context: BotContext) -> None:
    """Edits are relayed as edits of the copy; outside a chat they need no answer."""
    await relay.on_edit(update, context)
