"""The playground's terminal UI, driven by Textual's own pilot against the real bot.

Textual is the optional 'playground' extra; the 'test' extra pulls it in, so this always runs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Static

from bot.playground.session import Session
from bot.playground.tui import Phone, PlaygroundApp
from tests.conftest import CONTENT


@pytest.fixture
async def session(tmp_path: Path) -> AsyncIterator[Session]:
    s = Session(CONTENT, tmp_path / "playground.sqlite3")
    await s.start()
    try:
        yield s
    finally:
        await s.stop()
    assert not s.violations


async def settle(app: PlaygroundApp, pilot: Pilot[None]) -> None:
    """Every typed line and click handled by the bot, and the screen redrawn."""
    await pilot.pause()
    await app.idle()
    await pilot.pause()


async def type_line(app: PlaygroundApp, pilot: Pilot[None], text: str) -> None:
    await pilot.press(*text)
    await pilot.press("enter")
    await settle(app, pilot)


def chat_text(app: PlaygroundApp, key: str) -> str:
    phone = app.query_one(f"#phone-{key}", Phone)
    return "\n".join(str(w.content) for w in phone.query(".msg").results(Static))


def card(app: PlaygroundApp, key: str) -> str:
    return str(app.query_one(f"#card-{key}", Static).content)


async def click(app: PlaygroundApp, pilot: Pilot[None], key: str, label: str) -> None:
    phone = app.query_one(f"#phone-{key}", Phone)
    buttons = [b for b in phone.query(Button) if label in str(b.label)]
    assert buttons, f"no {label!r} button in {key}'s chat"
    buttons[-1].scroll_visible(animate=False, immediate=True)
    await pilot.pause()
    assert await pilot.click(f"#{buttons[-1].id}")
    await settle(app, pilot)


async def test_visitor_starts_and_clicks_a_button(session: Session) -> None:
    app = PlaygroundApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_line(app, pilot, "/start")
        assert "Hi, and welcome" in chat_text(app, "visitor")
        await click(app, pilot, "visitor", "Coming-out guide")
        assert "1 of 17" in chat_text(app, "visitor")
        await click(app, pilot, "visitor", "Next ›")
        assert "2 of 17" in chat_text(app, "visitor")
        await type_line(app, pilot, ":foo")  # a warning, nothing sent
        await type_line(app, pilot, ":press 99")  # "no button [99]": shown as written
        await type_line(app, pilot, ":help")
        assert "there is no button [99] in this chat" in app.told
        assert "unknown playground command :foo (see :help)" in app.told
        assert any(":press N" in told for told in app.told)  # the help
        assert [m for m in session.user().history() if m["from"]["id"] == session.user().id][
            -1
        ].get("text") == "/start"


async def test_unread_lock_screen_and_the_relay_after_team(session: Session) -> None:
    app = PlaygroundApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_line(app, pilot, ":team")
        await type_line(app, pilot, "/talk")
        await click(app, pilot, "visitor", "I understand, connect me")
        volunteer_card = card(app, "volunteer")
        assert "Volunteer  (" in volunteer_card  # an unread count
        assert "🔒 Support bot: 🗒 New note" in volunteer_card  # the discreet preview only
        assert "risk" not in volunteer_card and "waiting" not in volunteer_card
        await pilot.press("f3")
        await settle(app, pilot)
        assert session.current == "volunteer"
        assert "(" not in card(app, "volunteer").splitlines()[0]  # read now
        assert "is waiting" in chat_text(app, "volunteer")
        await type_line(app, pilot, "/next")
        await type_line(app, pilot, "Hello, I'm River. How are you feeling?")
        assert "Visitor (English)  (" in card(app, "visitor")
        await pilot.press("f1")
        await settle(app, pilot)
        assert "How are you feeling?" in chat_text(app, "visitor")
        await type_line(app, pilot, "A bit scared, honestly")
        await pilot.press("ctrl+n")  # on to the Arabic visitor
        await settle(app, pilot)
        assert session.current == "arabic"
        await pilot.press("ctrl+b")  # and back
        await settle(app, pilot)
        assert session.current == "visitor"


async def test_a_wide_terminal_shows_two_chats_and_the_clock_moves(session: Session) -> None:
    app = PlaygroundApp(session)
    async with app.run_test(size=(200, 50)) as pilot:
        await type_line(app, pilot, "/start")
        await pilot.press("f6")  # the admin, beside the visitor played before
        await settle(app, pilot)
        shown = [p.key for p in app.query(Phone) if p.has_class("shown")]
        assert shown == ["visitor", "admin"]
        await pilot.press("f8")
        await settle(app, pilot)
        assert session.clock.offset == 600
        assert "bot's clock +10 min" in app.sub_title
        await type_line(app, pilot, ":busy 6")
        await type_line(app, pilot, "/stats")
        assert "Chats: 6" in chat_text(app, "admin")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code in (0, None)


async def test_a_narrow_terminal_shows_one_chat(session: Session) -> None:
    app = PlaygroundApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await settle(app, pilot)
        assert [p.key for p in app.query(Phone) if p.has_class("shown")] == ["volunteer"]


async def test_tui_without_textual_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io
    import sys

    from bot.playground import NEEDS_TEXTUAL, run_playground

    for name in [n for n in sys.modules if n.split(".")[0] == "textual"] + ["textual"]:
        monkeypatch.setitem(sys.modules, name, None)  # as if Textual were not installed
    monkeypatch.delitem(sys.modules, "bot.playground.tui")
    out = io.StringIO()
    assert await run_playground(CONTENT, out=out, tui=True) == 2
    assert out.getvalue() == NEEDS_TEXTUAL + "\n"
    assert "pip install" in NEEDS_TEXTUAL and "\n" not in NEEDS_TEXTUAL
