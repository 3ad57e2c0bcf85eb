"""The crisis paths end to end: what a person in danger gets, wherever they are.

The real bot over the stand-in: a country with crisis lines, one without, no country; danger
from others; a visitor flagged outside a chat and again in one; an urgent visitor who times out
in the queue or goes quiet in a chat; nobody on duty. Countries are picked from the content by
what they hold, so the tests keep their meaning as `crisis.yaml` grows.
"""

from __future__ import annotations

from bot.content.model import LocaleContent
from bot.harness import Harness
from bot.standin import SimUser
from handlers.ending import sweep
from tests.conftest import ADMIN_ID, press, say
from tests.test_relay import connect, en, last_text, onboard, queue_visitor

NOT_ALONE = "alone"


def loc(h: Harness) -> LocaleContent:
    return h.core.content.current.locale("en")


def with_lines(h: Harness) -> str:
    for code in loc(h).countries:
        local, _ = loc(h).contacts_for(code)
        if any(c.type == "crisis_line" for c in local):
            return code
    raise AssertionError("no country with a crisis line")


def without_lines(h: Harness, *, organisation: bool = False) -> str:
    """A country with no crisis line (with an LGBTQ+ organisation, and where suggesting the
    police may be dangerous, for the danger-from-others answer)."""
    for code in loc(h).countries:
        local, _ = loc(h).contacts_for(code)
        if any(c.type == "crisis_line" for c in local):
            continue
        if not organisation:
            return code
        if any(c.type == "organisation" for c in local) and loc(h).police_risky(code):
            return code
    raise AssertionError("no such country")


async def choose(h: Harness, visitor: SimUser, country: str) -> None:
    await say(h, visitor, "/start")
    await visitor.press_data(f"country:{country}")
    await h.settle()


