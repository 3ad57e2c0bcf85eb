"""The anonymous relay, seen from Telegram: talking, waiting, messages both ways, the end.

Neither side ever learns the other's Telegram identity: messages are re-sent by the bot with
`copy_message` (never `forward_message`) under `protect_content`, and each side sees only a
per-session alias. Each relayed message is claimed in the database before it is sent and
completed after, so a redelivered update is never relayed twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections.abc import AsyncIterator

from telegram import Bot, Message, ReplyParameters, Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application

from bot import screens
from bot.callbacks import Action
from bot.content.i18n import t
from bot.content.model import LocaleContent
from bot.core import Contact, Core
from bot.relay import REQUEUE_REASONS, Notice, QueuePlace, Session, Side, count_text
from bot.screens import Button, Screen, split_text
from handlers.carry import (
    NEVER_RELAYED,
    Abandoned,
    carry,
    copyable,
    media_kind,
    patiently,
    screened,
    utf16_len,
)
from handlers.common import (
    BotContext,
    answer_query,
    decorate,
    deliver,
    keyboard,
    say,
    show,
)

log = logging.getLogger(__name__)

# --- visitor: asking to talk, waiting ---------------------------------------------------------


def consent_screen(context: BotContext) -> Screen:
    loc = context.loc
    return Screen(
        t(loc, "talk.consent"),
        [
            [Button(t(loc, "button.consent"), Action("consent"))],
            [
                Button(t(loc, "button.menu"), Action("menu")),
                Button(t(loc, "button.crisis"), Action("crisis")),
            ],
        ],
    )


def place_text(loc: LocaleContent, place: QueuePlace) -> str:
    if place.estimate_minutes is None:
        estimate = t(loc, "queue.estimate_unknown")
    elif place.estimate_minutes == 0:
        estimate = t(loc, "queue.estimate_soon")
    elif place.far:  # not everyone ahead was counted: the guess is a floor
        estimate = t(loc, "queue.estimate_long", minutes=place.estimate_minutes)
    else:
        estimate = t(loc, "queue.estimate_minutes", minutes=place.estimate_minutes)
    position = count_text(place.position) if place.far else str(place.position)
    return t(loc, "queue.place", position=position, estimate=estimate)


def place_screen(loc: LocaleContent, place: QueuePlace) -> Screen:
    return Screen(
        place_text(loc, place),
        [
            [Button(t(loc, "button.leave_queue"), Action("cancel"))],
            [
                Button(t(loc, "button.self_esteem"), Action("se", "0")),
                Button(t(loc, "button.crisis"), Action("crisis")),
            ],
        ],
    )


async def talk(update: Update, context: BotContext) -> None:
    """`/talk` and the menu button: where the visitor stands, or the consent note."""
    core, visitor = context.core, context.visitor
    assert visitor is not None
    if await core.relay.session_of_visitor(visitor.pseudonym) is not None:
        await show(context, update, screens.simple(context.loc, "relay.already_in_chat"))
        return
    place = await core.relay.place(visitor.pseudonym)
    if place is not None:
        await _show_place(update, context, place)
        return
    await show(context, update, consent_screen(context))


async def consent(update: Update, context: BotContext) -> None:
    """The visitor accepted the note: join the queue (once, however many taps)."""
    core, visitor = context.core, context.visitor
    assert visitor is not None
    if await core.blocks.is_blocked(visitor.pseudonym):
        loc = context.loc
        await show(
            context,
            update,
            Screen(
                t(loc, "talk.blocked"),
                [
                    [Button(t(loc, "button.crisis"), Action("crisis"))],
                    [Button(t(loc, "button.menu"), Action("menu"))],
                ],
            ),
        )
        return
    result = await core.relay.join(visitor.pseudonym)
    if result.outcome == "in_session":
        await show(context, update, screens.simple(context.loc, "relay.already_in_chat"))
        return
    if result.outcome == "nobody":
        loc = context.loc
        await show(
            context,
            update,
            Screen(
                t(loc, "talk.nobody"),
                [
                    [Button(t(loc, "button.crisis"), Action("crisis"))],
                    [Button(t(loc, "button.self_esteem"), Action("se", "0"))],
                    [Button(t(loc, "button.menu"), Action("menu"))],
                ],
            ),
        )
        return
    assert result.place is not None
    await _show_place(update, context, result.place)
    await deliver(context.bot, core, result.notices)
    if result.place.urgent and result.outcome == "queued":
        await refresh_queue(context.bot, core)  # they went ahead of others


async def _show_place(update: Update, context: BotContext, place: QueuePlace) -> None:
    message = await show(context, update, place_screen(context.loc, place))
    if message is not None:
        await context.core.relay.set_status_msg(place.visitor, message.message_id)


async def cancel(update: Update, context: BotContext) -> None:
    """`/cancel` or the button: leave the queue."""
    core, visitor = context.core, context.visitor
    assert visitor is not None
    if await core.relay.cancel(visitor.pseudonym):
        await show(context, update, screens.simple(context.loc, "queue.left"))
        await refresh_queue(context.bot, core)
    else:
        await show(context, update, screens.simple(context.loc, "queue.not_waiting"))


async def refresh_queue(bot: Bot, core: Core) -> None:
    """Edit the place message of the first waiting visitors after the queue moved."""
    for place in await core.relay.queue_places():
        contact = await core.contact(place.visitor)
        if contact is None or place.status_msg is None:
            continue
        loc = core.content.current.locale(contact.prefs.locale if contact.prefs else None)
        screen = place_screen(loc, place)
        try:
            await bot.edit_message_text(
                decorate(loc, contact.prefs, screen.text),
                chat_id=contact.chat_id,
                message_id=place.status_msg,
                reply_markup=keyboard(screen),
            )
        except BadRequest:
            pass  # unchanged, or deleted by a quick exit: nothing to update
        except TelegramError as exc:
            log.info("a queue place could not be updated: %s", type(exc).__name__)


async def still_here(update: Update, context: BotContext) -> None:
    core, visitor = context.core, context.visitor
    assert visitor is not None
    session = await core.relay.session_of_visitor(visitor.pseudonym)
    if session is not None:
        await core.relay.touch(session, "visitor")
        await show(context, update, Screen(context.t("relay.glad_here")))
        return
    if await core.relay.place(visitor.pseudonym) is not None:
        await core.relay.seen(visitor.pseudonym)
        await show(context, update, Screen(context.t("queue.kept")))
        return
    await show(context, update, screens.simple(context.loc, "relay.no_chat"))


# --- the relay itself --------------------------------------------------------------------------


def _other(session: Session, origin: Side) -> bytes:
    return session.volunteer if origin == "visitor" else session.visitor


async def _reply_target(core: Core, session: Session, origin: Side, message: Message) -> int | None:
    """The message in the other chat that this message answers, if it answers one."""
    replied = message.reply_to_message
    if replied is None:
        return None
    return await core.relay.reply_target(session, origin, replied.message_id)


def _discreet_prefix(core: Core, contact: Contact, origin: Side) -> str:
    """What goes before a volunteer's words in a visitor's chat: the neutral first line."""
    if origin != "volunteer" or (contact.prefs is not None and not contact.prefs.discreet):
        return ""
    loc = core.content.current.locale(contact.prefs.locale if contact.prefs else None)
    return t(loc, "discreet.first_line") + "\n"


async def relay_message(
    context: BotContext, session: Session, origin: Side, message: Message
) -> None:
    """Carry one message to the other side, exactly once."""
    core = context.core
    kind = media_kind(message)
    if kind not in core.settings.relay_media or kind in NEVER_RELAYED:
        key = "relay.media_identifying" if kind in NEVER_RELAYED else "relay.media_refused"
        await say(context, message.chat_id, Screen(context.t(key)))
        return
    # A claim that a previous run made but never completed is sent again: the process died
    # while sending. (If it died in the instant after Telegram accepted the copy, this one is
    # a duplicate: the Bot API has no idempotency key to rule that out; README, Guarantees.)
    if not await core.relay.claim(session, origin, message.message_id):
        return  # already relayed: a replayed update
    contact = await core.contact(_other(session, origin))
    if contact is None:
        await core.relay.release(session, origin, message.message_id)
        await end_session(context.bot, core, session, "gone")
        return
    target = await _reply_target(core, session, origin, message)
    reply = ReplyParameters(target, allow_sending_without_reply=True) if target else None

    prefix = _discreet_prefix(core, contact, origin)

    async def send() -> list[int]:
        return await carry(context.bot, contact.chat_id, message, prefix=prefix, reply=reply)

    async def still_open() -> bool:
        current = await core.relay.session(session.id)
        return current is not None and current.status == "active"

    try:
        copy_ids = await patiently(send, still_open)
    except Abandoned:
        await core.relay.release(session, origin, message.message_id)
        return
    except Forbidden:
        await core.relay.release(session, origin, message.message_id)
        await end_session(
            context.bot,
            core,
            session,
            f"blocked_{'volunteer' if origin == 'visitor' else 'visitor'}",
        )
        return
    except TelegramError as exc:
        # Telegram kept failing for minutes: say so rather than lose the message silently.
        await core.relay.release(session, origin, message.message_id)
        log.warning("a relayed message could not be delivered: %s", type(exc).__name__)
        await say(context, message.chat_id, Screen(context.t("relay.not_delivered")))
        return
    copy_id = copy_ids[0]
    await core.relay.record_copy(session, origin, message.message_id, copy_id)
    if origin == "volunteer":  # at once: a quick exit must find every copy in the chat
        for sent_id in copy_ids:
            await core.visitors.remember_message(session.visitor, sent_id)
    if session.observer is not None:
        await _copy_to_observer(context, session, origin, message)


async def _copy_to_observer(
    context: BotContext, session: Session, origin: Side, message: Message
) -> None:
    """A supervisor reading along gets each message labelled with its sender's alias."""
    observer = await context.core.staff.get(session.observer or b"")
    if observer is None or not observer.supervises:  # the role is checked on every message
        return
    contact = await context.core.contact(observer.pseudonym)
    if contact is None:
        return
    loc = context.core.content.current.locale(contact.prefs.locale if contact.prefs else None)
    who = (
        t(loc, "supervisor.label_visitor", visitor=session.visitor_alias)
        if origin == "visitor"
        else session.volunteer_alias
    )
    try:
        if message.text:
            for part in split_text(f"{who}: {message.text}"):  # the label may push it over
                await context.bot.send_message(contact.chat_id, part, protect_content=True)
        else:
            await context.bot.send_message(contact.chat_id, f"{who}:", protect_content=True)
            await carry(context.bot, contact.chat_id, message)
    except TelegramError as exc:
        log.info("a read-along copy was not delivered: %s", type(exc).__name__)


