"""Long polling for the stand-in: ``getUpdates`` as Telegram answers it, and waiting for it.

A mixin of :class:`~.server.BotAPIStandIn`. One long poll at a time (a second one gets the
first 409 Conflict, as on Telegram); tests wait for a poll to park or to end by protocol.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .state import ApiError

if TYPE_CHECKING:
    from .state import StandInState

__all__ = ["LongPolling"]

_CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance "
    "is running"
)
_WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to "
    "delete the webhook first"
)


@dataclass
class _Poll:
    """A getUpdates request in progress; flags say why it was woken."""

    event: asyncio.Event = field(default_factory=asyncio.Event)
    terminated: bool = False
    stopped: bool = False


class LongPolling:
    """Mixin: the ``getUpdates`` long poll, and waiting for the bot to poll or to stop."""

    state: StandInState

    def _init_polling(self) -> None:
        self._poll: _Poll | None = None
        self._poll_parked = asyncio.Event()
        self._poll_unparked = asyncio.Event()
        self._stopping = False

    async def wait_delivered(self, timeout: float | None = 10.0) -> None:  # noqa: ASYNC109 - public API
        """Return once the bot confirmed (via getUpdates offset) every update queued so far."""
        await self.state.updates.wait_delivered(timeout)

    async def wait_polling(self, timeout: float = 10) -> None:  # noqa: ASYNC109 - public API
        """Return once a long-polling getUpdates is parked waiting for updates.

        Lets tests provoke "update arrives during a long poll" deterministically.
        """
        async with asyncio.timeout(timeout):
            await self._poll_parked.wait()

    async def wait_not_polling(self, timeout: float = 10) -> None:  # noqa: ASYNC109 - public API
        """Return once no long poll is waiting (the bot stopped, or is handling a batch)."""
        if not self._poll_parked.is_set():
            return
        async with asyncio.timeout(timeout):
            await self._poll_unparked.wait()

    @property
    def polling(self) -> bool:
        """Whether a getUpdates long poll is currently waiting."""
        return self._poll_parked.is_set()

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        updates = self.state.updates
        if self.state.webhook_url:
            raise ApiError(409, _WEBHOOK_CONFLICT)
        if self._poll is not None:
            # Telegram answers the *earlier* request with 409 Conflict.
            self._poll.terminated = True
            self._poll.event.set()
        poll = _Poll()
        self._poll = poll
        try:
            offset = params.get("offset")
            if offset is not None:
                updates.confirm(_int_param(offset, "offset"))
            allowed = params.get("allowed_updates")
            if isinstance(allowed, list):
                updates.set_allowed(str(kind) for kind in allowed)
            limit = min(max(_int_param(params.get("limit", 100), "limit"), 1), 100)
            timeout = max(_int_param(params.get("timeout", 0), "timeout"), 0)
            batch = updates.peek(limit)
            # Queued updates are immutable snapshots, so the batch needs no copy.
            if batch or timeout == 0 or self._stopping:
                return batch
            updates.poll_waiter = poll.event
            self._poll_unparked.clear()
            self._poll_parked.set()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout):
                    while not batch:
                        await poll.event.wait()
                        poll.event.clear()
                        if poll.terminated:
                            raise ApiError(409, _CONFLICT)
                        if poll.stopped:
                            return []
                        batch = updates.peek(limit)
            return batch
        finally:
            if updates.poll_waiter is poll.event:
                updates.poll_waiter = None
            if self._poll is poll:
                self._poll = None
                self._poll_parked.clear()
                self._poll_unparked.set()


def _int_param(value: Any, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ApiError.bad_request(f'field "{name}" must be of type Integer') from None
