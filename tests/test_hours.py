"""Operating hours, holidays and the closed mode (issue 13, part 1): `content/service.yaml`,
`/hours`, and what a visitor who asks to talk is told outside hours."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path

import pytest

from bot.harness import Harness
from bot.hours import parse_service
from bot.hours_text import when
from bot.zones import SINGLE_ZONE
from tests.conftest import ADMIN_ID, SECOND_ADMIN_ID, FakeClock, press
from tests.test_crisis_paths import choose, labels
from tests.test_relay import en, last_text, onboard, say

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
# Saturday 5 December 2026, 12:00 in Berlin (11:00 UTC): closed until Monday 18:00.
SATURDAY_NOON = dt.datetime(2026, 12, 5, 12, 0, tzinfo=BERLIN).timestamp()
WEEKDAY_EVENINGS = """\
timezone: Europe/Berlin
hours:
  mon: ["18:00-22:00"]
  tue: ["18:00-22:00"]
  wed: ["18:00-22:00"]
  thu: ["18:00-22:00"]
  fri: ["18:00-22:00", "22:00-24:00"]
  sat: ["00:00-01:00"]
holidays: [2026-12-24, 2026-12-25]
accept_queue_when_closed: {accept}
"""


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(SATURDAY_NOON)


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> float:
    return dt.datetime(year, month, day, hour, minute, tzinfo=BERLIN).timestamp()


def service(accept: bool = False):
    import yaml

    parsed, problems = parse_service(
        yaml.safe_load(WEEKDAY_EVENINGS.format(accept=str(accept).lower())), "service.yaml"
    )
    assert problems == [] and parsed is not None
    return parsed


def test_status_open_closed_across_midnight_and_holidays() -> None:
    s = service()
    closed = s.status(SATURDAY_NOON)
    assert not closed.open and closed.opens_at == at(2026, 12, 7, 18)
    evening = s.status(at(2026, 12, 7, 19, 30))
    assert evening.open and evening.closes_at == at(2026, 12, 7, 22)
    friday = s.status(at(2026, 12, 11, 21))  # 18-22, 22-24 and Saturday 00-01 run together
    assert friday.open and friday.closes_at == at(2026, 12, 12, 1)
    assert s.status(at(2026, 12, 12, 0, 30)).open
    # Thursday 24 and Friday 25 December are holidays: after Wednesday 23rd it next opens
    # with Saturday's first hour (a holiday closes its own date only)
    assert s.status(at(2026, 12, 23, 23)).opens_at == at(2026, 12, 26, 0)


def test_status_keeps_wall_clock_hours_over_a_dst_change() -> None:
    s = service()
    # Europe/Berlin moves to summer time on Sunday 29 March 2026: Monday's 18:00 is UTC+2
    opens = s.status(at(2026, 3, 28, 12)).opens_at
    assert opens == dt.datetime(2026, 3, 30, 16, 0, tzinfo=dt.UTC).timestamp()


def test_no_hours_at_all_is_closed_with_no_next_opening() -> None:
    parsed, problems = parse_service({"timezone": "UTC", "hours": {}}, "service.yaml")
    assert problems == [] and parsed is not None
    opening = parsed.status(SATURDAY_NOON)
    assert not opening.open and opening.opens_at is None


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"timezone": "Mars/Olympus", "hours": {}}, "timezone"),
        ({"timezone": "UTC", "hours": {"mon": ["22:00-18:00"]}}, "hours.mon.0"),
        ({"timezone": "UTC", "hours": {"mon": ["9-17"]}}, "hours.mon.0"),
        ({"timezone": "UTC", "hours": {"mon": ["10:00-12:00", "11:00-13:00"]}}, "hours.mon"),
        ({"timezone": "UTC", "hours": {"monday": ["10:00-12:00"]}}, "hours.monday"),
        ({"timezone": "UTC", "hours": {}, "holidays": ["christmas"]}, "holidays.0"),
        ({"timezone": "UTC", "hours": {}, "open": True}, "open"),
    ],
)
def test_bad_service_files_are_refused(data: dict, key: str) -> None:
    parsed, problems = parse_service(data, "service.yaml")
    assert parsed is None and [p.key for p in problems] == [key], problems


def test_every_single_zone_country_has_a_real_zone() -> None:
    for zone in SINGLE_ZONE.values():
        zoneinfo.ZoneInfo(zone)


async def test_closed_with_nobody_on_duty(editable_harness: Harness) -> None:
    """Outside hours a visitor is told when it opens next, in their own time where their
    country has one zone, else in the service's (named), with the contacts at once; no place."""
    h = await with_hours(editable_harness)
    loc = h.core.content.current.locale("en")
    egypt = h.standin.user()
    await choose(h, egypt, "EG")
    msg = await say(h, egypt, "/talk")
    # Monday 18:00 in Berlin is 19:00 in Cairo
    assert "we're closed right now" in msg["text"]
    assert "We open again on Monday at 19:00 (your time)." in msg["text"]
    assert en(h, "talk.nobody_contacts") in msg["text"]  # Egypt's lines, at once
    assert en(h, "button.consent_keep_place") not in labels(msg)
    assert any("🆘" in b for b in labels(msg))
    usa = h.standin.user()
    await choose(h, usa, "US")  # several zones: the service's, named
    msg = await say(h, usa, "/talk")
    assert "on Monday at 18:00 (Berlin time, UTC+01:00)" in msg["text"]
    # no country chosen, in Arabic
    arab = h.standin.user(language_code="ar")
    msg = await say(h, arab, "/talk")
    assert "الخدمة مغلقة الآن" in msg["text"] and "الإثنين" in msg["text"]
    assert loc.strings["hours.day.mon"] == "Monday"


