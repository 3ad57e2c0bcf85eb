"""End to end: the language-matched relay. Volunteers say which languages they support; a
visitor gets a volunteer who reads their language first; when nobody on duty does, the visitor
is told so and may say another language is fine; /queue shows waiting by language."""

from __future__ import annotations

import pytest

from bot.content.i18n import t
from bot.harness import Harness
from bot.standin import SimUser
from tests.conftest import ADMIN_ID, press, say
from tests.test_relay import en, last_text, onboard

# The locales a visitor writes in (the lead adds "ru" when the Russian locale merges).
LOCALES = ["ar", "ru"]
# Something a visitor might write first, in their language (not a sign of risk).
FIRST_WORDS = {"ar": "مرحبا، أحتاج أن أتكلم مع أحد عن عائلتي", "ru": "Привет, мне нужно поговорить"}
# A first message that shows risk, in their language.
AT_RISK = {"ar": "بدي انتحر", "ru": "я хочу умереть"}


def text(h: Harness, locale: str, key: str, **values: object) -> str:
    """What the bot says in that locale (Arabic isolates values with direction marks)."""
    return plain(t(h.core.content.current.locale(locale), key, **values))


def plain(words: str) -> str:
    return "".join(ch for ch in words if ch not in "\u2066\u2067\u2068\u2069\u200e\u200f")


def seen(user: SimUser) -> str:
    return plain("\n".join(user.texts()))


def name_of(h: Harness, locale: str) -> str:
    return h.core.content.current.locale(locale).language_name


async def add_language(h: Harness, volunteer: SimUser, locale: str) -> None:
    """The volunteer ticks one more language with /languages, then Done."""
    msg = await say(h, volunteer, "/languages")
    assert en(h, "volunteer.languages_ask").split("?")[0] in msg["text"]
    await press(h, volunteer, name_of(h, locale))
    await press(h, volunteer, en(h, "volunteer.button_languages_done"))
    assert name_of(h, locale) in last_text(volunteer)


async def join_queue(h: Harness, locale: str, first: str | None = None) -> SimUser:
    visitor = h.standin.user(language_code=locale)
    if first is not None:
        await say(h, visitor, first)
    await say(h, visitor, "/talk")
    await press(h, visitor, text(h, locale, "button.consent"))
    return visitor


@pytest.mark.parametrize("locale", LOCALES)
async def test_a_visitor_is_matched_with_a_volunteer_who_reads_their_language(
    harness: Harness, locale: str
) -> None:
    h = harness
    english = await onboard(h, "River Song")
    reader = await onboard(h, "Noor Ali")
    await add_language(h, reader, locale)
    before = len(english.texts())

    visitor = await join_queue(h, locale)
    assert text(h, locale, "queue.language_wait", language=name_of(h, locale)) not in seen(visitor)
    # "someone is waiting" goes to the one who reads the language, not to the other
    assert "Someone is waiting" in last_text(reader)
    assert len(english.texts()) == before

    # The English-only volunteer presses /next first: the visitor is left for the reader.
    msg = await say(h, english, "/next")
    assert en(h, "volunteer.queue_other_languages") in msg["text"]
    assert await h.core.relay.place(h.core.visitors.pseudonym(visitor.id)) is not None

    msg = await say(h, reader, "/next")
    assert "You're now talking with Visitor" in msg["text"]
    assert "\n\n" not in msg["text"]  # no blank line where no note goes
    assert name_of(h, locale) not in msg["text"]  # they read it: nothing to say
    connected = text(h, locale, "relay.connected", volunteer="Noor Ali").split("\n")[0]
    assert connected in seen(visitor)
    assert text(h, locale, "relay.other_language", volunteer="Noor Ali", language="")[:20] not in (
        seen(visitor)
    )

    await visitor.send(FIRST_WORDS[locale])
    await h.settle()
    assert last_text(reader) == FIRST_WORDS[locale]
    assert FIRST_WORDS[locale] not in english.texts()


