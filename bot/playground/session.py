"""The playground's engine: the real bot against the stand-in, with a cast of people.

Shared by the line mode (`bot/playground/line.py`), the terminal UI (`tui.py`) and the demo
(`demo.py`). The bot's clock is the session's: `wait()` moves it and runs the bot's own
periodic jobs, so timeouts, reminders and retention can be seen without waiting for real.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.harness import DEFAULT_SPEC, Harness, offline_settings
from bot.standin import SimUser

ADMIN_ID = 1_000_001
SECOND_ADMIN_ID = 1_000_002
TEXT_LIMIT = 4096  # what one Telegram message may hold; clients split longer text


@dataclass(frozen=True)
class Person:
    key: str
    title: str
    user_id: int
    language: str


CAST = (
    Person("visitor", "Visitor (English)", 2_000_001, "en"),
    Person("arabic", "Visitor (Arabic)", 2_000_002, "ar"),
    Person("volunteer", "Volunteer", 2_000_003, "en"),
    Person("volunteer2", "Second volunteer", 2_000_004, "en"),
    Person("supervisor", "Supervisor", 2_000_005, "en"),
    Person("admin", "Admin", ADMIN_ID, "en"),
    Person("admin2", "Second admin", SECOND_ADMIN_ID, "en"),
)
TEAM = {"volunteer": "River Song", "volunteer2": "Sage Bell", "supervisor": "Noor Ali"}


class PlaygroundError(Exception):
    """A playground command that cannot be done; the message says why, kindly."""


class OffsetClock:
    """Real time, plus however far `:wait` moved it."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


@dataclass
class Line:
    """One message of a chat as the playground shows it."""

    message_id: int
    from_bot: bool
    text: str
    buttons: list[list[tuple[int, str]]] = field(default_factory=list)  # (number, label)
    edited: bool = False


def _body(message: dict[str, Any]) -> str:
    if "text" in message:
        return str(message["text"])
    if "caption" in message:
        return str(message["caption"])
    for kind, shown in (
        ("sticker", "[sticker {emoji}]"),
        ("photo", "[photo]"),
        ("document", "[file {name}]"),
        ("contact", "[contact]"),
        ("voice", "[voice message]"),
        ("location", "[location]"),
    ):
        if kind in message:
            media = message[kind] if isinstance(message[kind], dict) else {}
            return shown.format(
                emoji=media.get("emoji", ""), name=media.get("file_name", "")
            ).replace(" ]", "]")
    return "[message]"


