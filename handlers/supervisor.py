"""Escalation and volunteer safety: /escalate, /join, /takeover, /block.

A volunteer who needs help escalates; on-duty supervisors and admins are alerted (by alias and
chat number only) and may read along silently or take the chat over. A volunteer can end a
chat and block the visitor's pseudonym for a while; admins review blocks. Every step is in the
audit log.
"""

from __future__ import annotations

import hashlib
import re

from telegram import Update

from bot.callbacks import Action
from bot.relay import Notice, Session, visitor_notice
from bot.screens import Button, Screen
from handlers.common import BotContext, answer_query, deliver, requires, show
from handlers.ending import end_session, own_session

DEFAULT_BLOCK_DAYS = 7
MAX_BLOCK_DAYS = 90


@requires("volunteer")
async def escalate(update: Update, context: BotContext) -> None:
    """`/escalate`: alert on-duty supervisors and admins (everyone senior if none is on duty)."""
    session = await own_session(context, update)
    if session is None:
        return
    core = context.core
    await core.relay.escalate(session)
    targets = await core.seniors(exclude=session.volunteer)
    values = {
        "volunteer": session.volunteer_alias,
        "visitor": session.visitor_alias,
        "chat": session.id,
    }
    await deliver(
        context.bot,
        core,
        [Notice(p, "supervisor.escalation", values) for p in targets],
    )
    await core.audit.record(context.actor, "escalate", f"chat {session.id}")
    await show(context, update, Screen(context.t("volunteer.escalated")))


async def _session_arg(update: Update, context: BotContext, command: str) -> Session | None:
    """The escalated, open chat a supervisor names. Only a chat whose volunteer asked for help
    can be joined or taken over: no one reads along uninvited. No number: the usage."""
    args = context.args or []
    if len(args) != 1 or not re.fullmatch(r"[0-9]{1,9}", args[0]):
        await show(context, update, Screen(context.t(f"usage.{command}")))
        return None
    session = await context.core.relay.session(int(args[0]))
    if session is None or session.status != "active" or not session.escalated:
        await show(context, update, Screen(context.t("supervisor.no_such_chat")))
        return None
    return session


@requires("supervisor")
async def join(update: Update, context: BotContext) -> None:
    """`/join <chat>`: read along silently (copies of both sides, labelled by alias)."""
    session = await _session_arg(update, context, "join")
    if session is None:
        return
    assert context.visitor is not None
    await context.core.relay.observe(session, context.visitor.pseudonym)
    await context.core.audit.record(context.actor, "join", f"chat {session.id}")
    await show(
        context,
        update,
        Screen(
            context.t(
                "supervisor.joined",
                chat=session.id,
                visitor=session.visitor_alias,
                volunteer=session.volunteer_alias,
            )
        ),
    )


@requires("supervisor")
async def takeover(update: Update, context: BotContext) -> None:
    """`/takeover <chat>`: the supervisor continues the chat; the volunteer steps out."""
    session = await _session_arg(update, context, "takeover")
    if session is None:
        return
    if context.staff is None or not context.staff.alias:
        # An admin named in ADMIN_IDS who never chose a name: the visitor would see none.
        await show(context, update, Screen(context.t("supervisor.needs_alias")))
        return
    core = context.core
    assert context.visitor is not None
    alias = context.staff.alias
    if not await core.relay.hand_over(session, context.visitor.pseudonym, alias):
        await show(context, update, Screen(context.t("supervisor.no_such_chat")))
        return
    await core.audit.record(context.actor, "takeover", f"chat {session.id}")
    await deliver(
        context.bot,
        core,
        [
            Notice(
                session.volunteer,
                "volunteer.taken_over",
                {"supervisor": alias, "visitor": session.visitor_alias},
            ),
            Notice(session.volunteer, "volunteer.debrief"),
            visitor_notice(session.visitor, "relay.new_volunteer", {"volunteer": alias}),
        ],
    )
    await show(
        context,
        update,
        Screen(context.t("supervisor.took_over", chat=session.id, visitor=session.visitor_alias)),
    )


@requires("volunteer")
async def block(update: Update, context: BotContext) -> None:
    """`/block [days]`: asks first, then ends the chat and keeps this visitor from queueing for
    a while. Anything but a number of days shows the usage."""
    args = context.args or []
    if len(args) > 1 or (args and not re.fullmatch(r"[0-9]{1,3}", args[0])):
        await show(context, update, Screen(context.t("usage.block", days=MAX_BLOCK_DAYS)))
        return
    session = await own_session(context, update)
    if session is None:
        return
    days = max(1, min(int(args[0]) if args else DEFAULT_BLOCK_DAYS, MAX_BLOCK_DAYS))
    action = f"{session.id}-{days}-{chat_digest(session)}"
    await show(
        context,
        update,
        Screen(
            context.t("volunteer.block_confirm", visitor=session.visitor_alias, days=days),
            [
                [Button(context.t("volunteer.button_block"), Action("block", action))],
                [Button(context.t("volunteer.button_keep_chat"), Action("block", "no"))],
            ],
        ),
    )


def chat_digest(session: Session) -> str:
    """A short fingerprint of one chat: a confirmation acts on exactly the chat it named (an id
    alone can come back after a visitor's /forget deletes their closed chat)."""
    return hashlib.sha256(f"{session.id}:{session.started_at!r}".encode()).hexdigest()[:8]


async def block_button(update: Update, context: BotContext, arg: str) -> bool:
    """The confirmation of /block. Authority: the presser is this chat's volunteer, now; a
    forged, stale or foreign button gets "that button has expired"."""
    if not context.has_role("volunteer") or context.visitor is None:
        return False
    await answer_query(update)
    if arg == "no":
        await show(context, update, Screen(context.t("volunteer.block_cancelled")))
        return True
    session_id, days, digest = arg.split("-")
    session = await context.core.relay.session(int(session_id))
    if (
        session is None
        or session.status != "active"
        or session.volunteer != context.visitor.pseudonym
        or digest != chat_digest(session)
    ):
        return False
    await _block(update, context, session, max(1, min(int(days), MAX_BLOCK_DAYS)))
    return True


async def _block(update: Update, context: BotContext, session: Session, days: int) -> None:
    core = context.core
    ref = f"{session.visitor_alias}-{session.id}"
    await core.blocks.block(session.visitor, ref, context.actor, days)
    await end_session(context.bot, core, session, "blocked")
    await core.audit.record(context.actor, "block", f"{ref} for {days} days")
    await show(context, update, Screen(context.t("volunteer.blocked", ref=ref, days=days)))