def labels(message: dict) -> list[str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [b["text"] for row in rows for b in row]


def sent_since(visitor: SimUser, before: int) -> list[dict]:
    return visitor.bot_messages()[before:]


async def test_at_risk_in_a_country_with_lines(harness: Harness) -> None:
    h = harness
    visitor = h.standin.user()
    code = with_lines(h)
    await choose(h, visitor, code)
    before = len(visitor.bot_messages())
    await say(h, visitor, "honestly I want to die")
    (reply,) = sent_since(visitor, before)
    text = reply["text"]
    lines = [c for c in loc(h).contacts_for(code)[0] if c.type == "crisis_line"]
    assert en(h, "safety.high") in text and en(h, "safety.lines_high") in text
    first_contact = min(text.index(c.name) for c in loc(h).contacts if c.name in text)
    assert text.index(lines[0].name) == first_contact  # the country's crisis lines come first
    assert "want to die" not in text  # never echoed
    assert text.count(NOT_ALONE) == 1
    assert en(h, "button.talk_now") in labels(reply)


async def test_at_risk_in_a_country_without_lines(harness: Harness) -> None:
    h = harness
    visitor = h.standin.user()
    code = without_lines(h)
    await choose(h, visitor, code)
    before = len(visitor.bot_messages())
    await say(h, visitor, "honestly I want to die")
    first, *rest = sent_since(visitor, before)
    country = loc(h).countries[code]
    assert en(h, "safety.no_lines", country=country) in first["text"]  # one honest line
    assert en(h, "safety.lines_high") not in first["text"]  # nothing "there for exactly this"
    assert labels(first) == [en(h, "button.talk_now")]  # the volunteer before any service
    later = " ".join(m["text"] for m in rest)
    assert en(h, "safety.directories") in later  # a directory, called a directory
    for contact in loc(h).contacts:
        if contact.type != "crisis_line":
            shown = [m["text"] for m in [first, *rest] if contact.name in m["text"]]
            assert all("crisis line" not in t.split(contact.name)[0][-80:] for t in shown)
    assert " ".join(m["text"] for m in [first, *rest]).count(NOT_ALONE) == 1

    # The volunteer button, with nobody on duty: said plainly, before any consent note.
    await visitor.press(en(h, "button.talk_now"), first)
    await h.settle()
    msg = visitor.last_bot_message()
    assert en(h, "talk.nobody").split("\n")[0] in msg["text"]
    assert msg["text"].index(en(h, "talk.nobody").split("\n")[0]) < msg["text"].index(
        en(h, "talk.consent").split("\n")[0]
    )


async def test_at_risk_with_no_country(harness: Harness) -> None:
    h = harness
    visitor = h.standin.user()
    await say(h, visitor, "/start")
    before = len(visitor.bot_messages())
    await say(h, visitor, "I want to kill myself")
    first, *rest = sent_since(visitor, before)
    assert en(h, "safety.no_country") in first["text"]
    assert en(h, "button.talk_now") in labels(first)
    assert "Find A Helpline" in " ".join(m["text"] for m in rest)  # the international options
    assert en(h, "button.change_country") in labels(rest[-1])


async def test_danger_from_others(harness: Harness) -> None:
    h = harness
    visitor = h.standin.user()
    code = without_lines(h, organisation=True)
    await choose(h, visitor, code)
    before = len(visitor.bot_messages())
    await say(h, visitor, "my family will kill me")
    (reply,) = sent_since(visitor, before)
    text = reply["text"]
    assert en(h, "safety.others") in text and en(h, "safety.others_steps") in text
    organisations = [c for c in loc(h).contacts_for(code)[0] if c.type == "organisation"]
    assert all(c.name in text for c in organisations)
    assert "Rainbow Railroad" in text  # relocation help
    assert "police" not in text.lower() and "emergency" not in text.lower()
    assert "kill" not in text  # never echoed
    step = next(s for s in loc(h).steps if s.id == "digital-safety")
    assert step.title in labels(reply)
    msg = await press(h, visitor, step.title)  # digital safety, one tap away
    assert msg["text"].split("\n")[1] == step.title


async def test_danger_from_others_in_a_chat_is_flagged_by_a_neutral_word(
    harness: Harness,
) -> None:
    h = harness
    visitor, volunteer = await connect(h)
    await say(h, visitor, "they will force me to marry him")
    assert "danger from others" in last_text(volunteer)
    assert "marry" not in last_text(volunteer)
    assert en(h, "button.talk_now") not in labels(visitor.bot_messages()[-1])  # already talking


async def test_flagged_outside_then_again_in_a_chat(harness: Harness) -> None:
    h = harness
    volunteer = await onboard(h, "River Song")
    visitor = h.standin.user()
    await say(h, visitor, "I want to die")
    await say(h, visitor, "/talk")
    await press(h, visitor, en(h, "button.consent"))
    await say(h, volunteer, "/next")
    assert en(h, "volunteer.urgent_flag") in last_text(volunteer)
    before = len(visitor.bot_messages())
    await say(h, visitor, "sometimes I just want to die")
    reply = sent_since(visitor, before)
    assert reply and en(h, "safety.high") in " ".join(m["text"] for m in reply)  # once per chat
    assert "may be at risk" in last_text(volunteer)  # flagged in this chat too
    before = len(visitor.bot_messages())
    await say(h, visitor, "I want to die")
    assert sent_since(visitor, before) == []  # not on every message
    flags = [t for t in volunteer.texts() if "may be at risk. Please check in gently" in t]
    assert len(flags) == 1


async def test_outside_a_chat_contacts_at_most_once_an_hour(harness: Harness, clock) -> None:
    h = harness
    visitor = h.standin.user()
    await say(h, visitor, "I want to die")
    before = len(visitor.bot_messages())
    msg = await say(h, visitor, "I want to die")
    assert len(sent_since(visitor, before)) == 1 and msg["text"].endswith(en(h, "safety.again"))
    assert en(h, "button.crisis") in labels(msg)
    clock.advance(61 * 60)
    before = len(visitor.bot_messages())
    await say(h, visitor, "I want to die")
    assert en(h, "safety.high") in " ".join(m["text"] for m in sent_since(visitor, before))


async def test_urgent_visitor_is_never_dropped_from_the_queue(harness: Harness, clock) -> None:
    h = harness
    await onboard(h, "River Song")
    visitor = await queue_visitor(h)
    await say(h, visitor, "no reason to live")
    pseudonym = h.core.visitors.pseudonym(visitor.id)
    assert (await h.core.relay.place(pseudonym)).urgent
    for _ in range(3):
        clock.advance(61 * 60)
        await sweep(h.application)
        await h.settle()
        assert en(h, "queue.still_waiting_urgent") in last_text(visitor)
        assert en(h, "button.crisis") in labels(visitor.last_bot_message())
        clock.advance(16 * 60)
        await sweep(h.application)
        await h.settle()
        assert (await h.core.relay.place(pseudonym)) is not None  # keeps the place
    assert en(h, "queue.dropped") not in " ".join(visitor.texts())
    await press(h, visitor, en(h, "queue.button_keep"))
    assert en(h, "queue.kept") in last_text(visitor)


async def test_urgent_chat_going_quiet_closes_with_contacts_not_a_rating(
    harness: Harness, clock
) -> None:
    h = harness
    visitor, volunteer = await connect(h)
    await say(h, visitor, "I want to kill myself")
    clock.advance(30)
    await say(h, volunteer, "I'm here with you")
    clock.advance(11 * 60)
    await sweep(h.application)
    await h.settle()
    assert en(h, "relay.still_there_urgent") in last_text(visitor)
    clock.advance(11 * 60)
    await sweep(h.application)
    await h.settle()
    closing = " ".join(visitor.texts()[-2:])
    assert en(h, "relay.ended_quiet") in closing
    assert "Find A Helpline" in closing  # contacts, and how to come back
    assert en(h, "relay.ended_idle").split(".")[0] not in closing
    assert not any(
        "rate:" in b.get("callback_data", "")
        for m in visitor.bot_messages()
        for row in m.get("reply_markup", {}).get("inline_keyboard", [])
        for b in row
    )
    # then the topics question
    assert en(h, "volunteer.ended_quiet", visitor="")[:20] in volunteer.texts()[-2]


async def test_nobody_on_duty_alerts_supervisors_and_admins(harness: Harness) -> None:
    h = harness
    admin = h.standin.user(ADMIN_ID)
    await say(h, admin, "/start")
    calm = h.standin.user()
    msg = await say(h, calm, "/talk")
    assert en(h, "talk.nobody").split("\n")[0] in msg["text"]
    assert en(h, "button.consent") not in labels(msg)  # not queued for nobody
    alerts = len(admin.texts())

    worried = h.standin.user(first_name="Karim", username="karim_secret")
    await say(h, worried, "I want to die")
    first = next(m for m in worried.bot_messages() if en(h, "button.talk_now") in labels(m))
    await worried.press(en(h, "button.talk_now"), first)
    await h.settle()
    msg = worried.last_bot_message()
    assert en(h, "talk.nobody").split("\n")[0] in msg["text"]  # first, then the note
    await press(h, worried, en(h, "button.consent_keep_place"))
    place = await h.core.relay.place(h.core.visitors.pseudonym(worried.id))
    assert place is not None and place.urgent
    assert en(h, "queue.team_told") in last_text(worried)
    assert len(admin.texts()) == alerts + 1
    assert last_text(admin).endswith(en(h, "supervisor.urgent_nobody"))  # nothing about who
    assert "Karim" not in last_text(admin) and "karim" not in last_text(admin)

    volunteer = await onboard(h, "River Song")
    await say(h, volunteer, "/next")
    assert "River Song" in last_text(worried)


async def test_last_volunteer_leaving_an_urgent_visitor_alerts_seniors(
    harness: Harness, clock
) -> None:
    h = harness
    admin = h.standin.user(ADMIN_ID)
    await say(h, admin, "/start")
    volunteer = await onboard(h, "River Song")
    visitor = await queue_visitor(h)
    await say(h, visitor, "I want to die")
    await say(h, volunteer, "/duty")  # off duty: nobody left for the urgent visitor
    assert en(h, "queue.nobody_now").split("\n")[0] in last_text(visitor)
    before = len(admin.texts())
    await sweep(h.application)
    await h.settle()
    assert admin.texts()[before:] == [admin.texts()[-1]]
    assert admin.texts()[-1].endswith(en(h, "supervisor.urgent_nobody"))
    clock.advance(60)
    await sweep(h.application)
    await h.settle()
    assert len(admin.texts()) == before + 1  # not on every sweep


async def test_after_a_quick_exit_the_contacts_come_again(harness: Harness) -> None:
    h = harness
    visitor = h.standin.user()
    await say(h, visitor, "I want to die")
    await say(h, visitor, "/exit")
    before = len(visitor.bot_messages())
    await say(h, visitor, "I want to die")
    answer = " ".join(m["text"] for m in sent_since(visitor, before))
    assert en(h, "safety.high") in answer and en(h, "safety.again") not in answer


async def test_every_screen_of_a_chat_keeps_urgent_help(harness: Harness, clock) -> None:
    h = harness
    visitor, volunteer = await connect(h)
    assert en(h, "button.crisis") in labels(visitor.last_bot_message())  # connected
    await say(h, volunteer, "hello")
    clock.advance(11 * 60)
    await sweep(h.application)
    await h.settle()
    assert en(h, "button.crisis") in labels(visitor.last_bot_message())  # still there?
    await say(h, visitor, "/end")
    assert en(h, "button.crisis") in labels(visitor.last_bot_message())  # with the rating
