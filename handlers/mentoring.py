"""Mentoring, the first step (see `bot.mentoring`): `/mentor` offers a visitor to talk again;
a visitor who accepted finds their volunteer under *Talk to a volunteer*; the volunteer is
alerted when on duty and opens the chat with one tap; a visitor kept waiting past
MENTOR_WAIT_HOURS is told, and offered whoever is free."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application

from bot.callbacks import Action
from bot.core import Core
from bot.relay import Notice, visitor_notice
from bot.screens import Button, Screen
from bot.storage.helpline_repo import MentorRow
from handlers.common import BotContext, answer_query, deliver, requires, show
from handlers.ending import pick_session
from handlers.held import pass_on_held, visitor_turn
from handlers.queue import refresh_queue

# bot_data: chats whose visitor was already asked (once is enough), by id, start and visitor
# (an id can come back after a /forget deletes the chat it named)
OFFERED = "mentor_offers"


@requires("volunteer")
async def mentor_command(update: Update, context: BotContext) -> None:
    """`/mentor`: offer the visitor of this chat (or of the chat that just ended) to talk with
    this volunteer again another time. They answer with a tap; nothing is shared."""
    core, me = context.core, context.visitor
    assert me is not None
    sessions = await core.relay.sessions_of_volunteer(me.pseudonym)
    session = await pick_session(context, update, sessions) if sessions else None
    if not sessions:
        session = await core.mentoring.chat_to_offer(me.pseudonym)
        if session is None:
            await show(context, update, Screen(context.t("mentor.no_chat")))
            return
    if session is None:
        return
    offered: set[tuple[int, float, bytes]] = context.application.bot_data.setdefault(OFFERED, set())
    chat = (session.id, session.started_at, session.visitor)
    if chat in offered or await core.mentoring.linked(session.visitor, me.pseudonym):
        await show(context, update, Screen(context.t("mentor.already")))
        return
    offered.add(chat)
    await deliver(
        context.bot,
        core,
        [
            visitor_notice(
                session.visitor,
                "mentor.offer",
                {"volunteer": session.volunteer_alias},
                (
                    (("mentor.button_yes", Action("mt", f"o{session.id}")),),
                    (("mentor.button_no", Action("mt", f"n{session.id}")),),
                ),
            )
        ],
    )
    await show(context, update, Screen(context.t("mentor.offered", visitor=session.visitor_alias)))


async def choice(update: Update, context: BotContext) -> bool:
    """Before the queue: a visitor with volunteers of their own may ask for one of them, or
    for whoever is free. False if they have none (the usual way on)."""
    me = context.visitor
    assert me is not None
    mentors = await context.core.mentoring.mentors(me.pseudonym)
    if not mentors:
        return False
    rows = [[Button(row.alias, Action("mt", f"a{row.handle}"))] for row in mentors]
    rows.append([Button(context.t("mentor.button_anyone"), Action("mt", f"s{mentors[0].handle}"))])
    await show(context, update, Screen(context.t("mentor.choose"), rows))
    return True


async def on_button(update: Update, context: BotContext, arg: str) -> bool:
    """o / n: the visitor answers an offer; a: asks for their volunteer; s: anyone who is free;
    t: the volunteer opens the chat."""
    what, rest = arg[0], arg[1:]
    core, me = context.core, context.visitor
    if me is None:
        return False
    if what in "on":
        session = await core.relay.session(int(rest))
        if session is None or session.visitor != me.pseudonym:
            return False
        await answer_query(update)
        if what == "n":
            await show(context, update, Screen(context.t("mentor.declined")))
        elif await core.mentoring.accept(session):
            alias = {"volunteer": session.volunteer_alias}
            await show(context, update, Screen(context.t("mentor.accepted", **alias)))
            await deliver(
                context.bot,
                core,
                [
                    Notice(
                        session.volunteer,
                        "mentor.visitor_accepted",
                        {"visitor": session.visitor_alias},
                    )
                ],
            )
        else:
            alias = {"volunteer": session.volunteer_alias}
            await show(context, update, Screen(context.t("mentor.unavailable", **alias)))
        return True
    if what == "t":
        return await _open_chat(update, context, int(rest))
    row = await core.mentoring.by_handle(me.pseudonym, rest)
    if row is None:
        return False
    await answer_query(update)
    if what == "s":
        from handlers.queue import talk  # the queue's own screens, without this choice

        await talk(update, context, mentors=False)
        return True
    if await core.relay.session_of_visitor(me.pseudonym) is not None:
        await show(context, update, Screen(context.t("relay.already_in_chat")))
        return True
    where = await core.mentoring.ask(row)
    hours = core.settings.mentor_wait_hours
    key = "mentor.asked_on_duty" if where == "on_duty" else "mentor.asked_off_duty"
    anyone = [[Button(context.t("mentor.button_anyone"), Action("mt", f"s{row.handle}"))]]
    await show(context, update, Screen(context.t(key, volunteer=row.alias, hours=hours), anyone))
    await alert(context.application)
    return True


async def _open_chat(update: Update, context: BotContext, mentor_id: int) -> bool:
    core, staff = context.core, context.staff
    if staff is None or not staff.active:
        return False
    row = await core.mentoring.get(mentor_id)
    if row is None or row.volunteer != staff.pseudonym:
        return False
    await answer_query(update)
    session = await core.mentoring.connect(row, staff)
    if isinstance(session, str):
        key = {
            "off": "volunteer.not_on_duty",
            "full": "volunteer.caseload_full",
            "busy": "mentor.busy",
            "gone": "mentor.gone",
        }[session]
        await show(context, update, Screen(context.t(key, limit=core.settings.caseload_limit)))
        return True
    await deliver(
        context.bot,
        core,
        [
            visitor_notice(
                session.visitor,
                "relay.connected",
                {"volunteer": session.volunteer_alias},
                ((("button.end_chat", Action("end")),),),
            )
        ],
    )
    await show(
        context,
        update,
        Screen(context.t("mentor.connected", visitor=session.visitor_alias)),
    )
    if await core.relay.held(session.visitor):  # written while in the queue meanwhile
        async with visitor_turn(context.application, session.visitor):
            await pass_on_held(context.bot, core, session)
    await refresh_queue(context.bot, core)
    return True


def _asks(row: MentorRow) -> Notice:
    return Notice(
        row.volunteer,
        "mentor.asks",
        buttons=((("mentor.button_talk", Action("mt", f"t{row.id}")),),),
    )


async def alert(application: Application) -> None:
    """Volunteers on duty hear of visitors asking for them; visitors kept waiting too long are
    told and offered anyone (the sweep calls this every half minute)."""
    core: Core = application.bot_data["core"]
    due, expired = await core.mentoring.due()
    notices = [_asks(row) for row in due]
    hours = core.settings.mentor_wait_hours
    notices += [
        visitor_notice(
            row.visitor,
            "mentor.not_back",
            {"volunteer": row.alias, "hours": hours},
            ((("mentor.button_anyone", Action("mt", f"s{row.handle}")),),),
        )
        for row in expired
    ]
    await deliver(application.bot, core, notices)


async def left(context: BotContext, pseudonym: bytes) -> None:
    """A quick exit: a visitor's request is withdrawn; a volunteer's mentorships end, and the
    visitors asking for them now are told, and offered anyone."""
    core = context.core
    asking = await core.mentoring.leave(pseudonym, staff=context.staff is not None)
    await deliver(
        context.bot,
        core,
        [
            visitor_notice(
                row.visitor,
                "mentor.unavailable",
                {"volunteer": row.alias},
                ((("button.talk", Action("talk")),),),
            )
            for row in asking
        ],
    )
