"""Long polling with a durable inbox: no update is lost in a crash, none is handled twice.

PTB's own `Updater` confirms updates to Telegram (by asking for the next offset) as soon as it
has fetched them, before they are handled: a crash in between loses them. Here each update is
first stored in SQLite (encrypted: it holds ids and texts) and only then confirmed; it is marked
done once its handlers have run (by `ChatOrderedUpdateProcessor`). At start, stored updates not
yet done are handled first, and an update Telegram delivers again is recognised and skipped.

Each payload is sealed under a key of its own, destroyed once the update is handled
(`bot/inbox_keys.py`): copies SQLite leaves behind in its WAL then read as nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application

from bot.crypto import DataCipher
from bot.inbox_keys import InboxKeys, inbox_context, key_file_of, slot_of
from bot.storage.inbox_repo import InboxRepository

__all__ = ["DurablePoller", "inbox_context", "retry_seconds"]

log = logging.getLogger(__name__)

KEEP_DONE_IDS = 48 * 3600  # Telegram keeps an unconfirmed update for 24 h at most


def retry_seconds(value: object) -> float:
    """`retry_after` is an int in PTB 22 and a timedelta in later versions."""
    total = getattr(value, "total_seconds", None)
    return float(total()) if callable(total) else float(value)  # type: ignore[arg-type]


class DurablePoller:
    def __init__(
        self,
        application: Application,
        inbox: InboxRepository,
        cipher: DataCipher,
        *,
        poll_timeout: int = 10,
        clock: Callable[[], float] = time.time,
        on_arrival: Callable[[list[Update]], Awaitable[None]] | None = None,
        on_contact: Callable[[], None] | None = None,
    ) -> None:
        self.on_contact = on_contact  # told each time getUpdates answers (health)
        self.application = application
        self.on_arrival = on_arrival  # told of each batch before it is stored (idempotent)
        self.inbox = inbox
        self.cipher = cipher
        self.keys = InboxKeys(key_file_of(inbox.db.path), cipher)
        self.poll_timeout = poll_timeout
        self.clock = clock
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Replay what a previous run stored but did not finish, then poll."""
        bot = self.application.bot
        pending = await self.inbox.pending()
        self.keys.open()
        self.keys.keep_only(
            {u: slot for u, payload in pending if (slot := slot_of(payload)) is not None}
        )
        for update_id, payload in pending:
            plaintext = self.keys.unseal(update_id, payload)
            if plaintext is None:  # its key is gone: it was handled just before a crash
                log.warning("an update stored before the last stop had no key left; skipped")
                await self.inbox.done(update_id)
                continue
            await self.application.update_queue.put(Update.de_json(json.loads(plaintext), bot))
        offset = await self.inbox.next_offset()
        await bot.delete_webhook(drop_pending_updates=False)
        self._task = asyncio.create_task(self._poll(offset), name="durable-poller")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def close(self) -> None:
        """After the last handler has run: release the key file."""
        self.keys.close()

    async def done(self, update: object) -> None:
        """Called once every handler has run for `update`."""
        if isinstance(update, Update):
            # The key first: if the process dies in between, the update is not handled twice
            # (at start, a stored update without a key counts as handled).
            self.keys.destroy(update.update_id)
            await self.inbox.done(update.update_id)

    async def _poll(self, offset: int) -> None:
        backoff = 1.0
        while True:
            try:
                raw_updates = await self._fetch(offset)
                backoff = 1.0
                if self.on_contact is not None:
                    self.on_contact()
            except InvalidToken:
                log.critical("Telegram refused the bot token; polling stopped")
                return
            except RetryAfter as exc:
                await asyncio.sleep(retry_seconds(exc.retry_after))
                continue
            except Exception as exc:  # polling must never stop for good
                expected = isinstance(exc, TimedOut | NetworkError | Conflict)
                log.log(
                    logging.WARNING if expected else logging.ERROR,
                    "polling: %s; retrying in %.0f s",
                    type(exc).__name__,
                    backoff,
                )
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)
                continue
            try:
                offset = max(offset, await self._take(raw_updates) + 1)
            except Exception as exc:  # e.g. the disk is full or the database locked
                # The offset did not move: Telegram keeps the whole batch for us.
                log.error("polling: could not store an update: %s", type(exc).__name__)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)

    async def _fetch(self, offset: int) -> list[dict[str, Any]]:
        """One long poll, as raw JSON.

        PTB's `get_updates` parses the whole answer at once, so a single update it cannot read
        would fail every update with it, forever (and PTB logs the raw data, names and texts
        included). We take the raw list through PTB's own request path (`_post`: the rate
        limiter and timeouts still apply) and read each update on its own.
        """
        result = await self.application.bot._post(
            "getUpdates",
            {"offset": offset, "timeout": self.poll_timeout, "allowed_updates": Update.ALL_TYPES},
            read_timeout=self.poll_timeout + 5,
        )
        return [u for u in result if isinstance(u, dict)] if isinstance(result, list) else []

    async def _take(self, raw_updates: list[dict[str, Any]]) -> int:
        """Store a batch in one write, then queue the new ones for handling, in order.

        Returns the highest update id seen (-1 for none). One write for the batch, not one per
        update: under load a `getUpdates` answer holds up to 100 updates.
        """
        rows: list[tuple[int, bytes | None, bool]] = []
        updates: dict[int, Update] = {}
        sealed: dict[int, bytes] = {}
        for raw in raw_updates:
            update_id = raw.get("update_id")
            if not isinstance(update_id, int) or isinstance(update_id, bool):
                log.warning("skipped an update without an id")  # cannot happen with Telegram
                continue
            try:
                updates[update_id] = Update.de_json(raw, self.application.bot)
            except Exception:  # a shape PTB cannot read: skip it, never block the others
                log.warning("skipped an update that could not be read")
                rows.append((update_id, None, True))
                continue
            if update_id in sealed:  # the same update twice in one answer
                continue
            payload = json.dumps(raw, separators=(",", ":")).encode()
            sealed[update_id] = self.keys.seal(update_id, payload)
            rows.append((update_id, sealed[update_id], False))
        if not rows:
            return -1
        if self.on_arrival is not None and updates:
            # Before storing (after it, a failure would leave stored updates nobody queued).
            # Its failure is logged, never fatal: polling must not go deaf for a side task.
            try:
                await self.on_arrival(list(updates.values()))
            except Exception as exc:
                log.error("polling: arrivals not noted: %s", type(exc).__name__)
        try:
            new = await self.inbox.store(rows, self.clock())
        except BaseException:
            for token in sealed.values():  # nothing stored: their keys protect nothing
                self.keys.discard(token)
            raise
        for update_id, token in sealed.items():
            if update_id in new:
                self.keys.adopt(update_id, token)
            else:  # a redelivery: the row stored before keeps its own key
                self.keys.discard(token)
        for update_id, update in updates.items():
            if update_id in new:  # not a redelivery of an update already stored
                await self.application.update_queue.put(update)
        return max(update_id for update_id, _, _ in rows)

    async def purge(self) -> int:
        return await self.inbox.purge(self.clock() - KEEP_DONE_IDS)
