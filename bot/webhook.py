"""`python -m bot webhook`: Telegram's webhook, with the same guarantees as long polling.

Each update Telegram POSTs is checked (the `X-Telegram-Bot-Api-Secret-Token` header must match
`WEBHOOK_SECRET`, compared in constant time), stored in the durable inbox (encrypted, under
its own key: `bot/polling.py`) and only then answered 200. Telegram keeps an update it got no
2xx for and sends it again later, so a crash before the answer loses nothing; an update stored
and then sent again is recognised by its id and not handled twice.

Order: Telegram's Bot API server keeps one queue per chat and sends a chat's next update only
once the previous one was answered 2xx (telegram-bot-api, WebhookActor), so with up to
`WEBHOOK_MAX_CONNECTIONS` requests at once, one chat's updates still arrive one after another,
each stored and queued for its handlers before the next can come. Requests that arrive
together are stored in one write (a group commit), as a `getUpdates` batch is.

The bot never deletes its webhook when it stops: while it is down Telegram keeps the updates.
`python -m bot run` (polling) deletes it at start, so switching back needs nothing else.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.config import Listen
from bot.crypto import DataCipher
from bot.polling import DurablePoller
from bot.storage.inbox_repo import InboxRepository

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE_BYTES = 1024 * 1024  # an update is a few KB; Telegram's own limit is far below this


@dataclass(frozen=True)
class WebhookConfig:
    url: str  # what Telegram calls (behind a reverse proxy: the public https URL)
    secret: str
    listen: Listen  # where this process listens
    max_connections: int = 40  # Telegram's default

    @property
    def path(self) -> str:
        return urlsplit(self.url).path or "/"


class DurableWebhook(DurablePoller):
    """Receives updates from Telegram's webhook into the durable inbox."""

    def __init__(
        self,
        application: Application,
        inbox: InboxRepository,
        cipher: DataCipher,
        config: WebhookConfig,
        *,
        clock: Callable[[], float],
        on_arrival: Callable[[list[Update]], Awaitable[None]] | None = None,
        on_contact: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(
            application, inbox, cipher, clock=clock, on_arrival=on_arrival, on_contact=on_contact
        )
        self.config = config
        self._secret = config.secret.encode()
        self._waiting: list[tuple[dict[str, object], asyncio.Future[bool]]] = []
        self._writer: asyncio.Task[None] | None = None
        self._runner: web.AppRunner | None = None
        self.received = 0  # answered 200 (for tests and the benchmark)

    async def start(self) -> None:
        await self.replay()
        app = web.Application(client_max_size=MAX_UPDATE_BYTES)
        app.router.add_post(self.config.path, self._receive)
        runner = web.AppRunner(app, access_log=None, handler_cancellation=False)
        await runner.setup()
        listen = self.config.listen
        await web.TCPSite(runner, listen.host, listen.port).start()
        self._runner = runner
        await self.application.bot.set_webhook(
            self.config.url,
            secret_token=self.config.secret,
            allowed_updates=Update.ALL_TYPES,
            max_connections=self.config.max_connections,
            drop_pending_updates=False,
        )
        log.info("webhook: listening on %s:%s", listen.host, listen.port)

    async def _store_waiting(self) -> None:
        """Store every update received meanwhile in one write, in arrival order; then answer."""
        while self._waiting:
            batch, self._waiting = self._waiting, []
            try:
                await self._take([raw for raw, _ in batch])
                ok = True
            except Exception as exc:
                log.error("webhook: could not store updates: %s", type(exc).__name__)
                ok = False
            for _, stored in batch:
                if not stored.done():
                    stored.set_result(ok)

    async def stop(self) -> None:
        """Stop taking updates: requests being stored finish; later ones get no answer, and
        Telegram sends them again once the bot is back."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _receive(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            log.warning("webhook: a request without the right secret token was refused")
            return web.Response(status=401)
        try:
            raw = json.loads(await request.read())
        except (ValueError, UnicodeDecodeError):
            return web.Response(status=400)
        if not isinstance(raw, dict):
            return web.Response(status=400)
        stored: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._waiting.append((raw, stored))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._store_waiting(), name="webhook-store")
        if not await stored:  # the disk is full, the database locked...: Telegram retries
            return web.Response(status=503)
        self.received += 1
        if self.on_contact is not None:
            self.on_contact()
        return web.Response(status=200)
