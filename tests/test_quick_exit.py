"""A quick exit leaves nothing behind, on either side, whatever Telegram does meanwhile.

Retries in any layer (PTB's rate limiter after a 429, ours after a 5xx or a timeout, the relay's
patient retries) ask whether the chat still stands; a copy already on its way when the exit
starts is waited for and deleted with the rest; and every copy the bot puts in anyone's chat
(a visitor's words in a volunteer's, held messages, read-along copies) is noted under that
person, so their own /exit deletes it.
"""

from __future__ import annotations

import asyncio
import re

from bot.harness import Harness
from bot.standin import SimUser
from tests.conftest import ADMIN_ID, say
from tests.test_misbehaving import TOO_MANY
from tests.test_relay import connect, en, last_text, onboard, queue_visitor

WORDS = "so tell me about your family and the wedding"


def texts(user: SimUser) -> list[str]:
    """What is left in this person's chat, as their phone shows it."""
    return [m.get("text") or m.get("caption") or "<media>" for m in user.history()]


def failed_to(h: Harness, user: SimUser, method: str = "sendMessage"):
    def check(_: object) -> bool:
        return any(not c.ok and c.chat_id == user.id for c in h.standin.calls_to(method))

    return check


async def test_a_rate_limiter_retry_after_a_5xx_never_lands_after_the_exit(
    harness: Harness,
) -> None:
    h = harness
    visitor, volunteer = await connect(h)
    h.standin.fail_next(
        "sendMessage", error_code=502, description="Bad Gateway", chat_id=visitor.id
    )
    await volunteer.send(WORDS)
    await h.standin.wait_for(failed_to(h, visitor))  # the rate limiter waits, then retries
    await visitor.send("/exit")
    await h.settle()
    assert texts(visitor) == [en(h, "exit.neutral")]
    assert "has left the chat" in last_text(volunteer)


async def test_a_retry_after_a_429_never_lands_after_the_exit(harness: Harness) -> None:
    """PTB's AIORateLimiter waits out a 429 and tries again on its own: it asks first too."""
    h = harness
    visitor, volunteer = await connect(h)
    h.standin.fail_next(
        "sendMessage", error_code=429, description=TOO_MANY.format(1), retry_after=1,
        chat_id=visitor.id, times=2,
    )  # fmt: skip
    await volunteer.send(WORDS)
    await volunteer.send("👍")
    await h.standin.wait_for(failed_to(h, visitor))
    await visitor.send("/exit")
    await h.settle()
    assert texts(visitor) == [en(h, "exit.neutral")]


async def test_a_copy_on_the_wire_during_the_exit_is_deleted_with_the_rest(
    harness: Harness,
) -> None:
    """Telegram has put the copy in the chat but its answer (with the copy's id) is late while
    the visitor exits: the exit deletes what it knows, waits for that answer, deletes the copy
    too, and only then leaves the neutral line."""
    h = harness
    visitor, volunteer = await connect(h)
    on_the_wire, answer = asyncio.Event(), asyncio.Event()
    h.standin.delay_next(
        "sendMessage", 0, chat_id=visitor.id, after_accepting=True, started=on_the_wire,
        release=answer,
    )  # fmt: skip
    await volunteer.send(WORDS)
    await on_the_wire.wait()
    assert WORDS in texts(visitor)[-1]  # on the visitor's screen already
    await visitor.send("/exit")
    await h.standin.wait_for(lambda call: call.method == "deleteMessages")
    answer.set()
    await h.settle()
    assert texts(visitor) == [en(h, "exit.neutral")]


async def test_a_volunteers_exit_wipes_their_chat_and_hands_the_visitor_back(
    harness: Harness,
) -> None:
    """The visitor's words, copied into the volunteer's chat, go with the volunteer's /exit;
    the visitor keeps their place in the queue and is told kindly; the shift ends."""
    h = harness
    visitor, volunteer = await connect(h)
    await say(h, visitor, "my brother read my messages")
    await say(h, volunteer, "I'm here. Are you safe right now?")
    await say(h, visitor, "yes, I'm at a friend's")
    assert "my brother read my messages" in volunteer.texts()
    await say(h, volunteer, "/exit")
    assert texts(volunteer) == [en(h, "exit.neutral")]
    # (the only volunteer has gone: the visitor is told plainly that no one is on duty now)
    assert en(h, "queue.nobody_now").split("\n")[0] in last_text(visitor)
    pseudonym = h.core.visitors.pseudonym(visitor.id)
    assert await h.core.relay.place(pseudonym) is not None  # back in the queue
    staff = await h.core.staff.get(h.core.visitors.pseudonym(volunteer.id))
    assert staff is not None and not staff.on_duty
    # another volunteer picks up; nothing more reaches the one who left
    other = await onboard(h, "Noor Ali")
    await say(h, other, "/next")
    await say(h, visitor, "hello again")
    assert "hello again" in other.texts()
    assert texts(volunteer) == [en(h, "exit.neutral")]


async def test_held_messages_passed_on_go_with_the_volunteers_exit(harness: Harness) -> None:
    h = harness
    volunteer = await onboard(h, "River Song")
    visitor = await queue_visitor(h)
    await say(h, visitor, "written while I waited")
    await say(h, volunteer, "/next")
    assert "written while I waited" in volunteer.texts()
    await say(h, volunteer, "/exit")
    assert texts(volunteer) == [en(h, "exit.neutral")]


async def test_read_along_copies_go_with_the_supervisors_exit(harness: Harness) -> None:
    from tests.test_admin import make_supervisor

    h = harness
    sage = await make_supervisor(h, "Sage Bell")
    await say(h, sage, "/duty")
    visitor, volunteer = await connect(h, "River Song")
    await say(h, volunteer, "/escalate")
    chat = re.search(r"/join (\d+)", last_text(sage)).group(1)
    await say(h, sage, f"/join {chat}")
    await say(h, visitor, "it's getting worse")
    await say(h, volunteer, "I hear you")
    assert any(t.endswith(": it's getting worse") for t in sage.texts())
    await say(h, sage, "/exit")
    assert texts(sage) == [en(h, "exit.neutral")]
    await say(h, visitor, "are you still there?")  # the supervisor no longer reads along
    assert texts(sage) == [en(h, "exit.neutral")]
    assert "are you still there?" in volunteer.texts()


async def test_an_exit_resets_a_volunteers_command_menu(harness: Harness) -> None:
    """Their chat's own menu lists what volunteers do: after /exit it is the neutral one."""
    h = harness
    volunteer = await onboard(h, "River Song")
    scope = {"type": "chat", "chat_id": volunteer.id}
    await say(h, volunteer, "/start")  # their role's menu for their chat
    assert any(c.params.get("scope") == scope for c in h.standin.calls_to("setMyCommands"))
    await say(h, volunteer, "/exit")
    assert [c.params["scope"] for c in h.standin.calls_to("deleteMyCommands")] == [scope]
    admin = h.standin.user(ADMIN_ID)
    await say(h, admin, "/exit")
    assert len(h.standin.calls_to("deleteMyCommands")) == 2