async def relay_edit(context: BotContext, session: Session, origin: Side, message: Message) -> None:
    """An edit of a relayed text is applied to its copy."""
    core = context.core
    copy_id = await core.relay.copy_of(session, origin, message.message_id)
    if copy_id is None or message.text is None:
        return
    contact = await core.contact(_other(session, origin))
    if contact is None:
        return
    prefix = _discreet_prefix(core, contact, origin)
    parts = split_text(prefix + message.text)  # a copy that was split: its first part changes
    try:
        await context.bot.edit_message_text(
            parts[0],
            chat_id=contact.chat_id,
            message_id=copy_id,
            entities=screened(message.entities, utf16_len(prefix)) if len(parts) == 1 else None,
        )
    except BadRequest:
        pass  # unchanged, or the copy was deleted (a quick exit)


# --- ending ------------------------------------------------------------------------------------


async def end_session(bot: Bot, core: Core, session: Session, reason: str) -> None:
    """Close a chat and tell both sides (idempotent). The visitor is offered a rating."""
    notices = await core.relay.close(session, reason)
    if notices is None:
        return
    await deliver(bot, core, notices)
    if reason in REQUEUE_REASONS:
        await refresh_queue(bot, core)


async def end_command(update: Update, context: BotContext) -> None:
    """`/end` (or the button) from either side."""
    core = context.core
    visitor = context.visitor
    assert visitor is not None
    await answer_query(update)
    if context.staff is not None:
        sessions = await core.relay.sessions_of_volunteer(visitor.pseudonym)
        if sessions:
            session = await pick_session(context, update, sessions)
            if session is not None:
                await end_session(context.bot, core, session, "volunteer")
                await refresh_queue(context.bot, core)
            return
    session = await core.relay.session_of_visitor(visitor.pseudonym)
    if session is None:
        await show(context, update, screens.simple(context.loc, "relay.no_chat"))
        return
    await end_session(context.bot, core, session, "visitor")


