"""Warm transfer end to end: to a named colleague (accept, decline, no answer in time), back to
the queue with a note, a restart while one is pending; English and Arabic."""

from __future__ import annotations

from bot.harness import Harness
from handlers.transfer import sweep
from tests.conftest import FakeClock, press, say
from tests.helpline import chat_in, line, queue_in, text
from tests.test_relay import onboard


def texts_since(user, before: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.get("text", "") for m in user.history()[before:]]


async def test_handed_to_a_colleague_who_accepts(harness: Harness) -> None:
    h = harness
    visitor, river = await chat_in(h, "en", "River Song")
    kai = await onboard(h, "Kai")
    msg = await say(h, river, "/transfer she is safe tonight, we talked about her brother")
    assert "Hand the chat with Visitor" in msg["text"]
    assert "Handover note: she is safe tonight" in msg["text"]
    await press(h, river, "Kai")
    assert "I've asked Kai" in river.texts()[-1]
    assert line(h, "en", "transfer.visitor_waiting", volunteer="River Song") in visitor.texts()[-1]
    assert "she is safe tonight" not in "".join(visitor.texts())  # the note: never the visitor's
    assert "Handover note: she is safe tonight" in kai.texts()[-2]
    assert "would like to hand you the chat" in kai.texts()[-1]
    stored = b"".join(
        path.read_bytes()
        for path in h.settings.database_path.parent.iterdir()
        if path.name.startswith(h.settings.database_path.name)
    )
    assert b"safe tonight" not in stored  # the note is stored encrypted
    assert (await h.core.db.fetchone("SELECT note IS NOT NULL FROM transfers")) == (1,)

    # meanwhile: the visitor's words are kept; the volunteer's wait
    before_river, before_kai = len(river.history()), len(kai.history())
    await visitor.send("are you still there?")
    await h.settle()
    assert "are you still there?" not in texts_since(river, before_river)
    assert "are you still there?" not in texts_since(kai, before_kai)
    seen = len(visitor.history())
    await say(h, river, "one moment")
    assert text(h, "en", "transfer.pending") in river.texts()[-1]
    assert len(visitor.history()) == seen

    msg = await say(h, river, "/transfer")
    assert text(h, "en", "transfer.already") in msg["text"]
    await press(h, kai, "Accept")
    assert "You're now talking with Visitor" in kai.texts()[-2]
    assert kai.texts()[-1] == "are you still there?"  # held, then passed on
    assert "Kai has taken the chat" in river.texts()[-1]
    assert "You're now talking with Kai" in visitor.texts()[-1]
    assert "River Song passed your chat on" in visitor.texts()[-1]
    await visitor.send("thanks")
    await h.settle()
    assert kai.texts()[-1] == "thanks"
    await say(h, kai, "I'm here")
    assert visitor.texts()[-1].endswith("I'm here")
    assert await h.core.db.fetchone("SELECT count(*) FROM transfers") == (0,)


async def test_arabic_declined_then_no_answer(harness: Harness, clock: FakeClock) -> None:
    h = harness
    visitor, river = await chat_in(h, "ar", "River Song")
    kai = await onboard(h, "Kai")
    await say(h, river, "/transfer")
    assert "Tip: /transfer followed by" in river.texts()[-1]
    await press(h, river, "Kai")
    assert line(h, "ar", "transfer.visitor_waiting", volunteer="River Song") in visitor.texts()[-1]
    await visitor.send("مرحبا")
    await h.settle()
    await press(h, kai, "Decline")
    assert "can't take the chat" in river.texts()[-2]
    assert river.texts()[-1] == "مرحبا"  # kept, and passed on to the one who has the chat
    assert line(h, "ar", "transfer.visitor_stays", volunteer="River Song") in visitor.texts()[-1]

    # asked again, and no answer in time: it stays too
    await say(h, river, "/transfer")
    await press(h, river, "Kai")
    offer = kai.last_bot_message()
    clock.advance(h.settings.transfer_timeout_minutes * 60 + 1)
    await sweep(h.application)
    await h.settle()
    assert "didn't answer in time" in river.texts()[-1]
    assert "went back to River Song" in kai.texts()[-1]
    assert line(h, "ar", "transfer.visitor_stays", volunteer="River Song") in visitor.texts()[-1]
    await kai.press("Accept", offer)  # too late
    await h.settle()
    assert text(h, "en", "expired.text") in kai.texts()[-1]
    await say(h, visitor, "شكرا")
    assert river.texts()[-1] == "شكرا"


async def test_a_restart_while_a_transfer_waits(harness: Harness) -> None:
    h = harness
    visitor, river = await chat_in(h, "en", "River Song")
    kai = await onboard(h, "Kai")
    await say(h, river, "/transfer")
    await press(h, river, "Kai")
    offer = kai.last_bot_message()
    await say(h, visitor, "first")
    await h.restart()
    await say(h, visitor, "second")
    assert "first" not in river.texts() and "second" not in river.texts()
    await kai.press("Accept", offer)
    await h.settle()
    assert kai.texts()[-2:] == ["first", "second"]  # in order, once
    await say(h, visitor, "third")
    assert kai.texts()[-1] == "third"
    assert kai.texts().count("first") == 1


async def test_back_to_the_queue_keeps_the_place_and_the_note(
    harness: Harness, clock: FakeClock
) -> None:
    h = harness
    first, river = await chat_in(h, "en", "River Song")
    kai = await onboard(h, "Kai")
    clock.advance(60)
    third = await queue_in(h, "en")  # joins after the first visitor first waited
    await say(h, river, "/transfer needs someone who knows about housing")
    await press(h, river, "Back to the queue")
    assert "is back in the queue" in river.texts()[-1]
    assert "passed your chat on to the next free volunteer" in first.texts()[-1]
    await say(h, first, "hello?")
    await say(h, kai, "/next")
    assert "Handover note from River Song: needs someone who knows about housing" in "\n".join(
        kai.texts()[-3:]
    )
    assert kai.texts()[-1] == "hello?"  # held while waiting, passed on
    assert "You're now talking with Kai" in first.texts()[-1] or any(
        "Kai" in t for t in first.texts()[-2:]
    )
    assert (
        await h.core.relay.place(h.core.visitors.pseudonym(third.id)) is not None
    )  # the third still waits


async def test_an_urgent_chat_keeps_its_urgency(harness: Harness) -> None:
    h = harness
    visitor, river = await chat_in(h, "en", "River Song")
    kai = await onboard(h, "Kai")
    await say(h, visitor, "I want to kill myself")
    await say(h, river, "/transfer")
    await press(h, river, "Kai")
    assert "who may be at risk" in kai.texts()[-1]
    await press(h, kai, "Decline")
    await say(h, river, "/transfer")
    await press(h, river, "Back to the queue")
    place = await h.core.relay.place(h.core.visitors.pseudonym(visitor.id))
    assert place is not None and place.urgent and place.position == 1
