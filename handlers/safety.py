"""Safety first: a visitor's words that signal risk bring crisis contacts at once.

Whenever a visitor's text matches the phrase lists (in a chat, waiting, or anywhere else), they
are marked urgent (moved up the queue if waiting) and get the crisis answer for their country
(`bot.crisis_reply`): once per chat, and outside chats at most once an hour (a short line
points back to them in between). The volunteer in their chat sees a discreet "may be at risk"
flag in every chat where it applies. The bot never repeats the words back and never contacts
anyone.
"""

from __future__ import annotations

import logging

from telegram import Message

from bot import crisis_reply
from bot.callbacks import Action
from bot.safety import NO_RISK, RiskAssessment
from bot.screens import Button, Screen
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
    """Urgency, the volunteer's flag, and the crisis answer (once per chat or per hour).

    Returns True if the visitor was sent contacts."""
    core, visitor = context.core, context.visitor
    assert visitor is not None
    session = await core.relay.session_of_visitor(visitor.pseudonym)
    place = await core.relay.place(visitor.pseudonym)
    chat = None if session is None else session.id
    fresh = [
        kind
        for kind in crisis_reply.kinds(risk)
        if core.relay.first_signal(visitor.pseudonym, chat, kind)
    ]
    flag = None
    if fresh:
        others = crisis_reply.OTHERS in fresh
        flag = "volunteer.visitor_at_risk_others" if others else "volunteer.visitor_at_risk"
    notices = await core.relay.mark_urgent(visitor.pseudonym, flag=flag)
    log.info("risk %s detected; visitor marked urgent", risk.level)  # no words, no id
    await deliver(context.bot, core, notices)
    if place is not None and not place.urgent:
        await refresh_queue(context.bot, core)  # they moved up: everyone's place changed
    if not fresh:
        if session is None:  # in a chat the volunteer is there; alone, a word and the buttons
            await say(context, message.chat_id, again(context, may_talk=place is None))
        return False
    may_talk = session is None and place is None
    for kind in fresh:  # the volunteer is offered once, in the first answer
        where = crisis_reply.Where(may_talk=may_talk)
        may_talk = False
        for screen in crisis_reply.reply(context.loc, visitor.prefs.country, risk, where, kind):
            await say(context, message.chat_id, screen)
    return True


def again(context: BotContext, *, may_talk: bool) -> Screen:
    """Contacts were sent within the hour: point back to them rather than send them again."""
    rows = [[Button(context.t("button.crisis"), Action("crisis"))]]
    if may_talk:
        rows.append([crisis_reply.talk_now_button(context.loc)])
    rows.append([Button(context.t("button.menu"), Action("menu"))])
    return Screen(context.t("safety.again"), rows)
