"""`python -m bot playground`: the real bot in a terminal, with no token and no network.

The real bot runs against the local Bot API stand-in on a throw-away database with a
throw-away key, and the playground gives you people to be: two visitors (English, Arabic), two
volunteers, a supervisor and two admins (so the two-admin rule can be tried). Three ways in:

    python -m bot playground            line mode: one person at a time (scripts, screen readers)
    python -m bot playground --tui      everyone side by side, buttons to click (Textual)
    python -m bot playground --demo     the whole story, played by itself in about a minute
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import TextIO

from bot.playground.session import Session

__all__ = ["NEEDS_TEXTUAL", "run_playground"]

NEEDS_TEXTUAL = (
    "The terminal UI needs Textual: pip install -e '.[playground]' (or pip install textual), "
    "or try the line mode: python -m bot playground"
)


async def run_playground(
    content_dir: Path,
    stdin: TextIO = sys.stdin,
    out: TextIO = sys.stdout,
    *,
    tui: bool = False,
    demo: bool = False,
    pause: float = 5.0,
) -> int:
    if tui:
        try:
            from bot.playground.tui import PlaygroundApp
        except ImportError as exc:
            if not (exc.name or "").startswith("textual"):
                raise
            out.write(f"{NEEDS_TEXTUAL}\n")
            return 2
    with tempfile.TemporaryDirectory(prefix="playground-") as tmp:
        session = Session(content_dir, Path(tmp) / "playground.sqlite3")
        await session.start()
        try:
            if demo:
                from bot.playground.demo import play

                await play(session, out, pause=pause)
            elif tui:
                await PlaygroundApp(session).run_async()
            else:
                from bot.playground.line import run_lines

                await run_lines(session, stdin, out)
        finally:
            await session.stop()
            if session.violations:
                out.write("Bot API violations: " + "; ".join(session.violations) + "\n")
    return 0
