"""`RelayService`: the queue, sessions, exactly-once relaying and timeouts, put together."""

from __future__ import annotations

import time
from collections.abc import Callable

from bot.relay.languages import LanguageOps
from bot.relay.pairs import PairOps
from bot.relay.timeouts import TimeoutOps
from bot.staff import StaffService
from bot.storage.pair_repo import PairRepository
from bot.storage.queue_repo import QueueRepository
from bot.storage.session_repo import SessionRepository


class RelayService(TimeoutOps, PairOps, LanguageOps):
    def __init__(
        self,
        queue: QueueRepository,
        sessions: SessionRepository,
        pairs: PairRepository,
        staff: StaffService,
        *,
        caseload_limit: int = 1,
        visitor_idle_minutes: int = 10,
        volunteer_reply_minutes: int = 3,
        queue_timeout_minutes: int = 60,
        shift_reminder_hours: int = 4,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.queue = queue
        self.sessions = sessions
        self.pairs = pairs
        self.staff = staff
        self.caseload_limit = caseload_limit
        self.visitor_idle = visitor_idle_minutes * 60
        self.volunteer_reply = volunteer_reply_minutes * 60
        self.queue_timeout = queue_timeout_minutes * 60
        self.shift_reminder = shift_reminder_hours * 3600
        self.clock = clock
        # Who showed signs of risk lately, so asking to talk afterwards queues them as urgent.
        # In memory only, for an hour: a signal for triage, not a record about a person.
        self._recent_risk: dict[bytes, float] = {}
        # Who has messages held while waiting that were not yet passed on: relaying their next
        # message first passes those on (see handlers.held). Rebuilt from the database at
        # start (`recall_held`), so a restart in the middle of passing on loses none.
        self._holding: set[bytes] = set()
        # "Someone is waiting" alerts coalesced: when each volunteer was last alerted (urgent or
        # not), and who has an alert held back. In memory: a restart at worst alerts once more.
        self._alerted: dict[tuple[bytes, bool], float] = {}
        self._deferred: dict[bytes, bool] = {}
        # Which crisis answers a visitor was given, per chat (session id) or outside chats
        # (None), so contacts come once per chat and at most hourly outside: no id, no words.
        self._signals: dict[tuple[bytes, int | None, str], float] = {}
