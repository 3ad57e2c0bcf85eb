"""Admin commands. Each checks the role on arrival; without it, the unknown-command answer."""

from __future__ import annotations

import logging

from telegram import Update

from bot import screens
from handlers.commands import publish_commands
from handlers.common import BotContext, show
from handlers.fallback import unknown_command

log = logging.getLogger(__name__)


async def reload_content(update: Update, context: BotContext) -> None:
    """`/reload`: re-read the content folder; invalid content is refused, the old stays live."""
    assert context.visitor is not None
    core = context.core
    if not core.is_admin(context.visitor.pseudonym):
        await unknown_command(update, context)
        return
    problems = core.content.reload()
    errors = [str(p) for p in problems if p.severity == "error"]
    if errors:
        listing = "\n".join(errors[:20])
        more = len(errors) - 20
        if more > 0:
            listing += f"\n… +{more}"
        await show(context, update, screens.simple(context.loc, "admin.reload_failed",
                                                  count=len(errors), problems=listing))
        return
    log.info("content reloaded by an admin")
    await publish_commands(context.application, core.content.current)
    warnings = sum(1 for p in problems if p.severity == "warning")
    await show(context, update, screens.simple(context.loc, "admin.reloaded", warnings=warnings))
