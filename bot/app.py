"""Wiring: the one place that builds the PTB `Application` and lists every handler.

Read `register_handlers` to know every entry point of the bot. Order matters where commented.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import re
from collections.abc import Callable
from typing import TextIO

from telegram import Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.config import Settings, SettingsError
from bot.core import Core
from bot.health import HealthServer
from bot.polling import DurablePoller
from bot.storage.health_repo import HealthRepository
from bot.storage.inbox_repo import InboxRepository
from bot.throttle import ChatOrderedUpdateProcessor, ChatRateLimiter
from bot.transport import AiohttpRequest
from bot.webhook import DurableWebhook, WebhookConfig
from handlers import (
    admin,
    canned,
    content_admin,
    ending,
    fallback,
    guards,
    hours,
    languages,
    mentoring,
    messages,
    notes,
    practice,
    queue,
    supervisor,
    transfer,
    visitor,
    volunteer,
)
from handlers.buttons import button_family
from handlers.commands import publish_commands
from handlers.common import BotContext
from handlers.errors import on_error
from handlers.practice import not_while_practising, or_practice

log = logging.getLogger(__name__)

PURGE_INTERVAL = 3600  # seconds between retention sweeps
SWEEP_INTERVAL = 30  # seconds between checks for chat and queue timeouts
MENUS_TASK = "menus"  # bot_data: the start's command-menu publishing, running beside polling


def build_application(
    core: Core,
    *,
    concurrency: int = 12,
    extra_setup: Callable[[Application], None] | None = None,
    webhook: bool = False,
) -> Application:
    """An `Application` bound to `core`, not yet started: receiving updates by long polling,
    or through Telegram's webhook (`python -m bot webhook`)."""
    settings = core.settings
    processor = ChatOrderedUpdateProcessor(concurrency)
    application = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(settings.api_base_url)
        .base_file_url(_file_url(settings.api_base_url))
        .updater(None)  # polling is ours: see bot/polling.py
        .context_types(ContextTypes(context=BotContext))
        .concurrent_updates(processor)
        .rate_limiter(ChatRateLimiter(enabled=settings.rate_limit))
        .request(AiohttpRequest(concurrency + 4, on_error=core.metrics.telegram_error))
        .get_updates_request(AiohttpRequest(1, on_error=core.metrics.telegram_error))
        .build()
    )
    application.bot_data["core"] = core
    receiver = dict(
        clock=core.clock,
        on_arrival=guards.remember_arrivals(core),
        on_contact=core.metrics.contacted,
    )
    inbox = InboxRepository(core.db)
    poller = (
        DurableWebhook(application, inbox, core.cipher, webhook_config(settings), **receiver)
        if webhook
        else DurablePoller(application, inbox, core.cipher, **receiver)
    )
    processor.on_done = poller.done
    application.bot_data["poller"] = poller
    register_handlers(application)
    if extra_setup is not None:
        extra_setup(application)
    return application


