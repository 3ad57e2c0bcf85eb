"""Where a plain message (not a command) goes: alias choice, the relay, or a kind fallback.

A visitor's words are checked for risk first, wherever they are (see `handlers.safety`).
"""

from __future__ import annotations

from telegram import Update

from handlers import content_admin, fallback, relay, safety, volunteer
from handlers.common import BotContext


async def route_message(update: Update, context: BotContext) -> None:
    if await volunteer.choose_alias(update, context):
        return
    if await content_admin.on_upload(update, context):
        return
    if await relay.on_volunteer_message(update, context):
        return
    message = update.message
    risk = safety.assess(context, message)
    relayed = await relay.on_visitor_message(update, context, answered=risk.at_risk)
    if message is not None and risk.at_risk:
        await safety.respond(context, message, risk)  # after the relay: message, then flag
    if relayed or risk.at_risk:
        return
    if message is not None and message.text:
        await fallback.free_text(update, context)
    else:
        await fallback.unsupported_media(update, context)


async def route_edit(update: Update, context: BotContext) -> None:
    """Edits are relayed as edits of the copy; outside a chat they need no answer."""
    await relay.on_edit(update, context)
