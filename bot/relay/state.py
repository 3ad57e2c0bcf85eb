"""The relay engine's shared state, typed once for the parts that make up `RelayService`."""

from __future__ import annotations

from collections.abc import Callable

from bot.staff import StaffService
from bot.storage.pair_repo import PairRepository
from bot.storage.queue_repo import QueueRepository
from bot.storage.session_repo import SessionRepository


class RelayState:
    """Repositories, settings (in seconds) and the small in-memory sets of the engine."""

    queue: QueueRepository
    sessions: SessionRepository
    pairs: PairRepository
    staff: StaffService
    caseload_limit: int
    visitor_idle: float
    volunteer_reply: float
    queue_timeout: float
    shift_reminder: float
    clock: Callable[[], float]
    _recent_risk: dict[bytes, float]
    _holding: set[bytes]
    _alerted: dict[tuple[bytes, bool], float]
    _deferred: dict[bytes, bool]
    _signals: dict[tuple[bytes, int | None, str], float]
