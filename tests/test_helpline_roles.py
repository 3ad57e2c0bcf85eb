"""The helpline tools check the role and the person on arrival: from a visitor, /canned,
/transfer and /mentor get the unknown-command answer; their buttons give nobody else authority
(another volunteer pressing a transfer's Accept, a visitor pressing Talk now, a forged handle)."""

from __future__ import annotations

from bot.harness import Harness
from tests.conftest import press, say
from tests.helpline import chat_in, text
from tests.test_relay import onboard


async def test_commands_and_buttons_belong_to_their_people(harness: Harness) -> None:
    h = harness
    visitor, river = await chat_in(h, "en", "River Song")
    kai = await onboard(h, "Kai")
    sage = await onboard(h, "Sage Bell")
    outsider = h.standin.user()
    await say(h, outsider, "/start")
    for command in ("/canned", "/transfer", "/transfer a note", "/mentor"):
        for person in (visitor, outsider):
            msg = await say(h, person, command)
            assert text(h, "en", "unknown.command") in msg["text"], (command,)
    await say(h, river, "/transfer")
    await press(h, river, "Kai")
    await say(h, river, "/mentor")
    session = (await h.core.relay.sessions_of_volunteer(h.core.visitors.pseudonym(river.id)))[0]
    transfer = await h.core.transfers.of_session(session.id)
    assert transfer is not None
    cases = [
        (sage, f"xf:a{transfer.id}"),  # not the one asked
        (visitor, f"xf:a{transfer.id}"),
        (sage, f"xf:x{session.id}"),  # not the one who offered
        (kai, f"xf:q{session.id}"),
        (visitor, f"cn:s{session.id}.greeting"),
        (kai, f"cn:s{session.id}.greeting"),  # not their chat
        (outsider, f"mt:o{session.id}"),  # not their offer
        (visitor, "mt:t1"),
        (outsider, "mt:aAAAAAAAAAAAAAAAA"),
        (visitor, "xf:z1"),  # outside the grammar
    ]
    for person, data in cases:
        await person.press_data(data)
        await h.settle()
        assert text(h, "en", "expired.text") in person.texts()[-1], data
    assert h.core.transfers.pending(session.id)  # nothing above moved the chat
    assert await h.core.db.fetchone("SELECT count(*) FROM mentorships") == (0,)