async def pick_session(
    context: BotContext, update: Update, sessions: list[Session]
) -> Session | None:
    """A volunteer with several chats says which one by replying to one of its messages."""
    if len(sessions) == 1:
        return sessions[0]
    message = update.effective_message
    replied = message.reply_to_message if message is not None else None
    if replied is not None:
        for session in sessions:
            if await context.core.relay.owns(session, "volunteer", replied.message_id):
                return session
    await say(context, update.effective_chat.id, Screen(context.t("volunteer.which_chat")))
    return None


async def rate(update: Update, context: BotContext, arg: str) -> bool:
    """A one-tap anonymous rating; only the visitor of that session, once."""
    session_id, rating = (int(x) for x in arg.split("-"))
    assert context.visitor is not None
    if not await context.core.relay.rate(session_id, context.visitor.pseudonym, rating):
        return False
    await answer_query(update, context.t("rating.thanks"))
    await show(context, update, screens.simple(context.loc, "rating.thanks"))
    return True


# --- messages from either side -----------------------------------------------------------------


async def on_volunteer_message(update: Update, context: BotContext) -> bool:
    """Relay a volunteer's message to their visitor. False if they have no chat open."""
    message, visitor = update.message, context.visitor
    if message is None or visitor is None or context.staff is None:
        return False
    sessions = await context.core.relay.sessions_of_volunteer(visitor.pseudonym)
    if not sessions:
        return False
    session = await pick_session(context, update, sessions)
    if session is not None:
        await relay_message(context, session, "volunteer", message)
    return True


