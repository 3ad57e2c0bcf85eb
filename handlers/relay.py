"""The anonymous relay, seen from Telegram: talking, waiting, messages both ways, the end.

Neither side ever learns the other's Telegram identity: messages are re-sent by the bot with
`copy_message` (never `forward_message`) under `protect_content`, and each side sees only a
per-session alias. Each relayed message is claimed in the database before it is sent and
completed after, so a redelivered update is never relayed twice.
"""

from __future__ import annotations

import logging

from telegram import Message, ReplyParameters, Update
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.content.i18n import t
from bot.core import Contact, Core
from bot.relay import Session, Side
from bot.screens import Screen, split_text
from handlers.carry import (
    NEVER_RELAYED,
    Abandoned,
    Words,
    carry,
    media_kind,
    patiently,
    screened,
    utf16_len,
    without_accounts,
)
from handlers.common import (
    BotContext,
    say,
)
from handlers.ending import end_session, pick_session
from handlers.held import not_holdable, pass_on_held, visitor_turn

log = logging.getLogger(__name__)


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
    words = _scrubbed(message) if origin == "volunteer" else None
    if words is not None:
        nothing_left = not words[0].strip() and message.text is not None
        key = "volunteer.account_link_only" if nothing_left else "volunteer.account_link_removed"
        await say(context, message.chat_id, Screen(context.t(key)))
        if nothing_left:
            await core.relay.release(session, origin, message.message_id)
            return

    async def still_open() -> bool:
        current = await core.relay.session(session.id)
        return current is not None and current.status == "active"

    try:
        # Every attempt asks whether the chat still stands, and what lands is noted under the
        # other side at once (whoever they are), so their quick exit finds it (bot.fence).
        with core.fence.delivery(contact.pseudonym, still_open) as delivery:
            copy_ids = await patiently(
                lambda: carry(
                    context.bot,
                    contact.chat_id,
                    message,
                    prefix=prefix,
                    reply=reply,
                    words=words,
                    delivery=delivery,
                ),
                still_open,
            )
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
    await core.relay.record_copy(session, origin, message.message_id, copy_ids[0])
    core.metrics.relayed_one(
        "to_volunteer" if origin == "visitor" else "to_visitor",
        core.clock() - message.date.timestamp() if message.date else None,
    )
    if session.observer is not None:
        await _copy_to_observer(context, session, origin, message)


def _scrubbed(message: Message) -> Words | None:
    """A volunteer's text or caption without visible Telegram links and @names (None if it
    has none): opened on a visitor's phone, such a link lets an account learn who they are."""
    if message.text is not None:
        return without_accounts(message.text, message.entities)
    if message.caption:
        return without_accounts(message.caption, message.caption_entities)
    return None


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
        with context.core.fence.delivery(observer.pseudonym) as delivery:
            if message.text:
                for part in split_text(f"{who}: {message.text}"):  # the label may push it over
                    await context.bot.send_message(
                        contact.chat_id, part, protect_content=True, rate_limit_args=delivery
                    )
            else:
                await context.bot.send_message(
                    contact.chat_id, f"{who}:", protect_content=True, rate_limit_args=delivery
                )
                await carry(context.bot, contact.chat_id, message, delivery=delivery)
    except Abandoned:
        pass  # the supervisor is wiping their chat (a quick exit)
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
    text, entities = message.text, list(message.entities)
    words = _scrubbed(message) if origin == "volunteer" else None
    if words is not None:
        text, entities = words
        if not text.strip():
            await say(context, message.chat_id, Screen(context.t("volunteer.account_link_only")))
            return
        await say(context, message.chat_id, Screen(context.t("volunteer.account_link_removed")))
    parts = split_text(prefix + text)  # a copy that was split: its first part changes
    try:
        await context.bot.edit_message_text(
            parts[0],
            chat_id=contact.chat_id,
            message_id=copy_id,
            entities=screened(tuple(entities), utf16_len(prefix)) if len(parts) == 1 else None,
        )
    except BadRequest:
        pass  # unchanged, or the copy was deleted (a quick exit)


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
        refusal = not_holdable(core, message)
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
        refusal = not_holdable(core, message)
        if refusal is not None:
            await core.relay.passed_on(visitor.pseudonym, message.message_id)  # not held now
            await say(context, message.chat_id, Screen(context.t(refusal)))
