"""What every handler shares: the context type, and showing words to people.

Sending goes through `send_screen()` (and `say()`/`show()`/`deliver()` built on it) so that
four rules hold everywhere: a visitor's discreet first line is applied, every screen a visitor
reads keeps the Urgent help button (`urgent_help`; notices get it from
`bot.relay.visitor_notice`), long texts are split under Telegram's limit, and every message the
bot leaves in a visitor's chat is remembered (by pseudonym, for 48 hours) so a quick exit can
delete it. The quick exit's neutral line goes out on its own, bare, on purpose.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable, Iterable
from functools import wraps

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application, CallbackContext, ExtBot

from bot import topics
from bot.admin import Role, actor_alias
from bot.callbacks import Action
from bot.content.i18n import t
from bot.content.model import LocaleContent
from bot.core import Contact, Core
from bot.fence import Abandoned
from bot.hours_text import closed_note
from bot.relay import Notice
from bot.screens import Button, Screen, split_text
from bot.staff import Staff
from bot.visitors import Prefs, Visitor

log = logging.getLogger(__name__)


class BotContext(CallbackContext[ExtBot[None], dict, dict, dict]):  # type: ignore[type-arg]
    """PTB's context, plus the core and the person this update comes from.

    PTB builds one context per update and reuses it across handler groups, so the visitor
    (and staff role) loaded by the pre-handler in group -2 is there for the feature handlers.
    """

    def __init__(
        self, application: Application, chat_id: int | None = None, user_id: int | None = None
    ) -> None:
        super().__init__(application, chat_id=chat_id, user_id=user_id)
        self.visitor: Visitor | None = None
        self.staff: Staff | None = None
        self.role: Role = "visitor"
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

    def has_role(self, role: Role) -> bool:
        """At least this role, as loaded from the database when the update arrived."""
        from bot.admin import RANK

        return RANK[self.role] >= RANK[role]

    @property
    def actor(self) -> str:
        """This person's name in the audit log."""
        assert self.visitor is not None
        return actor_alias(self.visitor.pseudonym, self.staff)


# A screen with one of these already offers help: Urgent help itself, or it is part of the
# crisis answer (choosing a region or country, talking to a volunteer now).
CRISIS_ACTIONS = frozenset({"crisis", "region", "country", "urgent"})


def urgent_help(loc: LocaleContent, screen: Screen) -> Screen:
    """The screen with the Urgent help button as its last row, unless it already offers help."""
    if any(button.action.name in CRISIS_ACTIONS for row in screen.rows for button in row):
        return screen
    return Screen(screen.text, [*screen.rows, [Button(t(loc, "button.crisis"), Action("crisis"))]])


def for_reader(context: BotContext, screen: Screen) -> Screen:
    """What this person reads: a visitor's screens keep Urgent help; staff texts (a volunteer
    still choosing an alias or waiting to be signed off included) stay as they are."""
    staff = context.staff
    if context.role != "visitor" or (staff is not None and staff.status in ("naming", "pending")):
        return screen
    return urgent_help(context.loc, screen)


def keyboard(screen: Screen) -> InlineKeyboardMarkup | None:
    rows = [
        [InlineKeyboardButton(b.label, callback_data=b.action.encode()) for b in row]
        for row in screen.rows
        if row
    ]
    return InlineKeyboardMarkup(rows) if rows else None


def decorate(loc: LocaleContent, prefs: Prefs | None, text: str) -> str:
    """Discreet previews: a neutral first line, so a lock-screen notification reveals nothing."""
    if prefs is None or prefs.discreet:
        return f"{t(loc, 'discreet.first_line')}\n{text}"
    return text


async def send_screen(
    bot: Bot,
    core: Core,
    chat_id: int,
    screen: Screen,
    *,
    loc: LocaleContent,
    prefs: Prefs | None,
    remember: bytes | None,
) -> Message | None:
    """Send a screen as one or more new messages (the last carries the buttons).

    `remember`: the pseudonym whose quick exit should be able to delete these messages.
    """
    parts = split_text(decorate(loc, prefs, screen.text))
    last: Message | None = None
    try:
        with contextlib.ExitStack() as stack:
            # Noted under `remember` as each part lands; refused while that chat is wiped.
            delivery = stack.enter_context(core.fence.delivery(remember)) if remember else None
            for i, part in enumerate(parts):
                markup = keyboard(screen) if i == len(parts) - 1 else None
                last = await bot.send_message(
                    chat_id, part, reply_markup=markup, rate_limit_args=delivery
                )
    except Forbidden:
        log.info("a chat has blocked the bot; message not sent")
        return None
    except Abandoned:
        return None  # that person is wiping their chat (a quick exit): it would stay behind
    return last


