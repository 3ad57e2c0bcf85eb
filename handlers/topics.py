"""The topics screen a volunteer gets after a chat: toggle, then Done (see bot/topics.py)."""

from __future__ import annotations

from telegram import Update

from bot import topics
from bot.screens import Screen
from handlers.common import BotContext, answer_query, show


async def on_button(update: Update, context: BotContext, arg: str) -> bool:
    """Toggle a topic, or count the chosen ones once. Only the chat's own volunteer, while
    the chat's rows are kept; anything else is an expired button."""
    parsed = topics.parse(arg)
    if parsed is None or context.staff is None or context.visitor is None:
        return False
    chat, mask, toggle = parsed
    core, loc = context.core, context.loc
    me = context.visitor.pseudonym
    if not await core.topics.can_note(chat, me):
        return False
    ids = topics.topic_ids(loc)
    if toggle is not None:
        if toggle >= len(ids):
            return False
        await answer_query(update)
        await show(context, update, topics.screen(loc, chat, mask ^ (1 << toggle)))
        return True
    picked = topics.chosen(loc, mask)
    session = await core.relay.session(chat)
    contact = None if session is None else await core.contact(session.visitor)
    lang = contact.prefs.locale if contact is not None and contact.prefs else "-"
    if not await core.topics.note(chat, me, lang, picked):
        return False
    await answer_query(update)
    names = ", ".join(context.t(topics.PREFIX + tid) for tid in picked)
    text = context.t("topics.noted", topics=names) if picked else context.t("topics.none")
    await show(context, update, Screen(text))
    return True