async def test_someone_on_duty_serves_outside_hours(editable_harness: Harness) -> None:
    h = await with_hours(editable_harness)
    volunteer = await onboard(h, "River Song")  # on duty on a Saturday: welcome
    visitor = h.standin.user()
    msg = await say(h, visitor, "/talk")
    assert en(h, "talk.consent").split("\n")[0] in msg["text"]
    await press(h, visitor, en(h, "button.consent"))
    await say(h, volunteer, "/next")
    assert "River Song" in last_text(visitor)


async def test_closed_accepting_a_place_in_the_queue(editable_harness: Harness) -> None:
    h = await with_hours(editable_harness, accept=True)
    admin = h.standin.user(ADMIN_ID)
    await say(h, admin, "/start")
    before = len(admin.bot_messages())
    visitor = h.standin.user()
    msg = await say(h, visitor, "/talk")
    assert "We open again" in msg["text"] and en(h, "talk.closed_queue") in msg["text"]
    await press(h, visitor, en(h, "button.consent_keep_place"))
    assert "You're in the queue: number 1." in last_text(visitor)
    assert len(admin.bot_messages()) == before  # not at risk: no alert to those who run it
    volunteer = await onboard(h, "River Song")
    await say(h, volunteer, "/next")
    assert "River Song" in last_text(visitor)


async def test_at_risk_visitor_is_offered_a_place_even_when_closed(
    editable_harness: Harness,
) -> None:
    h = await with_hours(editable_harness)
    visitor = h.standin.user()
    await say(h, visitor, "I want to kill myself")
    await visitor.press_data("urgent")
    await h.settle()
    msg = visitor.last_bot_message()
    assert "We open again" in msg["text"]
    assert en(h, "button.consent_keep_place") in labels(msg)


async def test_hours_command(editable_harness: Harness, clock: FakeClock) -> None:
    h = editable_harness
    visitor = h.standin.user()
    msg = await say(h, visitor, "/hours")  # the shipped file: always open
    assert en(h, "hours.always") in msg["text"] and en(h, "hours.always_nobody") in msg["text"]
    h = await with_hours(h)
    msg = await say(h, visitor, "/hours")
    assert "Opening hours (Berlin time, UTC+01:00):" in msg["text"]
    assert "Monday: 18:00–22:00" in msg["text"] and "Sunday: closed" in msg["text"]
    assert "Also closed on: 2026-12-24, 2026-12-25" in msg["text"]
    assert "We open again on Monday at 18:00 (Berlin time, UTC+01:00)." in msg["text"]
    clock.now = at(2026, 12, 7, 19)
    msg = await say(h, visitor, "/hours")
    assert "no volunteer is on duty right now" in msg["text"]  # open, but nobody: no promise
    await onboard(h, "River Song")
    msg = await say(h, visitor, "/hours")
    assert "We're open now, until today at 22:00" in msg["text"]
    arab = h.standin.user(language_code="ar")
    await choose(h, arab, "LB")
    msg = await say(h, arab, "/hours")
    assert "ساعات العمل" in msg["text"] and "بتوقيتك" in msg["text"]


