"""End to end: the real bot over HTTP against the stand-in, every visitor flow, en and ar."""

from __future__ import annotations

import asyncio
import re

import pytest

from bot.harness import Harness
from bot.standin import SimUser
from tests.conftest import ADMIN_ID, press, running_harness, say


@pytest.fixture
async def harness(tmp_path, clock, log_output):
    """These flows run with Telegram's flood limits on, exactly as in production."""
    async with running_harness(tmp_path, clock, rate_limit=True) as h:
        yield h


ARABIC = re.compile(r"[\u0600-\u06FF]")


def labels(user: SimUser) -> list[str]:
    return [b["text"] for row in user.buttons() for b in row]


def en(h: Harness, key: str) -> str:
    assert h.core is not None
    return h.core.content.current.locale("en").strings[key]


def ar(h: Harness, key: str) -> str:
    assert h.core is not None
    return h.core.content.current.locale("ar").strings[key]


async def test_first_start_in_english(harness: Harness) -> None:
    u = harness.standin.user(language_code="en")
    msg = await say(harness, u, "/start")
    lines = msg["text"].split("\n")
    assert lines[0] == en(harness, "discreet.first_line")  # the lock screen shows only this
    assert en(harness, "privacy.note").split("\n")[0] in msg["text"]
    assert labels(u)[:4] == [
        en(harness, "button.self_esteem"),
        en(harness, "button.guide"),
        en(harness, "button.crisis"),
        en(harness, "button.talk"),
    ]
    # A second /start shows the menu without the privacy note.
    msg = await say(harness, u, "/start")
    assert en(harness, "privacy.note").split("\n")[0] not in msg["text"]


async def test_arabic_telegram_reads_arabic_from_the_first_reply(harness: Harness) -> None:
    u = harness.standin.user(language_code="ar")
    msg = await say(harness, u, "/start")
    assert ar(harness, "privacy.note").split("\n")[0] in msg["text"]
    assert ARABIC.search(msg["text"])
    assert all(ARABIC.search(label) for label in labels(u))
    # An unsupported language falls back to the default (English).
    other = harness.standin.user(language_code="xx")
    msg = await say(harness, other, "/start")
    assert en(harness, "welcome.text") in msg["text"]


async def test_self_esteem_pages_back_next_menu(harness: Harness) -> None:
    u = harness.standin.user()
    await say(harness, u, "/start")
    loc = harness.core.content.current.locale("en")
    msg = await press(harness, u, en(harness, "button.self_esteem"))
    assert loc.pieces[0].title in msg["text"] and loc.pieces[0].exercise in msg["text"]
    assert en(harness, "button.back") not in labels(u)
    msg = await press(harness, u, en(harness, "button.next"))
    assert loc.pieces[1].title in msg["text"]
    msg = await press(harness, u, en(harness, "button.back"))
    assert loc.pieces[0].title in msg["text"]
    assert en(harness, "button.crisis") in labels(u)  # help is one tap away
    msg = await press(harness, u, en(harness, "button.menu"))
    assert en(harness, "menu.text") in msg["text"]
    # Paging edits the one message instead of filling the chat.
    assert len(u.bot_messages()) == 1


async def test_guide_starts_with_safety_and_pages_to_the_end(harness: Harness) -> None:
    u = harness.standin.user(language_code="ar")
    await say(harness, u, "/start guide")
    loc = harness.core.content.current.locale("ar")
    assert loc.steps[0].id == "is-it-safe"
    assert loc.steps[0].title in u.last_bot_message()["text"]
    for step in loc.steps[1:]:
        msg = await press(harness, u, ar(harness, "button.next"))
        assert step.title in msg["text"]
    assert ar(harness, "button.next") not in labels(u)


async def test_crisis_contacts_by_country_asked_once(harness: Harness) -> None:
    u = harness.standin.user()
    await say(harness, u, "/start")
    msg = await press(harness, u, en(harness, "button.crisis"))
    assert en(harness, "crisis.ask_country").split("\n")[0] in msg["text"]
    await press(harness, u, "Middle East and North Africa")  # region first, then country
    msg = await press(harness, u, "Lebanon")
    assert "1564" in msg["text"]  # Embrace Lifeline
    assert "Find A Helpline" in msg["text"]  # global entries always follow
    # Asked once: the next time goes straight to the contacts.
    msg = await say(harness, u, "/crisis")
    assert "1564" in msg["text"]
    msg = await press(harness, u, en(harness, "button.change_country"))
    msg = await press(harness, u, en(harness, "button.prefer_not"))
    assert "1564" not in msg["text"] and "Find A Helpline" in msg["text"]


async def test_crisis_in_arabic_keeps_numbers_left_to_right(harness: Harness) -> None:
    u = harness.standin.user(language_code="ar")
    await say(harness, u, "/start crisis")
    # First time through a deep link: the privacy note, then the section.
    texts = u.texts()
    assert ar(harness, "privacy.note").split("\n")[0] in texts[0]
    loc = harness.core.content.current.locale("ar")
    await press(harness, u, loc.regions[0].name)
    msg = await press(harness, u, loc.countries["LB"])
    assert "\u20661564\u2069" in msg["text"]  # isolated, so it reads right in RTL
    assert ARABIC.search(msg["text"])