async def on_visitor_message(update: Update, context: BotContext, *, answered: bool) -> bool:
    """Relay a visitor's message in a chat; while waiting, say it will be read once connected.

    False if the visitor is neither in a chat nor waiting. `answered`: the safety layer has
    already replied, so no second reply is needed while waiting.
    """
    message, visitor = update.message, context.visitor
    if message is None or visitor is None:
        return False
    core = context.core
    # Twice at most: a volunteer may take the visitor between reading "no chat" and "waiting";
    # the second look then finds the chat, and the message is relayed, never dropped.
    for _ in range(2):
        session = await core.relay.session_of_visitor(visitor.pseudonym)
        if session is not None:
            async with visitor_turn(context.application, visitor.pseudonym):
                if core.relay.may_hold(visitor.pseudonym):
                    await pass_on_held(context.bot, core, session)  # what waited goes first
                await relay_message(context, session, "visitor", message)
            return True
        if await core.relay.place(visitor.pseudonym) is None:
            continue
        await core.relay.seen(visitor.pseudonym)
        refusal = _not_holdable(core, message)
        if refusal is not None:
            await say(context, message.chat_id, Screen(context.t(refusal)))
            return True
        first = not await core.relay.held(visitor.pseudonym)
        held = await core.relay.hold(visitor.pseudonym, message.message_id)
        if held == "gone":
            continue
        if held == "full":
            await say(context, message.chat_id, Screen(context.t("queue.held_full")))
        elif first and not answered:
            await say(context, message.chat_id, Screen(context.t("queue.while_waiting")))
        return True
    return False


def _not_holdable(core: Core, message: Message) -> str | None:
    """Why a message written while waiting cannot be held (a text key), or None if it can.

    Held messages are copied later by id (their words are never stored), so they cannot be
    screened then: media the relay does not carry, and formatting that might point at an
    account, are refused now, and again if the message is edited while it waits."""
    kind = media_kind(message)
    if kind in NEVER_RELAYED:
        return "relay.media_identifying"
    if kind not in core.settings.relay_media:
        return "relay.media_refused"
    if not (copyable(message.entities) and copyable(message.caption_entities)):
        return "queue.held_not_plain"
    return None


