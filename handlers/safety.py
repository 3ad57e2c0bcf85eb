"""Safety first: a visitor's words that signal risk bring crisis contacts at once.

Whenever a visitor's text matches the phrase lists (in a chat, waiting, or anywhere else), they
get a warm line and the crisis contacts for their country straight away, they are marked
urgent (moved up the queue if waiting), and the volunteer in their chat sees a discreet "may be
at risk" flag. The bot never repeats the words back and never contacts anyone.
"""

from __future__ import annotations

import logging

from telegram import Message

from bot import screens
from bot.safety import NO_RISK, RiskAssessment
from bot.screens import Screen
from bot.visitors import NO_COUNTRY
from handlers.common import BotContext, deliver, say
from handlers.queue import refresh_queue

log = logging.getLogger(__name__)


def assess(context: BotContext, message: Message | None) -> RiskAssessment:
    detector = context.core.content.current.risk
    text = None if message is None else (message.text or message.caption)
    if detector is None or not text:
        return NO_RISK
    return detector.assess(text)


async def respond(context: BotContext, message: Message, risk: RiskAssessment) -> bool:
    """Warm line and contacts, urgency, the volunteer's flag.

    In a chat the contacts come once (the volunteer is there, and has been flagged); waiting
    or alone, every time. Returns True if the visitor was answered."""
    core, visitor = context.core, context.visitor
    assert visitor is not None
    session = await core.relay.session_of_visitor(visitor.pseudonym)
    place = await core.relay.place(visitor.pseudonym)
    already_flagged = session is not None and session.urgent
    notices = await core.relay.mark_urgent(visitor.pseudonym)
    log.info("risk %s detected; visitor marked urgent", risk.level)  # no words, no id
    await deliver(context.bot, core, notices)
    if place is not None and not place.urgent:
        await refresh_queue(context.bot, core)  # they moved up: everyone's place changed
    if already_flagged:
        return False
    country = visitor.prefs.country or NO_COUNTRY
    contacts = screens.crisis(context.loc, country)
    text = f"{context.t(f'safety.{risk.level}')}\n\n{contacts.text}"
    await say(context, message.chat_id, Screen(text, contacts.rows))
    return True
