"""`python -m bot playground`: chat with the real bot in a terminal. No token, no network.

The real bot runs against the local Bot API stand-in, on a throw-away database with a
throw-away key. You type as a simulated Telegram user; the bot's messages are printed with
their buttons numbered, and typing a number presses one. Several users are ready (a visitor in
English, one in Arabic, a future volunteer, an admin), so every flow can be tried, and
admins can preview content.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from bot.harness import DEFAULT_SPEC, Harness, offline_settings
from bot.standin import SimUser

ADMIN_ID = 1_000_001
HELP = """Type a message, or a command such as /start. Type a number to press that button.
  :as visitor | :as arabic | :as volunteer | :as admin   switch user (each has a chat)
  To try the relay: as admin /invite; as volunteer /start v_<code from the link>, choose a
  name; as admin press Sign off; as volunteer /duty; as visitor /talk; as volunteer /next.
  :sticker  :photo                      send a sticker or a photo
  :say TEXT                             send TEXT as is (even a number)
  :chat                                 show this user's chat as it looks now
  :help                                 this help
  :quit                                 leave (Ctrl-D works too)"""


class Playground:
    def __init__(self, harness: Harness, out: TextIO) -> None:
        self.h = harness
        self.out = out
        standin = harness.standin
        self.users: dict[str, SimUser] = {
            "visitor": standin.user(2_000_001, first_name="Visitor", language_code="en"),
            "arabic": standin.user(2_000_002, first_name="زائر", language_code="ar"),
            "volunteer": standin.user(2_000_003, first_name="Volunteer", language_code="en"),
            "admin": standin.user(ADMIN_ID, first_name="Admin", language_code="en"),
        }
        self.current = "visitor"
        self.seen: dict[int, dict[int, str]] = {}

    @property
    def user(self) -> SimUser:
        return self.users[self.current]

    def print(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def show_changes(self) -> None:
        """Print what changed in the current user's chat since the last look."""
        user = self.user
        seen = self.seen.setdefault(user.id, {})
        history = [m for m in user.history() if m.get("from", {}).get("is_bot")]
        visible = {m["message_id"] for m in user.history()}
        gone = [mid for mid in seen if mid not in visible]
        if gone:
            self.print(f"  ({len(gone)} message(s) deleted from this chat)")
            for mid in gone:
                del seen[mid]
        for message in history:
            body = message.get("text") or message.get("caption") or "[sticker or media]"
            rows = message.get("reply_markup", {}).get("inline_keyboard", [])
            snapshot = body + repr(rows)
            if seen.get(message["message_id"]) == snapshot:
                continue
            edited = message["message_id"] in seen
            seen[message["message_id"]] = snapshot
            self.print(("bot (edited) > " if edited else "bot > ") + body.replace("\n", "\n      "))
            number = 0
            for row in rows:
                labels = []
                for button in row:
                    number += 1
                    labels.append(f"[{number}] {button['text']}")
                self.print("      " + "   ".join(labels))

    async def handle(self, line: str) -> bool:
        """Act on one line of input; False to quit."""
        line = line.strip()
        if not line:
            return True
        if line in {":quit", ":q", ":exit"}:
            return False
        if line == ":help":
            self.print(HELP)
            return True
        if line.startswith(":as"):
            name = line[3:].strip()
            if name not in self.users:
                self.print(f"  users: {', '.join(self.users)}")
                return True
            self.current = name
            self.print(f"  you are now '{name}'")
            return True
        if line == ":chat":
            self.seen.pop(self.user.id, None)
            self.show_changes()
            return True
        if line == ":sticker":
            await self.user.send_sticker()
        elif line == ":photo":
            await self.user.send_photo()
        elif line.isdigit() and self.user.buttons():
            buttons = [b for row in self.user.buttons() for b in row]
            index = int(line) - 1
            if not 0 <= index < len(buttons):
                self.print(f"  there are {len(buttons)} buttons")
                return True
            await self.user.press(index)
        else:
            await self.user.send(line[5:] if line.startswith(":say ") else line)
        await self.h.settle()
        self.show_changes()
        return True


async def run_playground(
    content_dir: Path, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout
) -> int:
    with tempfile.TemporaryDirectory(prefix="playground-") as tmp:
        settings = offline_settings(
            Path(tmp) / "playground.sqlite3", content_dir, admin_ids=frozenset({ADMIN_ID})
        )
        spec = DEFAULT_SPEC if DEFAULT_SPEC.is_file() else None
        harness = Harness(settings, api_spec=spec, poll_timeout=1)
        await harness.start()
        playground = Playground(harness, out)
        playground.print("Playground: the real bot, offline. " + HELP.split("\n")[0])
        playground.print("Type :help for more. You are 'visitor'; try /start.")
        loop = asyncio.get_running_loop()
        try:
            while True:
                out.write(f"{playground.current} > ")
                out.flush()
                line = await loop.run_in_executor(None, stdin.readline)
                if not line or not await playground.handle(line):
                    break
        finally:
            await harness.stop()
            if harness.standin.spec_violations:
                playground.print(
                    "Bot API violations: " + "; ".join(harness.standin.spec_violations)
                )
    return 0
