"""The stand-in delivering updates to a webhook, as Telegram does after `setWebhook`.

Like Telegram's own Bot API server (telegram-bot-api's WebhookActor keeps a queue per chat and
sends the next update of a queue only once the previous one was accepted), up to
`max_connections` updates are in flight at once, but never two of the same chat: within a
chat, updates arrive in order. Each is a JSON POST with the `X-Telegram-Bot-Api-Secret-Token`
header when a secret was set. An update counts as delivered only on a 2xx answer; anything
else (an error status, a refused connection, a timeout) is retried with a growing delay, and
the update stays pending meanwhile, as `getWebhookInfo` shows with the last error.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

import aiohttp

from .state import StandInState

log = logging.getLogger(__name__)

FIRST_RETRY = 0.05  # seconds; Telegram waits longer, tests should not
MAX_RETRY = 1.0


def chat_of(update: dict[str, Any]) -> object:
    """The queue an update belongs to: its chat (or its sender, or itself)."""
    body = next((v for k, v in update.items() if k != "update_id"), {})
    if isinstance(body, dict):
        message = body.get("message") if "message" in body else body
        chat = message.get("chat") if isinstance(message, dict) else None
        if isinstance(chat, dict) and "id" in chat:
            return ("chat", chat["id"])
        sender = body.get("from")
        if isinstance(sender, dict) and "id" in sender:
            return ("chat", sender["id"])
    return ("update", update["update_id"])


class WebhookDeliverer:
    def __init__(self, state: StandInState) -> None:
        self.state = state
        self.attempts = 0  # POSTs made, answered or not
        self.failures = 0
        self.last_error: str | None = None
        self.max_in_flight = 0  # the most updates in flight at once (for tests)
        self._tasks: list[asyncio.Task[None]] = []
        self._target: tuple[str, str, int] | None = None
        self._wake = asyncio.Event()
        self._in_flight: set[int] = set()
        self._busy_chats: set[object] = set()
        self._retry_at: dict[int, tuple[float, float]] = {}  # update id -> (when, next delay)

    def sync(self) -> None:
        """Follow the state after setWebhook / deleteWebhook."""
        url = self.state.webhook_url
        target = (url, self.state.webhook_secret, self.state.webhook_connections) if url else None
        if target == self._target:
            return
        self._target = target
        for task in self._tasks:
            task.cancel()
        self._tasks = []
        self._in_flight.clear()
        self._busy_chats.clear()
        if target is not None:
            self._tasks = [
                asyncio.get_running_loop().create_task(self._run(*target), name="standin-webhook")
            ]

    async def stop(self) -> None:
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._target = None

    def info(self) -> dict[str, Any]:
        extra: dict[str, Any] = {}
        if self.last_error:
            extra = {"last_error_date": self.state.now(), "last_error_message": self.last_error}
        connections = self._target[2] if self._target else 40
        return {"max_connections": connections, **extra}

    def _next(self, now: float) -> tuple[dict[str, Any] | None, float | None]:
        """The first update that may go now (its chat has nothing earlier waiting or in
        flight), or None and how long until a retry is due."""
        seen: set[object] = set(self._busy_chats)
        soonest: float | None = None
        for update in self.state.updates.pending:
            update_id = update["update_id"]
            chat = chat_of(update)
            if chat in seen or update_id in self._in_flight:
                seen.add(chat)
                continue
            seen.add(chat)
            due = self._retry_at.get(update_id, (0.0, 0.0))[0]
            if due > now:
                soonest = due if soonest is None else min(soonest, due)
                continue
            return update, None
        return None, None if soonest is None else max(0.0, soonest - now)

    async def _run(self, url: str, secret: str, connections: int) -> None:
        """One dispatcher (so no wake-up is ever lost) starting up to `connections` sends."""
        loop = asyncio.get_running_loop()
        headers = {"Content-Type": "application/json"}
        if secret:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        sends: set[asyncio.Task[None]] = set()
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session:
            try:
                while True:
                    self._wake.clear()  # before looking: a later set() is never missed
                    wait: float | None = None
                    while len(self._in_flight) < connections:
                        update, wait = self._next(loop.time())
                        if update is None:
                            break
                        self._in_flight.add(update["update_id"])
                        self._busy_chats.add(chat_of(update))
                        self.max_in_flight = max(self.max_in_flight, len(self._in_flight))
                        task = loop.create_task(self._send(session, url, update, headers))
                        sends.add(task)
                        task.add_done_callback(sends.discard)
                    self.state.updates.poll_waiter = self._wake
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(wait):
                            await self._wake.wait()
            finally:
                for task in list(sends):
                    task.cancel()

    async def _send(
        self,
        session: aiohttp.ClientSession,
        url: str,
        update: dict[str, Any],
        headers: dict[str, str],
    ) -> None:
        update_id, chat = update["update_id"], chat_of(update)
        self.attempts += 1
        try:
            ok, error = await self._post(session, url, update, headers)
        finally:
            self._in_flight.discard(update_id)
            self._busy_chats.discard(chat)
            self._wake.set()  # this chat's next update, or another, may go now
        if ok:
            self._retry_at.pop(update_id, None)
            self.state.updates.remove(update_id)
            return
        self.failures += 1
        self.last_error = error
        now = asyncio.get_running_loop().time()
        delay = self._retry_at.get(update_id, (0.0, FIRST_RETRY))[1]
        self._retry_at[update_id] = (now + delay, min(delay * 2, MAX_RETRY))

    @staticmethod
    async def _post(
        session: aiohttp.ClientSession, url: str, update: dict[str, Any], headers: dict[str, str]
    ) -> tuple[bool, str | None]:
        try:
            async with session.post(url, data=json.dumps(update), headers=headers) as response:
                if 200 <= response.status < 300:
                    return True, None
                return False, f"Wrong response from the webhook: {response.status}"
        except (aiohttp.ClientError, TimeoutError) as exc:
            return False, f"Connection failed: {type(exc).__name__}"