class Session:
    def __init__(self, content_dir: Path, database: Path) -> None:
        self.clock = OffsetClock()
        # No flood pacing (as in the tests): the stand-in has no flood limits, and about a
        # message a second into each chat would make :busy and the demo crawl.
        settings = offline_settings(
            database,
            content_dir,
            admin_ids=frozenset({ADMIN_ID, SECOND_ADMIN_ID}),
            rate_limit=False,
        )
        spec = DEFAULT_SPEC if DEFAULT_SPEC.is_file() else None
        self.h = Harness(settings, api_spec=spec, poll_timeout=1, clock=self.clock)
        self.people = {p.key: p for p in CAST}
        self.users: dict[str, SimUser] = {}
        self._numbers: dict[int, dict[str, int]] = {}  # user id -> button label -> number
        self._seen: dict[int, int] = {}  # user id -> how many chat items were read
        self.current = "visitor"
        self._team_ready = False
        self._passers = 0  # visitors made up by busy()

    async def start(self) -> None:
        await self.h.start()
        standin = self.h.standin
        for p in CAST:
            first = p.title.split(" (")[0]
            self.users[p.key] = standin.user(p.user_id, first_name=first, language_code=p.language)

    async def stop(self) -> None:
        await self.h.stop()

    @property
    def violations(self) -> list[str]:
        return list(self.h.standin.spec_violations)

    # ------------------------------------------------------------------ reading

    def user(self, key: str | None = None) -> SimUser:
        return self.users[key or self.current]

    def chat(self, key: str | None = None) -> list[Line]:
        """The chat as the person sees it now, buttons numbered stably: a label keeps its
        number in a chat ("Next ›" is the same key on every page)."""
        user = self.user(key)
        numbers = self._numbers.setdefault(user.id, {})
        lines = []
        for message in user.history():
            from_bot = bool(message.get("from", {}).get("is_bot"))
            rows = message.get("reply_markup", {}).get("inline_keyboard", []) if from_bot else []
            shown = []
            for row in rows:
                shown_row = []
                for button in row:
                    label = button.get("text", "")
                    number = numbers.setdefault(label, len(numbers) + 1)
                    shown_row.append((number, label))
                shown.append(shown_row)
            lines.append(
                Line(message["message_id"], from_bot, _body(message), shown, "edit_date" in message)
            )
        return lines

    def unread(self, key: str) -> int:
        """Messages from the bot that arrived since this person's chat was last shown."""
        user = self.user(key)
        total = sum(1 for m in user.history() if m.get("from", {}).get("is_bot"))
        return max(0, total - self._seen.get(user.id, 0))

    def mark_read(self, key: str | None = None) -> None:
        user = self.user(key)
        self._seen[user.id] = sum(1 for m in user.history() if m.get("from", {}).get("is_bot"))

    def lock_screen(self, key: str | None = None) -> str:
        """What a phone's lock screen would show of the latest message: its first line."""
        bot_messages = [m for m in self.user(key).history() if m.get("from", {}).get("is_bot")]
        if not bot_messages:
            return ""
        return _body(bot_messages[-1]).split("\n", 1)[0][:60]

    def others_unread(self) -> Iterator[tuple[str, int]]:
        for key in self.users:
            if key != self.current and (n := self.unread(key)):
                yield key, n

    # ------------------------------------------------------------------ acting

    async def settle(self) -> None:
        await self.h.settle()

    async def say(self, text: str, key: str | None = None) -> None:
        """Send text as a Telegram client would: over 4,096 characters, in several messages."""
        user = self.user(key)
        for start in range(0, len(text), TEXT_LIMIT):
            await user.send(text[start : start + TEXT_LIMIT])
        await self.settle()

    async def press(self, number: int, key: str | None = None) -> None:
        user = self.user(key)
        self.chat(key)  # numbers every button shown so far
        labels = {n: label for label, n in self._numbers.get(user.id, {}).items()}
        if number not in labels:
            raise PlaygroundError(f"there is no button [{number}] in this chat")
        label = labels[number]
        for message in reversed(user.history()):
            rows = message.get("reply_markup", {}).get("inline_keyboard", [])
            flat = [b for row in rows for b in row]
            for index, button in enumerate(flat):
                if button.get("text") == label:
                    if "callback_data" not in button:
                        raise PlaygroundError(f"[{number}] is a link, not a button for the bot")
                    await user.press(index, message=message)
                    await self.settle()
                    return
        raise PlaygroundError(f"button [{number}] is no longer on screen")

    def _last_own_text(self, user: SimUser) -> dict[str, Any]:
        for message in reversed(user.history()):
            if message.get("from", {}).get("id") == user.id and "text" in message:
                return message
        raise PlaygroundError("you have no message to edit yet")

    async def edit(self, text: str, key: str | None = None) -> None:
        user = self.user(key)
        await user.edit(self._last_own_text(user)["message_id"], text)
        await self.settle()

    async def reply(self, text: str, key: str | None = None) -> None:
        """Reply to the latest message of the bot (as swiping it on a phone does)."""
        user = self.user(key)
        bot_messages = [m for m in user.history() if m.get("from", {}).get("is_bot")]
        if not bot_messages:
            raise PlaygroundError("there is no message to reply to yet")
        await user.send(text, reply_to=bot_messages[-1]["message_id"])
        await self.settle()

    async def send_file(self, path: Path, key: str | None = None) -> None:
        try:
            data = await asyncio.to_thread(lambda: path.expanduser().read_bytes())
        except OSError as exc:
            raise PlaygroundError(f"cannot read {path}: {exc.strerror}") from None
        mime = "application/x-yaml" if path.suffix in {".yaml", ".yml"} else "application/pdf"
        await self.user(key).send_document(file_name=upload_name(path), mime_type=mime, data=data)
        await self.settle()

    async def media(self, kind: str, key: str | None = None) -> None:
        user = self.user(key)
        if kind == "sticker":
            await user.send_sticker()
        elif kind == "photo":
            await user.send_photo()
        elif kind == "contact":
            await user.send_contact()
        await self.settle()

    async def wait(self, seconds: float) -> None:
        """Move the bot's clock forward and let its periodic jobs run, as they would have."""
        from bot.app import retention
        from handlers import ending

        self.clock.offset += seconds
        application = self.h.application
        assert application is not None
        await ending.sweep(application)
        await retention(application)
        await self.settle()

    async def team(self) -> list[str]:
        """Invite, name and sign off the volunteers, make one a supervisor, all on duty."""
        if self._team_ready:
            raise PlaygroundError("the team is on duty already: " + ", ".join(TEAM.values()))
        done = []
        admin = self.user("admin")
        for key, alias in TEAM.items():
            await self.say("/invite", "admin")
            match = re.search(r"start=(v_[\w-]+)", _body(admin.last_bot_message() or {}))
            if match is None:
                raise PlaygroundError("the invite link did not come")
            await self.say(f"/start {match.group(1)}", key)
            await self.say(alias, key)
            await self._finish_onboarding(key)
            await self.press_label("admin", "Sign off")
            if key == "supervisor":
                await self.say(f"/promote {alias} supervisor", "admin")
            await self.say("/duty", key)
            done.append(f"{alias} ({self.people[key].title.lower()})")
        self._team_ready = True
        return done

    async def _finish_onboarding(self, key: str) -> None:
        """Onboarding may ask more after the alias (the languages a volunteer speaks, as a
        keyboard with a "Done" button): take what is offered as it is."""
        last = self.user(key).last_bot_message() or {}
        rows = last.get("reply_markup", {}).get("inline_keyboard", [])
        if any("done" in b.get("text", "").lower() for row in rows for b in row):
            await self.press_label(key, "Done")

    async def busy(self, chats: int = 12) -> int:
        """Play `chats` short chats between passing visitors and the volunteers, a few minutes
        of the bot's clock each, so /stats shows real figures instead of "<5"."""
        if not self._team_ready:
            await self.team()
        from bot.content.i18n import t

        content = self.h.core.content.current  # type: ignore[union-attr]
        en = content.locale("en")
        consent, ratings = t(en, "button.consent"), [t(en, f"rating.button_{n}") for n in (5, 4)]
        volunteers = [key for key in TEAM if key != "supervisor"]
        played = 0
        for number in range(chats):
            try:
                await self._passing_chat(number, volunteers, consent, ratings)
            except LookupError as exc:  # the bot answered otherwise (closed? a volunteer busy?)
                raise PlaygroundError(f"stopped after {played} chats: {exc}") from None
            played += 1
        for key in TEAM:
            self.mark_read(key)
        return played

    async def _passing_chat(
        self, number: int, volunteers: list[str], consent: str, ratings: list[str]
    ) -> None:
        """One made-up visitor asks, waits 1-4 minutes, talks 5-17, ends and rates."""
        visitor = self.h.standin.user(
            3_000_001 + self._passers, first_name="Passer", language_code="en"
        )
        self._passers += 1
        volunteer = self.users[volunteers[number % len(volunteers)]]
        await visitor.send("/talk")
        await self.settle()
        await visitor.press(consent)
        await self.settle()
        self.clock.offset += 60 * (1 + number % 4)  # waited 1 to 4 minutes
        await volunteer.send("/next")
        await self.settle()
        await visitor.send("Hi. I just needed someone to talk to tonight.")
        await volunteer.send("I'm glad you wrote. I'm listening.")
        await self.settle()
        self.clock.offset += 60 * (5 + 3 * (number % 5))  # talked 5 to 17 minutes
        await visitor.send("/end")
        await self.settle()
        try:
            await visitor.press(ratings[number % 3 == 2])
        except LookupError:
            pass  # no rating asked: the chat still counts
        await self.settle()

    async def press_label(self, key: str, label: str) -> None:
        user = self.user(key)
        for message in reversed(user.history()):
            rows = message.get("reply_markup", {}).get("inline_keyboard", [])
            flat = [b for row in rows for b in row]
            for index, button in enumerate(flat):
                if label.lower() in button.get("text", "").lower():
                    await user.press(index, message=message)
                    await self.settle()
                    return
        raise PlaygroundError(f"no '{label}' button for {key}")


def upload_name(path: Path) -> str:
    """content/en/ui.yaml goes up as en-ui.yaml, the name a content upload needs."""
    folder = path.parent
    if folder.parent.name == "content" and not path.name.startswith(f"{folder.name}-"):
        return f"{folder.name}-{path.name}"
    return path.name


_DURATION = re.compile(r"^(\d+(?:\.\d+)?)\s*([smhd]?)$")


def parse_duration(text: str) -> float:
    """'90s', '10m', '2h', '1d', or plain seconds."""
    match = _DURATION.match(text.strip().lower())
    if match is None:
        raise PlaygroundError("say how long, e.g. :wait 10m (s, m, h or d)")
    value, unit = float(match.group(1)), match.group(2) or "s"
    return value * {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit]
