"""Admin commands. Each checks the role on arrival; without it, the unknown-command answer.

Every action is appended to the audit log under the admin's alias (`context.actor`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable

from telegram import Update

from bot import screens
from bot.callbacks import Action
from bot.relay import Notice
from bot.screens import Button, Screen
from bot.staff import INVITE_PREFIX, ROLES, Staff
from bot.stats import report_lines
from handlers.commands import publish_commands, publish_role_menus, refresh_person
from handlers.common import BotContext, answer_query, deliver, requires, show
from handlers.ending import end_session
from handlers.queue import refresh_queue

log = logging.getLogger(__name__)

PROMOTION_TTL_HOURS = 24  # a promotion nobody confirmed in a day has to be asked again


def _say(context: BotContext, update: Update, key: str, **values: object) -> Awaitable[object]:
    return show(context, update, Screen(context.t(key, **values)))


def _arg_text(context: BotContext) -> str:
    return " ".join(context.args or []).strip()


@requires("admin")
async def reload_content(update: Update, context: BotContext) -> None:
    """`/reload`: re-read the content folder; invalid content is refused, the old stays live."""
    core = context.core
    problems = await asyncio.to_thread(core.content.reload)  # seconds: others go on
    errors = [str(p) for p in problems if p.severity == "error"]
    if errors:
        listing = "\n".join(errors[:20])
        if len(errors) > 20:
            listing += f"\n… +{len(errors) - 20}"
        await show(
            context,
            update,
            screens.simple(context.loc, "admin.reload_failed", count=len(errors), problems=listing),
        )
        return
    await core.audit.record(context.actor, "reload", "content reloaded from disk")
    await publish_commands(context.application, core.content.current)
    # Role menus are kept by Telegram between restarts; only new words need them again.
    context.application.create_task(publish_role_menus(context.bot, core))
    warnings = sum(1 for p in problems if p.severity == "warning")
    await show(context, update, screens.simple(context.loc, "admin.reloaded", warnings=warnings))


@requires("admin")
async def invite(update: Update, context: BotContext) -> None:
    """`/invite`: a single-use, expiring link that makes its opener a volunteer (pending)."""
    core = context.core
    code = await core.staff.create_invite()
    link = f"https://t.me/{context.bot.username}?start={INVITE_PREFIX}{code}"
    await core.audit.record(context.actor, "invite", "volunteer invite created")
    await _say(context, update, "admin.invite", link=link, hours=core.settings.invite_ttl_hours)


async def _signoff(update: Update, context: BotContext, staff: Staff | None) -> None:
    core = context.core
    if staff is None or staff.alias is None:
        await _say(context, update, "admin.no_such_volunteer")
        return
    if not await core.staff.sign_off(staff):
        await _say(context, update, "admin.not_pending", alias=staff.alias)
        return
    await core.audit.record(context.actor, "signoff", staff.alias)
    await _say(context, update, "admin.signed_off", alias=staff.alias)
    await deliver(context.bot, core, [Notice(staff.pseudonym, "volunteer.signed_off")])
    await refresh_person(context.bot, core, staff.pseudonym)


@requires("admin")
async def signoff(update: Update, context: BotContext) -> None:
    """`/signoff <alias>`: training done; the volunteer may take shifts."""
    alias = _arg_text(context)
    if not alias:
        await _say(context, update, "usage.signoff")
        return
    await _signoff(update, context, await context.core.staff.by_alias(alias))


async def signoff_button(update: Update, context: BotContext, staff_id: str) -> bool:
    """The sign-off button: authority comes from the presser's role, never from the button."""
    if not context.has_role("admin"):
        return False
    await answer_query(update)
    await _signoff(update, context, await context.core.staff.by_id(int(staff_id)))
    return True


@requires("admin")
async def revoke(update: Update, context: BotContext) -> None:
    """`/revoke <alias>`: asks first, then removes a volunteer at once (an open chat ends
    kindly)."""
    alias = _arg_text(context)
    if not alias:
        await _say(context, update, "usage.revoke")
        return
    staff = await context.core.staff.by_alias(alias)
    if staff is None or staff.status == "revoked":
        await _say(context, update, "admin.no_such_volunteer")
        return
    await show(
        context,
        update,
        Screen(
            context.t("admin.revoke_confirm", alias=staff.alias),
            [
                [Button(context.t("admin.button_revoke"), Action("revoke", str(staff.id)))],
                [Button(context.t("admin.button_keep"), Action("revoke", "no"))],
            ],
        ),
    )


