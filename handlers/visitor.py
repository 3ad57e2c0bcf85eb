"""The visitor's journey: menu, self-esteem, guide, crisis contacts, settings, exit, forget.

Handlers are thin: they read the update, ask `bot.screens` for what to show and `bot.visitors`
to remember preferences, and send the result through `handlers.common`.
"""

from __future__ import annotations

import logging

from telegram import BotCommandScopeChat, Update
from telegram.error import TelegramError

from bot import languages as bot_languages
from bot import screens
from bot.callbacks import Action, parse
from bot.crisis_screens import OTHER_COUNTRY
from bot.staff import INVITE_PREFIX
from bot.visitors import NO_COUNTRY, Visitor
from handlers import (
    admin,
    content_admin,
    ending,
    languages,
    mentoring,
    queue,
    supervisor,
    topics,
    volunteer,
)
from handlers.commands import command_list, refresh_person
from handlers.common import BotContext, answer_query, say, show

log = logging.getLogger(__name__)

DEEP_LINKS = {"crisis", "guide", "resources", "talk"}


def _visitor(context: BotContext) -> Visitor:
    assert context.visitor is not None and context.user_id is not None
    return context.visitor


async def start(update: Update, context: BotContext) -> None:
    """`/start`, optionally with a deep link: `/start crisis|guide|resources|talk`."""
    visitor = _visitor(context)
    payload = context.args[0] if context.args else ""
    if payload.startswith(INVITE_PREFIX):
        await volunteer.redeem_invite(update, context, payload)
        return
    payload = payload.lower()
    if context.role != "visitor":  # their own command menu, e.g. an admin named in settings
        await refresh_person(context.bot, context.core, visitor.pseudonym)
    first_time = not visitor.prefs.welcomed
    if first_time:
        context.visitor = await context.core.visitors.update(
            context.user_id, visitor, welcomed=True
        )
    if payload in DEEP_LINKS:
        if first_time:
            await say(context, update.effective_chat.id, screens.Screen(context.t("privacy.note")))
        await open_section(update, context, payload)
        return
    menu = screens.main_menu(context.loc, first_time=first_time)
    await say(context, update.effective_chat.id, menu)


async def open_section(update: Update, context: BotContext, name: str) -> None:
    loc = context.loc
    if name == "crisis":
        screen = screens.crisis(loc, _visitor(context).prefs.country)
    elif name == "guide":
        screen = screens.guide(loc, 0)
    elif name == "resources":
        screen = screens.self_esteem(loc, 0)
    elif name == "talk":
        await queue.talk(update, context)
        return
    elif name == "settings":
        screen = screens.settings(loc, _visitor(context).prefs)
    elif name == "language":
        screen = screens.language_picker(loc, list(context.core.content.current.locales.values()))
    else:
        screen = screens.main_menu(loc)
    assert screen is not None
    await show(context, update, screen)


async def command(update: Update, context: BotContext) -> None:
    """`/menu`, `/crisis`, `/talk`, `/settings`, `/language`, `/guide`, `/resources`."""
    assert update.message is not None and update.message.text is not None
    name = update.message.text.split()[0].lstrip("/").split("@")[0].lower()
    await open_section(update, context, name)


async def help_command(update: Update, context: BotContext) -> None:
    """What the bot can do; volunteers and admins also see their own commands."""
    parts = [context.t("help.text")]
    if context.staff is not None and context.staff.active:
        parts.append(context.t("help.volunteer"))
    if context.has_role("supervisor"):
        parts.append(context.t("help.supervisor"))
    if context.has_role("admin"):
        parts.append(context.t("help.admin"))
    screen = screens.simple(context.loc, "help.text")
    await show(context, update, screens.Screen("\n\n".join(parts), screen.rows))


async def exit_command(update: Update, context: BotContext) -> None:
    await quick_exit(update, context, forget=False)


async def forget_command(update: Update, context: BotContext) -> None:
    await show(context, update, screens.forget_confirm(context.loc))


