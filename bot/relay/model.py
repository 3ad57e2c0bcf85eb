"""What the relay engine decides, as plain data: notices, queue places, results, limits."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

from bot.callbacks import Action
from bot.storage.session_repo import SessionRow

Session = SessionRow
Side = Literal["visitor", "volunteer"]
DEFAULT_CHAT_MINUTES = 20  # used for wait estimates until there are real chat lengths
QUEUE_REFRESH = 20  # how many waiting visitors get live position updates
QUEUE_COUNT_CAP = 1000  # counts stop here ("1000+", 1000 or more): same cost however many wait
HELD_MESSAGES = 20  # messages written while waiting that are passed on when connected
RISK_MEMORY = 3600  # seconds a sign of risk makes a later request to talk urgent
SIGNAL_WINDOW = 3600  # outside a chat, crisis contacts (or an alert) once in this many seconds
SIGNAL_MEMORY = 86400  # how long "contacts were sent in this chat" is remembered at most
# Why a chat closed, when the visitor goes back to the queue rather than being let go.
REQUEUE_REASONS = {"blocked_volunteer", "revoked", "handback", "absent"}
CRISIS_ROW = (("button.crisis", Action("crisis")),)  # every visitor screen keeps Urgent help
NOBODY_BUTTONS = (
    (("button.crisis", Action("crisis")),),
    (("button.self_esteem", Action("se", "0")),),
    (("button.leave_queue", Action("cancel")),),
)


def rating_buttons(session_id: int) -> tuple[tuple[tuple[str, Action], ...], ...]:
    """One tap, anonymous: the rating is stored on the chat's facts, not on a person."""
    return (
        tuple((f"rating.button_{n}", Action("rate", f"{session_id}-{n}")) for n in range(1, 6)),
        CRISIS_ROW,
    )


@dataclass(frozen=True)
class Notice:
    """Tell one person something: a content key, its values, optional buttons."""

    to: bytes
    key: str
    values: dict[str, object] = field(default_factory=dict)
    buttons: tuple[tuple[tuple[str, Action], ...], ...] = ()


def visitor_notice(
    to: bytes,
    key: str,
    values: dict[str, object] | None = None,
    buttons: tuple[tuple[tuple[str, Action], ...], ...] = (),
) -> Notice:
    """A notice to a visitor: it always keeps the Urgent help button (added last if missing)."""
    has_crisis = any(action.name == "crisis" for row in buttons for _, action in row)
    return Notice(to, key, values or {}, buttons if has_crisis else (*buttons, CRISIS_ROW))


@dataclass(frozen=True)
class QueuePlace:
    visitor: bytes
    position: int  # over QUEUE_COUNT_CAP: at least that many ahead (not all counted)
    estimate_minutes: int | None  # None: nobody on duty; 0: soon
    status_msg: int | None
    urgent: bool = False
    # Their language, when nobody on duty reads it and they wait for someone who does (they
    # may say another language is fine): the place screen says so, with that button.
    waits_for: str | None = None

    @property
    def far(self) -> bool:
        """So many wait ahead that they were not all counted (the estimate is a floor)."""
        return self.position > QUEUE_COUNT_CAP


@dataclass(frozen=True)
class JoinResult:
    outcome: Literal["queued", "already", "in_session", "nobody"]
    place: QueuePlace | None = None
    notices: list[Notice] = field(default_factory=list)


@dataclass(frozen=True)
class SweepResult:
    notices: list[Notice] = field(default_factory=list)
    ended: list[Session] = field(default_factory=list)
    absent: list[Session] = field(default_factory=list)  # volunteer silent too long
    dropped: list[bytes] = field(default_factory=list)
    queue_changed: bool = False


def count_text(count: int) -> str:
    """A queue count as people read it: counts stop at QUEUE_COUNT_CAP, shown as "1000+"."""
    return f"{QUEUE_COUNT_CAP}+" if count >= QUEUE_COUNT_CAP else str(count)


def estimate_minutes(position: int, free_slots: int, on_duty: int, chat_minutes: float) -> int:
    """An honest, rounded guess: 0 if a volunteer is free for this place, else rounds of chats."""
    if position <= free_slots:
        return 0
    rounds = math.ceil((position - free_slots) / max(on_duty, 1))
    return max(5, int(math.ceil(rounds * chat_minutes / 5) * 5))
