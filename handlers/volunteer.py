"""The volunteer's side: joining by invite, choosing an alias, shifts, the queue, taking a chat.

Every command checks the role on arrival; to anyone else it looks like an unknown command.
Volunteers see counts and aliases, never who a visitor is.
"""

from __future__ import annotations

import hashlib

from telegram import Update

from bot import languages, screens
from bot.callbacks import Action
from bot.relay import Notice, Session, count_text, visitor_notice
from bot.screens import Button, Screen
from bot.staff import INVITE_PREFIX, Staff
from handlers.common import BotContext, answer_query, deliver, say, show
from handlers.ending import end_session
from handlers.fallback import unknown_command
from handlers.held import pass_on_held, visitor_turn
from handlers.languages import own_language, spoken
from handlers.languages import picker as languages_picker
from handlers.queue import refresh_queue
from handlers.transfer import show_queue_note


def without_blank_lines(text: str) -> str:
    """A text whose optional placeholder came out empty, without the empty line it left."""
    return "\n".join(line for line in text.split("\n") if line.strip())


def _minutes(seconds: float | None) -> int:
    return 0 if seconds is None else int(seconds // 60)


async def redeem_invite(update: Update, context: BotContext, payload: str) -> None:
    """`/start v_<code>`: the opener becomes a volunteer pending sign-off, and picks an alias."""
    core = context.core
    code = payload[len(INVITE_PREFIX) :]
    outcome = await core.staff.redeem(code, context.user_id)
    if outcome == "ok":
        context.staff = await core.staff.get(context.visitor.pseudonym)
        await show(context, update, Screen(context.t("volunteer.welcome_choose_alias")))
    elif outcome == "already":
        await show(context, update, Screen(context.t("volunteer.already")))
    else:
        await show(context, update, screens.simple(context.loc, "volunteer.invite_invalid"))


async def choose_alias(update: Update, context: BotContext) -> bool:
    """A new volunteer's text is their alias. False if this update is not that."""
    staff = context.staff
    message = update.message
    if staff is None or staff.status != "naming" or message is None or not message.text:
        return False
    if message.text.startswith("/"):
        return False
    core = context.core
    problem = await core.staff.choose_alias(staff, message.text)
    if problem is not None:
        await say(context, message.chat_id, Screen(context.t(f"volunteer.alias_{problem}")))
        return True
    staff = await core.staff.get(staff.pseudonym)
    assert staff is not None and staff.alias is not None
    context.staff = staff
    # Then which languages they support: the one they use the bot in is ticked already.
    staff = await own_language(context, staff)
    picker = languages_picker(context, staff)
    saved = context.t("volunteer.alias_saved", alias=staff.alias)
    await say(context, message.chat_id, Screen(f"{saved}\n\n{picker.text}", picker.rows))
    await deliver(
        context.bot,
        core,
        [
            Notice(
                admin,
                "admin.signoff_request",
                {"alias": staff.alias},
                ((("admin.button_signoff", Action("signoff", str(staff.id))),),),
            )
            for admin in await core.admins()
        ],
    )
    return True


async def duty(update: Update, context: BotContext) -> None:
    """`/duty`: toggle on and off shift. Going off with a chat open asks first."""
    staff = context.staff
    if staff is None or not staff.active:
        await unknown_command(update, context)
        return
    core = context.core
    if not staff.on_duty:
        staff = await own_language(context, staff)
        await core.staff.set_duty(staff, True)
        waiting, urgent, longest = await core.relay.queue_counts()
        on_duty = context.t(
            "volunteer.on_duty",
            waiting=count_text(waiting),
            urgent=count_text(urgent),
            minutes=_minutes(longest),
        )
        langs = context.t("volunteer.languages_line", languages=spoken(context, staff))
        await show(context, update, Screen(f"{on_duty}\n{langs}"))
        await refresh_queue(context.bot, core)  # someone who reads their language may be here
        return
    sessions = await core.relay.sessions_of_volunteer(staff.pseudonym)
    if sessions:
        await show(context, update, _off_duty_prompt(context, sessions))
        return
    await core.staff.set_duty(staff, False)
    await show(context, update, Screen(context.t("volunteer.off_duty")))
    await after_off_duty(context)


def _chats_digest(sessions: list[Session]) -> str:
    """A short fingerprint of exactly these chats (a session id alone can come back after a
    visitor's /forget deletes their closed chat, so the start time is part of it)."""
    names = ",".join(sorted(f"{s.id}:{s.started_at!r}" for s in sessions))
    return hashlib.sha256(names.encode()).hexdigest()[:12]


def _off_duty_prompt(context: BotContext, sessions: list[Session]) -> Screen:
    """End the chats, hand them back, or stay: the buttons name exactly the chats they cover."""
    digest = _chats_digest(sessions)
    return Screen(
        context.t("volunteer.off_duty_open_chat"),
        [
            [Button(context.t("volunteer.button_end_chat"), Action("duty", f"end-{digest}"))],
            [Button(context.t("volunteer.button_hand_back"), Action("duty", f"back-{digest}"))],
            [Button(context.t("volunteer.button_stay"), Action("duty", "stay"))],
        ],
    )


async def duty_choice(update: Update, context: BotContext, choice: str) -> bool:
    staff = context.staff
    if staff is None or not staff.active:
        return False
    core = context.core
    await answer_query(update)
    if choice == "stay":
        await show(context, update, Screen(context.t("volunteer.staying")))
        return True
    what, _, digest = choice.partition("-")
    sessions = await core.relay.sessions_of_volunteer(staff.pseudonym)
    if sessions and digest != _chats_digest(sessions):
        # The chats changed since this prompt was shown: ask again about them as they are.
        await show(context, update, _off_duty_prompt(context, sessions))
        return True
    # Off duty first: a chat handed back must not bring them "someone is waiting" (their own
    # visitor), and the visitor hears whether anyone else is on duty.
    await core.staff.set_duty(staff, False)
    for session in sessions:
        await end_session(context.bot, core, session, "volunteer" if what == "end" else "handback")
    await show(context, update, Screen(context.t("volunteer.off_duty")))
    await after_off_duty(context, told={s.visitor for s in sessions})
    return True


async def after_off_duty(
    context: BotContext, told: set[bytes] | frozenset[bytes] = frozenset()
) -> None:
    """Waiting visitors see the queue as it now is; if no one is left, they are told so (once:
    `told` were just told, with their chat handed back)."""
    core = context.core
    notices = await core.relay.nobody_left_notices()
    await deliver(context.bot, core, [n for n in notices if n.to not in told])
    await refresh_queue(context.bot, core)


async def queue(update: Update, context: BotContext) -> None:
    """`/queue`: how many wait, how long, how many urgent. Never who."""
    staff = context.staff
    if staff is None or not staff.active:
        await unknown_command(update, context)
        return
    core = context.core
    waiting, urgent, longest = await core.relay.queue_counts()
    lines = [
        context.t(
            "volunteer.queue",
            waiting=count_text(waiting),
            urgent=count_text(urgent),
            minutes=_minutes(longest),
        ),
        context.t("volunteer.queue_languages", listing=await _by_language(context, staff)),
    ]
    if context.has_role("supervisor"):
        health = await core.relay.health()
        lines.append(
            context.t(
                "volunteer.queue_health",
                waiting=count_text(health.waiting),
                long_waits=count_text(health.long_waits),
                urgent=count_text(health.urgent),
                on_duty=health.on_duty,
            )
        )
    await show(context, update, Screen("\n".join(lines)))


def suppressed(count: int) -> str:
    """A small count as /queue shows it by language: 1 to 4 as "<5", zero as 0."""
    return "<5" if 0 < count < 5 else count_text(count)


async def _by_language(context: BotContext, staff: Staff) -> str:
    """Waiting visitors by language: every language someone waits in, and the volunteer's own
    (so "0" says no one waits in it). Visitors from before languages were asked: not listed."""
    content = context.core.content.current
    counts = await context.core.relay.waiting_by_language()
    codes = {code for code in counts if code is not None} | set(staff.languages or ())
    return ", ".join(
        f"{languages.name_of(content, code)} {suppressed(counts.get(code, 0))}"
        for code in sorted(codes)
    )


async def take_next(update: Update, context: BotContext) -> None:
    """`/next`: the most urgent, longest-waiting visitor, to this volunteer alone."""
    staff = context.staff
    if staff is None or not staff.active:
        await unknown_command(update, context)
        return
    core = context.core
    staff = await own_language(context, staff)  # on duty since before languages were asked
    session = await core.relay.take_next(staff)
    if isinstance(session, str):
        key = {
            "off": "volunteer.not_on_duty",
            "empty": "volunteer.queue_empty",
            "full": "volunteer.caseload_full",
            "other_languages": "volunteer.queue_other_languages",
        }[session]
        await show(context, update, Screen(context.t(key, limit=core.settings.caseload_limit)))
        return
    # The visitor first: if they left in the meantime (a quick exit), they are told nothing.
    current = await core.relay.session_of_visitor(session.visitor)
    other_language = not staff.reads(session.language)
    if current is not None and current.id == session.id:
        told = [
            visitor_notice(
                session.visitor,
                "relay.connected",
                {"volunteer": session.volunteer_alias},
                ((("button.end_chat", Action("end")),),),
            )
        ]
        if other_language:  # said plainly, in their language
            told.append(
                visitor_notice(
                    session.visitor,
                    "relay.other_language",
                    {
                        "volunteer": session.volunteer_alias,
                        "language": languages.name_of(core.content.current, session.language),
                    },
                )
            )
        await deliver(context.bot, core, told)
    # Notes about this visitor, one a line (none: no blank line): a sign of risk, and their
    # language when the volunteer did not list it (the bot language they chose, never
    # Telegram's language_code).
    notes = []
    if session.urgent:
        notes.append(context.t("volunteer.urgent_flag"))
    if other_language and session.language is not None:
        name = languages.name_of(core.content.current, session.language)
        notes.append(context.t("volunteer.language_note", language=name))
    held = await core.relay.held(session.visitor)
    intro = context.t(
        "volunteer.connected",
        visitor=session.visitor_alias,
        minutes=_minutes(session.waited),
        urgent="\n".join(notes),
    )
    await show(context, update, Screen(without_blank_lines(intro)))
    await show_queue_note(update, context, session)  # a chat handed back with a note
    if held:
        async with visitor_turn(context.application, session.visitor):
            await pass_on_held(context.bot, core, session)
    await refresh_queue(context.bot, core)
