"""Answers for everything no feature handler took: never silence, never a crash.

Unknown commands, and privileged commands from someone without the role, get the very same
answer, so the bot reveals nothing about which commands or roles exist.
"""

from __future__ import annotations

from telegram import Update

from bot import screens
from handlers.common import BotContext, show


async def unknown_command(update: Update, context: BotContext) -> None:
    await show(context, update, screens.simple(context.loc, "unknown.command"))


async def free_text(update: Update, context: BotContext) -> None:
    await show(context, update, screens.simple(context.loc, "unknown.text"))


async def unsupported_media(update: Update, context: BotContext) -> None:
    await show(context, update, screens.simple(context.loc, "unknown.media"))
