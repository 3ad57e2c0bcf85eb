"""Asking to talk and waiting: the consent note, joining the queue, the place and its updates."""

from __future__ import annotations

import logging

from telegram import Bot, Message, Update
from telegram.error import BadRequest, TelegramError

from bot import crisis_reply, languages, screens
from bot.callbacks import Action
from bot.content.i18n import t
from bot.content.model import LocaleContent
from bot.core import Core
from bot.hours_text import next_opening
from bot.relay import Notice, QueuePlace, count_text
from bot.screens import Button, Screen
from handlers.common import (
    BotContext,
    decorate,
    deliver,
    keyboard,
    say,
    show,
)

log = logging.getLogger(__name__)


def consent_screen(context: BotContext, label: str = "button.consent") -> Screen:
    loc = context.loc
    return Screen(
        t(loc, "talk.consent"),
        [
            [Button(t(loc, label), Action("consent"))],
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
    text = t(loc, "queue.place", position=position, estimate=estimate)
    if place.waits_for is not None:  # nobody on duty reads their language: said plainly
        text += "\n\n" + t(loc, "queue.language_wait", language=loc.language_name)
    return text


def place_screen(loc: LocaleContent, place: QueuePlace) -> Screen:
    choice = [[Button(t(loc, "button.any_language"), Action("anylang"))]] if place.waits_for else []
    return Screen(
        place_text(loc, place),
        [
            *choice,
            [Button(t(loc, "button.leave_queue"), Action("cancel"))],
            [
                Button(t(loc, "button.self_esteem"), Action("se", "0")),
                Button(t(loc, "button.crisis"), Action("crisis")),
            ],
        ],
    )


async def talk(
    update: Update, context: BotContext, *, urgent: bool = False, mentors: bool = True
) -> None:
    """`/talk` and the menu button: where the visitor stands, else whether anyone is on duty
    (said first, before the consent note), else the consent note. `urgent`: from a crisis
    answer, so joining will put them first; the answer then comes as a new message, below
    the contacts, rather than in their place. `mentors`: a visitor who may ask for a volunteer
    they talked with before is asked first (never when urgent: the quickest way comes first)."""
    core, visitor = context.core, context.visitor
    assert visitor is not None
    if urgent:
        core.relay.remember_risk(visitor.pseudonym)
    if await core.relay.session_of_visitor(visitor.pseudonym) is not None:
        await _out(context, update, screens.simple(context.loc, "relay.already_in_chat"), urgent)
        return
    place = await core.relay.place(visitor.pseudonym)
    if place is not None:
        await _show_place(update, context, place, new=urgent)
        return
    if mentors and not urgent:
        from handlers.mentoring import choice  # it comes back here for "anyone who is free"

        if await choice(update, context):
            return
    if not await core.relay.anyone_on_duty():
        await _nobody(update, context, new=urgent)
        return
    await _out(context, update, consent_screen(context), urgent)


async def _out(context: BotContext, update: Update, screen: Screen, new: bool) -> Message | None:
    """Show a screen in place of the pressed one, or (`new`) as a new message below it."""
    if new and update.effective_chat is not None:
        return await say(context, update.effective_chat.id, screen)
    return await show(context, update, screen)


async def _nobody(update: Update, context: BotContext, *, new: bool = False) -> None:
    """No one on duty: said plainly, first, with what can help now (and, outside opening
    hours, when the service opens next). Someone who may be at risk is also offered a place
    anyway (the consent note follows), and supervisors and admins are alerted once they take
    it; outside hours, anyone is offered one where the service accepts that."""
    core, visitor = context.core, context.visitor
    assert visitor is not None
    loc, now, country = context.loc, core.clock(), visitor.prefs.country
    service = core.content.current.service
    opening = None if service is None else service.status(now)
    lead = None
    if service is not None and opening is not None and not opening.open:
        lead = t(loc, "talk.closed", opens=next_opening(loc, service, opening, country, now))
    screen = crisis_reply.nobody(loc, country, lead=lead)
    at_risk = core.relay.recently_at_risk(visitor.pseudonym)
    if at_risk or _accepting_while_closed(core):
        note = consent_screen(context, label="button.consent_keep_place")
        offer = "" if at_risk else t(loc, "talk.closed_queue") + "\n\n"
        screen = Screen(f"{screen.text}\n\n{offer}{note.text}", note.rows[:1] + screen.rows)
    await _out(context, update, screen, new)


def _accepting_while_closed(core: Core) -> bool:
    """Outside opening hours, may a visitor keep a place though nobody is on duty?"""
    service = core.content.current.service
    return (
        service is not None
        and service.accept_queue_when_closed
        and not service.status(core.clock()).open
    )


async def alert_seniors(bot: Bot, core: Core, visitor: bytes | None = None) -> bool:
    """Tell supervisors and admins that someone who may be at risk waits with no volunteer on
    duty (nothing about who). For one `visitor`, at most once an hour (the sweep checks that
    itself for everyone waiting). True if anyone was told."""
    targets = await core.seniors()
    if not targets:
        return False
    if visitor is not None and not core.relay.first_signal(visitor, None, "alert"):
        return False
    log.info("a visitor at risk waits with no volunteer on duty: supervisors and admins alerted")
    await deliver(bot, core, [Notice(p, "supervisor.urgent_nobody") for p in targets])
    return True


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
    language = languages.base_language(core.content.current, visitor.prefs.locale)
    result = await core.relay.join(
        visitor.pseudonym, language=language, keep=_accepting_while_closed(core)
    )
    if result.outcome == "in_session":
        await show(context, update, screens.simple(context.loc, "relay.already_in_chat"))
        return
    if result.outcome == "nobody":  # the last volunteer left since the note was shown
        await _nobody(update, context)
        return
    assert result.place is not None
    await _show_place(update, context, result.place)
    if result.place.estimate_minutes is None and result.place.urgent and result.outcome == "queued":
        # at risk, and nobody on duty: kept a place, and those who run the service are told
        if await alert_seniors(context.bot, core, visitor.pseudonym):
            await say(
                context, update.effective_chat.id, screens.simple(context.loc, "queue.team_told")
            )
    await deliver(context.bot, core, result.notices)
    if result.place.urgent and result.outcome == "queued":
        await refresh_queue(context.bot, core)  # they went ahead of others


async def _show_place(
    update: Update, context: BotContext, place: QueuePlace, *, new: bool = False
) -> None:
    message = await _out(context, update, place_screen(context.loc, place), new)
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
