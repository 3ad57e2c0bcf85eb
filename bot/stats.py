"""Statistics without surveillance: counts over a period, and no figure under 5 shown exactly.

Everything comes from anonymous chat facts (no pseudonym) and shift lengths (no one named).
A count from 1 to 4 is shown as "<5" (zero as 0), and a median or percentile is only computed from
at least `THRESHOLD` chats, so no single visitor or volunteer can be picked out.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot.content.i18n import t
from bot.content.loader import Content
from bot.storage.stats_repo import StatsRepository
from bot.storage.topics_repo import TopicRepository
from bot.topics import PREFIX, topic_ids

THRESHOLD = 5


def count(n: int) -> str:
    """A count as shown: exact from 5 up and at zero (nothing happened identifies no one),
    else '<5'."""
    return str(n) if n >= THRESHOLD or n == 0 else f"<{THRESHOLD}"


def _minutes(seconds: float) -> str:
    return str(round(seconds / 60))


def _percentile(values: list[int], q: float) -> float:
    ordered = sorted(values)
    index = max(0, math.ceil(q * len(ordered)) - 1)
    return float(ordered[index])


@dataclass(frozen=True)
class StatsReport:
    days: int
    chats: int
    answered: int
    unanswered: int
    visitors: int
    urgent: int
    waiting_now: int
    urgent_waiting_now: int
    wait_median_min: str | None
    wait_p90_min: str | None
    length_median_min: str | None
    length_p90_min: str | None
    ratings: dict[int, int] = field(default_factory=dict)
    duty_by_hour: dict[int, float] = field(default_factory=dict)
    topics: dict[str, int] = field(default_factory=dict)  # chats that touched each topic
    languages: dict[str, int] = field(default_factory=dict)  # chats with topics noted, by language

    def lines(
        self,
        topic_order: Sequence[str] = (),
        topic_name: Callable[[str], str] = str,
        language_name: Callable[[str], str] = str,
    ) -> dict[str, str]:
        """Every figure as text, small numbers suppressed (what /stats and the CLI print).
        Topics come in `topic_order` (the content's list: a topic nobody noted shows 0),
        then any others still counted from an older list."""
        na = "n/a"
        order = list(dict.fromkeys([*topic_order, *sorted(self.topics)]))
        return {
            "days": str(self.days),
            "chats": count(self.chats),
            "answered": count(self.answered),
            "unanswered": count(self.unanswered),
            "visitors": count(self.visitors),
            "urgent": count(self.urgent),
            "waiting": count(self.waiting_now),
            "urgent_waiting": count(self.urgent_waiting_now),
            "wait_median": self.wait_median_min or na,
            "wait_p90": self.wait_p90_min or na,
            "length_median": self.length_median_min or na,
            "length_p90": self.length_p90_min or na,
            "ratings": "  ".join(f"{n}: {count(self.ratings.get(n, 0))}" for n in range(1, 6)),
            "duty": "  ".join(
                f"{h:02d}h: {count(round(v))}" for h, v in sorted(self.duty_by_hour.items())
            )
            or na,
            "topics": ", ".join(f"{topic_name(k)}: {count(self.topics.get(k, 0))}" for k in order)
            or na,
            "languages": ", ".join(
                f"{language_name(k)}: {count(n)}" for k, n in sorted(self.languages.items())
            )
            or na,
        }


async def compute(
    repo: StatsRepository, days: int, now: float, topics: TopicRepository | None = None
) -> StatsReport:
    since = now - days * 86400
    since_day = int(since // 86400)
    facts = await repo.facts(since_day)
    waits = [f[0] for f in facts]
    lengths = [f[1] for f in facts if f[3]]
    enough_waits = len(waits) >= THRESHOLD
    enough_lengths = len(lengths) >= THRESHOLD
    ratings: dict[int, int] = {}
    for fact in facts:
        if fact[4] is not None:
            ratings[fact[4]] = ratings.get(fact[4], 0) + 1
    waiting, urgent_waiting = await repo.queue_now()
    return StatsReport(
        days=days,
        chats=len(facts),
        answered=sum(1 for f in facts if f[3]),
        unanswered=sum(1 for f in facts if not f[3]),
        visitors=await repo.visitors(since),
        urgent=sum(1 for f in facts if f[2]),
        waiting_now=waiting,
        urgent_waiting_now=urgent_waiting,
        wait_median_min=_minutes(statistics.median(waits)) if enough_waits else None,
        wait_p90_min=_minutes(_percentile(waits, 0.9)) if enough_waits else None,
        length_median_min=_minutes(statistics.median(lengths)) if enough_lengths else None,
        length_p90_min=_minutes(_percentile(lengths, 0.9)) if enough_lengths else None,
        ratings=ratings,
        duty_by_hour=_duty_by_hour(await repo.duty(since, now), since, now),
        topics=await topics.by_topic(since_day) if topics else {},
        languages=await topics.by_language(since_day) if topics else {},
    )


def report_lines(
    content: Content, report: StatsReport, locale: str | None = None
) -> dict[str, str]:
    """The figures in one language: topic names and language names from the content."""
    loc = content.locale(locale)
    return report.lines(
        topic_order=topic_ids(loc),
        topic_name=lambda tid: t(loc, PREFIX + tid) if PREFIX + tid in loc.strings else tid,
        language_name=lambda code: (
            content.locales[code].language_name if code in content.locales else code
        ),
    )


def _duty_by_hour(shifts: list[tuple[float, float]], since: float, now: float) -> dict[int, float]:
    """Volunteer-hours on duty per hour of the day (UTC) over the period."""
    hours: dict[int, float] = {}
    for start, end in shifts:
        start, end = max(start, since), min(end, now)
        t = start
        while t < end:
            hour_end = (math.floor(t / 3600) + 1) * 3600
            chunk = min(hour_end, end) - t
            hour = int(t // 3600) % 24
            hours[hour] = hours.get(hour, 0.0) + chunk / 3600
            t = hour_end
    return {h: v for h, v in hours.items() if v > 0}
