"""`/transfer`: a warm handover of a chat to a named colleague on duty, or back to the queue.

`/transfer` alone, or followed by a short handover note (`/transfer she is safe tonight, we
talked about her brother`), shows who is on duty: the one picked is asked to accept or decline
within TRANSFER_TIMEOUT_MINUTES; meanwhile the visitor is told kindly, and what they write is
held for whoever has the chat once it settles. The note is shown to the receiver only, never
to the visitor; until a button is pressed it lives in memory (a restart forgets it), then
encrypted in the database until shown.
"""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.ext import Application

from bot.callbacks import Action
from bot.core import Core
from bot.relay import Notice, Session, visitor_notice
from bot.relay.transfer import NOTE_LENGTH, Transfer
from bot.screens import Button, Screen
from handlers.common import BotContext, answer_query, deliver, requires, say, show
from handlers.ending import own_session
from handlers.held import not_holdable, pass_on_held, visitor_turn
from handlers.queue import refresh_queue

log = logging.getLogger(__name__)

NOTES = "transfer_notes"  # bot_data: (volunteer pseudonym, chat) -> note, until a button


def _note_of(message: Message | None) -> str:
    text = message.text if message is not None and message.text else ""
    parts = text.split(maxsplit=1)  # "/transfer" then the note, on the same line or the next
    return parts[1].strip() if len(parts) > 1 else ""


@requires("volunteer")
async def transfer_command(update: Update, context: BotContext) -> None:
    """`/transfer [note]`: whom to hand the chat to (or the queue)."""
    core, me = context.core, context.visitor
    assert me is not None
    session = await own_session(context, update)
    if session is None:
        return
    if core.transfers.pending(session.id):
        await show(context, update, _pending_screen(context, session))
        return
    note = _note_of(update.message)
    if len(note) > NOTE_LENGTH:
        await show(context, update, Screen(context.t("transfer.note_too_long", limit=NOTE_LENGTH)))
        return
    notes: dict[tuple[bytes, int], str] = context.application.bot_data.setdefault(NOTES, {})
    notes[(me.pseudonym, session.id)] = note
    people = await core.transfers.candidates(session)
    minutes = core.settings.transfer_timeout_minutes
    lines = [
        context.t("transfer.pick", visitor=session.visitor_alias, minutes=minutes)
        if people
        else context.t("transfer.pick_nobody", visitor=session.visitor_alias)
    ]
    lines.append(context.t("transfer.note_line", note=note) if note else context.t("transfer.tip"))
    rows = [[Button(p.alias or "", Action("xf", f"o{session.id}.{p.id}"))] for p in people]
    rows.append([Button(context.t("transfer.button_queue"), Action("xf", f"q{session.id}"))])
    await show(context, update, Screen("\n\n".join(lines), rows))


def _pending_screen(context: BotContext, session: Session, key: str = "transfer.already") -> Screen:
    """A transfer of this chat waits for an answer (`transfer.pending`: a message not sent)."""
    return Screen(
        context.t(key),
        [[Button(context.t("transfer.button_cancel"), Action("xf", f"x{session.id}"))]],
    )


async def on_button(update: Update, context: BotContext, arg: str) -> bool:
    """o: ask someone; q: back to the queue; x: withdraw (the sender); a / d: the receiver."""
    staff, me = context.staff, context.visitor
    if staff is None or not staff.active or me is None:
        return False
    what, rest = arg[0], arg[1:]
    if what in "ad":
        return await _answer(update, context, int(rest), accept=what == "a")
    chat, _, target = rest.partition(".")
    session = await context.core.relay.session(int(chat))
    if session is None or session.status != "active" or session.volunteer != me.pseudonym:
        return False
    await answer_query(update)
    if what == "x":
        await _withdraw(update, context, session)
        return True
    if context.core.transfers.pending(session.id):
        await show(context, update, _pending_screen(context, session))
        return True
    notes: dict[tuple[bytes, int], str] = context.application.bot_data.setdefault(NOTES, {})
    note = notes.get((me.pseudonym, session.id)) or None
    if what == "q":
        notes.pop((me.pseudonym, session.id), None)
        await _to_queue(update, context, session, note)
        return True
    receiver = await context.core.staff.by_id(int(target or 0))
    if receiver is None or receiver.pseudonym not in {
        p.pseudonym for p in await context.core.transfers.candidates(session)
    }:
        await show(context, update, Screen(context.t("transfer.not_on_duty")))
        return True  # the note stays for the next try
    notes.pop((me.pseudonym, session.id), None)
    await _offer(update, context, session, receiver.pseudonym, note)
    return True