async def quick_exit(update: Update, context: BotContext, *, forget: bool) -> None:
    """Delete every message of this chat that Telegram still allows, then one neutral line.

    Visitors and volunteers alike: a volunteer's chats go back to the queue (the visitor keeps
    their place and is told kindly) and their shift ends, so no alert follows. With `forget`,
    every row about the visitor is deleted too, and nothing new is remembered.
    """
    visitor = _visitor(context)
    core = context.core
    chat_id = update.effective_chat.id
    neutral = context.t("exit.neutral")
    # The fence (bot.fence): from here on nothing new lands in this chat. What is known is
    # deleted at once; copies that were on the wire then land (and are noted), and go too;
    # the neutral line comes last. Only what was deleted is forgotten: ids noted meanwhile
    # (typed, or a copy recorded late), and those of a batch Telegram refused, stay for the
    # next exit.
    async with core.fence.wipe(visitor.pseudonym) as settled:
        await _leave_everything(context, visitor.pseudonym)
        core.relay.answers_wiped(visitor.pseudonym)  # contacts gone: sent again next time
        if context.staff is not None:  # a practice chat ends too (its lines go below)
            await core.practice.stop(context.staff.id)
        tried = await core.visitors.deletable_messages(visitor.pseudonym)
        deleted = await _delete(context, chat_id, tried)
        if await settled():
            ids = await core.visitors.deletable_messages(visitor.pseudonym)
            deleted += await _delete(context, chat_id, sorted(set(ids) - set(tried)))
        if forget or context.role != "visitor":
            await _neutral_menu(context, chat_id)
        if forget:
            await core.forget(visitor.pseudonym, deleted)
            context.visitor = None
            try:
                await context.bot.send_message(chat_id, neutral)
            except TelegramError:
                pass
            return
        await core.visitors.clear_messages(visitor.pseudonym, deleted)
        try:
            sent = await context.bot.send_message(chat_id, neutral)
            await core.visitors.remember_message(visitor.pseudonym, sent.message_id)
        except TelegramError:
            pass


async def _delete(context: BotContext, chat_id: int, ids: list[int]) -> list[int]:
    """Delete these messages in batches of 100; the ids of those deleted."""
    deleted: list[int] = []
    for start_at in range(0, len(ids), 100):
        batch = ids[start_at : start_at + 100]
        try:
            await context.bot.delete_messages(chat_id, batch)
            deleted.extend(batch)
        except TelegramError as exc:
            log.warning("quick exit: a batch could not be deleted: %s", type(exc).__name__)
    return deleted


async def _leave_everything(context: BotContext, pseudonym: bytes) -> None:
    """End whatever this person is part of: their chat or queue place as a visitor; as a
    volunteer, their shift (first, so no "someone is waiting" follows), their chats (handed
    back to the queue) and any chat they read along."""
    core = context.core
    staff = context.staff
    if staff is not None:
        if staff.on_duty:
            await core.staff.set_duty(staff, False)
        sessions = await core.relay.sessions_of_volunteer(pseudonym)
        for session in sessions:
            await ending.end_session(context.bot, core, session, "handback")
        await core.relay.stop_observing(pseudonym)
        if staff.on_duty:
            await volunteer.after_off_duty(context, told={s.visitor for s in sessions})
    await mentoring.left(context, pseudonym)  # a request withdrawn, a volunteer's ended
    session = await core.relay.session_of_visitor(pseudonym)
    if session is not None:
        await ending.end_session(context.bot, core, session, "exit")
    if await core.relay.cancel(pseudonym):
        await queue.refresh_queue(context.bot, core)


async def _neutral_menu(context: BotContext, chat_id: int) -> None:
    """This chat's own command menu goes (a volunteer's lists their role; a visitor's, their
    chosen language): the chat falls back to the neutral visitor menu. /start brings a
    volunteer's back."""
    try:
        await context.bot.delete_my_commands(scope=BotCommandScopeChat(chat_id))
    except TelegramError as exc:
        log.info("could not reset a chat's command menu: %s", type(exc).__name__)


async def button(update: Update, context: BotContext) -> None:
    """Every inline button of the visitor's screens. Forged or stale data gets the menu."""
    query = update.callback_query
    assert query is not None
    action = parse(query.data)
    if action is None or not await _handle_action(update, context, action):
        await answer_query(update, context.t("expired.button"))
        await say(context, update.effective_chat.id, screens.simple(context.loc, "expired.text"))
        return


