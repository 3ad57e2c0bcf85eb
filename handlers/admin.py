"""Admin commands. Each checks the role on arrival; without it, the unknown-command answer."""

from __future__ import annotations

import logging

from telegram import Update

from bot import screens
from bot.relay import Notice
from bot.screens import Screen
from bot.staff import INVITE_PREFIX, Staff
from handlers.commands import publish_commands
from handlers.common import BotContext, answer_query, deliver, show
from handlers.fallback import unknown_command
from handlers.relay import end_session, refresh_queue

log = logging.getLogger(__name__)


async def reload_content(update: Update, context: BotContext) -> None:
    """`/reload`: re-read the content folder; invalid content is refused, the old stays live."""
    core = context.core
    if not _is_admin(context):
        await unknown_command(update, context)
        return
    problems = core.content.reload()
    errors = [str(p) for p in problems if p.severity == "error"]
    if errors:
        listing = "\n".join(errors[:20])
        more = len(errors) - 20
        if more > 0:
            listing += f"\n… +{more}"
        await show(
            context,
            update,
            screens.simple(context.loc, "admin.reload_failed", count=len(errors), problems=listing),
        )
        return
    log.info("content reloaded by an admin")
    await publish_commands(context.application, core.content.current)
    warnings = sum(1 for p in problems if p.severity == "warning")
    await show(context, update, screens.simple(context.loc, "admin.reloaded", warnings=warnings))


def _is_admin(context: BotContext) -> bool:
    return context.has_role("admin")


async def invite(update: Update, context: BotContext) -> None:
    """`/invite`: a single-use, expiring link that makes its opener a volunteer (pending)."""
    if not _is_admin(context):
        await unknown_command(update, context)
        return
    core = context.core
    code = await core.staff.create_invite()
    link = f"https://t.me/{context.bot.username}?start={INVITE_PREFIX}{code}"
    log.info("an admin created a volunteer invite")
    await show(
        context,
        update,
        Screen(context.t("admin.invite", link=link, hours=core.settings.invite_ttl_hours)),
    )


async def _signoff(update: Update, context: BotContext, staff: Staff | None) -> None:
    core = context.core
    if staff is None or staff.alias is None:
        await show(context, update, Screen(context.t("admin.no_such_volunteer")))
        return
    if not await core.staff.sign_off(staff):
        await show(context, update, Screen(context.t("admin.not_pending", alias=staff.alias)))
        return
    log.info("an admin signed off a volunteer")
    await show(context, update, Screen(context.t("admin.signed_off", alias=staff.alias)))
    await deliver(context.bot, core, [Notice(staff.pseudonym, "volunteer.signed_off")])


async def signoff(update: Update, context: BotContext) -> None:
    """`/signoff <alias>`: training done; the volunteer may take shifts."""
    if not _is_admin(context):
        await unknown_command(update, context)
        return
    alias = " ".join(context.args or [])
    await _signoff(update, context, await context.core.staff.by_alias(alias) if alias else None)


async def signoff_button(update: Update, context: BotContext, staff_id: str) -> bool:
    """The sign-off button: authority comes from the presser's role, never from the button."""
    if not _is_admin(context):
        return False
    await answer_query(update)
    await _signoff(update, context, await context.core.staff.by_id(int(staff_id)))
    return True


async def revoke(update: Update, context: BotContext) -> None:
    """`/revoke <alias>`: removes a volunteer at once; an open chat ends kindly."""
    if not _is_admin(context):
        await unknown_command(update, context)
        return
    core = context.core
    alias = " ".join(context.args or [])
    staff = await core.staff.by_alias(alias) if alias else None
    if staff is None or staff.status == "revoked":
        await show(context, update, Screen(context.t("admin.no_such_volunteer")))
        return
    await core.staff.revoke(staff)
    for session in await core.relay.sessions_of_volunteer(staff.pseudonym):
        await end_session(context.bot, core, session, "revoked")
    log.info("an admin revoked a volunteer")
    await show(context, update, Screen(context.t("admin.revoked", alias=staff.alias)))
    await deliver(context.bot, core, [Notice(staff.pseudonym, "volunteer.revoked")])
    await refresh_queue(context.bot, core)


async def volunteers(update: Update, context: BotContext) -> None:
    """`/volunteers`: aliases, status, who is on duty."""
    if not _is_admin(context):
        await unknown_command(update, context)
        return
    rows = []
    for staff in await context.core.staff.all():
        status = context.t(f"admin.status_{staff.status}")
        duty = context.t("admin.on_duty") if staff.on_duty else ""
        rows.append(f"{staff.alias or '…'}: {status} {duty}".strip())
    listing = "\n".join(rows) or context.t("admin.no_volunteers")
    await show(context, update, Screen(context.t("admin.volunteers", listing=listing)))