async def test_deep_links_open_sections(harness: Harness) -> None:
    loc = None
    for link, probe in (("resources", "pieces"), ("guide", "steps"), ("talk", None)):
        u = harness.standin.user()
        msg = await say(harness, u, f"/start {link}")
        loc = harness.core.content.current.locale("en")
        if probe:
            assert getattr(loc, probe)[0].title in msg["text"]
        else:
            assert en(harness, "talk.nobody").split("\n")[0] in msg["text"]  # no one on duty
            assert en(harness, "button.crisis") in labels(u)


async def test_settings_discreet_previews_toggle(harness: Harness) -> None:
    u = harness.standin.user()
    await say(harness, u, "/start")
    msg = await say(harness, u, "/settings")
    assert msg["text"].startswith(en(harness, "discreet.first_line"))
    msg = await press(harness, u, en(harness, "button.discreet_off"))
    assert not msg["text"].startswith(en(harness, "discreet.first_line"))
    msg = await say(harness, u, "/help")
    assert msg["text"].startswith(en(harness, "help.text").split("\n")[0])
    await say(harness, u, "/settings")
    msg = await press(harness, u, en(harness, "button.discreet_on"))
    assert msg["text"].startswith(en(harness, "discreet.first_line"))


async def test_language_change_and_chat_command_menu(harness: Harness) -> None:
    u = harness.standin.user(language_code="en")
    await say(harness, u, "/start")
    await say(harness, u, "/language")
    msg = await press(harness, u, "العربية")
    assert ar(harness, "menu.text") in msg["text"]
    calls = [
        c
        for c in harness.standin.calls_to("setMyCommands")
        if "scope" in c.params and c.params["scope"].get("type") == "chat"
    ]
    assert calls and ARABIC.search(calls[-1].params["commands"][0]["description"])
    # Published per language at start: a default menu and an Arabic one.
    langs = {c.params.get("language_code") for c in harness.standin.calls_to("setMyCommands")}
    assert {None, "ar"} <= langs


async def test_talk_is_honest_when_no_one_is_on_duty(harness: Harness) -> None:
    u = harness.standin.user()
    msg = await say(harness, u, "/talk")  # said before the consent note, not after it
    assert en(harness, "talk.nobody").split("\n")[0] in msg["text"]
    assert en(harness, "talk.consent").split("\n")[0] not in msg["text"]
    assert en(harness, "button.crisis") in labels(u)


async def test_quick_exit_leaves_one_neutral_line(harness: Harness) -> None:
    u = harness.standin.user()
    await say(harness, u, "/start")
    await press(harness, u, en(harness, "button.guide"))
    await say(harness, u, "hello, is anyone there?")
    await u.send_sticker()
    await say(harness, u, "/crisis")
    assert len(u.history()) >= 6
    await say(harness, u, "/exit")
    history = u.history()
    assert [m["text"] for m in history] == [en(harness, "exit.neutral")]
    deletes = harness.standin.calls_to("deleteMessages")
    assert deletes and all(len(c.params["message_ids"]) <= 100 for c in deletes)


async def test_a_message_typed_during_a_quick_exit_goes_with_the_next_one(
    harness: Harness,
) -> None:
    """Someone in a hurry types while the exit is deleting: that message is not deleted by
    this exit (it came after), but it is not forgotten either: the next exit deletes it."""
    u = harness.standin.user()
    await say(harness, u, "/start")
    deleting, release = asyncio.Event(), asyncio.Event()
    harness.standin.delay_next("deleteMessages", 0, started=deleting, release=release)
    await u.send("/exit")
    await deleting.wait()
    await u.send("typed while it deleted")
    await harness.standin.wait_delivered()  # the bot has stored (and noted) it
    release.set()
    await harness.settle()
    assert "typed while it deleted" in [m.get("text") for m in u.history()]
    await say(harness, u, "/exit")
    assert [m["text"] for m in u.history()] == [en(harness, "exit.neutral")]


async def test_messages_a_quick_exit_could_not_delete_are_kept_for_the_next(
    harness: Harness,
) -> None:
    u = harness.standin.user()
    await say(harness, u, "/start")
    await say(harness, u, "hello")
    harness.standin.fail_next(
        "deleteMessages", error_code=502, description="Bad Gateway", chat_id=u.id, times=3
    )  # past the retries for a 5xx
    await say(harness, u, "/exit")
    assert "hello" in [m.get("text") for m in u.history()]  # Telegram refused: still there
    await say(harness, u, "/exit")
    assert [m["text"] for m in u.history()] == [en(harness, "exit.neutral")]


async def test_quick_exit_respects_the_48_hour_window(harness: Harness, clock) -> None:
    u = harness.standin.user()
    await say(harness, u, "/start")
    clock.advance(49 * 3600)
    await say(harness, u, "/help")
    await say(harness, u, "/exit")
    texts = [m.get("text", "") for m in u.history()]
    assert len(texts) == 3  # the old /start and its menu stay (Telegram forbids it), + neutral
    assert texts[-1] == en(harness, "exit.neutral")


