"""The quick exit's fence: nothing lands in a chat while it is being wiped, and nothing sent
before lands after the neutral line.

Whatever the bot puts into someone's chat that did not come from their own update (a relayed
copy, a held message passed on, a read-along copy, a notice) is a `Delivery` to that person
(by pseudonym). Telegram calls are retried in several layers (PTB's rate limiter after a 429,
`bot.throttle` after a timeout or a 5xx, the relay's own patient retries), and every layer
runs each HTTP attempt through `Delivery.attempt`, which

* refuses (`Abandoned`) once the recipient's chat is being wiped, or was since the delivery
  began, and, on a retry, once the delivery is no longer wanted (its chat has ended);
* records the ids of what landed under the recipient before the attempt counts as settled.

A quick exit `wipe`s: it closes the door to that person, cancels every delivery under way to
them, ends their chats and deletes what it knows of; then it waits for the attempts already
on the wire to settle (their ids are then recorded) and deletes those too; the neutral line
goes last. In memory
only: a restart ends every attempt anyway. Nothing here imports `telegram`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
Remember = Callable[[bytes, list[int]], Awaitable[None]]


class Abandoned(Exception):
    """The message is no longer wanted in its chat (being wiped, or the chat has ended)."""


def message_ids(result: Any) -> list[int]:
    """Ids of the messages a Bot API call put in a chat, read from its raw JSON result."""
    found = result if isinstance(result, list) else [result]
    return [r["message_id"] for r in found if isinstance(r, dict) and "message_id" in r]


class Delivery:
    """One message on its way into one person's chat (however many attempts it takes)."""

    __slots__ = ("_fence", "_tries", "cancelled", "recipient", "still_wanted")

    def __init__(
        self,
        fence: Fence,
        recipient: bytes,
        still_wanted: Callable[[], Awaitable[bool]] | None = None,
    ) -> None:
        self._fence = fence
        self._tries = 0
        self.recipient = recipient
        self.still_wanted = still_wanted
        self.cancelled = False

    async def attempt(self, call: Callable[[], Awaitable[T]]) -> T:
        """Run one HTTP attempt, unless the chat is closed to it; note what landed."""
        retry = self._tries > 0
        self._tries += 1
        if self.cancelled:
            raise Abandoned
        if retry and self.still_wanted is not None and not await self.still_wanted():
            raise Abandoned
        if self.cancelled:  # a wipe began while we asked
            raise Abandoned
        fence, recipient = self._fence, self.recipient
        fence._on_wire[recipient] = fence._on_wire.get(recipient, 0) + 1
        try:
            result = await call()
            ids = message_ids(result)
            if ids:
                await fence._remember(recipient, ids)
            return result
        finally:
            fence._settle(recipient)


class Fence:
    """Deliveries under way, per recipient, and the chats being wiped."""

    def __init__(self, remember: Remember) -> None:
        self._remember = remember  # notes message ids under a pseudonym, for a quick exit
        self._live: dict[bytes, set[Delivery]] = {}
        self._on_wire: dict[bytes, int] = {}
        self._settled: dict[bytes, asyncio.Event] = {}
        self._wiping: dict[bytes, int] = {}

    def is_wiping(self, recipient: bytes) -> bool:
        return recipient in self._wiping

    @contextlib.contextmanager
    def delivery(
        self, recipient: bytes, still_wanted: Callable[[], Awaitable[bool]] | None = None
    ) -> Iterator[Delivery]:
        """A new delivery to `recipient`; `Abandoned` at once while their chat is wiped."""
        if recipient in self._wiping:
            raise Abandoned
        delivery = Delivery(self, recipient, still_wanted)
        live = self._live.setdefault(recipient, set())
        live.add(delivery)
        try:
            yield delivery
        finally:
            live.discard(delivery)
            if not live and self._live.get(recipient) is live:
                del self._live[recipient]

    @contextlib.asynccontextmanager
    async def wipe(self, recipient: bytes) -> AsyncIterator[Callable[[], Awaitable[bool]]]:
        """Close `recipient`'s chat to deliveries (those under way are cancelled) until the
        block ends. It yields `settled()`: once awaited, what was on the wire has landed and
        been noted, so the chat's message ids are complete (True if it had to wait)."""
        self._wiping[recipient] = self._wiping.get(recipient, 0) + 1
        for delivery in self._live.get(recipient, ()):
            delivery.cancelled = True

        async def settled() -> bool:
            waited = False
            while self._on_wire.get(recipient, 0):
                waited = True
                await self._settled.setdefault(recipient, asyncio.Event()).wait()
            return waited

        try:
            yield settled
        finally:
            self._wiping[recipient] -= 1
            if not self._wiping[recipient]:
                del self._wiping[recipient]

    def _settle(self, recipient: bytes) -> None:
        left = self._on_wire[recipient] - 1
        if left:
            self._on_wire[recipient] = left
            return
        del self._on_wire[recipient]
        settled = self._settled.pop(recipient, None)
        if settled is not None:
            settled.set()