@pytest.mark.parametrize("locale", LOCALES)
async def test_nobody_reads_it_the_visitor_is_told_and_may_accept_another_language(
    harness: Harness, locale: str
) -> None:
    h = harness
    english = await onboard(h, "River Song")
    before = len(english.texts())
    visitor = await join_queue(h, locale)
    place = visitor.last_bot_message()
    assert text(h, locale, "queue.language_wait", language=name_of(h, locale)) in plain(
        place["text"]
    )
    assert len(english.texts()) == before  # they wait for a reader: no one else is called

    msg = await say(h, english, "/next")
    assert en(h, "volunteer.queue_other_languages") in msg["text"]

    await press(h, visitor, text(h, locale, "button.any_language"))
    assert name_of(h, locale) not in plain(last_text(visitor))
    assert "Someone is waiting" in last_text(english)

    msg = await say(h, english, "/next")
    intro = msg["text"]
    assert "You're now talking with Visitor" in intro
    assert en(h, "volunteer.language_note", language=name_of(h, locale)) in intro
    assert "\n\n" not in intro
    assert f" {locale} " not in f" {intro} "  # the language by name, never a language code
    told = text(
        h, locale, "relay.other_language", volunteer="River Song", language=name_of(h, locale)
    )
    assert told in seen(visitor)


@pytest.mark.parametrize("locale", LOCALES)
async def test_an_urgent_visitor_never_waits_for_a_language(harness: Harness, locale: str) -> None:
    h = harness
    english = await onboard(h, "River Song")
    visitor = await join_queue(h, locale, first=AT_RISK[locale])
    assert name_of(h, locale) not in plain(last_text(visitor))
    assert "may be at risk" in last_text(english)
    msg = await say(h, english, "/next")
    assert en(h, "volunteer.urgent_flag") in msg["text"]
    assert en(h, "volunteer.language_note", language=name_of(h, locale)) in msg["text"]


@pytest.mark.parametrize("locale", LOCALES)
async def test_the_last_reader_going_off_duty_tells_those_who_wait(
    harness: Harness, locale: str
) -> None:
    h = harness
    await onboard(h, "River Song")
    reader = await onboard(h, "Noor Ali")
    await add_language(h, reader, locale)
    visitor = await join_queue(h, locale)
    wait_note = text(h, locale, "queue.language_wait", language=name_of(h, locale))
    assert wait_note not in seen(visitor)
    await say(h, reader, "/duty")  # off duty
    place = [m for m in visitor.history() if "reply_markup" in m][-1]
    assert wait_note in plain(place["text"])  # the place message, edited


async def test_queue_by_language_and_the_health_line(harness: Harness, clock) -> None:
    h = harness
    volunteer = await onboard(h, "River Song")
    supervisor = await onboard(h, "Sage Bell")
    await say(h, h.standin.user(ADMIN_ID), "/promote Sage Bell supervisor")
    await join_queue(h, "ar")
    await join_queue(h, "ar")
    clock.advance(6 * 60)
    await join_queue(h, "en")

    msg = await say(h, volunteer, "/queue")
    arabic = name_of(h, "ar")
    assert f"English <5, {arabic} <5" in msg["text"] or f"{arabic} <5, English <5" in msg["text"]
    assert "Queue health" not in msg["text"]  # for supervisors
    msg = await say(h, supervisor, "/queue")
    assert (
        en(h, "volunteer.queue_health", waiting=3, long_waits=2, urgent=0, on_duty=2) in msg["text"]
    )

    # zero is shown as zero: a language they read, with no one waiting in it
    await say(h, volunteer, "/next")  # takes the English visitor (their language first)
    msg = await say(h, volunteer, "/queue")
    assert "English 0" in msg["text"]


