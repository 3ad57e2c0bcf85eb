"""`python -m bot playground --tui`: everyone at once, in a Textual terminal UI.

On the left, the seven people as a phone's lock screen would show them: their unread count and
the discreet first line of the latest message (what someone glancing at the phone would see).
On the right, the chat of the person being played, with the bot's buttons to click and a line to
type into (the line mode's `:commands` work there too). A terminal 150 columns wide or more shows
two chats side by side: the person being played and the one played before (a visitor and their
volunteer, say). F1-F7 (or Ctrl+N, Ctrl+B) switch person, F8 moves the bot's clock 10
minutes, Ctrl+Q quits.

The session runs in Textual's own event loop; every action goes through one queue, in order.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.widget import Widget
from textual.widgets import Button, Footer, Header, Input, Static

from bot.playground.commands import act
from bot.playground.line import HELP
from bot.playground.session import CAST, Line, PlaygroundError, Session

CAST_KEYS = [p.key for p in CAST]
WIDE = 150  # columns from which two chats are shown side by side
CARD_TEXT = 12  # what fits of a notification after "🔒 Support bot: " on a card
APP_NAME = "Support bot"  # how a phone's notification would name the bot


class PersonCard(Static):
    """One person on the 'lock screen' list: click to play them."""

    def __init__(self, key: str) -> None:
        super().__init__(id=f"card-{key}", classes="card")
        self.key = key

    def on_click(self) -> None:
        self.app.switch(self.key)  # type: ignore[attr-defined]


class Phone(Vertical):
    """One person's chat: messages, the bot's buttons, and a line to type into."""

    def __init__(self, key: str, title: str) -> None:
        super().__init__(id=f"phone-{key}", classes="phone")
        self.key = key
        self.title = title
        self._shown: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(self.title, classes="title")
        yield VerticalScroll(id=f"chat-{self.key}", classes="chat")
        yield Input(placeholder="Message, /command or :help", id=f"input-{self.key}")

    async def show_chat(self, lines: list[Line]) -> None:
        signature = tuple((x.message_id, x.text, repr(x.buttons), x.edited) for x in lines)
        if signature == self._shown:
            return
        self._shown = signature
        chat = self.query_one(".chat", VerticalScroll)
        widgets: list[Widget] = []
        for line in lines:
            who = "bot" if line.from_bot else "me"
            text = line.text + (" (edited)" if line.edited else "")
            widgets.append(Static(text, classes=f"msg {who}"))
            for row in line.buttons:
                widgets.append(
                    Horizontal(
                        *[
                            Button(
                                Content(f"{number} {label}"),
                                name=str(number),
                                id=f"b-{self.key}-{line.message_id}-{number}",
                                classes="key",
                            )
                            for number, label in row
                        ],
                        classes="keys",
                    )
                )
        await chat.remove_children()
        await chat.mount_all(widgets)
        chat.call_after_refresh(chat.scroll_end, animate=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.app.enqueue(self.key, event.value)  # type: ignore[attr-defined]
        event.input.value = ""

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.app.enqueue(self.key, f":press {event.button.name}")  # type: ignore[attr-defined]
        self.query_one(Input).focus()  # typing goes on where it was


class PlaygroundApp(App[None]):
    TITLE = "Playground: the real bot, offline"
    CSS = """
    #people { width: 32; border-right: solid $primary; }
    .card { height: 3; padding: 0 1; color: $text-muted; }
    .card.unread { color: $text; text-style: bold; }
    .card.current { background: $primary 30%; }
    .phone { width: 1fr; padding: 0 1; display: none; }
    .phone.shown { display: block; }
    .title { text-style: bold; color: $accent; }
    .chat { height: 1fr; }
    .msg { margin: 1 0 0 0; }
    .msg.bot { margin-right: 6; background: $boost; }
    .msg.me { margin-left: 6; text-align: right; color: $success; }
    .keys { height: auto; }
    Button.key { height: 1; min-width: 5; border: none; margin: 0 1 0 0; }
    """
    BINDINGS = [  # noqa: RUF012 (Textual's own convention)
        *[
            Binding(f"f{n}", f"switch('{p.key}')", p.title.split(" (")[0], show=n <= 3)
            for n, p in enumerate(CAST, start=1)
        ],
        Binding("ctrl+n", "cycle(1)", "Next person"),
        Binding("ctrl+b", "cycle(-1)", "Previous", show=False),
        Binding("f8", "wait", "Wait 10 min", priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.s = session
        self.shown = [session.current]  # the person played, then the one before
        self._actions: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
        self._refreshing = asyncio.Lock()
        self.told: list[str] = []  # every notification, in order

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with Vertical(id="people"):
                for p in CAST:
                    yield PersonCard(p.key)
            for p in CAST:
                yield Phone(p.key, p.title)
        yield Footer()

    async def on_mount(self) -> None:
        self.run_worker(self._consume(), exclusive=True, group="actions")
        self.set_interval(0.5, self.refresh_all)  # what the bot's own jobs send meanwhile
        await self.refresh_all()
        self.query_one(f"#input-{self.s.current}", Input).focus()

    def on_resize(self) -> None:
        self.call_later(self.refresh_all)

    # ------------------------------------------------------------------ actions

    def enqueue(self, key: str, line: str) -> None:
        self._actions.put_nowait((key, line))

    async def idle(self) -> None:
        """Return once every action typed or clicked so far is done and shown (for tests)."""
        await self._actions.join()
        await self.refresh_all()

    async def _consume(self) -> None:
        while True:
            key, line = await self._actions.get()
            try:
                await self._do(key, line)
            finally:
                self._actions.task_done()

    async def _do(self, key: str, line: str) -> None:
        try:
            outcome = await act(self.s, line, key)
        except PlaygroundError as exc:
            self.tell(str(exc), severity="warning")
            return
        except LookupError as exc:  # the stand-in refused what no Telegram client could do
            self.tell(str(exc), severity="error")
            return
        if outcome.quit:
            self.exit()
            return
        if outcome.view == "help":
            self.tell(HELP.format(people=", ".join(CAST_KEYS)), timeout=30)
        elif outcome.view == "who":
            unread = ", ".join(f"{k} {n}" for k, n in self.s.others_unread())
            self.tell(f"new for: {unread}" if unread else "nothing unread")
        if outcome.switched:
            self.switch(outcome.switched)
        for note in outcome.notes:
            self.tell(note)
        await self.refresh_all()

    def tell(self, text: str, severity: SeverityLevel = "information", **kwargs: Any) -> None:
        """A notification, shown as written (no markup: "[9]" stays "[9]"); kept in `told`."""
        self.told.append(text)
        self.notify(text, severity=severity, markup=False, **kwargs)

    def action_switch(self, key: str) -> None:
        self.switch(key)

    def action_cycle(self, step: int) -> None:
        keys = [p.key for p in CAST]
        self.switch(keys[(keys.index(self.s.current) + step) % len(keys)])

    def action_wait(self) -> None:
        self.enqueue(self.s.current, ":wait 10m")

    def switch(self, key: str) -> None:
        if key != self.s.current:
            self.shown = [key, self.s.current]
            self.s.current = key
        self.call_later(self.refresh_all)
        with contextlib.suppress(Exception):
            self.query_one(f"#input-{key}", Input).focus()

    # ------------------------------------------------------------------ drawing

    def visible(self) -> list[str]:
        return self.shown[:2] if self.size.width >= WIDE else self.shown[:1]

    async def refresh_all(self) -> None:
        async with self._refreshing:
            visible = self.visible()
            for phone in self.query(Phone):
                phone.set_class(phone.key in visible, "shown")
                if phone.key in visible:
                    await phone.show_chat(self.s.chat(phone.key))
                    self.s.mark_read(phone.key)
            for card in self.query(PersonCard):
                person = self.s.people[card.key]
                unread = self.s.unread(card.key)
                lock = self.s.lock_screen(card.key)
                fkey = f"F{[p.key for p in CAST].index(card.key) + 1}"
                head = f"{fkey} {person.title}" + (f"  ({unread})" if unread else "")
                if len(lock) > CARD_TEXT:
                    lock = lock[: CARD_TEXT - 1] + "…"
                card.update(f"{head}\n🔒 {APP_NAME}: {lock}" if lock else head)
                card.set_class(bool(unread), "unread")
                card.set_class(card.key == self.s.current, "current")
            minutes = round(self.s.clock.offset / 60)
            self.sub_title = f"playing {self.s.current}" + (
                f" · bot's clock +{minutes} min" if minutes else ""
            )
