"""End to end: volunteers, shifts, the queue and the anonymous relay, with several users."""

from __future__ import annotations

import json
import re

from bot.content.i18n import t
from bot.harness import Harness
from bot.relay import QUEUE_COUNT_CAP
from bot.standin import SimUser
from handlers.ending import sweep
from tests.conftest import ADMIN_ID, press, say


def en(h: Harness, key: str, **values: object) -> str:
    return t(h.core.content.current.locale("en"), key, **values)


def first_line(h: Harness, key: str, **values: object) -> str:
    return en(h, key, **values).split("\n")[0]


def last_text(user: SimUser) -> str:
    return user.texts()[-1]


async def onboard(h: Harness, alias: str, *, on_duty: bool = True) -> SimUser:
    """Admin invites; the volunteer joins, picks an alias, is signed off, goes on duty."""
    admin = h.standin.user(ADMIN_ID, first_name="Admin")
    msg = await say(h, admin, "/invite")
    code = re.search(r"start=(v_[\w-]+)", msg["text"]).group(1)
    volunteer = h.standin.user(
        first_name=f"Real name of {alias}", username=f"{alias.lower().replace(' ', '_')}_tg"
    )
    msg = await say(h, volunteer, f"/start {code}")
    assert first_line(h, "volunteer.welcome_choose_alias") in msg["text"]
    await say(h, volunteer, alias)
    request = admin.last_bot_message()
    assert en(h, "admin.signoff_request", alias=alias) in request["text"]
    await press(h, admin, en(h, "admin.button_signoff"))
    assert en(h, "volunteer.signed_off") in last_text(volunteer)
    if on_duty:
        msg = await say(h, volunteer, "/duty")
        assert "You're on duty" in msg["text"]
    return volunteer


async def queue_visitor(h: Harness, **user: object) -> SimUser:
    visitor = h.standin.user(**user)
    msg = await say(h, visitor, "/talk")
    assert first_line(h, "talk.consent") in msg["text"]
    await press(h, visitor, en(h, "button.consent"))
    return visitor


async def connect(h: Harness, alias: str = "River Song", **user: object) -> tuple[SimUser, SimUser]:
    volunteer = await onboard(h, alias)
    visitor = await queue_visitor(h, **user)
    await say(h, volunteer, "/next")
    return visitor, volunteer


async def test_onboarding_and_a_whole_chat(harness: Harness) -> None:
    h = harness
    volunteer = await onboard(h, "River Song")
    visitor = await queue_visitor(
        h, first_name="Karim", username="karim_secret", language_code="haw"
    )
    assert "number 1" in last_text(visitor)
    assert "Someone is waiting" in last_text(volunteer)  # told, with no detail

    msg = await say(h, volunteer, "/next")
    assert msg["text"].split("\n")[1].startswith("You're now talking with Visitor ")
    assert "River Song" in last_text(visitor)

    # text both ways, a sticker, a reply, an edit
    sent = await visitor.send("hi, I need to talk about my family")
    await h.settle()
    assert last_text(volunteer) == "hi, I need to talk about my family"
    copy_in_volunteer_chat = volunteer.history()[-1]
    await volunteer.send("I'm here. Tell me more.")
    await h.settle()
    assert last_text(visitor).endswith("I'm here. Tell me more.")  # with the discreet line
    await visitor.send_sticker("🙂")
    await h.settle()
    assert volunteer.history()[-1].get("sticker")
    await volunteer.send("I hear you", reply_to=copy_in_volunteer_chat["message_id"])
    await h.settle()
    assert visitor.history()[-1]["reply_to_message"]["message_id"] == sent["message_id"]
    await visitor.edit(sent["message_id"], "hi, I need to talk about my mother")
    await h.settle()
    assert copy_in_volunteer_chat["message_id"] in [
        m["message_id"] for m in volunteer.history() if m.get("text", "").endswith("my mother")
    ]

    # media the relay does not carry
    before = len(volunteer.history())
    await visitor.send_photo()
    await h.settle()
    assert en(h, "relay.media_refused") in last_text(visitor)
    await visitor.send_contact()
    await h.settle()
    assert en(h, "relay.media_identifying") in last_text(visitor)
    assert len(volunteer.history()) == before

    # /end, then a one-tap rating
    await say(h, visitor, "/end")
    assert first_line(h, "relay.ended_by_you") in last_text(visitor)
    assert en(h, "volunteer.ended", visitor="")[:20] in last_text(volunteer)
    await press(h, visitor, "😊")
    assert en(h, "rating.thanks") in last_text(visitor)
    facts = await h.core.db.fetchall("SELECT rating, answered FROM chat_facts")
    assert facts == [(5, 1)]

    # after the end, messages are no longer relayed
    await say(h, visitor, "still there?")
    assert "still there?" not in volunteer.texts()
    assert en(h, "unknown.text") in last_text(visitor)


