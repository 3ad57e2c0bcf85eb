"""Canned replies: a volunteer in a chat picks a short prepared text (`/canned`) and sends it
as is, or has it sent back to copy and change first.

Either way it reaches the visitor through the relay exactly as if typed (`relay_message`):
the same screening, the neutral first line, the claim that makes it go once however often the
button is pressed. The buttons name the replies in the volunteer's language; the words sent
are in the visitor's language (the conversation's), shown in full before anything is sent,
with the volunteer's own version beside them when the two differ.
"""

from __future__ import annotations

import logging

from telegram import Chat, Message, Update
from telegram.error import TelegramError

from bot.callbacks import Action
from bot.content.canned import CannedReply
from bot.fence import Abandoned
from bot.relay import Session
from bot.screens import Button, Screen
from handlers.common import BotContext, answer_query, requires, show
from handlers.ending import own_session
from handlers.relay import relay_message

log = logging.getLogger(__name__)


async def _chat_locale(context: BotContext, session: Session) -> str | None:
    contact = await context.core.contact(session.visitor)
    return contact.prefs.locale if contact and contact.prefs else None


def _picker(context: BotContext, session: Session) -> Screen:
    replies = context.core.content.current.canned_for(context.loc.code)
    rows = [[Button(reply.name, Action("cn", f"p{session.id}.{reply.id}"))] for reply in replies]
    return Screen(context.t("canned.pick", visitor=session.visitor_alias), rows)


@requires("volunteer")
async def canned_command(update: Update, context: BotContext) -> None:
    """`/canned`: the list of canned replies for the chat this volunteer is in."""
    session = await own_session(context, update)
    if session is None:
        return
    if not context.core.content.current.canned_for(context.loc.code):
        await show(context, update, Screen(context.t("canned.none")))
        return
    await show(context, update, _picker(context, session))


async def _their_session(context: BotContext, session_id: int) -> Session | None:
    """The open chat `session_id`, if this volunteer is in it (the role is checked too)."""
    if context.staff is None or not context.staff.active or context.visitor is None:
        return None
    session = await context.core.relay.session(session_id)
    if session is None or session.status != "active":
        return None
    return session if session.volunteer == context.visitor.pseudonym else None


def _find(replies: tuple[CannedReply, ...], reply_id: str) -> CannedReply | None:
    return next((r for r in replies if r.id == reply_id), None)


async def on_button(update: Update, context: BotContext, arg: str) -> bool:
    """The buttons of the picker and the preview. False for a stale or someone else's."""
    what, rest = arg[0], arg[1:]
    chat, _, reply_id = rest.partition(".")
    session = await _their_session(context, int(chat))
    if session is None:
        return False
    content = context.core.content.current
    if what == "l":
        await answer_query(update)
        await show(context, update, _picker(context, session))
        return True
    locale = await _chat_locale(context, session)
    reply = _find(content.canned_for(locale), reply_id)
    own = _find(content.canned_for(context.loc.code), reply_id)
    if reply is None or own is None:
        return False  # the list changed (a /reload) since the button was shown
    await answer_query(update)
    if what == "p":
        await show(context, update, _preview(context, session, reply, own))
    elif what == "s":
        await _send(update, context, session, reply)
    else:
        await _edit_first(update, context, session, reply)
    return True


def _preview(context: BotContext, session: Session, reply: CannedReply, own: CannedReply) -> Screen:
    text = context.t("canned.preview", visitor=session.visitor_alias) + "\n\n" + reply.text
    if own.text != reply.text:
        text += "\n\n" + context.t("canned.in_your_language") + "\n" + own.text
    arg = f"{session.id}.{reply.id}"
    return Screen(
        text,
        [
            [Button(context.t("canned.button_send"), Action("cn", f"s{arg}"))],
            [Button(context.t("canned.button_edit"), Action("cn", f"e{arg}"))],
            [Button(context.t("canned.button_back"), Action("cn", f"l{session.id}"))],
        ],
    )


async def _send(update: Update, context: BotContext, session: Session, reply: CannedReply) -> None:
    """Send as is: relayed as a message of the volunteer's, standing in for the preview (its
    id is the one claimed, so a second press, or a replayed update, sends nothing)."""
    query = update.callback_query
    assert query is not None
    preview = query.message
    if not isinstance(preview, Message):
        return
    typed = Message(
        message_id=preview.message_id,
        date=preview.date,
        chat=Chat(preview.chat.id, Chat.PRIVATE),
        text=reply.text,
    )
    typed.set_bot(context.bot)
    await relay_message(context, session, "volunteer", typed, resend=True)
    if await context.core.relay.copy_of(session, "volunteer", preview.message_id) is not None:
        await show(context, update, Screen(context.t("canned.sent") + "\n\n" + reply.text))


async def _edit_first(
    update: Update, context: BotContext, session: Session, reply: CannedReply
) -> None:
    """Edit first: the words alone, as a message to copy, change and send as one's own."""
    assert context.visitor is not None
    await show(context, update, Screen(context.t("canned.edit_hint")))
    chat = update.effective_chat
    if chat is None:
        return
    try:
        with context.core.fence.delivery(context.visitor.pseudonym) as delivery:
            await context.bot.send_message(chat.id, reply.text, rate_limit_args=delivery)
    except Abandoned:
        pass  # they are wiping their chat (a quick exit)
    except TelegramError as exc:
        log.info("a canned reply to edit was not sent: %s", type(exc).__name__)
