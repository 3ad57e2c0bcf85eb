"""An outsider (no role, just the bot's name) cannot wear volunteers down: a flood of button
taps is slowed kindly, and "someone is waiting" alerts are coalesced, never dropped."""

from __future__ import annotations

from bot.harness import Harness
from bot.relay.queue import ALERT_GAP
from handlers.ending import sweep
from tests.conftest import say
from tests.test_relay import en, onboard, queue_visitor


def alerts(h: Harness, volunteer) -> list[str]:
    return [t for t in volunteer.texts() if "is waiting to talk" in t or "may be at risk" in t]


async def test_joining_and_leaving_thirty_times_alerts_each_volunteer_once(
    harness: Harness, clock
) -> None:
    h = harness
    river, noor = await onboard(h, "River Song"), await onboard(h, "Noor Ali")
    outsider = await queue_visitor(h)
    for _ in range(14):  # leave, join, leave, join ... (under the button flood limit)
        await outsider.press_data("cancel")
        await outsider.press_data("consent")
    await h.settle()
    assert len(alerts(h, river)) == 1 and len(alerts(h, noor)) == 1
    # Held back, not lost: someone who really waits is announced once the gap has passed.
    await outsider.press_data("cancel")
    await h.settle()
    visitor = await queue_visitor(h)
    assert len(alerts(h, river)) == 1
    clock.advance(ALERT_GAP)
    await sweep(h.application)
    assert len(alerts(h, river)) == 2 and len(alerts(h, noor)) == 2
    assert "(1 in the queue)" in alerts(h, river)[-1]
    await sweep(h.application)  # once
    assert len(alerts(h, river)) == 2
    await say(h, river, "/next")
    assert "River Song" in visitor.texts()[-1]


async def test_an_urgent_alert_is_not_held_back_by_an_ordinary_one(harness: Harness) -> None:
    h = harness
    river = await onboard(h, "River Song")
    await queue_visitor(h)
    at_risk = h.standin.user()
    await say(h, at_risk, "I want to kill myself")
    await say(h, at_risk, "/talk")
    await at_risk.press(en(h, "button.consent"))
    await h.settle()
    got = alerts(h, river)
    assert len(got) == 2 and "may be at risk" in got[-1]


async def test_a_flood_of_button_taps_is_slowed_kindly(harness: Harness, clock) -> None:
    h = harness
    u = h.standin.user()
    await say(h, u, "/start")
    for _ in range(40):
        await u.press_data("menu")
    await h.settle()
    answers = [c.params.get("text") for c in h.standin.calls_to("answerCallbackQuery")]
    assert len(answers) == 40  # every spinner stops
    assert answers.count(en(h, "flood.buttons")) == 1
    edits = [c for c in h.standin.calls_to("editMessageText") if c.chat_id == u.id]
    assert len(edits) <= 30
    # urgent help always works, and a minute later so does everything else
    await u.press_data("crisis")
    await h.settle()
    assert en(h, "crisis.ask_country").split("\n")[0] in u.last_bot_message()["text"]
    clock.advance(60)
    await u.press_data("menu")
    await h.settle()
    assert en(h, "menu.text") in u.last_bot_message()["text"]