async def test_anonymity_both_ways_and_protected_copies(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await connect(
        h,
        "Noor Ali",
        first_name="Karim",
        last_name="Haddad",
        username="karim_secret",
        language_code="haw",
    )
    for text in ("hello", "my name is not important", "🙂"):
        await visitor.send(text)
        await volunteer.send(f"re: {text}")
        await h.settle()
    await say(h, volunteer, "/end")

    def sent_to(user: SimUser) -> str:
        """Everything the bot put in this person's chat, as their Telegram app receives it."""
        seen = user.bot_messages()
        assert all("forward_origin" not in m and "forward_from" not in m for m in seen)
        return json.dumps(seen, ensure_ascii=False)

    to_volunteer = sent_to(volunteer)
    for secret in (str(visitor.id), "Karim", "Haddad", "karim_secret"):
        assert secret not in to_volunteer
    assert not re.search(r"\bhaw\b", to_volunteer)
    to_visitor = sent_to(visitor)
    for secret in (str(volunteer.id), "Real name of Noor Ali", "noor_ali_tg"):
        assert secret not in to_visitor
    assert h.standin.calls_to("forwardMessage") == []
    relayed = h.standin.calls_to("copyMessage") + [
        c for c in h.standin.calls_to("sendMessage") if c.params.get("protect_content")
    ]
    assert len(relayed) == 6
    assert all(c.params.get("protect_content") is True for c in h.standin.calls_to("copyMessage"))


async def test_urgent_first_then_longest_waiting(harness: Harness) -> None:
    h = harness
    volunteer = await onboard(h, "River Song")
    first = await queue_visitor(h)
    second = await queue_visitor(h)
    assert "number 2" in last_text(second)
    await h.core.relay.mark_urgent(h.core.visitors.pseudonym(second.id))
    await say(h, volunteer, "/next")
    assert "may be at risk" in last_text(volunteer)
    assert "You're now talking with River Song" in last_text(second)
    assert "number 1" in last_text(first)  # the place message was updated in place


async def test_next_race_between_two_volunteers(harness: Harness) -> None:
    h = harness
    river = await onboard(h, "River Song")
    noor = await onboard(h, "Noor Ali")
    visitor = await queue_visitor(h)
    await river.send("/next")
    await noor.send("/next")
    await h.settle()
    outcomes = sorted([last_text(river), last_text(noor)])
    assert sum("You're now talking with Visitor" in o for o in outcomes) == 1
    assert sum(en(h, "volunteer.queue_empty") in o for o in outcomes) == 1
    assert (await h.core.db.fetchone("SELECT count(*) FROM sessions"))[0] == 1
    assert "You're now talking with" in last_text(visitor)


async def test_queue_once_cancel_and_nobody_on_duty(harness: Harness) -> None:
    h = harness
    lonely = h.standin.user()
    msg = await say(h, lonely, "/talk")
    assert first_line(h, "talk.nobody") in msg["text"]  # honest: nobody on duty, said first
    assert first_line(h, "talk.consent") not in msg["text"]
    await onboard(h, "River Song")
    visitor = h.standin.user()
    await say(h, visitor, "/talk")
    consent = visitor.last_bot_message()
    await visitor.press(en(h, "button.consent"), consent)
    await visitor.press(en(h, "button.consent"), consent)  # two quick taps
    await h.settle()
    assert (await h.core.db.fetchone("SELECT count(*) FROM queue"))[0] == 1
    await say(h, visitor, "/crisis")  # resources stay usable while waiting
    await say(h, visitor, "/cancel")
    assert en(h, "queue.left") in last_text(visitor)
    assert (await h.core.db.fetchone("SELECT count(*) FROM queue"))[0] == 0


async def test_caseload_cap_and_duty_with_open_chat(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await connect(h)
    await queue_visitor(h)
    msg = await say(h, volunteer, "/next")
    assert en(h, "volunteer.caseload_full", limit=1) in msg["text"]
    msg = await say(h, volunteer, "/duty")
    assert en(h, "volunteer.off_duty_open_chat") in msg["text"]
    await press(h, volunteer, en(h, "volunteer.button_hand_back"))
    # the only volunteer went off duty: the visitor keeps their place and is told plainly
    assert first_line(h, "queue.nobody_now") in last_text(visitor)
    assert (await h.core.db.fetchone("SELECT count(*) FROM queue"))[0] == 2


async def test_an_old_off_duty_prompt_never_ends_a_newer_chat(harness: Harness) -> None:
    """A volunteer leaves the "going off duty?" prompt unanswered, ends that chat, takes
    another, then taps the old "end" button: the new chat stays; they are asked again."""
    h = harness
    _, volunteer = await connect(h)
    prompt = await say(h, volunteer, "/duty")
    assert en(h, "volunteer.off_duty_open_chat") in prompt["text"]
    await say(h, volunteer, "/end")
    second = await queue_visitor(h)
    await say(h, volunteer, "/next")
    second_session = await h.core.relay.session_of_visitor(h.core.visitors.pseudonym(second.id))
    assert second_session is not None
    await volunteer.press(en(h, "volunteer.button_end_chat"), prompt)
    await h.settle()
    assert await h.core.relay.session_of_visitor(second_session.visitor) is not None
    (asked_again,) = [
        m for m in h.standin.chat_history(volunteer.id) if m["message_id"] == prompt["message_id"]
    ]
    assert en(h, "volunteer.off_duty_open_chat") in asked_again["text"]
    await volunteer.press(en(h, "volunteer.button_end_chat"), asked_again)  # this one acts
    await h.settle()
    assert await h.core.relay.session_of_visitor(second_session.visitor) is None


async def test_revoke_mid_chat(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await connect(h, "River Song")
    admin = h.standin.user(ADMIN_ID)
    msg = await say(h, admin, "/revoke River Song")
    assert en(h, "admin.revoked", alias="River Song") in msg["text"]
    assert en(h, "volunteer.revoked") in last_text(volunteer)
    assert first_line(h, "queue.nobody_now") in last_text(visitor)  # back in the queue
    unknown = en(h, "unknown.command")
    assert unknown in (await say(h, volunteer, "/next"))["text"]  # the role is gone
    assert (await h.core.audit.latest(1))[0].action == "revoke"


async def test_timeouts_with_a_controllable_clock(harness: Harness, clock) -> None:
    h = harness
    visitor, volunteer = await connect(h)
    clock.advance(4 * 60)
    await sweep(h.application)
    await h.settle()
    assert "waiting for your first message" in last_text(volunteer)
    await volunteer.send("hello?")
    await h.settle()
    clock.advance(11 * 60)
    await sweep(h.application)
    assert first_line(h, "relay.still_there") in last_text(visitor)
    clock.advance(11 * 60)
    await sweep(h.application)
    assert first_line(h, "relay.ended_idle") in last_text(visitor)
    assert "has ended" in last_text(volunteer)

    waiting = await queue_visitor(h)
    clock.advance(61 * 60)
    await sweep(h.application)
    assert en(h, "queue.still_waiting") in last_text(waiting)
    clock.advance(16 * 60)
    await sweep(h.application)
    assert en(h, "queue.dropped") in last_text(waiting)


async def test_a_visitor_who_blocks_the_bot_ends_the_chat_kindly(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await connect(h)
    visitor.block_bot()
    await say(h, volunteer, "are you ok?")
    assert "has ended" in last_text(volunteer)
    assert await h.core.relay.session_of_visitor(h.core.visitors.pseudonym(visitor.id)) is None


async def test_restart_mid_chat_loses_nothing(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await connect(h)
    await say(h, visitor, "before the restart")
    await h.restart()
    await say(h, visitor, "after the restart")
    await volunteer.send("still here")
    await h.settle()
    texts = volunteer.texts()
    assert texts.count("before the restart") == 1 and texts.count("after the restart") == 1
    assert last_text(visitor).endswith("still here")


async def test_quick_exit_mid_chat_ends_it(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await connect(h)
    await say(h, volunteer, "hello, how are you?")
    await say(h, visitor, "/exit")
    assert [m["text"] for m in visitor.history()] == [en(h, "exit.neutral")]
    assert "has left the chat" in last_text(volunteer)


async def test_forged_rating_and_signoff_buttons_are_refused(harness: Harness) -> None:
    h = harness
    visitor, _ = await connect(h)
    await say(h, visitor, "/end")
    session_id = (await h.core.db.fetchone("SELECT id FROM sessions"))[0]
    stranger = h.standin.user()
    await say(h, stranger, "/start")
    await stranger.press_data(f"rate:{session_id}-1")
    await h.settle()
    assert en(h, "expired.text") in last_text(stranger)
    await stranger.press_data("signoff:1")  # authority comes from the role, not the button
    await h.settle()
    assert en(h, "expired.text") in last_text(stranger)
    assert (await h.core.db.fetchone("SELECT rating FROM chat_facts"))[0] is None


async def test_absent_volunteer_hands_the_visitor_back(harness: Harness, clock) -> None:
    h = harness
    visitor, volunteer = await connect(h, "River Song")
    other = await onboard(h, "Noor Ali")
    await say(h, volunteer, "hello, I'm here")
    clock.advance(30)
    await say(h, visitor, "are you still there?")
    clock.advance(4 * 60)
    await sweep(h.application)
    assert "waiting for your first message" in last_text(volunteer) or "is waiting" in last_text(
        volunteer
    )
    clock.advance(6 * 60)
    await sweep(h.application)
    await h.settle()
    assert any("went back to the queue" in t for t in volunteer.texts()[-2:])
    assert first_line(h, "relay.volunteer_left_requeued") in last_text(visitor)
    assert "Someone is waiting" in last_text(other)


async def test_quiet_visitor_with_a_silent_volunteer_is_not_blamed(harness: Harness, clock) -> None:
    h = harness
    visitor, _ = await connect(h)
    clock.advance(11 * 60)
    await sweep(h.application)
    assert first_line(h, "relay.still_there") not in last_text(visitor)


async def test_long_volunteer_text_reaches_a_discreet_visitor(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await connect(h)
    long_text = ("word " * 819).strip()  # 4094 characters: fits alone, not with the neutral line
    await say(h, volunteer, long_text)
    first, rest = (m["text"] for m in visitor.bot_messages()[-2:])
    assert first.startswith(en(h, "discreet.first_line"))  # the neutral line still comes first
    received = (first + rest).replace(en(h, "discreet.first_line"), "")
    assert received.replace(" ", "").replace("\n", "") == long_text.replace(" ", "")


async def test_what_a_waiting_visitor_writes_reaches_the_volunteer(harness: Harness) -> None:
    h = harness
    volunteer = await onboard(h, "River Song")
    visitor = await queue_visitor(h)
    msg = await say(h, visitor, "I've been waiting to tell someone")
    assert en(h, "queue.while_waiting") in msg["text"]
    await visitor.send_sticker()
    await h.settle()
    held = await h.core.db.fetchall("SELECT message_id FROM waiting_messages")
    assert len(held) == 2  # ids only: the text stays in the visitor's own chat
    await say(h, volunteer, "/next")
    assert "I've been waiting to tell someone" in volunteer.texts()
    assert volunteer.history()[-1].get("sticker")
    assert await h.core.db.fetchall("SELECT * FROM waiting_messages") == []


async def test_a_long_queue_is_counted_only_so_far(harness: Harness) -> None:
    """Counts stop at QUEUE_COUNT_CAP, so joining costs the same however many wait; past it,
    people read "1000+" and an honest floor for the wait."""
    h = harness
    volunteer = await onboard(h, "River Song")
    queue = h.core.relay.queue
    for i in range(QUEUE_COUNT_CAP + 5):
        await queue.add(i.to_bytes(32, "big"), i % 10 == 0, h.core.clock() - 3600 + i)
    visitor = await queue_visitor(h)
    place = visitor.last_bot_message()["text"]
    assert f"number {QUEUE_COUNT_CAP}+." in place
    assert "minutes or more." in place
    queue_text = (await say(h, volunteer, "/queue"))["text"]
    assert f"Waiting: {QUEUE_COUNT_CAP}+ (urgent: 101)" in queue_text
    assert "Longest wait: 60 min" in queue_text


async def test_queue_counts_with_one_kind_of_visitor_or_none(harness: Harness) -> None:
    queue = harness.core.relay.queue
    assert await queue.counts(10) == (0, 0, None)
    await queue.add(b"u" * 32, True, 500.0)
    assert await queue.counts(10) == (1, 1, 500.0)
    await queue.add(b"n" * 32, False, 400.0)
    await queue.add(b"m" * 32, False, 600.0)
    assert await queue.counts(10) == (3, 1, 400.0)
    assert await queue.counts(2) == (2, 1, 400.0)


async def test_a_message_written_as_the_volunteer_takes_the_visitor_arrives_once(
    harness: Harness,
) -> None:
    """The visitor writes at the very moment a volunteer types /next: whichever runs first,
    the message is passed on as held, or relayed in the new chat, once; never dropped."""
    h = harness
    volunteer = await onboard(h, "River Song")
    for round_ in range(4):
        visitor = await queue_visitor(h)
        await visitor.send(f"right now {round_}")
        await volunteer.send("/next")
        await h.settle()
        assert [t for t in volunteer.texts() if t.endswith(f"right now {round_}")] == [
            f"right now {round_}"
        ]
        await say(h, volunteer, "/end")


async def test_hold_after_the_visitor_was_taken_says_gone(harness: Harness) -> None:
    h = harness
    visitor, _ = await connect(h)
    pseudonym = h.core.visitors.pseudonym(visitor.id)
    assert await h.core.relay.hold(pseudonym, 12345) == "gone"
    assert await h.core.relay.held(pseudonym) == []


async def test_what_waited_goes_before_what_comes_next(harness: Harness) -> None:
    """The visitor writes while waiting, then again as the volunteer takes them: the held
    message reaches the volunteer first, each once, whichever update runs first."""
    h = harness
    volunteer = await onboard(h, "River Song")
    for round_ in range(3):
        visitor = await queue_visitor(h)
        await visitor.send(f"waited {round_}")
        await h.settle()
        await volunteer.send("/next")
        await visitor.send(f"then {round_}")
        await h.settle()
        got = [t for t in volunteer.texts() if t.endswith((f"waited {round_}", f"then {round_}"))]
        assert got == [f"waited {round_}", f"then {round_}"]
        await say(h, volunteer, "/end")