async def test_forget_me_deletes_every_row(harness: Harness) -> None:
    u = harness.standin.user(language_code="ar")
    await say(harness, u, "/start")
    await say(harness, u, "/crisis")
    await press(harness, u, 0)  # picks a country
    db = harness.core.db
    assert (await db.fetchone("SELECT count(*) FROM visitors"))[0] == 1
    msg = await say(harness, u, "/forget")
    assert ar(harness, "forget.confirm").split("\n")[0] in msg["text"]
    await press(harness, u, ar(harness, "button.forget_yes"))
    assert (await db.fetchone("SELECT count(*) FROM visitors"))[0] == 0
    assert (await db.fetchone("SELECT count(*) FROM chat_messages"))[0] == 0
    assert [m["text"] for m in u.history()] == [ar(harness, "exit.neutral")]


async def test_forget_can_be_cancelled(harness: Harness) -> None:
    u = harness.standin.user()
    await say(harness, u, "/forget")
    msg = await press(harness, u, en(harness, "button.forget_no"))
    assert en(harness, "forget.kept") in msg["text"]
    assert (await harness.core.db.fetchone("SELECT count(*) FROM visitors"))[0] == 1


async def test_forged_and_stale_buttons_get_a_kind_answer(harness: Harness) -> None:
    u = harness.standin.user()
    await say(harness, u, "/start")
    for data in ("admin:promote", "se:999", "lang:zz", "country:ZZ", "x" * 64, "menu:1"):
        await u.press_data(data)
        await harness.settle()
        assert en(harness, "expired.text") in u.last_bot_message()["text"]
    answers = harness.standin.calls_to("answerCallbackQuery")
    assert len(answers) == 6
    assert all(a.params.get("text") == en(harness, "expired.button") for a in answers)


async def test_unknown_input_gets_a_helpful_answer(harness: Harness) -> None:
    u = harness.standin.user()
    msg = await say(harness, u, "/nonsense")
    assert en(harness, "unknown.command") in msg["text"]
    msg = await say(harness, u, "I feel awful tonight")
    assert en(harness, "unknown.text") in msg["text"]
    for send in (u.send_sticker, u.send_photo, u.send_document, u.send_contact, u.send_location):
        await send()
        await harness.settle()
        assert en(harness, "unknown.media") in u.last_bot_message()["text"]
    assert en(harness, "button.crisis") in labels(u)


async def test_privileged_command_looks_unknown_to_others(harness: Harness) -> None:
    visitor = harness.standin.user()
    unknown = (await say(harness, visitor, "/nonsense"))["text"]
    assert (await say(harness, visitor, "/reload"))["text"] == unknown
    admin = harness.standin.user(ADMIN_ID)
    msg = await say(harness, admin, "/reload")
    assert msg["text"].split("\n")[1].startswith("Content reloaded")


async def test_429_is_waited_out_and_the_message_arrives_once(harness: Harness) -> None:
    u = harness.standin.user()
    harness.standin.fail_next(
        "sendMessage",
        error_code=429,
        description="Too Many Requests: retry after 1",
        retry_after=1,
        chat_id=u.id,
    )
    await say(harness, u, "/start")
    assert len(u.bot_messages()) == 1


async def test_403_blocked_visitor_does_not_stop_the_bot(harness: Harness) -> None:
    blocked = harness.standin.user()
    harness.standin.fail_next(  # blocked between writing and the bot's answer
        "sendMessage",
        error_code=403,
        description="Forbidden: bot was blocked by the user",
        chat_id=blocked.id,
    )
    await say(harness, blocked, "/start")
    assert blocked.bot_messages() == []
    other = harness.standin.user()
    msg = await say(harness, other, "/start")
    assert en(harness, "menu.text") in msg["text"]


async def test_restart_keeps_language_and_country(harness: Harness) -> None:
    u = harness.standin.user(language_code="en")
    await say(harness, u, "/start")
    await say(harness, u, "/language")
    await press(harness, u, "العربية")
    await say(harness, u, "/crisis")
    await press(harness, u, harness.core.content.current.locale("ar").regions[0].name)
    await press(harness, u, harness.core.content.current.locale("ar").countries["TN"])
    await harness.restart()
    msg = await say(harness, u, "/settings")
    loc = harness.core.content.current.locale("ar")
    assert loc.language_name in msg["text"] and loc.countries["TN"] in msg["text"]


async def test_group_gets_one_neutral_line_and_the_bot_leaves(harness: Harness) -> None:
    u = harness.standin.user()
    harness.standin.add_to_group(u, group_id=-100555)
    await harness.settle()
    assert -100555 in harness.standin.left_chats
    sent = [c for c in harness.standin.calls_to("sendMessage") if c.chat_id == -100555]
    assert len(sent) == 1 and sent[0].params["text"] == en(harness, "group.leave")
