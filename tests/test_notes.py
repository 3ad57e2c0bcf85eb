"""`/note` (issue 13, part 3): a volunteer's private wrap-up note, encrypted, read only by its
writer and by supervisors of a chat that asked for help, gone with the chat's rows."""

from __future__ import annotations

import io
import re

from bot.app import retention
from bot.harness import Harness
from tests.conftest import FakeClock, press
from tests.test_admin import make_supervisor
from tests.test_relay import connect, en, last_text, onboard, queue_visitor, say

SECRET = "family threw him out, staying with Aunt Zeynep"


def at_rest(h: Harness) -> bytes:
    """Every byte of the database: the file and its write-ahead log."""
    path = h.settings.database_path
    return b"".join(
        p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    )


async def note_count(h: Harness) -> int:
    return (await h.core.db.fetchone("SELECT count(*) FROM notes"))[0]


async def test_a_note_is_private_and_encrypted(harness: Harness, log_output: io.StringIO) -> None:
    h = harness
    sage = await make_supervisor(h, "Sage Bell")
    visitor, volunteer = await connect(h, "River Song")
    chat = re.search(r"chat (\d+)", (await say(h, volunteer, f"/note {SECRET}"))["text"])
    assert chat is not None and "Only you can read it" in last_text(volunteer)
    chat_id = chat.group(1)
    msg = await say(h, volunteer, "/notes")
    assert SECRET in msg["text"] and f"Chat {chat_id}" in msg["text"]
    # never to the visitor, never at rest in clear, never in the logs
    assert not any(SECRET in text for text in visitor.texts())
    assert SECRET.encode() not in at_rest(h) and b"Zeynep" not in at_rest(h)
    assert "Zeynep" not in log_output.getvalue()
    # another volunteer, or a supervisor before anyone asked for help, reads nothing
    other = await onboard(h, "Kai")
    assert (await say(h, other, f"/notes {chat_id}"))["text"].endswith(en(h, "notes.none"))
    assert (await say(h, other, "/notes"))["text"].endswith(en(h, "notes.none"))
    assert (await say(h, sage, f"/notes {chat_id}"))["text"].endswith(en(h, "notes.none"))
    await say(h, volunteer, "/escalate")
    msg = await say(h, sage, f"/notes {chat_id}")
    assert SECRET in msg["text"] and "by River Song" in msg["text"]
    # a visitor's /note is an unknown command; bad use shows the usage
    assert (await say(h, visitor, "/note hi"))["text"].endswith(en(h, "unknown.command"))
    assert en(h, "notes.usage")[:30] in (await say(h, volunteer, "/note"))["text"]
    assert en(h, "notes.list_usage") in (await say(h, volunteer, "/notes abc"))["text"]


async def test_a_note_just_after_the_chat_then_too_late(harness: Harness, clock: FakeClock) -> None:
    h = harness
    visitor, volunteer = await connect(h, "River Song")
    await say(h, visitor, "/end")
    clock.advance(50 * 60)
    msg = await say(h, volunteer, "/note wrap-up: felt calmer at the end")
    assert "Note kept on chat" in msg["text"]
    clock.advance(20 * 60)  # more than an hour after the chat ended
    msg = await say(h, volunteer, "/note one more thing")
    assert msg["text"].endswith(en(h, "notes.no_chat"))
    assert await note_count(h) == 1


async def test_notes_go_with_the_chat_at_retention(harness: Harness, clock: FakeClock) -> None:
    h = harness
    visitor, volunteer = await connect(h, "River Song")
    await say(h, volunteer, f"/note {SECRET}")
    await say(h, visitor, "/end")
    clock.advance(h.settings.retention_days * 86400 - 60)
    await retention(h.application)
    assert await note_count(h) == 1  # not yet
    clock.advance(120)
    await retention(h.application)
    assert await note_count(h) == 0
    assert (await say(h, volunteer, "/notes"))["text"].endswith(en(h, "notes.none"))
    assert SECRET.encode() not in at_rest(h)


async def test_notes_go_with_the_visitors_forget(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await connect(h, "River Song")
    await say(h, volunteer, f"/note {SECRET}")
    other = await queue_visitor(h)  # someone else's chat keeps its note
    await say(h, visitor, "/end")
    await say(h, volunteer, "/next")
    await say(h, volunteer, "/note another visitor's chat")
    assert await note_count(h) == 2
    await say(h, visitor, "/forget")
    await press(h, visitor, en(h, "button.forget_yes"))
    assert await note_count(h) == 1
    assert SECRET.encode() not in at_rest(h)
    assert "another visitor's chat" in (await say(h, volunteer, "/notes"))["text"]
    assert other is not None


async def test_a_moved_or_altered_note_is_not_shown(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await connect(h, "River Song")
    await say(h, volunteer, f"/note {SECRET}")
    await say(h, visitor, "/end")
    second = await queue_visitor(h)
    await say(h, volunteer, "/next")
    await h.core.db.execute("UPDATE notes SET session_id = (SELECT max(id) FROM sessions)")
    assert (await say(h, volunteer, "/notes"))["text"].endswith(en(h, "notes.none"))
    assert second is not None


async def test_a_note_survives_a_key_rotation(harness: Harness) -> None:
    from tests.test_rotation import rotated

    h = harness
    visitor, volunteer = await connect(h, "River Song")
    await say(h, volunteer, f"/note {SECRET}")
    counts = await rotated(h)  # the old key is retired: the note was re-encrypted
    assert counts["notes.body"] == 1
    assert SECRET in (await say(h, volunteer, "/notes"))["text"]
    assert visitor is not None
