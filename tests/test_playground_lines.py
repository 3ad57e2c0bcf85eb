"""The playground's line mode, driven in-process: the real bot over the stand-in, with its cast.

Each test types lines as `python -m bot playground` would read them and reads what it prints.
"""

from __future__ import annotations

import io
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.playground.line import LineMode
from bot.playground.session import CAST, Session
from tests.conftest import CONTENT


class Typist:
    def __init__(self, session: Session) -> None:
        self.s = session
        self.out = io.StringIO()
        self.mode = LineMode(session, self.out)

    async def type(self, *lines: str) -> str:
        """Type lines; what the playground printed for them."""
        start = self.out.tell()
        for line in lines:
            assert await self.mode.handle(line), f"{line!r} quit the playground"
        return self.out.getvalue()[start:]

    def button(self, label: str, printed: str) -> str:
        """The number printed for a button, as `:N`."""
        match = re.findall(r"\[(\d+)\] " + re.escape(label), printed)
        assert match, f"no [N] {label} in:\n{printed}"
        return f":{match[-1]}"


@pytest.fixture
async def typist(tmp_path: Path) -> AsyncIterator[Typist]:
    session = Session(CONTENT, tmp_path / "playground.sqlite3")
    await session.start()
    try:
        yield Typist(session)
    finally:
        await session.stop()
    assert not session.violations


async def test_button_numbers_are_stable_across_pages_and_a_plain_number_is_text(
    typist: Typist,
) -> None:
    menu = await typist.type("/start")
    guide = await typist.type(typist.button("🚪 Coming-out guide", menu))
    assert "1 of 17" in guide
    next_key = typist.button("Next ›", guide)
    page2 = await typist.type(next_key)
    assert "2 of 17" in page2 and typist.button("Next ›", page2) == next_key  # same key
    back = typist.button("‹ Back", page2)
    assert back != next_key
    page3 = await typist.type(":press " + next_key[1:])
    assert "3 of 17" in page3
    answer = await typist.type("17")  # "How old are you?" "17": text, never a button
    assert "Thanks for writing" in answer and "of 17" not in answer
    assert "4 of 17" not in typist.out.getvalue()
    assert "there is no button [99]" in await typist.type(":99")
    assert "say which button" in await typist.type(":press")


async def test_unknown_commands_and_exit_are_not_sent_to_the_bot(typist: Typist) -> None:
    printed = await typist.type(":foo", ":exit", ":wait soon")
    assert "unknown playground command :foo (see :help)" in printed
    assert "to leave type :quit (/exit is the bot's quick exit)" in printed
    assert "say how long" in printed
    assert typist.s.user("visitor").history() == []  # nothing reached the bot
    assert not await typist.mode.handle(":quit")


async def test_seven_people_and_the_team(typist: Typist) -> None:
    who = await typist.type(":who")
    assert [p.key for p in CAST] == re.findall(r"^ [ *] (\w+)", who, re.M)
    assert len(CAST) == 7
    team = await typist.type(":team")
    for line in (
        "ready: River Song (volunteer)",
        "ready: Sage Bell (second volunteer)",
        "ready: Noor Ali (supervisor)",
    ):
        assert line in team
    assert "the team is on duty already" in await typist.type(":team")
    volunteer = await typist.type(":as volunteer")
    assert "You're on duty" in volunteer


async def test_the_relay_with_unread_counts_edit_reply_and_media(typist: Typist) -> None:
    await typist.type(":team", ":as visitor")
    talk = await typist.type("/talk")
    queued = await typist.type(typist.button("I understand, connect me", talk))
    assert "(new for: volunteer " in queued  # the volunteers were alerted
    assert typist.s.unread("volunteer") >= 1
    who = await typist.type(":who")
    assert re.search(r"volunteer +Volunteer +\d", who)
    alert = await typist.type(":as volunteer")
    assert "Someone is waiting" in alert or "is waiting" in alert
    assert typist.s.unread("volunteer") == 0
    await typist.type("/next", "Hi, I'm here. What's on your mind?")
    seen = await typist.type(":as visitor")
    assert "What's on your mind?" in seen
    await typist.type("I feel alone", ":edit I feel a bit alone")
    await typist.type(":reply thank you for answering")
    photo = await typist.type(":photo")
    assert photo.startswith("you > [photo]\nbot > ")  # answered (passed on or kindly refused)
    await typist.type(":sticker")
    contact = await typist.type(":contact")
    assert "you > [contact]" in contact
    volunteer = await typist.type(":as volunteer")
    assert "I feel a bit alone" in volunteer  # the edit reached the other side
    assert "thank you for answering" in volunteer
    assert "bot > [sticker 🙂]" in volunteer
    assert "+15555550123" not in typist.out.getvalue()  # a shared contact never crosses


async def test_wait_moves_the_bots_clock_so_the_queue_times_out(typist: Typist) -> None:
    await typist.type(":team", ":as visitor")
    talk = await typist.type("/talk")
    queued = await typist.type(typist.button("I understand, connect me", talk))
    assert "waiting list" in queued or "queue" in queued.lower()
    before = len(typist.s.user("visitor").history())
    moved = await typist.type(":wait 61m")
    assert "(the bot's clock moved 61m ahead)" in moved
    assert len(typist.s.user("visitor").history()) > before  # the bot spoke by itself
    assert "Are you still waiting to talk?" in moved  # the queue's check after an hour


async def test_file_is_a_content_upload_for_an_admin(typist: Typist) -> None:
    await typist.type(":as admin")
    upload = await typist.type(f":file {CONTENT / 'en' / 'ui.yaml'}")
    assert "you > [file en-ui.yaml]" in upload  # named as an upload must be
    assert "bot > " in upload
    assert "Name the file" not in upload
    missing = await typist.type(":file /nowhere/at/all.yaml")
    assert "cannot read" in missing


async def test_busy_gives_an_admin_real_figures(typist: Typist) -> None:
    assert "12 short chats played" in await typist.type(":busy")
    stats = await typist.type(":as admin", "/stats")
    assert re.search(r"Chats: 12\b", stats)
    assert re.search(r"Visitors: 12\b", stats)
    assert "median n/a" not in stats


def test_help_lists_every_command(typist: Typist) -> None:
    text = typist.mode.help()
    for command in (":press N", ":as", ":team", ":edit", ":reply", ":file", ":photo", ":wait"):
        assert command in text
    assert ":busy" in text and ":quit" in text


async def test_a_6000_character_message_goes_as_two(typist: Typist) -> None:
    await typist.type("/start", "a" * 6000)
    sent = [m for m in typist.s.user("visitor").history() if not m["from"].get("is_bot")]
    assert [len(m["text"]) for m in sent[1:]] == [4096, 1904]
