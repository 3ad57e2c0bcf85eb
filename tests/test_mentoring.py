"""Mentoring end to end: the offer, asking for the same volunteer again (on and off duty),
waiting too long, /forget and the volunteer's /exit; English and Arabic."""

from __future__ import annotations

from bot.app import retention
from bot.harness import Harness
from handlers.mentoring import alert
from tests.conftest import FakeClock, press, say
from tests.helpline import chat_in, line, text


async def mentorships(h: Harness) -> int:
    return (await h.core.db.fetchone("SELECT count(*) FROM mentorships"))[0]


async def test_asking_for_the_same_volunteer_again(harness: Harness) -> None:
    h = harness
    visitor, river = await chat_in(h, "en", "River Song")
    msg = await say(h, river, "/mentor")
    assert "I've asked Visitor" in msg["text"]
    offer = visitor.last_bot_message()
    assert "River Song would be glad to talk with you again" in offer["text"]
    await press(h, visitor, "Yes")
    assert line(h, "en", "mentor.accepted", volunteer="River Song") in visitor.texts()[-1]
    assert "would like to talk with you again" in river.texts()[-1]
    msg = await say(h, river, "/mentor")
    assert text(h, "en", "mentor.already") in msg["text"]
    await say(h, visitor, "/end")
    await say(h, river, "/duty")  # off duty now

    msg = await say(h, visitor, "/talk")
    assert text(h, "en", "mentor.choose") in msg["text"]
    msg = await press(h, visitor, "River Song")
    assert "River Song isn't on duty right now" in msg["text"]
    await say(h, river, "/duty")
    await alert(h.application)  # the sweep: River is on duty, and told
    await h.settle()
    assert text(h, "en", "mentor.asks") in river.texts()[-1]
    await press(h, river, "Talk now")
    assert "who asked for you" in river.texts()[-1]
    assert "River Song" in visitor.texts()[-1]
    await say(h, visitor, "hi again")
    assert river.texts()[-1] == "hi again"
    await say(h, river, "good to hear from you")
    assert visitor.texts()[-1].endswith("good to hear from you")
    await alert(h.application)
    await h.settle()
    assert river.texts()[-1] == "hi again"  # asked once, answered: no second alert
    # what links them: pseudonyms, the alias and a random handle, nothing else
    row = await h.core.db.fetchone("SELECT alias, length(handle) FROM mentorships")
    assert row == ("River Song", 16)


async def test_arabic_after_the_chat_then_waiting_too_long(
    harness: Harness, clock: FakeClock
) -> None:
    h = harness
    visitor, river = await chat_in(h, "ar", "River Song")
    await say(h, visitor, "/end")
    await say(h, river, "/mentor")  # just after the end: still possible
    assert line(h, "ar", "mentor.offer", volunteer="River Song") in visitor.texts()[-1]
    await press(h, visitor, text(h, "ar", "mentor.button_yes"))
    assert await mentorships(h) == 1

    await say(h, visitor, "/talk")
    assert text(h, "ar", "mentor.choose") in visitor.texts()[-1]
    msg = await press(h, visitor, "River Song")
    assert line(h, "ar", "mentor.asked_on_duty", volunteer="River Song") in msg["text"]
    assert text(h, "en", "mentor.asks") in river.texts()[-1]  # on duty: told at once
    talk_now = river.last_bot_message()

    clock.advance(h.settings.mentor_wait_hours * 3600)
    await alert(h.application)
    await h.settle()
    assert (
        line(h, "ar", "mentor.not_back", volunteer="River Song", hours=48) in (visitor.texts()[-1])
    )
    await river.press("Talk now", talk_now)
    await h.settle()
    assert text(h, "en", "mentor.gone") in river.texts()[-1]
    msg = await press(h, visitor, text(h, "ar", "mentor.button_anyone"))
    assert line(h, "ar", "talk.consent") in msg["text"]  # the usual way on


async def test_forget_and_the_volunteers_exit_end_it(harness: Harness) -> None:
    h = harness
    visitor, river = await chat_in(h, "en", "River Song")
    await say(h, river, "/mentor")
    await press(h, visitor, "Yes")
    await say(h, visitor, "/forget")
    await press(h, visitor, "Yes, forget me")
    assert await mentorships(h) == 0

    other, kai = await chat_in(h, "en", "Kai")
    await say(h, kai, "/mentor")
    await press(h, other, "Yes")
    await say(h, other, "/end")
    await say(h, kai, "/duty")  # off
    await say(h, other, "/talk")
    await press(h, other, "Kai")  # asking while Kai is off duty
    await say(h, kai, "/exit")
    assert await mentorships(h) == 0
    assert line(h, "en", "mentor.unavailable", volunteer="Kai") in other.texts()[-1]
    # a forged handle, or another visitor's: that button has expired
    await other.press_data("mt:aAAAAAAAAAAAAAAAA")
    await h.settle()
    assert text(h, "en", "expired.text") in other.texts()[-1]


async def test_silence_ends_it_with_the_visitors_row(harness: Harness, clock: FakeClock) -> None:
    h = harness
    visitor, river = await chat_in(h, "en", "River Song")
    await say(h, river, "/mentor")
    await press(h, visitor, "Yes")
    await say(h, visitor, "/end")
    await retention(h.application)
    assert await mentorships(h) == 1
    clock.advance((h.settings.visitor_retention_days + 2) * 86400)
    await retention(h.application)
    assert await mentorships(h) == 0


async def test_asking_twice_alerts_once_and_a_revocation_ends_it(harness: Harness) -> None:
    h = harness
    visitor, river = await chat_in(h, "en", "River Song")
    await say(h, river, "/mentor")
    await press(h, visitor, "Yes")
    await say(h, visitor, "/end")
    for _ in range(2):
        await say(h, visitor, "/talk")
        await press(h, visitor, "River Song")
    alerts = [t for t in river.texts() if text(h, "en", "mentor.asks") in t]
    assert len(alerts) == 1
    staff = await h.core.staff.by_alias("River Song")  # as /revoke does (whatever it asks)
    assert staff is not None and await h.core.staff.revoke(staff)
    msg = await say(h, visitor, "/talk")
    assert text(h, "en", "mentor.choose") not in msg["text"]  # no one to ask for any more
    assert await mentorships(h) == 0
