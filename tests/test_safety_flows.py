"""Risk phrases in the flows: contacts at once, urgent in the queue, a flag for the volunteer."""

from __future__ import annotations

from bot.harness import Harness
from bot.standin import SimUser
from tests.test_relay import connect, en, last_text, onboard, queue_visitor
from tests.test_relay import say as say_last


async def say(h: Harness, user: SimUser, text: str) -> dict:
    """Send, and return the bot's answer as one: a crisis answer may take two messages."""
    before = len(user.bot_messages())
    last = await say_last(h, user, text)
    answer = user.bot_messages()[before:]
    return {**last, "text": "\n\n".join(m["text"] for m in answer)} if answer else last


async def test_outside_a_chat_risk_brings_contacts_and_no_echo(harness: Harness) -> None:
    h = harness
    visitor = h.standin.user()
    msg = await say(h, visitor, "honestly I want to die")
    assert en(h, "safety.high").split("\n")[0] in msg["text"]
    assert "Find A Helpline" in msg["text"]  # no country chosen: the international contacts
    assert "want to die" not in msg["text"]  # never echoed back
    assert en(h, "unknown.text") not in msg["text"]
    assert "Change country" in [b["text"] for row in visitor.buttons() for b in row]


async def test_arabic_dialect_and_arabizi(harness: Harness) -> None:
    h = harness
    ar = h.core.content.current.locale("ar").strings
    visitor = h.standin.user(language_code="ar")
    msg = await say(h, visitor, "والله بدي موت")
    assert ar["safety.high"].split("\n")[0] in msg["text"]
    msg = await say(h, visitor, "bdi mout")  # within the hour: no second list, a short line
    assert ar["safety.again"] in msg["text"]
    other = h.standin.user(language_code="ar")
    msg = await say(h, other, "bdi mout")
    assert ar["safety.high"].split("\n")[0] in msg["text"]


async def test_benign_look_alikes_are_left_alone(harness: Harness) -> None:
    h = harness
    visitor = h.standin.user()
    for text in ("I'm killing it at work", "dying to see the new film", "هموت من الجوع"):
        msg = await say(h, visitor, text)
        assert en(h, "unknown.text") in msg["text"], text


async def test_waiting_visitor_at_risk_moves_up(harness: Harness) -> None:
    h = harness
    volunteer = await onboard(h, "River Song")
    first = await queue_visitor(h)
    second = await queue_visitor(h)
    msg = await say(h, second, "i cant go on, no reason to live")
    assert en(h, "safety.elevated").split("\n")[0] in msg["text"]
    place = await h.core.relay.place(h.core.visitors.pseudonym(second.id))
    assert place.position == 1 and place.urgent
    assert "number 2" in first.history()[-1]["text"]  # the other place message was updated
    await say(h, volunteer, "/next")
    assert "You're now talking with River Song" in last_text(second)


async def test_in_a_chat_the_volunteer_gets_a_discreet_flag(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await connect(h)
    msg = await say(h, visitor, "I want to kill myself tonight")
    assert en(h, "safety.high").split("\n")[0] in msg["text"]
    assert "I want to kill myself tonight" in volunteer.texts()  # still relayed
    assert "may be at risk" in last_text(volunteer)
    before = len(visitor.texts())
    await say(h, visitor, "I want to die")
    assert len(visitor.texts()) == before  # contacts once per chat, not on every message
    assert sum("may be at risk" in t for t in volunteer.texts()) == 1


async def test_a_message_only_the_model_finds_gets_the_gentle_answer(harness: Harness) -> None:
    """The model beside the lists (on by default) may raise a near miss of the lists (a part of
    a `together` rule, not the whole) to `elevated`: contacts offered gently, as for any
    elevated message; a waiting visitor moves up."""
    import math
    from array import array

    from bot.safety.model import BUCKETS, RiskModel

    h = harness
    detector = h.core.content.current.risk
    assert detector is not None and detector.model is not None  # the shipped one, by default
    visitor = h.standin.user()
    for text in ("hello", "what is this bot", "I would like to talk to someone"):
        msg = await say(h, visitor, text)
        assert en(h, "safety.elevated").split("\n")[0] not in msg["text"], text
    shipped = detector.model
    detector.model = RiskModel(array("f", bytes(4 * BUCKETS)), 0.0, -math.inf)  # raises all
    try:
        await onboard(h, "River Song")
        await queue_visitor(h)
        second = await queue_visitor(h)
        assert await say(h, second, "what a lovely cat")  # no near miss: the model is not asked
        assert not (await h.core.relay.place(h.core.visitors.pseudonym(second.id))).urgent
        msg = await say(h, second, "I have pills")  # a part of a rule, not the rule
        assert en(h, "safety.elevated").split("\n")[0] in msg["text"]
        place = await h.core.relay.place(h.core.visitors.pseudonym(second.id))
        assert place.position == 1 and place.urgent
    finally:
        detector.model = shipped
