"""Concurrency and flood control between the bot and Telegram.

* `ChatOrderedUpdateProcessor`: updates from different chats run concurrently (a bounded
  number at once), but one chat's updates run strictly one after another, in the order they
  arrived. PTB's `concurrent_updates=True` alone may reorder one person's messages.
* `ChatRateLimiter`: PTB's `AIORateLimiter` (Telegram's ~30 messages a second overall, with
  retries after a 429 `retry_after`) plus a per-private-chat bucket of about one message a
  second, which `AIORateLimiter` only applies to groups, plus a few retries with backoff after
  a timeout or a 5xx (a retried send that had in fact arrived shows twice: rare, and better
  than a lost message in a support chat). A send that carries a `bot.fence.Delivery` as its
  `rate_limit_args` runs every attempt, in every retry layer, through it: a chat being wiped
  by a quick exit (or ended) gets no retry, and what lands is noted for the exit.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram import Update
from telegram.error import BadRequest, NetworkError
from telegram.ext import AIORateLimiter, BaseUpdateProcessor

from bot.fence import Delivery

# PTB's own semaphore only has to be large enough never to be the limit: the real bound is ours,
# taken *after* the per-chat lock, so updates waiting their turn in a busy chat hold no slot.
_PTB_SLOTS = 1 << 16


def chat_key(update: object) -> int | None:
    """The chat an update belongs to (None: no chat, no ordering needed)."""
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return update.effective_chat.id
        if update.effective_user is not None:
            return update.effective_user.id
    return None


class ChatOrderedUpdateProcessor(BaseUpdateProcessor):
    """Bounded concurrency across chats, strict order within each chat."""

    def __init__(
        self,
        max_concurrent_updates: int = 12,
        on_done: Callable[[object], Awaitable[None]] | None = None,
    ) -> None:
        super().__init__(_PTB_SLOTS)
        self.on_done = on_done  # told when an update's handlers have all run (durable inbox)
        self._limit = max_concurrent_updates
        self._slots = asyncio.BoundedSemaphore(max_concurrent_updates)
        self._chat_locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    @property
    def concurrency(self) -> int:
        return self._limit

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = chat_key(update)
        if key is None:
            async with self._slots:
                await coroutine
                await self._done(update)
            return
        lock = self._chat_locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock, self._slots:  # lock first: FIFO per chat, no slot while waiting
                await coroutine
                await self._done(update)
        finally:
            self._waiting[key] -= 1
            if self._waiting[key] == 0:
                del self._waiting[key]
                del self._chat_locks[key]

    async def _done(self, update: object) -> None:
        if self.on_done is not None:
            await self.on_done(update)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


_SENDS = ("send", "copy", "forward")


class ChatRateLimiter(AIORateLimiter):
    """AIORateLimiter plus a per-private-chat leaky bucket for messages sent."""

    def __init__(
        self,
        *,
        enabled: bool = True,
        per_chat_rate: float = 1.0,
        per_chat_burst: int = 5,
        max_retries: int = 3,
        max_chats: int = 10_000,
        network_retries: int = 2,
        retry_delay: float = 0.5,
    ) -> None:
        if enabled:
            super().__init__(max_retries=max_retries)
        else:  # benchmarks against a local stand-in: no limits, but still retry after a 429
            super().__init__(
                overall_max_rate=0,
                overall_time_period=0,
                group_max_rate=0,
                group_time_period=0,
                max_retries=max_retries,
            )
        self._enabled = enabled
        self._network_retries = network_retries
        self._retry_delay = retry_delay
        self._rate = per_chat_rate
        self._burst = per_chat_burst
        self._max_chats = max_chats
        self._chats: OrderedDict[int, AsyncLimiter] = OrderedDict()

    def _chat_limiter(self, chat_id: int) -> AsyncLimiter:
        limiter = self._chats.get(chat_id)
        if limiter is None:
            limiter = AsyncLimiter(self._burst, self._burst / self._rate)
            self._chats[chat_id] = limiter
            if len(self._chats) > self._max_chats:
                self._chats.popitem(last=False)
        else:
            self._chats.move_to_end(chat_id)
        return limiter

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        if isinstance(rate_limit_args, Delivery):  # ours, not AIORateLimiter's retry count
            callback = _through(rate_limit_args, callback)
            rate_limit_args = None
        chat_id = data.get("chat_id")
        if (
            self._enabled
            and isinstance(chat_id, int)
            and chat_id > 0
            and endpoint.startswith(_SENDS)
        ):
            await self._chat_limiter(chat_id).acquire()
        for attempt in range(self._network_retries + 1):
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except BadRequest:
                raise  # a subclass of NetworkError, but the request itself is wrong
            except NetworkError:  # timeouts, 5xx, dropped connections
                if endpoint == "getUpdates" or attempt == self._network_retries:
                    raise
                await asyncio.sleep(self._retry_delay * (2**attempt))
        raise AssertionError("unreachable")


def _through(
    delivery: Delivery, callback: Callable[..., Coroutine[Any, Any, Any]]
) -> Callable[..., Coroutine[Any, Any, Any]]:
    """The HTTP call, each attempt of it (AIORateLimiter's after a 429 too) asking first."""

    async def attempt(*args: Any, **kwargs: Any) -> Any:
        return await delivery.attempt(lambda: callback(*args, **kwargs))

    return attempt
