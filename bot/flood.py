"""Flood control: a visitor who sends too much too fast is slowed down kindly.

A sliding window per person, in memory only (it is a rate, not a record, and forgetting it on
a restart is harmless). Volunteers are never slowed. Messages and button presses have a gate
each: tapping buttons costs others nothing most of the time, but some taps (asking to talk)
alert every volunteer on duty.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable

BUTTON_LIMIT = 30  # button presses a minute; paging the guide quickly stays well under it
UNLIMITED_BUTTONS = frozenset({"crisis", "country", "exit", "forget"})  # safety comes first


class FloodGate:
    def __init__(
        self,
        limit: int = 20,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        max_people: int = 50_000,
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._max = max_people
        self._seen: OrderedDict[bytes, deque[float]] = OrderedDict()
        self._warned: dict[bytes, float] = {}

    def check(self, key: bytes) -> str:
        """'ok', 'slow' (over the limit: tell them once per window) or 'drop' (told already)."""
        now = self._clock()
        times = self._seen.get(key)
        if times is None:
            times = self._seen[key] = deque()
            if len(self._seen) > self._max:
                old, _ = self._seen.popitem(last=False)
                self._warned.pop(old, None)
        else:
            self._seen.move_to_end(key)
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) < self.limit:
            times.append(now)
            return "ok"
        warned = self._warned.get(key)
        if warned is not None and now - warned < self.window:
            return "drop"
        self._warned[key] = now
        return "slow"
