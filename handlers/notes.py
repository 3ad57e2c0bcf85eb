"""`/note` and `/notes`: a volunteer's private wrap-up notes on chats (see bot/notes.py)."""

from __future__ import annotations

import datetime as dt
import re

from telegram import Update

from bot.notes import Note
from bot.screens import Screen
from handlers.common import BotContext, requires, show
from handlers.ending import pick_session

_COMMAND = re.compile(r"^/\S*\s*")


@requires("volunteer")
async def note(update: Update, context: BotContext) -> None:
    """`/note TEXT`: a note on your chat, during it or within the hour after it ended."""
    core, visitor, staff = context.core, context.visitor, context.staff
    assert visitor is not None and update.message is not None
    text = _COMMAND.sub("", update.message.text or "", count=1).strip()
    if not text or staff is None:
        await show(context, update, Screen(context.t("notes.usage")))
        return
    sessions = await core.relay.sessions_of_volunteer(visitor.pseudonym)
    if sessions:
        session = await pick_session(context, update, sessions)
        if session is None:
            return  # they were asked which chat
        session_id: int | None = session.id
    else:
        session_id = await core.notes.recent_chat(visitor.pseudonym)
    if session_id is None or not await core.notes.add(session_id, staff.id, text):
        await show(context, update, Screen(context.t("notes.no_chat")))
        return
    days = core.settings.retention_days
    await show(context, update, Screen(context.t("notes.kept", chat=session_id, days=days)))


@requires("volunteer")
async def notes(update: Update, context: BotContext) -> None:
    """`/notes`: your latest notes. `/notes NUMBER`: the notes on one chat: yours, and, for
    supervisors and admins, everyone's on a chat whose volunteer asked for help."""
    core, staff = context.core, context.staff
    reader = staff.id if staff is not None else -1
    args = context.args or []
    if not args:
        found = await core.notes.mine(reader)
    elif len(args) == 1 and re.fullmatch(r"[0-9]{1,9}", args[0]):
        chat = int(args[0])
        found = await core.notes.of_chat(chat, reader)
        session = await core.relay.session(chat)
        if not (context.has_role("supervisor") and session is not None and session.escalated):
            found = [n for n in found if n.mine]
    else:
        await show(context, update, Screen(context.t("notes.list_usage")))
        return
    if not found:
        await show(context, update, Screen(context.t("notes.none")))
        return
    lines = [await _line(context, n) for n in found]
    await show(context, update, Screen(context.t("notes.list", notes="\n\n".join(lines))))


async def _line(context: BotContext, n: Note) -> str:
    when = f"{dt.datetime.fromtimestamp(n.created_at, dt.UTC):%Y-%m-%d %H:%M}"
    key = "notes.line_mine" if n.mine else "notes.line"
    author = ""
    if not n.mine:
        staff = await context.core.staff.by_id(n.author)
        author = staff.alias if staff is not None and staff.alias else "?"
    return context.t(
        key, chat=n.session_id, visitor=n.visitor_alias, when=when, by=author, text=n.text
    )