async def _offer(
    update: Update, context: BotContext, session: Session, receiver: bytes, note: str | None
) -> None:
    core = context.core
    staff = await core.staff.get(receiver)
    assert staff is not None
    transfer = await core.transfers.offer(session, staff, note)
    if transfer == "pending":
        await show(context, update, _pending_screen(context, session))
        return
    if transfer == "gone":
        await show(context, update, Screen(context.t("transfer.gone")))
        return
    minutes = core.settings.transfer_timeout_minutes
    await show(
        context,
        update,
        Screen(
            context.t("transfer.asked", receiver=transfer.receiver_alias, minutes=minutes),
            [[Button(context.t("transfer.button_cancel"), Action("xf", f"x{session.id}"))]],
        ),
    )
    values: dict[str, object] = {
        "sender": transfer.sender_alias,
        "visitor": session.visitor_alias,
        "minutes": minutes,
    }
    notices = [
        visitor_notice(
            session.visitor, "transfer.visitor_waiting", {"volunteer": transfer.sender_alias}
        )
    ]
    if transfer.note:  # first, so the question with its buttons comes last
        notices.append(Notice(receiver, "transfer.note_line", {"note": transfer.note}))
    notices.append(
        Notice(
            receiver,
            "transfer.offer_urgent" if session.urgent else "transfer.offer",
            values,
            (
                (
                    ("transfer.button_accept", Action("xf", f"a{transfer.id}")),
                    ("transfer.button_decline", Action("xf", f"d{transfer.id}")),
                ),
            ),
        )
    )
    await deliver(context.bot, core, notices)


async def _answer(update: Update, context: BotContext, transfer_id: int, *, accept: bool) -> bool:
    core = context.core
    staff = context.staff
    assert staff is not None
    found = await core.transfers.get(transfer_id)
    if found is None or found.receiver != staff.pseudonym:
        return False
    await answer_query(update)
    if not accept:
        transfer = await core.transfers.settle(transfer_id)
        if transfer is None:
            return False
        await show(context, update, Screen(context.t("transfer.you_declined")))
        await _stays(context.application, transfer, "transfer.declined")
        return True
    session = await core.relay.session(found.session_id)
    if session is None:
        return False
    async with visitor_turn(context.application, session.visitor):
        result = await core.transfers.accept(transfer_id, staff)
        if result == "off":
            await show(context, update, Screen(context.t("volunteer.not_on_duty")))
            return True
        if result == "full":
            limit = core.settings.caseload_limit
            await show(context, update, Screen(context.t("volunteer.caseload_full", limit=limit)))
            return True
        if result == "gone":
            await show(context, update, Screen(context.t("transfer.gone")))
            return True
        transfer, moved = result
        await show(
            context,
            update,
            Screen(
                context.t(
                    "transfer.accepted_receiver",
                    visitor=moved.visitor_alias,
                    sender=transfer.sender_alias,
                )
            ),
        )
        await deliver(
            context.bot,
            core,
            [
                Notice(
                    transfer.sender,
                    "transfer.accepted_sender",
                    {"receiver": transfer.receiver_alias, "visitor": moved.visitor_alias},
                ),
                visitor_notice(
                    moved.visitor,
                    "transfer.visitor_moved",
                    {"volunteer": transfer.receiver_alias, "old": transfer.sender_alias},
                    ((("button.end_chat", Action("end")),),),
                ),
            ],
        )
        await pass_on_held(context.bot, core, moved)  # what the visitor wrote meanwhile
    return True


