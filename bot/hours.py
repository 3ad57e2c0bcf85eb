"""Operating hours, holidays and the closed mode, from `content/service.yaml`.

The file is content: changed from Telegram only with a second admin's confirmation, checked by
`python -m bot content check`. Hours are weekly ranges in the service's own time zone (IANA);
holidays are dates in that zone on which the service is closed all day. Without the file there
are no set hours (always open).

How "closed" and "someone on duty" fit together: hours say when the service promises to be
staffed, never when it turns people away. A volunteer may go on duty at any time, and whoever is
on duty serves visitors whatever the clock says. Outside hours, with nobody on duty, a visitor
who asks to talk is told when it opens next, gets the contacts at once, and keeps a place in
the queue only where `accept_queue_when_closed` says so (a visitor who may be at risk is always
offered one, as when nobody is on duty during opening hours). No `telegram` import.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from bot.content.problems import Problem

FILE_NAME = "service.yaml"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_MINUTES = 24 * 60
LOOKAHEAD_DAYS = 400  # holidays can close a service for a long time; beyond this, "not known"
MERGE_LIMIT = 7 * 86400  # open without a break for longer than this: "open", with no end named
_RANGE = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")


class ServiceFile(BaseModel):
    """`content/service.yaml` as written."""

    model_config = ConfigDict(extra="forbid")

    timezone: str
    hours: dict[str, list[str]]
    holidays: list[dt.date] = []
    accept_queue_when_closed: bool = False


Range = tuple[int, int]  # minutes from local midnight, end exclusive (1440: midnight after)


@dataclass(frozen=True)
class ServiceHours:
    """Weekly hours in one zone, holidays, and whether a place is kept while closed."""

    zone_name: str
    week: tuple[tuple[Range, ...], ...]  # Monday first
    holidays: frozenset[dt.date] = frozenset()
    accept_queue_when_closed: bool = False
    zone: zoneinfo.ZoneInfo = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "zone", zoneinfo.ZoneInfo(self.zone_name))

    @property
    def always_open(self) -> bool:
        return not self.holidays and all(day == ((0, DAY_MINUTES),) for day in self.week)

    def _at(self, day: dt.date, minutes: int) -> float:
        """The moment `minutes` after local midnight of `day`, as a timestamp."""
        moment = dt.datetime.combine(day, dt.time(0), tzinfo=self.zone)
        if minutes == DAY_MINUTES:
            moment = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=self.zone)
        else:
            moment = moment.replace(hour=minutes // 60, minute=minutes % 60)
        return moment.timestamp()

    def _intervals(self, day: dt.date) -> list[tuple[float, float]]:
        if day in self.holidays:
            return []
        return [(self._at(day, s), self._at(day, e)) for s, e in self.week[day.weekday()]]

    def status(self, now: float) -> Opening:
        """Open or closed at `now`; when it closes (if open) or opens next (if closed)."""
        if self.always_open:
            return Opening(True)
        if not any(self.week):
            return Opening(False)
        today = dt.datetime.fromtimestamp(now, self.zone).date()
        intervals = (
            span
            for offset in range(-1, LOOKAHEAD_DAYS)
            for span in self._intervals(today + dt.timedelta(days=offset))
        )
        closes: float | None = None
        for start, end in intervals:
            if closes is not None:  # open: a range that starts where this one ends continues it
                if start > closes:
                    break
                if end - now > MERGE_LIMIT:  # open around the clock for days: no end to name
                    return Opening(True)
                closes = max(closes, end)
                continue
            if end <= now:
                continue
            if start <= now:
                closes = end
                continue
            return Opening(False, opens_at=start)
        if closes is not None:
            return Opening(True, closes_at=closes)
        return Opening(False)

    def local(self, now: float) -> dt.datetime:
        return dt.datetime.fromtimestamp(now, self.zone)


@dataclass(frozen=True)
class Opening:
    open: bool
    opens_at: float | None = None  # closed: the next opening (None: none within a year)
    closes_at: float | None = None  # open: when this opening ends (None: not within a week)


def parse_service(data: Any, file: str) -> tuple[ServiceHours | None, list[Problem]]:
    """Check `service.yaml` and build its hours; every problem is an error (a wrong opening
    time would tell someone in need to come back at the wrong hour)."""
    problems: list[Problem] = []
    try:
        raw = ServiceFile.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            key = ".".join(str(part) for part in err["loc"]) or "-"
            problems.append(Problem(file, key, err["msg"]))
        return None, problems
    try:
        zoneinfo.ZoneInfo(raw.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        problems.append(Problem(file, "timezone", "not an IANA time zone (e.g. Europe/Berlin)"))
    for day in sorted(set(raw.hours) - set(WEEKDAYS)):
        problems.append(Problem(file, f"hours.{day}", f"not a weekday: use {', '.join(WEEKDAYS)}"))
    week: list[tuple[Range, ...]] = []
    for day in WEEKDAYS:
        ranges: list[Range] = []
        for i, text in enumerate(raw.hours.get(day, [])):
            parsed = _parse_range(text)
            if parsed is None:
                problems.append(
                    Problem(file, f"hours.{day}.{i}", "use HH:MM-HH:MM, start before end, to 24:00")
                )
            else:
                ranges.append(parsed)
        ranges.sort()
        for (_, end), (start, _) in itertools.pairwise(ranges):
            if start < end:
                problems.append(Problem(file, f"hours.{day}", "opening times overlap"))
        week.append(tuple(ranges))
    if problems:
        return None, problems
    return (
        ServiceHours(
            zone_name=raw.timezone,
            week=tuple(week),
            holidays=frozenset(raw.holidays),
            accept_queue_when_closed=raw.accept_queue_when_closed,
        ),
        problems,
    )


def _parse_range(text: str) -> Range | None:
    match = _RANGE.match(text.replace(" ", ""))
    if match is None:
        return None
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    start, end = h1 * 60 + m1, h2 * 60 + m2
    if start >= end or end > DAY_MINUTES or start >= DAY_MINUTES:
        return None
    return start, end