async def say(
    context: BotContext, chat_id: int, screen: Screen, *, remember: bool = True
) -> Message | None:
    """Send a screen to the person this update comes from (a visitor's keeps Urgent help)."""
    visitor = context.visitor
    return await send_screen(
        context.bot,
        context.core,
        chat_id,
        for_reader(context, screen),
        loc=context.loc,
        prefs=visitor.prefs if visitor else None,
        remember=visitor.pseudonym if visitor and remember else None,
    )


async def show(context: BotContext, update: Update, screen: Screen) -> Message | None:
    """Show a screen: edit the message whose button was pressed, else send a new one."""
    query = update.callback_query
    chat = update.effective_chat
    if chat is None:
        return None
    screen = for_reader(context, screen)
    prefs = context.visitor.prefs if context.visitor else None
    text = decorate(context.loc, prefs, screen.text)
    if query is not None and isinstance(query.message, Message) and len(split_text(text)) == 1:
        try:
            edited = await context.bot.edit_message_text(
                text,
                chat_id=chat.id,
                message_id=query.message.message_id,
                reply_markup=keyboard(screen),
            )
            return edited if isinstance(edited, Message) else None
        except BadRequest as exc:
            if "not modified" in exc.message.lower():
                return query.message
            # the message is gone or too old to edit: send a fresh one below
        except Forbidden:
            return None
    return await say(context, chat.id, screen)


def notice_screen(loc: LocaleContent, notice: Notice) -> Screen:
    if notice.key == topics.ASK_KEY:  # toggle buttons built from the content's topic list
        return topics.screen(loc, int(str(notice.values["chat"])))
    rows = [[Button(t(loc, label), action) for label, action in row] for row in notice.buttons]
    return Screen(t(loc, notice.key, **notice.values), rows)


async def deliver_one(bot: Bot, core: Core, notice: Notice) -> tuple[Contact, Message] | None:
    """Tell one person something, in their language, wherever they are."""
    contact = await core.contact(notice.to)
    if contact is None:
        return None
    loc = core.content.current.locale(contact.prefs.locale if contact.prefs else None)
    screen = notice_screen(loc, notice)
    if notice.key == "queue.nobody_now":  # the last volunteer left: and when it opens next
        country = contact.prefs.country if contact.prefs else None
        opens = closed_note(loc, core.content.current.service, core.clock(), country)
        if opens:
            screen = Screen(f"{screen.text}\n{opens}", screen.rows)
    try:
        sent = await send_screen(
            bot,
            core,
            contact.chat_id,
            screen,
            loc=loc,
            prefs=contact.prefs,
            remember=contact.pseudonym,
        )
    except TelegramError as exc:
        log.warning("a notice could not be delivered: %s", type(exc).__name__)
        return None
    return None if sent is None else (contact, sent)


async def deliver(bot: Bot, core: Core, notices: Iterable[Notice]) -> None:
    for notice in notices:
        await deliver_one(bot, core, notice)


async def answer_query(update: Update, text: str | None = None) -> None:
    """Stop the button's spinner; a late or repeated answer is harmless."""
    if update.callback_query is not None:
        try:
            await update.callback_query.answer(text)
        except TelegramError:
            pass


Handler = Callable[[Update, BotContext], Awaitable[None]]


def requires(role: Role) -> Callable[[Handler], Handler]:
    """Refuse (exactly like an unknown command) anyone below `role`, checked on arrival."""

    def decorate(handler: Handler) -> Handler:
        @wraps(handler)
        async def guarded(update: Update, context: BotContext) -> None:
            if not context.has_role(role):
                from handlers.fallback import unknown_command  # fallback imports this module

                await unknown_command(update, context)
                return
            await handler(update, context)

        return guarded

    return decorate