def register_handlers(application: Application) -> None:
    # Group -3: private chats only (leave groups and channels). Group -2: load the visitor.
    # Group -1: flood control for buttons (messages have theirs in handlers.messages).
    application.add_handler(TypeHandler(Update, guards.private_only), group=-3)
    application.add_handler(TypeHandler(Update, guards.load_visitor), group=-2)
    application.add_handler(CallbackQueryHandler(guards.limit_buttons), group=-1)

    on_message = filters.UpdateType.MESSAGE
    application.add_handlers(
        [
            CommandHandler("start", visitor.start, filters=on_message),
            CommandHandler("help", visitor.help_command, filters=on_message),
            CommandHandler("exit", visitor.exit_command, filters=on_message),
            CommandHandler("forget", visitor.forget_command, filters=on_message),
            CommandHandler("hours", hours.hours_command, filters=on_message),
            CommandHandler(
                ["menu", "crisis", "talk", "settings", "language", "guide", "resources"],
                visitor.command,
                filters=on_message,
            ),
            # the relay, both sides
            CommandHandler("cancel", queue.cancel, filters=on_message),
            CommandHandler("end", or_practice("end", ending.end_command), filters=on_message),
            # volunteers (each checks the role on arrival)
            CommandHandler("duty", not_while_practising(volunteer.duty), filters=on_message),
            CommandHandler("queue", volunteer.queue, filters=on_message),
            CommandHandler("languages", languages.languages_command, filters=on_message),
            CommandHandler("next", volunteer.take_next, filters=on_message),
            CommandHandler(
                "escalate", or_practice("escalate", supervisor.escalate), filters=on_message
            ),
            CommandHandler("block", or_practice("block", supervisor.block), filters=on_message),
            CommandHandler("practice", practice.practice_command, filters=on_message),
            CommandHandler("canned", canned.canned_command, filters=on_message),
            CommandHandler("transfer", transfer.transfer_command, filters=on_message),
            CommandHandler("mentor", mentoring.mentor_command, filters=on_message),
            CommandHandler("note", notes.note, filters=on_message),
            CommandHandler("notes", notes.notes, filters=on_message),
            # supervisors
            CommandHandler("join", supervisor.join, filters=on_message),
            CommandHandler("takeover", supervisor.takeover, filters=on_message),
            # admins (each checks the role on arrival)
            CommandHandler("reload", admin.reload_content, filters=on_message),
            CommandHandler("invite", admin.invite, filters=on_message),
            CommandHandler("signoff", admin.signoff, filters=on_message),
            CommandHandler("revoke", admin.revoke, filters=on_message),
            CommandHandler("volunteers", admin.volunteers, filters=on_message),
            CommandHandler("promote", admin.promote, filters=on_message),
            CommandHandler("demote", admin.demote, filters=on_message),
            CommandHandler("audit", admin.audit, filters=on_message),
            CommandHandler("stats", admin.stats, filters=on_message),
            CommandHandler("blocks", admin.blocks, filters=on_message),
            CommandHandler("unblock", admin.unblock, filters=on_message),
            CommandHandler("rollback", content_admin.rollback, filters=on_message),
            CallbackQueryHandler(button_family(canned.on_button), pattern=r"^cn:"),
            CallbackQueryHandler(button_family(transfer.on_button), pattern=r"^xf:"),
            CallbackQueryHandler(button_family(mentoring.on_button), pattern=r"^mt:"),
            CallbackQueryHandler(button_family(practice.on_button), pattern=r"^pr:"),
            CallbackQueryHandler(visitor.button),
            # After every command above: unknown commands, then plain messages and edits.
            MessageHandler(filters.COMMAND & on_message, fallback.unknown_command),
            MessageHandler(on_message, messages.route_message),
            MessageHandler(filters.UpdateType.EDITED_MESSAGE, messages.route_edit),
        ]
    )
    application.add_error_handler(on_error)


def webhook_config(settings: Settings) -> WebhookConfig:
    if not settings.webhook_url or not settings.webhook_secret:
        raise SettingsError("webhook mode needs WEBHOOK_URL and WEBHOOK_SECRET (see .env.example)")
    return WebhookConfig(
        settings.webhook_url,
        settings.webhook_secret,
        settings.webhook_listen,
        settings.webhook_max_connections,
    )


def _file_url(base_url: str) -> str:
    """Telegram serves files from `/file/bot<token>` next to `/bot<token>`."""
    return base_url[: -len("/bot")] + "/file/bot" if base_url.endswith("/bot") else base_url


async def start_bot(application: Application, *, poll_timeout: float = 10) -> None:
    """Initialise, publish command menus, schedule jobs, and start long polling.

    Pending updates are never dropped: what arrived while the bot was down is handled now, and
    what was stored but not finished before a crash is handled first.
    """
    core: Core = application.bot_data["core"]
    await application.initialize()  # getMe: Telegram answered
    core.metrics.contacted()
    if core.settings.health_listen is not None:
        mode = (
            "webhook" if isinstance(application.bot_data["poller"], DurableWebhook) else "polling"
        )
        health = HealthServer(
            core.settings.health_listen, core.metrics, HealthRepository(core.db), mode=mode
        )
        await health.start()
        application.bot_data["health"] = health
    if application.job_queue is not None:
        application.job_queue.run_repeating(_purge, interval=PURGE_INTERVAL, first=5)
        application.job_queue.run_repeating(_sweep, interval=SWEEP_INTERVAL, first=SWEEP_INTERVAL)
    await application.start()
    poller: DurablePoller = application.bot_data["poller"]
    poller.poll_timeout = int(poll_timeout)
    await poller.start()
    # Command menus after the first getUpdates, not before: people's messages come first, and
    # a restart with the same menus sends none (Telegram keeps them).
    application.bot_data[MENUS_TASK] = asyncio.create_task(_publish_menus(application, core))


