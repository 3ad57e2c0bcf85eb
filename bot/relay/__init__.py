"""The relay engine: the queue, sessions and their timeouts. No `telegram` import.

It decides; the handlers deliver. Operations return `Notice`s (who should be told what, as a
content key and values) so the words stay in `content/` and the Telegram calls in `handlers/`.
Everything lives in SQLite, so a restart loses no waiting visitor and no active chat.
"""

from bot.relay.model import (
    CRISIS_ROW,
    DEFAULT_CHAT_MINUTES,
    HELD_MESSAGES,
    NOBODY_BUTTONS,
    QUEUE_COUNT_CAP,
    QUEUE_REFRESH,
    REQUEUE_REASONS,
    RISK_MEMORY,
    JoinResult,
    Notice,
    QueuePlace,
    Session,
    Side,
    SweepResult,
    count_text,
    estimate_minutes,
    rating_buttons,
    visitor_notice,
)
from bot.relay.service import RelayService

__all__ = [
    "CRISIS_ROW",
    "DEFAULT_CHAT_MINUTES",
    "HELD_MESSAGES",
    "NOBODY_BUTTONS",
    "QUEUE_COUNT_CAP",
    "QUEUE_REFRESH",
    "REQUEUE_REASONS",
    "RISK_MEMORY",
    "JoinResult",
    "Notice",
    "QueuePlace",
    "RelayService",
    "Session",
    "Side",
    "SweepResult",
    "count_text",
    "estimate_minutes",
    "rating_buttons",
    "visitor_notice",
]