async def revoke_button(update: Update, context: BotContext, arg: str) -> bool:
    """The confirmation of /revoke. Authority: the presser's role, checked now."""
    if not context.has_role("admin"):
        return False
    await answer_query(update)
    if arg == "no":
        await _say(context, update, "admin.revoke_cancelled")
        return True
    staff = await context.core.staff.by_id(int(arg))
    if staff is None or staff.status == "revoked":
        await _say(context, update, "admin.no_such_volunteer")
        return True
    await _revoke(update, context, staff)
    return True


async def _revoke(update: Update, context: BotContext, staff: Staff) -> None:
    core = context.core
    await core.staff.revoke(staff)
    await core.relay.stop_observing(staff.pseudonym)
    for session in await core.relay.sessions_of_volunteer(staff.pseudonym):
        await end_session(context.bot, core, session, "revoked")
    await core.audit.record(context.actor, "revoke", staff.alias or "")
    await _say(context, update, "admin.revoked", alias=staff.alias)
    await deliver(context.bot, core, [Notice(staff.pseudonym, "volunteer.revoked")])
    await deliver(context.bot, core, await core.relay.nobody_left_notices())
    await refresh_person(context.bot, core, staff.pseudonym)
    await refresh_queue(context.bot, core)


@requires("admin")
async def volunteers(update: Update, context: BotContext) -> None:
    """`/volunteers`: aliases, role, status, practice scenarios finished, who is on duty."""
    rows = []
    scenarios = {s.id for s in context.core.content.current.practice_for(None)}
    practised = await context.core.practice.done()
    for staff in await context.core.staff.all():
        status = context.t(f"admin.status_{staff.status}")
        role = context.t(f"admin.role_{staff.role}")
        duty = context.t("admin.on_duty") if staff.on_duty else ""
        done = len(practised.get(staff.id, set()) & scenarios)
        count = context.t("practice.admin_count", done=done, total=len(scenarios))
        line = f"{staff.alias or '…'}: {role}, {status}" + (f", {count}" if scenarios else "")
        rows.append(f"{line} {duty}".strip())
    listing = "\n".join(rows) or context.t("admin.no_volunteers")
    await _say(context, update, "admin.volunteers", listing=listing)


async def _set_role(update: Update, context: BotContext, alias: str, role: str) -> None:
    core = context.core
    staff = await core.staff.by_alias(alias) if alias else None
    if staff is None or not staff.active:
        await _say(context, update, "admin.no_such_volunteer")
        return
    await _apply_role(update, context, staff, role)


async def _apply_role(
    update: Update, context: BotContext, staff: Staff, role: str, note: str = ""
) -> None:
    core = context.core
    await core.staff.set_role(staff, role)
    if role == "volunteer":
        await core.relay.stop_observing(staff.pseudonym)
    await core.audit.record(context.actor, "role", f"{staff.alias}: {staff.role} -> {role}{note}")
    await _say(
        context, update, "admin.role_set", alias=staff.alias, role=context.t(f"admin.role_{role}")
    )
    await deliver(context.bot, core, [Notice(staff.pseudonym, f"volunteer.now_{role}")])
    await refresh_person(context.bot, core, staff.pseudonym)


@requires("admin")
async def promote(update: Update, context: BotContext) -> None:
    """`/promote <alias> supervisor|admin` (a signed-off volunteer). Admin waits for a second
    admin: otherwise one admin could promote a second account of their own and be their own
    second admin for every content change."""
    args = context.args or []
    role = args[-1].lower() if args else ""
    if len(args) < 2 or role not in ROLES or role == "volunteer":
        await _say(context, update, "admin.promote_usage")
        return
    alias = " ".join(args[:-1])
    if role != "admin":
        await _set_role(update, context, alias, role)
        return
    core = context.core
    staff = await core.staff.by_alias(alias)
    if staff is None or not staff.active:
        await _say(context, update, "admin.no_such_volunteer")
        return
    assert context.visitor is not None
    me = context.visitor.pseudonym
    request = await core.role_requests.add(staff.id, role, me, context.actor, core.clock())
    await core.audit.record(context.actor, "role-asked", f"{staff.alias}: {staff.role} -> {role}")
    others = [a for a in await core.admins() if a not in (me, staff.pseudonym)]
    key = "admin.promotion_asked" if others else "admin.promotion_no_other_admin"
    await _say(context, update, key, alias=staff.alias, hours=PROMOTION_TTL_HOURS)
    buttons = (
        (
            ("admin.button_confirm_promotion", Action("role", f"a{request}")),
            ("admin.button_decline_promotion", Action("role", f"c{request}")),
        ),
    )
    values = {"by": context.actor, "alias": staff.alias, "hours": PROMOTION_TTL_HOURS}
    await deliver(
        context.bot,
        core,
        [Notice(a, "admin.promotion_needs_second", values, buttons) for a in others],
    )