@contextlib.asynccontextmanager
async def visitor_turn(application: Application, visitor: bytes) -> AsyncIterator[None]:
    """One at a time per visitor: passing on what they wrote while waiting (the volunteer's
    /next) and relaying what they write next (their own update). Both at once, a new message
    could overtake the held ones, or a held one be copied twice."""
    turns: weakref.WeakValueDictionary[bytes, asyncio.Lock] = application.bot_data.setdefault(
        "visitor_turns", weakref.WeakValueDictionary()
    )
    lock = turns.get(visitor)
    if lock is None:
        lock = turns[visitor] = asyncio.Lock()
    async with lock:
        yield


async def pass_on_held(bot: Bot, core: Core, session: Session) -> None:
    """A volunteer took the visitor: what they wrote while waiting reaches them now, in order
    (copied from the visitor's own chat by message id; the text was never stored). Call it in
    the visitor's turn (`visitor_turn`)."""
    held = await core.relay.held(session.visitor)
    if not held:
        core.relay.all_passed_on(session.visitor)
        return
    visitor = await core.contact(session.visitor)
    volunteer = await core.contact(session.volunteer)
    if visitor is None or volunteer is None:
        return
    for message_id in held:
        if await core.relay.claim(session, "visitor", message_id):
            try:
                copied = await patiently(
                    lambda mid=message_id: _copy_ids(bot, volunteer.chat_id, visitor.chat_id, mid)
                )
            except TelegramError as exc:  # deleted by a quick exit, or Telegram trouble
                log.info("a held message was not passed on: %s", type(exc).__name__)
                await core.relay.release(session, "visitor", message_id)
                if not isinstance(exc, BadRequest):  # gone (a quick exit) needs no word
                    await deliver(bot, core, [Notice(session.visitor, "relay.not_delivered")])
            else:
                await core.relay.record_copy(session, "visitor", message_id, copied[0])
        await core.relay.passed_on(session.visitor, message_id)
    core.relay.all_passed_on(session.visitor)


async def _copy_ids(bot: Bot, to_chat: int, from_chat: int, message_id: int) -> list[int]:
    copied = await bot.copy_message(to_chat, from_chat, message_id, protect_content=True)
    return [copied.message_id]


async def on_edit(update: Update, context: BotContext) -> None:
    message = update.edited_message
    visitor = context.visitor
    if message is None or visitor is None:
        return
    core = context.core
    if context.staff is not None:
        for session in await core.relay.sessions_of_volunteer(visitor.pseudonym):
            if await core.relay.copy_of(session, "volunteer", message.message_id) is not None:
                await relay_edit(context, session, "volunteer", message)
                return
    session = await core.relay.session_of_visitor(visitor.pseudonym)
    if session is not None:
        await relay_edit(context, session, "visitor", message)
        return
    # Still waiting: an edit changes what will be copied later, so it is checked again.
    if message.message_id in await core.relay.held(visitor.pseudonym):
        refusal = _not_holdable(core, message)
        if refusal is not None:
            await core.relay.passed_on(visitor.pseudonym, message.message_id)  # not held now
            await say(context, message.chat_id, Screen(context.t(refusal)))


# --- the timeout sweep (a job, rebuilt from the database at every start) ------------------------


async def sweep(application: Application) -> None:
    core: Core = application.bot_data["core"]
    result = await core.relay.sweep()
    await deliver(application.bot, core, result.notices)
    for session in result.ended:
        await deliver(application.bot, core, await core.relay.after_close(session, "idle"))
    for session in result.absent:  # volunteers alerted once below, not once per chat
        await deliver(
            application.bot, core, await core.relay.close(session, "absent", alert=False) or []
        )
    if result.absent:
        await deliver(application.bot, core, await core.relay.alert_waiting())
        await refresh_queue(application.bot, core)
    if result.queue_changed:
        await refresh_queue(application.bot, core)