async def test_onboarding_asks_for_languages_and_the_picker_is_safe(harness: Harness) -> None:
    h = harness
    admin = h.standin.user(ADMIN_ID)
    msg = await say(h, admin, "/invite")
    code = msg["text"].split("start=")[1].split()[0]
    volunteer = h.standin.user(language_code="ar")
    await say(h, volunteer, f"/start {code}")
    msg = await say(h, volunteer, "Noor Ali")
    assert text(h, "ar", "volunteer.languages_ask") in plain(msg["text"])
    labels = [b["text"] for row in volunteer.buttons(msg) for b in row]
    assert "✓ " + name_of(h, "ar") in labels  # their own language is ticked already
    assert "English" in labels
    # the last language can't be taken away; a forged code is answered kindly
    await press(h, volunteer, "✓ " + name_of(h, "ar"))
    staff = await h.core.staff.by_alias("Noor Ali")
    assert staff is not None and staff.languages == ("ar",)
    await volunteer.press_data("langs:xx")
    await h.settle()
    assert text(h, "ar", "expired.text") in plain(last_text(volunteer))
    await volunteer.press("English", message=msg)  # the picker, above the "expired" answer
    await h.settle()
    staff = await h.core.staff.by_alias("Noor Ali")
    assert staff is not None and staff.languages == ("ar", "en")
    # a visitor pressing a volunteer's button gets "expired"
    stranger = h.standin.user()
    await say(h, stranger, "/start")
    await stranger.press_data("langs:en")
    await h.settle()
    assert en(h, "expired.text") in last_text(stranger)


async def test_the_order_of_next(tmp_path, clock) -> None:  # type: ignore[no-untyped-def]
    """The rule at the core, on a real SQLite file: urgent first; at the same urgency a
    language the volunteer reads; then the longest waiting; a visitor who waits for their own
    language is never taken by someone who doesn't read it."""
    from bot.core import Core
    from bot.harness import offline_settings
    from tests.conftest import CONTENT

    core = await Core.open(offline_settings(tmp_path / "bot.sqlite3", CONTENT), clock=clock)
    try:
        queue, sessions = core.relay.queue, core.relay.sessions
        rows = [  # (name, urgent, language, any_language), oldest first
            ("ar-waits", False, "ar", False),
            ("ru-free", False, "ru", None),
            ("en", False, "en", None),
            ("ar-urgent", True, "ar", None),
            ("en-urgent", True, "en", None),
            ("de-fine", False, "de", True),
        ]
        for n, (name, urgent, language, any_language) in enumerate(rows):
            await queue.add(name.encode(), urgent, clock.now - 100 + n, language)
            await queue.set_any_language(name.encode(), any_language)
        taken = []
        for _ in range(len(rows)):
            session = await sessions.take_next(
                b"vol", "River Song", "ABCD", 99, clock.now, ("en",), {"en", "ru"}
            )
            if isinstance(session, str):
                taken.append(session)
                break
            taken.append(session.visitor.decode())
        # "ru-free" is read by a free volunteer (covered): left for them; "ar-waits" waits
        assert taken == ["en-urgent", "ar-urgent", "en", "de-fine", "other_languages"]
        session = await sessions.take_next(
            b"vol2", "Noor Ali", "EFGH", 99, clock.now, ("fr",), set()
        )
        assert not isinstance(session, str) and session.visitor == b"ru-free"  # nobody reads it
    finally:
        await core.close()


async def test_a_waiting_visitor_who_changes_language_waits_in_the_new_one(
    harness: Harness,
) -> None:
    h = harness
    english = await onboard(h, "River Song")
    visitor = await join_queue(h, "ar")
    assert (await say(h, english, "/next"))["text"].endswith(
        en(h, "volunteer.queue_other_languages")
    )
    await say(h, visitor, "/language")
    await press(h, visitor, "English")
    msg = await say(h, english, "/next")
    assert "You're now talking with Visitor" in msg["text"]
    assert en(h, "volunteer.language_note", language="English") not in msg["text"]
