"""Opening hours in words: when the service opens next, in the visitor's language and, where
their chosen country has a single civil time, in their own time; else in the service's zone,
named. The weekday names live in `ui.yaml` (`hours.day.*`)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from bot.content.i18n import isolate, t
from bot.content.model import LocaleContent
from bot.hours import DAY_MINUTES, WEEKDAYS, Opening, ServiceHours
from bot.zones import zone_of

UPCOMING_HOLIDAYS = 5  # at most this many closed dates listed by /hours
HOLIDAY_HORIZON_DAYS = 90


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _zone_label(loc: LocaleContent, zone: zoneinfo.ZoneInfo, at: dt.datetime) -> str:
    """'Cairo time, UTC+02:00': the city of the zone and its offset at that moment."""
    city = zone.key.rsplit("/", 1)[-1].replace("_", " ")
    offset = at.utcoffset() or dt.timedelta(0)
    sign = "-" if offset < dt.timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return t(
        loc,
        "hours.zone_time",
        zone=isolate(loc, city),
        offset=isolate(loc, f"UTC{sign}{_hhmm(minutes)}"),
    )


def when(
    loc: LocaleContent, service: ServiceHours, moment: float, country: str | None, now: float
) -> str:
    """'tomorrow at 18:00 (your time)', 'Monday at 18:00 (Berlin time, UTC+01:00)'."""
    own = zone_of(country)
    zone = zoneinfo.ZoneInfo(own) if own else service.zone
    local = dt.datetime.fromtimestamp(moment, zone)
    days = (local.date() - dt.datetime.fromtimestamp(now, zone).date()).days
    clock = isolate(loc, f"{local:%H:%M}")
    day = t(loc, f"hours.day.{WEEKDAYS[local.weekday()]}")
    if days <= 0:
        text = t(loc, "hours.when_today", time=clock)
    elif days == 1:
        text = t(loc, "hours.when_tomorrow", time=clock)
    elif days < 7:
        text = t(loc, "hours.when_day", day=day, time=clock)
    else:
        text = t(
            loc, "hours.when_date", day=day, date=isolate(loc, local.date().isoformat()), time=clock
        )
    where = t(loc, "hours.your_time") if own else _zone_label(loc, zone, local)
    return t(loc, "hours.when", when=text, zone=where)


def next_opening(
    loc: LocaleContent, service: ServiceHours, opening: Opening, country: str | None, now: float
) -> str:
    """The sentence a closed service says: when it opens next, or that no date is set."""
    if opening.opens_at is None:
        return t(loc, "hours.no_next_opening")
    return t(loc, "hours.opens_next", when=when(loc, service, opening.opens_at, country, now))


def closed_note(
    loc: LocaleContent, service: ServiceHours | None, now: float, country: str | None
) -> str | None:
    """When the service opens next, if it is closed now (None if open or without hours)."""
    if service is None:
        return None
    opening = service.status(now)
    return None if opening.open else next_opening(loc, service, opening, country, now)


def week_text(loc: LocaleContent, service: ServiceHours, now: float) -> str:
    """Each weekday's hours in the service's zone (named), and the closed dates ahead."""
    lines = [t(loc, "hours.title", zone=_zone_label(loc, service.zone, service.local(now)))]
    for index, ranges in enumerate(service.week):
        day = t(loc, f"hours.day.{WEEKDAYS[index]}")
        if not ranges:
            spans = t(loc, "hours.closed_day")
        elif ranges == ((0, DAY_MINUTES),):
            spans = t(loc, "hours.all_day")
        else:
            spans = ", ".join(isolate(loc, f"{_hhmm(s)}–{_hhmm(e)}") for s, e in ranges)
        lines.append(t(loc, "hours.line", day=day, hours=spans))
    today = service.local(now).date()
    ahead = sorted(d for d in service.holidays if 0 <= (d - today).days <= HOLIDAY_HORIZON_DAYS)[
        :UPCOMING_HOLIDAYS
    ]
    if ahead:
        dates = ", ".join(isolate(loc, d.isoformat()) for d in ahead)
        lines.append(t(loc, "hours.holidays", dates=dates))
    return "\n".join(lines)


def hours_text(
    loc: LocaleContent,
    service: ServiceHours | None,
    now: float,
    country: str | None,
    on_duty: bool,
) -> str:
    """What `/hours` says: the week, and where things stand right now (never promising a
    volunteer when none is on duty)."""
    if service is None or service.always_open:
        state = "hours.always_on_duty" if on_duty else "hours.always_nobody"
        return f"{t(loc, 'hours.always')}\n\n{t(loc, state)}"
    opening = service.status(now)
    if opening.open and opening.closes_at is None:  # open around the clock for days
        state = t(loc, "hours.always_on_duty" if on_duty else "hours.always_nobody")
    elif opening.open:
        assert opening.closes_at is not None
        until = when(loc, service, opening.closes_at, country, now)
        state = t(loc, "hours.open_now" if on_duty else "hours.open_nobody", when=until)
    else:
        state = next_opening(loc, service, opening, country, now)
        if on_duty:
            state += "\n" + t(loc, "hours.closed_on_duty")
    return f"{week_text(loc, service, now)}\n\n{state}\n\n{t(loc, 'hours.footer')}"
