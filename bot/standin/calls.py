"""The stand-in's record of answered calls, and waiting for a call by predicate.

A mixin of :class:`~.server.BotAPIStandIn`: every answered request becomes an
:class:`ApiCall`, kept in order and by method, handed to ``on_call`` observers and to the
``wait_for`` futures of tests, so tests wait on events rather than sleep.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .state import StandInState

__all__ = ["ApiCall", "CallLog"]

_LOGGER = logging.getLogger(__name__)


@dataclass
class ApiCall:
    """One answered Bot API request, as recorded for assertions."""

    method: str
    params: dict[str, Any]
    ok: bool
    error_code: int | None
    result: Any
    received_at: float
    chat_id: int | None
    description: str | None = None


class CallLog:
    """Mixin: the calls answered so far, and waiting for one."""

    state: StandInState

    def _init_calls(self) -> None:
        self.calls: list[ApiCall] = []
        self.on_call: list[Callable[[ApiCall], None]] = []
        self._calls_by_method: dict[str, list[ApiCall]] = {}
        self._call_waiters: list[tuple[Callable[[ApiCall], bool], asyncio.Future[ApiCall]]] = []

    def delivered_updates(self) -> list[dict[str, Any]]:
        """Every update a getUpdates call has returned so far, in order."""
        return [u for call in self.calls_to("getUpdates") if call.ok for u in call.result or []]

    def text_sent(self, call: ApiCall) -> str | None:
        """The text a successful `sendMessage` or `copyMessage` put in its chat (a copy's
        params name only the source message, so this reads the copy itself), else None."""
        if not call.ok or call.chat_id is None or not isinstance(call.result, dict):
            return None
        if call.method == "sendMessage":
            return call.result.get("text")
        if call.method != "copyMessage":
            return None
        chat = self.state.chats.get(call.chat_id)
        message = chat.messages.get(call.result.get("message_id")) if chat is not None else None
        return None if message is None else message.get("text")

    def calls_to(self, method: str) -> list[ApiCall]:
        return list(self._calls_by_method.get(method.lower(), ()))

    async def wait_for(
        self,
        predicate: Callable[[ApiCall], bool],
        timeout: float = 10,  # noqa: ASYNC109 - public API takes a plain timeout
    ) -> ApiCall:
        """The first call, past or future, matching ``predicate``; TimeoutError otherwise."""
        for call in self.calls:
            if predicate(call):
                return call
        future: asyncio.Future[ApiCall] = asyncio.get_running_loop().create_future()
        entry = (predicate, future)
        self._call_waiters.append(entry)
        try:
            async with asyncio.timeout(timeout):
                return await future
        finally:
            if entry in self._call_waiters:
                self._call_waiters.remove(entry)

    def _record(self, call: ApiCall) -> None:
        self.calls.append(call)
        self._calls_by_method.setdefault(call.method.lower(), []).append(call)
        if self._call_waiters:
            for predicate, future in list(self._call_waiters):
                if future.done():
                    continue
                try:
                    matched = predicate(call)
                except Exception as exc:  # surface the test's bug in its wait_for
                    future.set_exception(exc)
                    continue
                if matched:
                    future.set_result(call)
        for observer in list(self.on_call):
            try:
                observer(call)
            except Exception:
                _LOGGER.exception("stand-in on_call observer failed for %s", call.method)