async def role_button(update: Update, context: BotContext, arg: str) -> bool:
    """Confirm or decline a promotion to admin. Authority: the presser's role, checked now;
    the admin who asked can only withdraw."""
    if not context.has_role("admin"):
        return False
    core = context.core
    request = await core.role_requests.get(int(arg[1:]))
    if request is None or request.status != "pending":
        return False
    await answer_query(update)
    assert context.visitor is not None
    staff = await core.staff.by_id(request.staff_id)
    alias = staff.alias if staff else "…"
    if arg[0] == "c":
        if await core.role_requests.settle(request.id, "cancelled"):
            await core.audit.record(
                context.actor, "role-declined", f"{alias} (asked by {request.proposer})"
            )
        await _say(context, update, "admin.promotion_declined", alias=alias)
        return True
    if request.proposed_by == context.visitor.pseudonym:
        await _say(context, update, "admin.promotion_waiting", alias=alias)
        return True
    if core.clock() - request.created_at > PROMOTION_TTL_HOURS * 3600:
        await core.role_requests.settle(request.id, "expired")
        await _say(context, update, "admin.promotion_expired", hours=PROMOTION_TTL_HOURS)
        return True
    if staff is None or not staff.active or staff.pseudonym == context.visitor.pseudonym:
        await core.role_requests.settle(request.id, "cancelled")
        await _say(context, update, "admin.no_such_volunteer")
        return True
    if not await core.role_requests.settle(request.id, "applied"):
        return False
    note = f" (asked by {request.proposer}, confirmed by {context.actor})"
    await _apply_role(update, context, staff, request.role, note)
    return True


@requires("admin")
async def demote(update: Update, context: BotContext) -> None:
    """`/demote <alias>`: back to volunteer."""
    if not _arg_text(context):
        await _say(context, update, "usage.demote")
        return
    await _set_role(update, context, _arg_text(context), "volunteer")


@requires("admin")
async def audit(update: Update, context: BotContext) -> None:
    """`/audit`: the latest admin and supervisor actions."""
    rows = await context.core.audit.latest(20)
    lines = [
        f"{dt.datetime.fromtimestamp(r.at, dt.UTC):%Y-%m-%d %H:%M} {r.actor}: {r.action}"
        + (f" ({r.detail})" if r.detail else "")
        for r in rows
    ]
    await _say(
        context, update, "admin.audit", listing="\n".join(lines) or context.t("admin.audit_empty")
    )


@requires("admin")
async def stats(update: Update, context: BotContext) -> None:
    """`/stats [days]`: counts and wait times over a period; nothing under 5 shown exactly."""
    args = context.args or []
    if len(args) > 1 or (args and not (args[0].isdigit() and 0 < int(args[0]) <= 365)):
        await _say(context, update, "admin.stats_usage")
        return
    days = int(args[0]) if args else 7
    report = await context.core.stats(days)
    lines = report_lines(context.core.content.current, report, context.loc.code)
    await _say(context, update, "admin.stats", **lines)


@requires("admin")
async def blocks(update: Update, context: BotContext) -> None:
    """`/blocks`: visitors blocked by volunteers (by chat reference), with expiry."""
    rows = await context.core.blocks.list()
    lines = [
        f"{r.ref}: {r.blocked_by}, {dt.datetime.fromtimestamp(r.expires_at, dt.UTC):%Y-%m-%d}"
        for r in rows
    ]
    await _say(
        context, update, "admin.blocks", listing="\n".join(lines) or context.t("admin.blocks_empty")
    )


@requires("admin")
async def unblock(update: Update, context: BotContext) -> None:
    """`/unblock <ref>`: lift a block early."""
    ref = _arg_text(context)
    if not ref:
        await _say(context, update, "usage.unblock")
        return
    if not await context.core.blocks.unblock(ref):
        await _say(context, update, "admin.no_such_block")
        return
    await context.core.audit.record(context.actor, "unblock", ref.upper())
    await _say(context, update, "admin.unblocked", ref=ref.upper())
