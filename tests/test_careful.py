"""Careful by default: /block, /revoke and the *End this chat* button ask first (forged or
stale confirmations get a kind "expired"), and every command that needs an argument shows its
usage without one."""

from __future__ import annotations

import pytest

from bot.harness import Harness
from tests.conftest import ADMIN_ID, press, say
from tests.test_admin import make_supervisor
from tests.test_relay import connect, en, last_text, onboard, queue_visitor


async def test_block_asks_first(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await connect(h, "River Song")
    msg = await say(h, volunteer, "/block 3")
    assert msg["text"].endswith(
        en(h, "volunteer.block_confirm", visitor=msg["text"].split("Visitor ")[1][:4], days=3)
    )
    assert await h.core.blocks.list() == []  # nothing yet
    await press(h, volunteer, en(h, "volunteer.button_keep_chat"))
    assert en(h, "volunteer.block_cancelled") in last_text(volunteer)
    await visitor.send("still here")
    await h.settle()
    assert last_text(volunteer) == "still here"  # the chat goes on

    # a forged confirmation (someone else's chat, a made-up fingerprint): "expired"
    confirm = await say(h, volunteer, "/block")
    assert "for 7 days?" in confirm["text"]
    data = next(b["callback_data"] for row in volunteer.buttons(confirm) for b in row)
    await volunteer.press_data(data[:-8] + "00000000")
    await h.settle()
    assert en(h, "expired.text") in last_text(volunteer)
    other = await onboard(h, "Sage Bell")
    await other.press_data(data)  # not their chat
    await h.settle()
    assert en(h, "expired.text") in last_text(other)
    assert await h.core.blocks.list() == []

    await volunteer.press(en(h, "volunteer.button_block"), confirm)
    await h.settle()
    assert any("blocked for 7 days" in t for t in volunteer.texts())  # the question, answered
    assert en(h, "relay.ended_blocked") in last_text(visitor)
    await volunteer.press_data(data, confirm["message_id"])  # twice: the chat is gone
    await h.settle()
    assert en(h, "expired.text") in last_text(volunteer)
    assert len(await h.core.blocks.list()) == 1


async def test_revoke_asks_first(harness: Harness) -> None:
    h = harness
    volunteer = await onboard(h, "River Song")
    admin = h.standin.user(ADMIN_ID)
    msg = await say(h, admin, "/revoke River Song")
    assert en(h, "admin.revoke_confirm", alias="River Song") in msg["text"]
    await press(h, admin, en(h, "admin.button_keep"))
    assert en(h, "admin.revoke_cancelled") in last_text(admin)
    staff = await h.core.staff.by_alias("River Song")
    assert staff is not None and staff.active

    confirm = await say(h, admin, "/revoke River Song")
    data = next(b["callback_data"] for row in admin.buttons(confirm) for b in row)
    await volunteer.press_data(data)  # a volunteer can't confirm an admin's question
    await h.settle()
    assert en(h, "expired.text") in last_text(volunteer)
    assert (await h.core.staff.by_alias("River Song")).active
    yes = next(b["callback_data"] for row in admin.buttons(confirm) for b in row)
    await admin.press(en(h, "admin.button_revoke"), confirm)
    await h.settle()
    assert any(en(h, "admin.revoked", alias="River Song") in t for t in admin.texts())
    assert en(h, "volunteer.revoked") in last_text(volunteer)
    await admin.press_data(yes, confirm["message_id"])  # again: nothing more to do
    await h.settle()
    assert en(h, "admin.no_such_volunteer") in last_text(admin)
    assert [r.action for r in await h.core.audit.latest(100)].count("revoke") == 1


async def test_the_end_this_chat_button_asks_first(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await connect(h, "River Song")
    connected = next(
        m for m in visitor.bot_messages() if en(h, "button.end_chat") in str(m.get("reply_markup"))
    )
    await visitor.press(en(h, "button.end_chat"), connected)
    await h.settle()
    asked = visitor.last_bot_message()
    assert en(h, "relay.end_confirm", volunteer="River Song") in asked["text"]
    await visitor.press(en(h, "button.end_no"), asked)
    await h.settle()
    assert any(en(h, "relay.end_kept") in t for t in visitor.texts())
    assert await h.core.relay.session_of_visitor(h.core.visitors.pseudonym(visitor.id))

    await say(h, visitor, "/menu")
    await visitor.press(en(h, "button.end_chat"), connected)  # the same button, pressed again
    await h.settle()
    confirm = visitor.last_bot_message()
    yes = next(
        b["callback_data"]
        for row in visitor.buttons(confirm)
        for b in row
        if "endchat:" in b["callback_data"]
    )
    await visitor.press(en(h, "button.end_yes"), confirm)
    await h.settle()
    assert en(h, "relay.ended_by_you").split(".")[0] in "\n".join(visitor.texts())
    assert "has ended" in last_text(volunteer) or "ended the chat" in last_text(volunteer)
    await visitor.press_data(yes, confirm["message_id"])  # a stale confirmation
    await h.settle()
    assert en(h, "expired.text") in last_text(visitor)
    # and one made up for a chat that is not theirs
    await visitor.press_data("endchat:999")
    await h.settle()
    assert en(h, "expired.text") in last_text(visitor)


@pytest.mark.parametrize(
    ("who", "command", "key"),
    [
        ("admin", "/signoff", "usage.signoff"),
        ("admin", "/revoke", "usage.revoke"),
        ("admin", "/demote", "usage.demote"),
        ("admin", "/unblock", "usage.unblock"),
        ("admin", "/promote", "admin.promote_usage"),
        ("admin", "/promote River", "admin.promote_usage"),
        ("supervisor", "/join", "usage.join"),
        ("supervisor", "/join abc", "usage.join"),
        ("supervisor", "/takeover", "usage.takeover"),
        ("supervisor", "/takeover 1 2", "usage.takeover"),
        ("volunteer", "/block abc", "usage.block"),
        ("volunteer", "/block 3 days", "usage.block"),
    ],
)
async def test_a_command_missing_its_argument_shows_its_usage(
    harness: Harness, who: str, command: str, key: str
) -> None:
    h = harness
    if who == "admin":
        person = h.standin.user(ADMIN_ID)
    elif who == "supervisor":
        person = await make_supervisor(h, "Sage Bell")
    else:
        person = await onboard(h, "River Song")
    msg = await say(h, person, command)
    assert en(h, key, days=90) in msg["text"]


async def test_block_without_a_chat_still_says_so(harness: Harness) -> None:
    h = harness
    volunteer = await onboard(h, "River Song")
    await queue_visitor(h)
    msg = await say(h, volunteer, "/block")
    assert en(h, "relay.no_chat") in msg["text"]
