"""The playground's commands, shared by the line mode and the terminal UI.

A line is either what the person sends to the bot (anything not starting with a colon, a plain
number included) or a playground command (`:press 2`, `:wait 10m`, ...). `act()` does it and
says what happened; each front end shows that its own way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.playground.session import PlaygroundError, Session, parse_duration, upload_name

VIEWS = frozenset({"help", "who", "chat"})  # shown by the front end, nothing sent


@dataclass
class Outcome:
    notes: list[str] = field(default_factory=list)  # for the reader: "(the clock moved 10m)"
    sent: str | None = None  # what the person sent, as their own screen shows it ("[photo]")
    view: str | None = None  # one of VIEWS
    switched: str | None = None  # the person now being played (:as)
    quit: bool = False


async def act(session: Session, line: str, key: str | None = None) -> Outcome:
    """Do one line as `key` (default: the session's current person). PlaygroundError says,
    kindly, why a command cannot be done; nothing is sent to the bot then."""
    line = line.strip()
    if not line:
        return Outcome()
    if not line.startswith(":"):
        await session.say(line, key)
        return Outcome()
    command, _, rest = line[1:].partition(" ")
    command, rest = command.lower(), rest.strip()
    if command in {"quit", "q"}:
        return Outcome(quit=True)
    if command == "exit":
        raise PlaygroundError("to leave type :quit (/exit is the bot's quick exit)")
    if command in VIEWS:
        return Outcome(view=command)
    if command.isdigit() or command == "press":
        number = command if command.isdigit() else rest
        if not number.isdigit():
            raise PlaygroundError("say which button, e.g. :press 2 or :2")
        await session.press(int(number), key)
        return Outcome()
    if command == "as":
        if rest not in session.users:
            raise PlaygroundError("people: " + ", ".join(session.users))
        return Outcome(switched=rest)
    if command == "say":
        if rest:
            await session.say(rest, key)
        return Outcome()
    if command in {"edit", "reply"}:
        if not rest:
            raise PlaygroundError(f"say what, e.g. :{command} I meant tomorrow")
        await (session.edit(rest, key) if command == "edit" else session.reply(rest, key))
        return Outcome()
    if command in {"sticker", "photo", "contact"}:
        await session.media(command, key)
        return Outcome(sent=f"[{command}]")
    if command == "file":
        if not rest:
            raise PlaygroundError("say which file, e.g. :file content/en/ui.yaml")
        await session.send_file(Path(rest), key)
        return Outcome(sent=f"[file {upload_name(Path(rest))}]")
    if command == "wait":
        await session.wait(parse_duration(rest))
        return Outcome(notes=[f"(the bot's clock moved {rest} ahead)"])
    if command == "busy":
        if rest and not rest.isdigit():
            raise PlaygroundError("say how many chats, e.g. :busy 12")
        played = await session.busy(int(rest) if rest else 12)
        return Outcome(notes=[f"({played} short chats played; an admin's /stats shows them now)"])
    if command == "team":
        return Outcome(notes=[f"ready: {who}" for who in await session.team()])
    raise PlaygroundError(f"unknown playground command :{command} (see :help)")
