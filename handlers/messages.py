"""Where a plain message (not a command) goes: alias choice, the relay, or a kind fallback.

A visitor's words are checked for risk first, wherever they are (see `handlers.safety`).
"""

from __future__ import annotations

import logging

from telegram import Update

from bot.flood import FloodGate
from bot.screens import Screen
from handlers import content_admin, fallback, practice, relay, safety, volunteer
from handlers.common import BotContext, say

log = logging.getLogger(__name__)


async def route_message(update: Update, context: BotContext) -> None:
    if await volunteer.choose_alias(update, context):
        return
    if await content_admin.on_upload(update, context):
        return
    if await relay.on_volunteer_message(update, context):
        return
    if await practice.on_message(update, context):  # a practice chat: the script answers
        return
    message = update.message
    risk = safety.assess(context, message)  # always, even for a message flood control drops
    if not await _within_flood_limit(update, context):
        if message is not None and risk.at_risk:
            await safety.respond(context, message, risk)
        return
    relayed = await relay.on_visitor_message(update, context, answered=risk.at_risk)
    if message is not None and risk.at_risk:
        await safety.respond(context, message, risk)  # after the relay: message, then flag
    if relayed or risk.at_risk:
        return
    if message is not None and message.text:
        await fallback.free_text(update, context)
    else:
        await fallback.unsupported_media(update, context)


async def _within_flood_limit(update: Update, context: BotContext) -> bool:
    """Too many messages a minute: a kind notice once, then quiet until the pace drops.

    Only plain messages count; commands (/exit, /crisis, /end ...) always get through."""
    if context.role != "visitor" or context.visitor is None:
        return True
    gate: FloodGate = context.application.bot_data.setdefault(
        "flood", FloodGate(context.core.settings.flood_limit, clock=context.core.clock)
    )
    verdict = gate.check(context.visitor.pseudonym)
    if verdict == "slow":
        log.info("flood control: a visitor was slowed down")
        await say(context, update.effective_chat.id, Screen(context.t("flood.slow_down")))
    return verdict == "ok"


async def route_edit(update: Update, context: BotContext) -> None:
    """Edits are relayed as edits of the copy; outside a chat they need no answer."""
    await relay.on_edit(update, context)