async def _stays(application: Application, transfer: Transfer, key: str | None) -> None:
    """Declined, withdrawn or unanswered: the chat stays with its volunteer, who now gets
    what the visitor wrote meanwhile."""
    core: Core = application.bot_data["core"]
    session = await core.relay.session(transfer.session_id)
    if session is None or session.status != "active":
        return
    values = {"receiver": transfer.receiver_alias, "visitor": session.visitor_alias}
    notices = [Notice(transfer.sender, key, values)] if key else []
    notices.append(
        visitor_notice(
            session.visitor, "transfer.visitor_stays", {"volunteer": session.volunteer_alias}
        )
    )
    await deliver(application.bot, core, notices)
    async with visitor_turn(application, session.visitor):
        await pass_on_held(application.bot, core, session)


async def _withdraw(update: Update, context: BotContext, session: Session) -> None:
    core = context.core
    pending = await core.transfers.of_session(session.id)
    transfer = await core.transfers.settle(pending.id) if pending else None
    if transfer is None:
        await show(context, update, Screen(context.t("transfer.gone")))
        return
    await show(context, update, Screen(context.t("transfer.withdrawn")))
    await deliver(
        context.bot,
        core,
        [
            Notice(
                transfer.receiver, "transfer.withdrawn_receiver", {"sender": transfer.sender_alias}
            )
        ],
    )
    await _stays(context.application, transfer, None)  # they were just told


async def _to_queue(
    update: Update, context: BotContext, session: Session, note: str | None
) -> None:
    core = context.core
    closed = await core.transfers.to_queue(session, note)
    if closed is None:
        await show(context, update, Screen(context.t("transfer.gone")))
        return
    await show(context, update, Screen(context.t("transfer.queued", visitor=closed.visitor_alias)))
    notices = [
        visitor_notice(
            closed.visitor, "transfer.visitor_queued", {"volunteer": closed.volunteer_alias}
        )
    ]
    notices += [n for n in await core.relay.alert_waiting() if n.to != closed.volunteer]
    await deliver(context.bot, core, notices)
    await refresh_queue(context.bot, core)


async def show_queue_note(update: Update, context: BotContext, session: Session) -> None:
    """For the volunteer who takes a visitor handed back with a note: the note, once."""
    found = await context.core.transfers.queue_note(session.visitor)
    if found is not None and update.effective_chat is not None:
        sender, note = found
        text = context.t("transfer.queue_note", sender=sender, note=note)
        await say(context, update.effective_chat.id, Screen(text))


async def hold_while_moving(context: BotContext, session: Session, message: Message) -> bool:
    """The visitor wrote while their chat is being handed over: held for whoever has it once
    it settles (call in the visitor's turn). False if it settled meanwhile: relay it."""
    core = context.core
    refusal = not_holdable(core, message)
    if refusal is not None:
        await say(context, message.chat_id, Screen(context.t(refusal)))
        return True
    held = await core.transfers.hold(session, message.message_id)
    if held == "settled":
        return False
    if held == "full":
        await say(context, message.chat_id, Screen(context.t("queue.held_full")))
    return True


async def paused(context: BotContext, session: Session, message: Message) -> bool:
    """The volunteer who offered the chat writes before it settles: not sent, and told."""
    if not context.core.transfers.pending(session.id):
        return False
    await say(context, message.chat_id, _pending_screen(context, session, "transfer.pending"))
    return True


async def sweep(application: Application) -> None:
    """Transfers nobody answered in time (or whose chat ended): the chat stays where it was."""
    core: Core = application.bot_data["core"]
    for transfer in await core.transfers.due():
        session = await core.relay.session(transfer.session_id)
        if session is None or session.status != "active":
            continue
        await deliver(
            application.bot,
            core,
            [
                Notice(
                    transfer.receiver,
                    "transfer.expired_receiver",
                    {"sender": transfer.sender_alias, "visitor": session.visitor_alias},
                )
            ],
        )
        await _stays(application, transfer, "transfer.timed_out")
