"""The command menus Telegram shows, per language (`set_my_commands`)."""

from __future__ import annotations

import logging

from telegram import BotCommand, BotCommandScopeAllPrivateChats
from telegram.error import TelegramError
from telegram.ext import Application

from bot.content.i18n import t
from bot.content.loader import Content
from bot.content.model import LocaleContent

log = logging.getLogger(__name__)

VISITOR_COMMANDS = ("start", "crisis", "talk", "settings", "language", "help", "exit", "forget")


def command_list(loc: LocaleContent) -> list[BotCommand]:
    return [BotCommand(name, t(loc, f"commands.{name}")) for name in VISITOR_COMMANDS]


async def publish_commands(application: Application, content: Content) -> None:
    """The default menu in the default locale, and one per other locale by language code."""
    scope = BotCommandScopeAllPrivateChats()
    try:
        default = content.locale(None)
        await application.bot.set_my_commands(command_list(default), scope=scope)
        for code, loc in content.locales.items():
            if "-" not in code and "_" not in code:
                await application.bot.set_my_commands(
                    command_list(loc), scope=scope, language_code=code
                )
    except TelegramError as exc:
        log.warning("could not publish command menus: %s", type(exc).__name__)