def test_when_names_days_and_dates() -> None:
    from bot.content.loader import load_content

    content, _ = load_content(Path(__file__).resolve().parent.parent / "content")
    assert content is not None
    loc, s = content.locale("en"), service()
    now = at(2026, 12, 7, 10)
    assert when(loc, s, at(2026, 12, 7, 18), None, now).startswith("today at 18:00")
    assert when(loc, s, at(2026, 12, 8, 18), "DE", now) == "tomorrow at 18:00 (your time)"
    assert when(loc, s, at(2026, 12, 28, 18), "DE", now) == (
        "on Monday 2026-12-28 at 18:00 (your time)"
    )


async def test_service_file_goes_through_two_admins(editable_harness: Harness) -> None:
    h = editable_harness
    first, second = h.standin.user(ADMIN_ID), h.standin.user(SECOND_ADMIN_ID)
    await say(h, second, "/start")
    body = WEEKDAY_EVENINGS.format(accept="false").encode()
    await first.send_document(file_name="service.yaml", data=body)
    await h.settle()
    assert "Apply" not in labels(first.last_bot_message())
    assert h.core.content.current.service.always_open  # nothing changed yet
    assert 'timezone: "UTC" → "Europe/Berlin"' in second.last_bot_message()["text"]
    await press(h, second, "Apply")
    assert h.core.content.current.service.zone_name == "Europe/Berlin"
    assert (h.settings.content_dir / "service.yaml").read_bytes() == body
    # a broken one is refused with its problem named, and nothing changes
    await first.send_document(file_name="service.yaml", data=b"timezone: Nowhere\nhours: {}\n")
    await h.settle()
    assert "timezone" in last_text(first) and "IANA" in last_text(first)


async def with_hours(h: Harness, *, accept: bool = False) -> Harness:
    (h.settings.content_dir / "service.yaml").write_text(
        WEEKDAY_EVENINGS.format(accept=str(accept).lower()), encoding="utf-8"
    )
    assert [p for p in h.core.content.reload() if p.severity == "error"] == []
    return h


async def test_last_volunteer_leaving_outside_hours_says_when_it_opens(
    editable_harness: Harness,
) -> None:
    """Those still waiting when the last volunteer goes off duty hear the honest line and,
    the service being closed, when it opens next."""
    h = await with_hours(editable_harness)
    volunteer = await onboard(h, "River Song")
    visitor = h.standin.user()
    await say(h, visitor, "/talk")
    await press(h, visitor, en(h, "button.consent"))
    await say(h, volunteer, "/duty")  # off duty: nobody left
    text = last_text(visitor)
    assert en(h, "queue.nobody_now").split("\n")[0] in text
    assert "We open again on Monday at 18:00 (Berlin time, UTC+01:00)." in text


def test_service_file_is_kept_for_rollback(tmp_path: Path) -> None:
    from bot.content_admin import ContentFiles, parse_name

    assert parse_name("service.yaml") == ("", "service.yaml")
    assert parse_name("en-service.yaml") is None and parse_name("-service.yaml") is None
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "service.yaml").write_bytes(b"old")
    store = ContentFiles(tmp_path / "content", tmp_path / "history")
    store.apply("", "service.yaml", b"new", "20261205T120000-000001")
    assert (tmp_path / "content" / "service.yaml").read_bytes() == b"new"
    assert store.last_change() == (
        "",
        "service.yaml",
        b"old",
        "20261205T120000-000001____service.yaml",
    )


def test_open_around_the_clock_names_no_end() -> None:
    every_day = {d: ["00:00-24:00"] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    always, _ = parse_service({"timezone": "UTC", "hours": every_day}, "service.yaml")
    assert always is not None and always.always_open
    assert always.status(SATURDAY_NOON) == always.status(SATURDAY_NOON + 86400)
    assert always.status(SATURDAY_NOON).open
    data = {"timezone": "UTC", "hours": every_day, "holidays": ["2027-06-01"]}
    far_holiday, _ = parse_service(data, "service.yaml")
    assert far_holiday is not None and not far_holiday.always_open
    opening = far_holiday.status(SATURDAY_NOON)  # open for months: no end named
    assert opening.open and opening.closes_at is None
    # a week of holidays ahead is named as the end
    data["holidays"] = ["2026-12-07"]
    soon, _ = parse_service(data, "service.yaml")
    assert soon is not None and soon.status(SATURDAY_NOON).closes_at == (
        dt.datetime(2026, 12, 7, tzinfo=dt.UTC).timestamp()
    )
