"""The playground's line mode: one person at a time, plain text in and out.

Made for scripts and screen readers (the terminal UI, `--tui`, shows everyone at once).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from typing import TextIO

from bot.playground.commands import act
from bot.playground.session import CAST, PlaygroundError, Session

HELP = """Type a message or a command such as /start: it goes to the bot as that person.
Playground commands start with a colon:
  :N or :press N     press button [N] (buttons keep their number in a chat)
  :as NAME           be someone else: {people}
  :team              invite, name and sign off the volunteers and the supervisor (all on duty)
  :edit TEXT         edit your last message       :reply TEXT   reply to the bot's last message
  :sticker  :photo  :contact                      :file PATH    send a file (content upload)
  :wait 10m          move the bot's clock (s, m, h, d): timeouts, reminders, retention
  :busy [N]          play N short chats (12 if not said) so /stats has figures to show
  :chat              this person's whole chat     :who          everyone, and what is unread
  :help              this help                    :quit         leave (Ctrl-D or Ctrl-C too)
A plain number is text ("How old are you?" "17"); /exit is the bot's quick exit, not :quit.
To try the relay: :team, then as visitor /talk, then :as volunteer and /next."""


class LineMode:
    def __init__(self, session: Session, out: TextIO) -> None:
        self.s = session
        self.out = out
        self._shown: dict[str, dict[int, str]] = {}

    def print(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def help(self) -> str:
        return HELP.format(people=", ".join(p.key for p in CAST))

    def seen(self, key: str) -> None:
        """Count everything in this person's chat as shown, without printing it."""
        self._shown[key] = {
            line.message_id: line.text + repr(line.buttons) for line in self.s.chat(key)
        }
        self.s.mark_read(key)

    def show(self, everything: bool = False) -> None:
        """What changed in the current person's chat since they last looked."""
        key = self.s.current
        shown = {} if everything else self._shown.setdefault(key, {})
        if everything:
            self._shown[key] = shown
        lines = self.s.chat()
        present = {line.message_id for line in lines}
        gone = [mid for mid in shown if mid not in present]
        if gone:
            self.print(f"  ({len(gone)} message(s) deleted from this chat)")
            for mid in gone:
                del shown[mid]
        for line in lines:
            snapshot = line.text + repr(line.buttons)
            if shown.get(line.message_id) == snapshot:
                continue
            again = line.message_id in shown
            shown[line.message_id] = snapshot
            who = ("bot (edited)" if again else "bot") if line.from_bot else "you"
            if not line.from_bot and (again or not everything):
                if not again:
                    continue  # what you typed is on your screen already
                who = "you (edited)"
            self.print(f"{who} > " + line.text.replace("\n", "\n      "))
            for row in line.buttons:
                self.print("      " + "   ".join(f"[{n}] {label}" for n, label in row))
        self.s.mark_read()
        waiting = [f"{key} {n}" for key, n in self.s.others_unread()]
        if waiting:
            self.print("  (new for: " + ", ".join(waiting) + ")")

    async def handle(self, line: str) -> bool:
        """Act on one line of input; False to quit."""
        line = line.rstrip("\n")
        if not line.strip():
            return True
        try:
            return await self._handle(line.strip())
        except PlaygroundError as exc:
            self.print(f"  {exc}")
            return True

    async def _handle(self, line: str) -> bool:
        outcome = await act(self.s, line)
        if outcome.quit:
            return False
        if outcome.view == "help":
            self.print(self.help())
        elif outcome.view == "who":
            for p in CAST:
                unread = self.s.unread(p.key)
                mark = "*" if p.key == self.s.current else " "
                self.print(f" {mark} {p.key:<11} {p.title:<20} {unread or ''}")
        elif outcome.view == "chat":
            self.show(everything=True)
        else:
            if outcome.switched:
                self.s.current = outcome.switched
                self.print(
                    f"  you are now {outcome.switched} ({self.s.people[outcome.switched].title})"
                )
            if outcome.sent:
                self.print(f"you > {outcome.sent}")
            for note in outcome.notes:
                self.print(f"  {note}")
            self.show()
        return True


async def run_lines(session: Session, stdin: TextIO, out: TextIO) -> None:
    mode = LineMode(session, out)
    mode.print("Playground: the real bot, offline, with people to be. Type :help for more.")
    mode.print("You are 'visitor'; try /start.")
    loop = asyncio.get_running_loop()
    reader = await _line_reader(stdin)
    stop = asyncio.Event()
    with contextlib.suppress(NotImplementedError, RuntimeError):
        loop.add_signal_handler(signal.SIGINT, stop.set)  # Ctrl-C: a clean quit, no traceback
    try:
        while not stop.is_set():
            out.write(f"{session.current} > ")
            out.flush()
            read = asyncio.ensure_future(reader())
            stopped = asyncio.ensure_future(stop.wait())
            done, _ = await asyncio.wait({read, stopped}, return_when=asyncio.FIRST_COMPLETED)
            if read not in done:
                read.cancel()
                out.write("\n")
                break
            stopped.cancel()
            line = read.result()
            if not line or not await mode.handle(line):
                break
    finally:
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.remove_signal_handler(signal.SIGINT)


async def _line_reader(stdin: TextIO):  # type: ignore[no-untyped-def]
    """Lines from stdin without a thread when it is a terminal or a pipe (so Ctrl-C need not
    wait for Enter), else from a thread (a regular file)."""
    loop = asyncio.get_running_loop()
    try:
        reader = asyncio.StreamReader()
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), stdin)
    except (ValueError, OSError, AttributeError):

        async def from_thread() -> str:
            return await asyncio.to_thread(stdin.readline)

        return from_thread

    async def from_pipe() -> str:
        return (await reader.readline()).decode("utf-8", "replace")

    return from_pipe
