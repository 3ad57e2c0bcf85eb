"""Fault injection for the stand-in: make chosen calls fail or answer late, once or more.

A mixin of :class:`~.server.BotAPIStandIn`: ``fail_next`` and ``delay_next`` queue rules,
each call of the HTTP front uses up the first rule that matches its method (and chat).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TypeVar

from .state import ApiError

__all__ = ["FaultInjection"]


@dataclass
class _FailRule:
    method: str  # lower-case
    error_code: int
    description: str
    retry_after: int | None
    chat_id: int | None
    remaining: int


@dataclass
class _DelayRule:
    method: str  # lower-case
    seconds: float
    chat_id: int | None
    remaining: int
    after_accepting: bool
    started: asyncio.Event | None = None
    release: asyncio.Event | None = None

    async def wait(self) -> None:
        if self.started is not None:
            self.started.set()
        if self.release is not None:
            await self.release.wait()
        else:
            await asyncio.sleep(self.seconds)


_Rule = TypeVar("_Rule", _FailRule, _DelayRule)


def _take_rule(rules: list[_Rule], method: str, chat_id: int | None) -> _Rule | None:
    """The first rule for this call (method, and chat if the rule names one), used up once."""
    lowered = method.lower()
    for rule in rules:
        if rule.method == lowered and (rule.chat_id is None or rule.chat_id == chat_id):
            rule.remaining -= 1
            if rule.remaining <= 0:
                rules.remove(rule)
            return rule
    return None


class FaultInjection:
    """Mixin: ``fail_next``/``delay_next`` rules, and their use by the calls they match."""

    def _init_faults(self) -> None:
        self._fail_rules: list[_FailRule] = []
        self._delay_rules: list[_DelayRule] = []

    def fail_next(
        self,
        method: str,
        *,
        error_code: int,
        description: str,
        retry_after: int | None = None,
        chat_id: int | None = None,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls of ``method`` (optionally to ``chat_id``) fail."""
        if error_code == 429 and retry_after is None:
            retry_after = 1
        self._fail_rules.append(
            _FailRule(method.lower(), error_code, description, retry_after, chat_id, times)
        )

    def delay_next(
        self,
        method: str,
        seconds: float,
        *,
        chat_id: int | None = None,
        times: int = 1,
        after_accepting: bool = False,
        started: asyncio.Event | None = None,
        release: asyncio.Event | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` (optionally to ``chat_id``) answer only
        after ``seconds`` (``latency`` delays every call alike; a timeout needs one slow call).

        ``after_accepting``: the call takes effect first (a message is stored), then the answer
        is late: Telegram accepted it, but the bot may have stopped waiting.
        ``started`` is set when a delayed call arrives; with ``release``, the call waits for
        that event instead of ``seconds``: a test can act while the bot waits, by protocol.
        """
        self._delay_rules.append(
            _DelayRule(method.lower(), seconds, chat_id, times, after_accepting, started, release)
        )

    def unused_rules(self) -> list[str]:
        """`fail_next` and `delay_next` rules no call has met yet: a test that arranges a
        failure the bot never runs into tests nothing, and should say so."""
        return [f"fail_next({r.method}, chat_id={r.chat_id})" for r in self._fail_rules] + [
            f"delay_next({r.method}, chat_id={r.chat_id})" for r in self._delay_rules
        ]

    def _maybe_fail(self, method: str, chat_id: int | None) -> None:
        rule = _take_rule(self._fail_rules, method, chat_id)
        if rule is not None:
            raise ApiError(rule.error_code, rule.description, rule.retry_after)

    def _take_delay(self, method: str, chat_id: int | None) -> _DelayRule | None:
        return _take_rule(self._delay_rules, method, chat_id)
