"""Topics for reports (issue 13, part 5): tapped by the volunteer at the end of a chat, kept
as counters per day, language and topic, shown by /stats with small numbers suppressed."""

from __future__ import annotations

from bot.harness import Harness
from tests.conftest import ADMIN_ID, FakeClock, press
from tests.test_crisis_paths import labels
from tests.test_relay import connect, en, onboard, queue_visitor, say


async def counts(h: Harness) -> tuple[list[tuple], list[tuple]]:
    topics = await h.core.db.fetchall("SELECT lang, topic, n FROM topic_counts ORDER BY topic")
    langs = await h.core.db.fetchall("SELECT lang, n FROM language_counts ORDER BY lang")
    return [tuple(r) for r in topics], [tuple(r) for r in langs]


async def test_volunteer_taps_topics_after_the_chat(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await connect(h, "River Song")
    await visitor.press_data("lang:ar")  # the language at the end is the one counted
    await h.settle()
    await say(h, visitor, "مرحبا")
    await say(h, volunteer, "hello, I'm here")
    await say(h, visitor, "/end")
    ask = volunteer.last_bot_message()
    assert "has ended. Which topics did it touch?" in ask["text"]
    # its own message, after the end notice (other end-of-chat buttons live on that one)
    assert en(h, "volunteer.ended", visitor="")[:20] in volunteer.texts()[-2]
    assert "Coming out" in labels(ask) and "Done" in labels(ask)
    await press(h, volunteer, "Family")
    await press(h, volunteer, "Faith")
    await press(h, volunteer, "✓ Family")  # untapped
    msg = await press(h, volunteer, "Done")
    assert msg["text"].endswith("Thank you. Noted: Faith.")
    assert not labels(msg)
    assert await counts(h) == ([("ar", "faith", 1)], [("ar", 1)])
    assert not any("Faith" in t for t in visitor.texts())  # the visitor sees none of it
    # counted once: a replayed (or forged) Done is an expired button
    chat = ask["reply_markup"]["inline_keyboard"][-1][0]["callback_data"].split(":")[1]
    await volunteer.press_data(f"tp:{chat.rsplit('-', 2)[0]}-4-d")
    await h.settle()
    assert en(h, "expired.text") in volunteer.texts()[-1]
    assert await counts(h) == ([("ar", "faith", 1)], [("ar", 1)])


async def test_only_the_chats_volunteer_and_only_answered_chats(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await connect(h, "River Song")
    await say(h, volunteer, "hi")
    await say(h, volunteer, "/end")
    data = volunteer.last_bot_message()["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    other = await onboard(h, "Kai")
    await other.press_data(data)
    await h.settle()
    await other.press_data(data.rsplit("-", 1)[0] + "-d")
    await h.settle()
    assert en(h, "expired.text") in other.texts()[-1]
    await visitor.press_data(data.rsplit("-", 1)[0] + "-d")  # nor the visitor
    await h.settle()
    assert await counts(h) == ([], [])
    # a chat the volunteer never wrote in asks nothing
    second = await queue_visitor(h)
    await say(h, volunteer, "/next")
    await say(h, second, "/end")
    assert "Which topics" not in volunteer.texts()[-1]


async def test_done_with_nothing_counts_the_language_only(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await connect(h, "River Song")
    await say(h, volunteer, "hi")
    await say(h, volunteer, "/end")
    msg = await press(h, volunteer, "Done")
    assert msg["text"].endswith(en(h, "topics.none"))
    assert await counts(h) == ([], [("en", 1)])
    assert visitor is not None


async def test_after_the_retention_purge_the_button_has_expired(
    harness: Harness, clock: FakeClock
) -> None:
    from bot.app import retention

    h = harness
    visitor, volunteer = await connect(h, "River Song")
    await say(h, volunteer, "hi")
    await say(h, visitor, "/end")
    clock.advance(h.settings.retention_days * 86400 + 60)
    await retention(h.application)
    await press(h, volunteer, "Done")
    assert en(h, "expired.text") in volunteer.texts()[-1]
    assert await counts(h) == ([], [])


async def test_stats_by_topic_and_language(harness: Harness) -> None:
    h = harness
    day = int(h.core.clock() // 86400)
    rows = [(day, "en", "family", 4), (day - 1, "ar", "family", 2), (day, "ar", "faith", 3)]
    await h.core.db.executemany("INSERT INTO topic_counts VALUES (?, ?, ?, ?)", rows)
    await h.core.db.executemany(
        "INSERT INTO language_counts VALUES (?, ?, ?)", [(day, "en", 4), (day, "ar", 5)]
    )
    await h.core.db.execute("INSERT INTO topic_counts VALUES (?, 'en', 'retired_topic', 7)", (day,))
    await h.core.db.execute("INSERT INTO topic_counts VALUES (?, 'en', 'legal', 9)", (day - 30,))
    admin = h.standin.user(ADMIN_ID)
    msg = await say(h, admin, "/stats")
    assert (
        "Topics (chats that touched each): Coming out: 0, Family: 6, Faith: <5, Transition: 0"
        in msg["text"]
    )
    assert "Legal: 0" in msg["text"]  # 30 days ago: outside the 7 days
    assert "Other: 0, retired_topic: 7" in msg["text"]  # an id no longer in the list
    assert "by language: العربية: 5, English: <5" in msg["text"]
    msg = await say(h, admin, "/stats 31")
    assert "Legal: 9" in msg["text"]
    arabic = h.standin.user(SECOND := 7_000_000_002, language_code="ar")
    msg = await say(h, arabic, "/stats")
    assert "العائلة: 6" in msg["text"] and SECOND


def test_content_check_refuses_a_bad_topic_id(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from bot.content.loader import load_content
    from tests.conftest import CONTENT

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    ui = content / "en" / "ui.yaml"
    ui.write_text(
        ui.read_text(encoding="utf-8").replace(
            '  other: "Other"\n', '  other: "Other"\n  Sex-Work: "Sex work"\n'
        ),
        encoding="utf-8",
    )
    loaded, problems = load_content(content)
    assert loaded is None
    assert [p.key for p in problems if p.severity == "error"] == ["topic.Sex-Work"]