async def _publish_menus(application: Application, core: Core) -> None:
    try:
        await publish_commands(application, core.content.current, unless_published=True)
    except Exception as exc:  # a convenience: it never stops the bot, nor a clean stop
        log.warning("could not publish command menus: %s", type(exc).__name__)


async def menus_published(application: Application) -> None:
    """Return once the start's command menus are published (or found published already)."""
    task = application.bot_data.get(MENUS_TASK)
    if task is not None:
        await asyncio.shield(task)


async def stop_bot(application: Application) -> None:
    """Stop polling, let running handlers finish, release connections."""
    health = application.bot_data.pop("health", None)
    if health is not None:
        await health.stop()
    menus = application.bot_data.pop(MENUS_TASK, None)
    if menus is not None and not menus.done():
        menus.cancel()  # published at the next start instead
    if menus is not None:
        with contextlib.suppress(asyncio.CancelledError):
            await menus
    await application.bot_data["poller"].stop()
    if application.running:
        await application.stop()
    await application.shutdown()
    application.bot_data["poller"].close()


async def _purge(context: BotContext) -> None:
    await retention(context.application)


async def retention(application: Application) -> None:
    """Keep as little as possible: message ids past Telegram's 48 h, visitors silent for
    VISITOR_RETENTION_DAYS, closed chats (and the link from a rating to a person) past
    RETENTION_DAYS, used invites, handled update ids. Anonymous chat facts stay, for stats."""
    core: Core = application.bot_data["core"]
    removed = await core.visitors.purge_expired_messages()
    visitors = await core.visitors.purge_unseen(
        core.settings.visitor_retention_days, keep=core.admin_pseudonyms
    )
    sessions = await core.relay.purge(core.settings.retention_days)
    invites = await core.staff.purge_invites()
    await core.blocks.purge()
    await core.transfers.purge()  # handover notes for visitors who neither wait nor talk
    await core.mentoring.purge()  # links to visitors gone silent, or volunteers gone
    updates = await application.bot_data["poller"].purge()
    if visitors or sessions:  # rows naming someone: no old copy of them stays in the WAL
        await core.db.scrub()
    if removed or visitors or sessions or invites or updates:
        log.info(
            "retention: purged %d message ids, %d visitors, %d chats, %d invites, %d update ids",
            removed,
            visitors,
            sessions,
            invites,
            updates,
        )


async def _sweep(context: BotContext) -> None:
    await ending.sweep(context.application)
    await transfer.sweep(context.application)
    await mentoring.alert(context.application)


class RedactingFormatter(logging.Formatter):
    """Defence in depth for logs: hide the bot token and anything that looks like a Telegram
    id in the whole formatted record, tracebacks and exception texts included.

    The code never logs ids, names or texts; this catches a library (or an exception message)
    that might.
    """

    _ids = re.compile(r"(?<![\w.])-?\d{6,}(?![\w.])")

    def __init__(self, token: str | None) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self._token = token

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        if self._token:
            text = text.replace(self._token, "<token>")
        return self._ids.sub("<id>", text)


class JsonFormatter(RedactingFormatter):
    """`LOG_FORMAT=json`: one JSON object a line for log shippers, redacted like the text form
    (the redaction runs on the finished line, so no field escapes it)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        text = json.dumps(entry, ensure_ascii=False)
        if self._token:
            text = text.replace(self._token, "<token>")
        return self._ids.sub("<id>", text)


def configure_logging(
    settings: Settings | None, level: str = "INFO", stream: TextIO | None = None
) -> None:
    """Logs on stderr (text, or JSON lines with LOG_FORMAT=json); chatty libraries kept quiet,
    since they may print URLs or updates."""
    level = settings.log_level if settings else level
    handler = logging.StreamHandler(stream)
    token = settings.token if settings else None
    json_lines = settings is not None and settings.log_format == "json"
    handler.setFormatter(JsonFormatter(token) if json_lines else RedactingFormatter(token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # HTTP clients may log URLs (which hold the token); PTB at DEBUG logs whole updates (texts).
    for name in ("httpx", "httpcore", "aiohttp"):
        logging.getLogger(name).setLevel(logging.WARNING)
    for name in ("telegram", "apscheduler", "aiosqlite"):
        logging.getLogger(name).setLevel(max(logging.INFO, logging.getLevelName(level)))
