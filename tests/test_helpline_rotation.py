"""Key rotation carries the helpline tools over: a pending transfer and its encrypted note, a
handover note for the queue, a mentoring link; no old pseudonym is left in their tables."""

from __future__ import annotations

from bot.harness import Harness
from bot.relay.transfer import queue_note_context
from tests.conftest import press, say
from tests.helpline import chat_in, text
from tests.test_relay import onboard
from tests.test_rotation import every_value, rotated


async def test_rotation_keeps_transfers_notes_and_mentoring(harness: Harness) -> None:
    h = harness
    assert h.core is not None
    visitor, river = await chat_in(h, "en", "River Song")
    await say(h, river, "/mentor")
    await press(h, visitor, "Yes")
    kai = await onboard(h, "Kai")
    await say(h, river, "/transfer we talked about her exams")
    await press(h, river, "Kai")
    offer = kai.last_bot_message()
    await say(h, visitor, "written while waiting")
    waiting = h.standin.user(language_code="en")
    await say(h, waiting, "/start")
    repo, cipher = h.core.transfers.repo, h.core.cipher
    note_id = await repo.put_queue_note(h.core.visitors.pseudonym(waiting.id), "Kai", 0.0)
    sealed = cipher.encrypt(b"for the queue", queue_note_context(note_id))
    await repo.set_queue_note(note_id, sealed)
    people = [visitor, river, kai, waiting]
    old = {p.id: h.core.visitors.pseudonym(p.id) for p in people}

    await rotated(h)

    assert h.core is not None
    left = [(t, c) for t, c, v in await every_value(h) if any(p in v for p in old.values())]
    assert left == []
    assert await h.core.transfers.queue_note(h.core.visitors.pseudonym(waiting.id)) == (
        "Kai",
        "for the queue",
    )
    await kai.press("Accept", offer)
    await h.settle()
    assert kai.texts()[-1] == "written while waiting"
    await say(h, visitor, "/end")
    await say(h, visitor, "/talk")
    await press(h, visitor, "River Song")  # the mentoring link followed the rotation
    assert text(h, "en", "mentor.asks") in river.texts()[-1]
    await press(h, river, "Talk now")
    await say(h, visitor, "hello again")
    assert river.texts()[-1] == "hello again"
