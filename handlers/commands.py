"""The command menus Telegram shows: per language for everyone, per chat for each role.

Visitors see the visitor menu in their language. Volunteers, supervisors and admins get a menu
for their own chat (`BotCommandScopeChat`) listing what their role adds, refreshed whenever
their role changes. A menu is a convenience, never an authority: every command checks the
role when it arrives.
"""

from __future__ import annotations

import hashlib
import json
import logging

from telegram import Bot, BotCommand, BotCommandScopeAllPrivateChats, BotCommandScopeChat
from telegram.error import TelegramError
from telegram.ext import Application

from bot.admin import RANK, Role, role_of
from bot.content.i18n import t
from bot.content.loader import Content
from bot.content.model import LocaleContent
from bot.core import Core

log = logging.getLogger(__name__)

VISITOR_COMMANDS = ("start", "crisis", "talk", "settings", "language", "help", "exit", "forget")
ROLE_COMMANDS: dict[str, tuple[str, ...]] = {
    "volunteer": (
        "duty",
        "queue",
        "next",
        "end",
        "canned",
        "practice",
        "transfer",
        "mentor",
        "escalate",
        "block",
        "note",
        "notes",
        "languages",
    ),
    "supervisor": ("join", "takeover"),
    "admin": (
        "invite",
        "signoff",
        "revoke",
        "volunteers",
        "promote",
        "demote",
        "stats",
        "audit",
        "blocks",
        "unblock",
        "reload",
        "rollback",
    ),
}


def command_list(loc: LocaleContent, role: Role = "visitor") -> list[BotCommand]:
    names = list(VISITOR_COMMANDS)
    for level in ("volunteer", "supervisor", "admin"):
        if RANK[role] >= RANK[level]:
            names += ROLE_COMMANDS[level]
    return [BotCommand(name, t(loc, f"commands.{name}")) for name in names]


def menu_languages(content: Content) -> dict[str, str]:
    """Telegram's two-letter language code -> the locale whose menu its users see: one per
    language present. Telegram scopes menus by ISO 639-1 language only, so a regional variant
    (`pt-PT`, `zh-Hant`) shares its language's base menu until the person picks it; their
    chat's own menu follows their choice from then on (`refresh_person`, `_set_chat_commands`)."""
    languages = {code.replace("_", "-").split("-")[0].lower() for code in content.locales}
    return {
        language: content.match_language(language)
        for language in sorted(languages)
        if len(language) == 2 and language.isalpha()
    }


async def publish_commands(
    application: Application, content: Content, *, unless_published: bool = False
) -> None:
    """The default menu in the default locale, and one per language present.

    Telegram keeps menus between restarts, so a start (`unless_published`) sends nothing when
    this bot already published exactly these menus: a dozen calls saved on every restart.
    /reload and content changes always publish."""
    core: Core = application.bot_data["core"]
    menus = [(None, command_list(content.locale(None)))]
    menus += [
        (lang, command_list(content.locale(code))) for lang, code in menu_languages(content).items()
    ]
    digest = hashlib.sha256(
        json.dumps(
            [
                application.bot.id,
                [(lang, [(c.command, c.description) for c in cmds]) for lang, cmds in menus],
            ],
            ensure_ascii=False,
        ).encode()
    ).digest()
    if unless_published and await core.menus_published() == digest:
        return
    scope = BotCommandScopeAllPrivateChats()
    try:
        for language, commands in menus:
            await application.bot.set_my_commands(commands, scope=scope, language_code=language)
    except TelegramError as exc:
        log.warning("could not publish command menus: %s", type(exc).__name__)
        return
    await core.mark_menus_published(digest)


async def refresh_person(bot: Bot, core: Core, pseudonym: bytes) -> None:
    """Set one person's chat menu to match their role (and language) right now."""
    contact = await core.contact(pseudonym)
    if contact is None:
        return
    staff = await core.staff.get(pseudonym)
    role = role_of(pseudonym, staff, core.admin_pseudonyms)
    loc = core.content.current.locale(contact.prefs.locale if contact.prefs else None)
    scope = BotCommandScopeChat(contact.chat_id)
    try:
        await bot.set_my_commands(command_list(loc, role), scope=scope)
    except TelegramError as exc:
        log.info("could not set a chat's command menu: %s", type(exc).__name__)


async def publish_role_menus(bot: Bot, core: Core) -> None:
    """Every active staff member's menu, and the admins named in settings (after the words
    change; Telegram keeps each chat's menu between restarts, so start-up needs none of this)."""
    people = {s.pseudonym for s in await core.staff.all() if s.active}
    people |= set(core.admin_pseudonyms)
    for pseudonym in people:
        await refresh_person(bot, core, pseudonym)
