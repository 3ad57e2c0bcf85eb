"""Urgent help is one tap away on everything the bot says to a visitor (issue 10, item 5).

The real bot over the stand-in, through the visitor's flows: the menu and its sections, the
queue (the notes while waiting, held messages that could not be passed on, the flood notice,
nobody on duty), a chat (refusals, "not delivered", the check-in, a supervisor's takeover, the
rating), an error, an expired button. Every version of every message the bot left in a
visitor's chat carries the Urgent help button, except the volunteer's own words relayed and the
quick exit's neutral line, which stays bare, and last.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Awaitable

from bot.callbacks import Action
from bot.harness import Harness
from bot.relay import CRISIS_ROW, Notice, visitor_notice
from bot.screens import Button, Screen
from bot.standin import SimUser
from handlers.common import urgent_help
from handlers.ending import sweep
from tests.conftest import FakeClock, say
from tests.test_admin import make_supervisor
from tests.test_relay import en, onboard

# Screens that are the crisis answer itself (a region, a country, a volunteer now): they are
# what the Urgent help button opens.
CRISIS_SCREEN = {"crisis", "region", "country", "urgent"}


class Seen:
    """Every version of every message the bot left in one person's chat, step by step (a quick
    exit deletes them, so they are gathered as they come)."""

    def __init__(self, user: SimUser) -> None:
        self.user = user
        self.versions: dict[int, list[dict]] = {}

    def take(self) -> None:
        for message in self.user.bot_messages():
            versions = self.versions.setdefault(message["message_id"], [])
            if not versions or versions[-1] != message:
                versions.append(copy.deepcopy(message))

    def all(self) -> list[dict]:
        return [v for versions in self.versions.values() for v in versions]


def actions(message: dict) -> set[str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return {b.get("callback_data", "").split(":")[0] for row in rows for b in row}


def labels(message: dict) -> list[str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [b["text"] for row in rows for b in row]


def lacking_urgent_help(h: Harness, seen: Seen, relayed: list[str]) -> list[str]:
    """The texts of messages without the button (relayed words and the neutral line aside)."""
    urgent, neutral = en(h, "button.crisis"), en(h, "exit.neutral")
    missing = []
    for message in seen.all():
        text = message.get("text", message.get("caption", ""))
        if text == neutral or any(words in text for words in relayed):
            continue
        if urgent in labels(message) or actions(message) & CRISIS_SCREEN:
            continue
        missing.append(text)
    return missing


async def test_every_message_a_visitor_receives_keeps_urgent_help(
    harness: Harness, clock: FakeClock
) -> None:
    h = harness
    volunteer = await onboard(h, "River Song")
    visitor = h.standin.user(first_name="Karim")
    seen = Seen(visitor)

    async def step(action: Awaitable[object]) -> None:
        await action
        await h.settle()
        seen.take()

    # The menu and its sections, outside any chat.
    await step(visitor.send("/start talk"))  # first time: the privacy note, then the consent
    await step(visitor.send("/cancel"))  # not waiting yet
    for command in ("/help", "/settings", "/language", "/crisis", "/nonsense", "hello?"):
        await step(visitor.send(command))
    await step(visitor.send_voice())  # media outside a chat
    await step(visitor.press_data("zz:forged"))  # an expired or forged button

    # The queue: a place, words held while waiting, leaving and coming back.
    await step(visitor.send("/talk"))
    await step(visitor.press(en(h, "button.consent")))
    await step(visitor.send("are you there"))  # held: "they'll read it once connected"
    await step(visitor.send("/cancel"))
    await step(visitor.send("/talk"))
    await step(visitor.press(en(h, "button.consent")))
    await step(visitor.send("held and then lost"))

    # An internal error answers kindly (and keeps Urgent help).
    place = h.core.relay.place

    async def broken(*_: object) -> None:
        raise RuntimeError("a bug")

    h.core.relay.place = broken  # type: ignore[method-assign]
    try:
        await step(visitor.send("/talk"))
    finally:
        h.core.relay.place = place  # type: ignore[method-assign]
    assert any(en(h, "error.generic") in m.get("text", "") for m in seen.all())

    # Connected: the held message can't be passed on ("not delivered").
    h.standin.fail_next(
        "copyMessage", error_code=403, description="Forbidden: bot was blocked by the user",
        chat_id=volunteer.id,
    )  # fmt: skip
    await say(h, volunteer, "/next")
    seen.take()
    # In the chat: a message Telegram refuses, refused kinds, the volunteer's words.
    h.standin.fail_next(
        "copyMessage", error_code=400, description="Bad Request: something odd",
        chat_id=volunteer.id,
    )  # fmt: skip
    await step(visitor.send("this one is lost"))
    lost = [m for m in seen.all() if en(h, "relay.not_delivered") in m.get("text", "")]
    assert len(lost) == 2  # the held message, then this one
    await step(visitor.send_contact())
    await step(visitor.send_location())
    relayed = ["Hi, I'm here. How are you?", "Take your time."]
    clock.advance(1)  # the volunteer answers after the visitor's last word
    await say(h, volunteer, relayed[0])
    seen.take()
    # The volunteer spoke last and the visitor is quiet: a check-in, then "glad you're here".
    clock.advance(h.settings.visitor_idle_minutes * 60 + 1)
    await sweep(h.application)
    await h.settle()
    seen.take()
    await step(visitor.press(en(h, "relay.button_still_here")))

    # A supervisor takes the chat over, then ends it: the rating, then thanks.
    sage = await make_supervisor(h, "Sage Bell")
    await say(h, sage, "/duty")
    await say(h, volunteer, "/escalate")
    chat = re.search(r"/join (\d+)", sage.texts()[-1]).group(1)
    await say(h, sage, f"/takeover {chat}")
    seen.take()
    assert any("is with you now" in m.get("text", "") for m in seen.all())
    await say(h, sage, relayed[1])
    await say(h, sage, "/end")
    seen.take()
    await step(visitor.press(en(h, "rating.button_5")))

    # Waiting again when the last volunteers go off duty: "no one is on duty right now".
    await step(visitor.send("/talk"))
    await step(visitor.press(en(h, "button.consent")))
    await say(h, volunteer, "/duty")
    await say(h, sage, "/duty")
    seen.take()

    # A flood of messages: one kind notice.
    for i in range(25):
        await visitor.send(f"message {i}")
    await h.settle()
    seen.take()
    assert any(en(h, "flood.slow_down") in m.get("text", "") for m in seen.all())

    assert lacking_urgent_help(h, seen, relayed) == []
    assert len(seen.all()) > 30  # the flows above really ran

    # The quick exit: one neutral line, bare, and nothing after it.
    clock.advance(120)  # past the flood window
    await step(visitor.send("/exit"))
    last = visitor.bot_messages()[-1]
    assert last["text"] == en(h, "exit.neutral") and "reply_markup" not in last
    await sweep(h.application)
    await h.settle()
    assert visitor.bot_messages()[-1] == last


def test_urgent_help_is_added_once_and_last(harness: Harness) -> None:
    loc = harness.core.content.current.locale("en")
    bare = urgent_help(loc, Screen("hello"))
    assert [[b.action for b in row] for row in bare.rows] == [[Action("crisis")]]
    assert urgent_help(loc, bare) == bare
    keep = Screen("x", [[Button("Keep", Action("here"))]])
    assert [b.action.name for row in urgent_help(loc, keep).rows for b in row] == [
        "here",
        "crisis",
    ]
    picker = Screen("x", [[Button("Egypt", Action("country", "EG"))]])
    assert urgent_help(loc, picker) == picker  # the crisis answer itself


def test_visitor_notices_always_carry_urgent_help() -> None:
    bare = visitor_notice(b"v", "relay.not_delivered")
    assert bare.buttons == (CRISIS_ROW,)
    keep = ((("queue.button_keep", Action("here")),),)
    assert visitor_notice(b"v", "queue.still_waiting", buttons=keep).buttons == (*keep, CRISIS_ROW)
    already = (CRISIS_ROW,)
    assert visitor_notice(b"v", "queue.dropped", buttons=already).buttons == already
    assert isinstance(bare, Notice) and bare.values == {}
