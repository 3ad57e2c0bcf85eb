"""The end of a chat: closing it (either side), the rating, and the timeout sweep (a job,
rebuilt from the database at every start)."""

from __future__ import annotations

import logging

from telegram import Bot, Update
from telegram.error import TelegramError
from telegram.ext import Application

from bot import crisis_reply, screens
from bot.callbacks import Action
from bot.core import Core
from bot.relay import REQUEUE_REASONS, Session
from bot.screens import Button, Screen
from handlers.common import (
    BotContext,
    answer_query,
    deliver,
    say,
    send_screen,
    show,
)
from handlers.queue import alert_seniors, refresh_queue

log = logging.getLogger(__name__)


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


async def end_button(update: Update, context: BotContext) -> None:
    """The *End this chat* button asks first: a slip of the thumb must not end a chat."""
    core, visitor = context.core, context.visitor
    assert visitor is not None
    await answer_query(update)
    session = await core.relay.session_of_visitor(visitor.pseudonym)
    if session is None:
        await show(context, update, screens.simple(context.loc, "relay.no_chat"))
        return
    # A new message, so the chat's own message keeps its End this chat button for later.
    await say(
        context,
        update.effective_chat.id,
        Screen(
            context.t("relay.end_confirm", volunteer=session.volunteer_alias),
            [
                [Button(context.t("button.end_yes"), Action("endchat", str(session.id)))],
                [Button(context.t("button.end_no"), Action("endchat", "no"))],
            ],
        ),
    )


async def end_confirmed(update: Update, context: BotContext, arg: str) -> bool:
    """Yes (this chat, if it is still theirs and open) or no. Stale or forged: "expired"."""
    core, visitor = context.core, context.visitor
    assert visitor is not None
    if arg == "no":
        await answer_query(update)
        await show(context, update, screens.simple(context.loc, "relay.end_kept"))
        return True
    session = await core.relay.session_of_visitor(visitor.pseudonym)
    if session is None or str(session.id) != arg:
        return False
    await answer_query(update)
    question = context.t("relay.end_confirm", volunteer=session.volunteer_alias)
    await show(context, update, Screen(question))  # answered: its buttons go
    await end_session(context.bot, core, session, "visitor")
    return True


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


async def own_session(context: BotContext, update: Update) -> Session | None:
    """The chat a volunteer means (None, after telling them, if they have none, or after
    asking which one, if they have several and did not reply to one)."""
    assert context.visitor is not None
    sessions = await context.core.relay.sessions_of_volunteer(context.visitor.pseudonym)
    if not sessions:
        await show(context, update, Screen(context.t("relay.no_chat")))
        return None
    return await pick_session(context, update, sessions)


async def rate(update: Update, context: BotContext, arg: str) -> bool:
    """A one-tap anonymous rating; only the visitor of that session, once."""
    session_id, rating = (int(x) for x in arg.split("-"))
    assert context.visitor is not None
    if not await context.core.relay.rate(session_id, context.visitor.pseudonym, rating):
        return False
    await answer_query(update, context.t("rating.thanks"))
    await show(context, update, screens.simple(context.loc, "rating.thanks"))
    return True


async def _close_quietly(bot: Bot, core: Core, session: Session) -> None:
    """An urgent chat that went quiet: contacts and how to come back, never a rating."""
    contact = await core.contact(session.visitor)
    if contact is None or contact.prefs is None:
        return
    loc = core.content.current.locale(contact.prefs.locale)
    for screen in crisis_reply.quiet_close(loc, contact.prefs.country):
        try:
            await send_screen(
                bot,
                core,
                contact.chat_id,
                screen,
                loc=loc,
                prefs=contact.prefs,
                remember=contact.pseudonym,
            )
        except TelegramError as exc:
            log.warning("a closing message could not be sent: %s", type(exc).__name__)
            return


async def sweep(application: Application) -> None:
    core: Core = application.bot_data["core"]
    result = await core.relay.sweep()
    await deliver(application.bot, core, result.notices)
    for session in result.ended:
        reason = session.end_reason or "idle"
        if reason == "quiet":
            await _close_quietly(application.bot, core, session)
        await deliver(application.bot, core, await core.relay.after_close(session, reason))
    for session in result.absent:  # volunteers alerted once below, not once per chat
        await deliver(
            application.bot, core, await core.relay.close(session, "absent", alert=False) or []
        )
    if result.absent:
        await deliver(application.bot, core, await core.relay.alert_waiting())
        await refresh_queue(application.bot, core)
    if result.queue_changed:
        await refresh_queue(application.bot, core)
    await deliver(application.bot, core, await core.relay.due_alerts())  # held back (flood)
    # Someone at risk waits and the last volunteer has gone: those who run the service are told
    # (once an hour per visitor, one alert however many wait).
    unserved = [
        v for v in await core.relay.unserved_urgent() if core.relay.first_signal(v, None, "alert")
    ]
    if unserved:
        await alert_seniors(application.bot, core)
