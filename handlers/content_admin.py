"""Content changes from Telegram: upload a YAML file, confirm, apply; `/rollback`.

Every change, rollbacks too, needs a second admin, who sees every old -> new value; the
proposer can only withdraw it. Every applied, cancelled or stale change goes to the audit log.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from telegram import Update
from telegram.error import TelegramError

from bot.callbacks import Action
from bot.content_admin import (
    MAX_BYTES,
    PROPOSAL_TTL_HOURS,
    ContentFiles,
    Proposal,
    content_path,
    parse_name,
    propose,
)
from bot.core import Core
from bot.relay import Notice
from bot.screens import Button, Screen
from handlers.commands import publish_commands
from handlers.common import BotContext, answer_query, deliver, requires, show

log = logging.getLogger(__name__)


def files(core: Core) -> ContentFiles:
    history = core.settings.database_path.parent / "content-history"
    return ContentFiles(core.settings.content_dir, history)


def _problems_text(problems: list) -> str:  # type: ignore[type-arg]
    lines = [str(p) for p in problems[:15]]
    if len(problems) > 15:
        lines.append(f"… +{len(problems) - 15}")
    return "\n".join(lines)


async def on_upload(update: Update, context: BotContext) -> bool:
    """An admin sent a content file. False if this message is not that."""
    message = update.message
    if message is None or message.document is None or not context.has_role("admin"):
        return False
    named = parse_name(message.document.file_name)
    if named is None:
        await show(context, update, Screen(context.t("content.bad_name")))
        return True
    if (message.document.file_size or 0) > MAX_BYTES:
        await show(context, update, Screen(context.t("content.too_large")))
        return True
    try:
        telegram_file = await context.bot.get_file(message.document.file_id)
        body = bytes(await telegram_file.download_as_bytearray())
    except TelegramError as exc:
        log.warning("a content file could not be downloaded: %s", type(exc).__name__)
        await show(context, update, Screen(context.t("error.generic")))
        return True
    await _propose(update, context, named[0], named[1], body, rollback_of=None)
    return True


@requires("admin")
async def rollback(update: Update, context: BotContext) -> None:
    """`/rollback`: propose restoring the version the last change replaced."""
    last = files(context.core).last_change()
    if last is None:
        await show(context, update, Screen(context.t("content.nothing_to_roll_back")))
        return
    locale, file, body, entry = last
    await _propose(update, context, locale, file, body, rollback_of=entry)


async def _propose(
    update: Update,
    context: BotContext,
    locale: str,
    file: str,
    body: bytes,
    rollback_of: str | None,
) -> None:
    core = context.core
    # Parsing and checking a file takes a while: off the event loop, so chats keep flowing.
    proposal, problems = await asyncio.to_thread(
        propose, core.settings.content_dir, locale, file, body
    )
    if proposal is None:
        await show(
            context, update, Screen(context.t("content.refused", problems=_problems_text(problems)))
        )
        return
    assert context.visitor is not None
    change_id = await core.content_changes.add(
        locale,
        file,
        body,
        context.visitor.pseudonym,
        context.actor,
        core.clock(),
        True,  # every content change needs a second admin
        rollback_of,
        proposal.base,
    )
    others = [a for a in await core.admins() if a != context.visitor.pseudonym]
    await show(context, update, _proposer_screen(context, proposal, change_id, rollback_of, others))
    summary, hidden = proposal.summary()
    await deliver(
        context.bot,
        core,
        [
            Notice(
                a,
                "content.second_admin_needed_more" if hidden else "content.second_admin_needed",
                {
                    "path": proposal.path,
                    "by": context.actor,
                    "summary": summary or "-",
                    "count": hidden,
                    "hours": PROPOSAL_TTL_HOURS,
                },
                (
                    (
                        ("content.button_apply", Action("content", f"a{change_id}")),
                        ("content.button_cancel", Action("content", f"c{change_id}")),
                    ),
                ),
            )
            for a in others
        ],
    )


def _more(context: BotContext, hidden: int) -> str:
    return "\n" + context.t("content.more_changes", count=hidden) if hidden else ""


def _proposer_screen(
    context: BotContext,
    proposal: Proposal,
    change_id: int,
    rollback_of: str | None,
    others: list[bytes],
) -> Screen:
    """What would change, and that another admin must confirm it: the proposer may only
    withdraw their own change, never apply it."""
    summary, hidden = proposal.summary()
    key = "content.confirm_rollback" if rollback_of else "content.confirm"
    text = context.t(key, path=proposal.path, summary=summary or "-") + _more(context, hidden)
    text += "\n\n" + context.t(
        "content.second_admin_asked" if others else "content.no_other_admin",
        hours=PROPOSAL_TTL_HOURS,
    )
    return Screen(
        text,
        [[Button(context.t("content.button_cancel"), Action("content", f"c{change_id}"))]],
    )


async def on_button(update: Update, context: BotContext, arg: str) -> bool:
    """Apply or cancel a pending change. Authority: the presser's role, checked now."""
    if not context.has_role("admin"):
        return False
    core = context.core
    change = await core.content_changes.get(int(arg[1:]))
    if change is None or change.status != "pending":
        return False
    await answer_query(update)
    assert context.visitor is not None
    path = content_path(change.locale, change.file)
    if arg[0] == "c":
        if await core.content_changes.settle(change.id, "cancelled"):
            await core.audit.record(
                context.actor, "content-cancel", f"{path} (proposed by {change.proposer})"
            )
        await show(context, update, Screen(context.t("content.cancelled")))
        return True
    if change.proposed_by == context.visitor.pseudonym:
        await show(context, update, Screen(context.t("content.waiting_for_second")))
        return True
    if core.clock() - change.created_at > PROPOSAL_TTL_HOURS * 3600:
        await core.content_changes.settle(change.id, "expired")
        await show(context, update, Screen(context.t("content.expired", hours=PROPOSAL_TTL_HOURS)))
        return True
    # Check again against the live files: other content may have changed since the proposal,
    # and a proposal made against an older version of this file would quietly undo that change.
    proposal, problems = await asyncio.to_thread(
        propose, core.settings.content_dir, change.locale, change.file, change.body
    )
    if proposal is None:
        await core.content_changes.settle(change.id, "cancelled")
        await show(
            context, update, Screen(context.t("content.refused", problems=_problems_text(problems)))
        )
        return True
    if change.base is None or proposal.base != change.base:
        await core.content_changes.settle(change.id, "stale")
        await core.audit.record(context.actor, "content-stale", path)
        await show(context, update, Screen(context.t("content.stale", path=path)))
        return True
    if not await core.content_changes.settle(change.id, "applied"):
        return False
    stamp = dt.datetime.fromtimestamp(core.clock(), dt.UTC).strftime("%Y%m%dT%H%M%S") + (
        f"-{change.id:06d}"
    )
    store = files(core)
    store.apply(change.locale, change.file, change.body, stamp, keep=change.rollback_of is None)
    if change.rollback_of:
        store.consume(change.rollback_of)
    reload_problems = await asyncio.to_thread(core.content.reload)  # seconds: others go on
    if any(p.severity == "error" for p in reload_problems):  # pragma: no cover - checked above
        log.error("applied content did not load; the previous content stays live")
    await publish_commands(context.application, core.content.current)
    action = "rollback" if change.rollback_of else "content"
    detail = (
        f"{proposal.path}: +{len(proposal.added)} ~{len(proposal.changed)} -{len(proposal.removed)}"
        f" (proposed by {change.proposer}, confirmed by {context.actor})"
    )
    await core.audit.record(context.actor, action, detail)
    await show(context, update, Screen(context.t("content.applied", path=proposal.path)))
    await deliver(
        context.bot,
        core,
        [
            Notice(
                change.proposed_by,
                "content.applied_by_other",
                {"path": proposal.path, "by": context.actor},
            )
        ],
    )
    return True