async def _handle_action(update: Update, context: BotContext, action: Action) -> bool:
    """Run one button action; False if it cannot apply (a stale or forged button)."""
    core = context.core
    visitor = _visitor(context)
    loc = context.loc
    name, arg = action.name, action.arg
    if name in {"se", "gd"}:
        index = int(arg or 0)
        screen = screens.self_esteem(loc, index) if name == "se" else screens.guide(loc, index)
        if screen is None:
            return False
        await answer_query(update)
        await show(context, update, screen)
        return True
    if name == "country":
        code, from_settings = _from_settings(arg or "")
        if code == "?":
            await answer_query(update)
            await show(context, update, screens.country_picker(loc, from_settings=from_settings))
            return True
        if code not in {NO_COUNTRY, OTHER_COUNTRY} and code not in loc.countries:
            return False  # a forged or outdated code: "that button has expired"
        context.visitor = await core.visitors.update(context.user_id, visitor, country=code)
        await answer_query(update, context.t("settings.saved"))
        if from_settings:  # back where they came from
            await show(context, update, screens.settings(context.loc, context.visitor.prefs))
        else:
            await show(context, update, screens.crisis(context.loc, code))
        return True
    if name == "region":
        code, from_settings = _from_settings(arg or "")
        screen = screens.region_picker(loc, code, from_settings=from_settings)
        if screen is None:
            return False
        await answer_query(update)
        await show(context, update, screen)
        return True
    if name == "discreet":
        context.visitor = await core.visitors.update(context.user_id, visitor, discreet=arg == "on")
        await answer_query(update, context.t("settings.saved"))
        await show(context, update, screens.settings(context.loc, context.visitor.prefs))
        return True
    if name == "lang":
        if arg is not None and arg.startswith("?"):  # the picker, "?" or a page "?1"
            await answer_query(update)
            page = int(arg[1:]) if arg[1:].isdigit() else 0
            locales = list(core.content.current.locales.values())
            await show(context, update, screens.language_picker(context.loc, locales, page))
            return True
        if arg not in core.content.current.locales:
            return False
        context.visitor = await core.visitors.update(context.user_id, visitor, locale=arg)
        if await core.relay.place(visitor.pseudonym) is not None:  # waiting: in this language now
            await core.relay.set_visitor_language(
                visitor.pseudonym, bot_languages.base_language(core.content.current, arg)
            )
        await answer_query(update, context.t("language.changed"))
        await _set_chat_commands(update, context)
        await show(context, update, screens.main_menu(context.loc))
        return True
    if name == "forget":
        await answer_query(update)
        if arg == "yes":
            await quick_exit(update, context, forget=True)
        elif arg == "no":
            await show(context, update, screens.simple(loc, "forget.kept"))
        else:
            await show(context, update, screens.forget_confirm(loc))
        return True
    if name == "exit":
        await answer_query(update)
        await quick_exit(update, context, forget=False)
        return True
    if name == "help":
        await answer_query(update)
        await show(context, update, screens.simple(loc, "help.text"))
        return True
    if name == "urgent":
        await answer_query(update)
        await queue.talk(update, context, urgent=True)
        return True
    if name == "consent":
        await answer_query(update)
        await queue.consent(update, context)
        return True
    if name == "cancel":
        await answer_query(update)
        await queue.cancel(update, context)
        return True
    if name == "here":
        await answer_query(update)
        await queue.still_here(update, context)
        return True
    if name == "end":
        await ending.end_button(update, context)
        return True
    if name == "endchat":
        return await ending.end_confirmed(update, context, arg or "")
    if name == "block":
        return await supervisor.block_button(update, context, arg or "")
    if name == "revoke":
        return await admin.revoke_button(update, context, arg or "")
    if name == "anylang":
        await languages.any_language(update, context)
        return True
    if name == "langs":
        return await languages.languages_button(update, context, arg or "")
    if name == "rate":
        return await ending.rate(update, context, arg or "")
    if name == "tp":
        return await topics.on_button(update, context, arg or "")
    if name == "duty":
        return await volunteer.duty_choice(update, context, arg or "")
    if name == "signoff":
        return await admin.signoff_button(update, context, arg or "")
    if name == "content":
        return await content_admin.on_button(update, context, arg or "")
    if name == "role":
        return await admin.role_button(update, context, arg or "")
    names = {"menu": "menu", "crisis": "crisis", "talk": "talk", "settings": "settings"}
    if name in names:
        await answer_query(update)
        await open_section(update, context, names[name])
        return True
    return False


def _from_settings(arg: str) -> tuple[str, bool]:
    """A picker's argument without its "opened from Settings" mark, and whether it had one."""
    if arg.endswith(screens.FROM_SETTINGS):
        return arg[: -len(screens.FROM_SETTINGS)], True
    return arg, False


async def _set_chat_commands(update: Update, context: BotContext) -> None:
    """After a language change, this chat's command menu follows the chosen language."""
    try:
        await context.bot.set_my_commands(
            command_list(context.loc, context.role),
            scope=BotCommandScopeChat(update.effective_chat.id),
        )
    except TelegramError as exc:
        log.warning("could not set a chat's command menu: %s", type(exc).__name__)
