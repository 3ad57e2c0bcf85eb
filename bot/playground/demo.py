"""`python -m bot playground --demo`: the whole story, played by itself, in about a minute.

A visitor writes in Arabic, says something that signals danger and gets crisis contacts at
once, asks to talk, waits, is taken by a volunteer; they talk; the volunteer asks a
supervisor for help; the visitor ends the chat and rates it; an admin looks at the figures.
Every screen shown is the real bot's answer, through the stand-in.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from typing import TextIO

from bot.content.i18n import t
from bot.playground.line import LineMode
from bot.playground.session import PlaygroundError, Session


async def play(session: Session, out: TextIO, *, pause: float = 5.0) -> None:
    view = LineMode(session, out)
    content = session.h.core.content.current  # type: ignore[union-attr]
    ar = content.locale("ar")
    steps = []

    def step(title: str):  # type: ignore[no-untyped-def]
        def register(action):  # type: ignore[no-untyped-def]
            steps.append((title, action))
            return action

        return register

    async def look(key: str) -> None:
        session.current = key
        view.print(f"  -- what {session.people[key].title.lower()} sees --")
        view.show()

    @step("A team is on duty: two volunteers and a supervisor (invited, named, signed off)")
    async def _team() -> None:
        for who in await session.team():
            view.print(f"  ready: {who}")
        for key in ("admin", "volunteer", "volunteer2", "supervisor"):
            view.seen(key)

    @step("A visitor opens the bot; Telegram says their phone is in Arabic")
    async def _start() -> None:
        await session.say("/start", "arabic")
        await look("arabic")

    @step("They write something that signals danger: crisis contacts come at once")
    async def _risk() -> None:
        await session.say("بدي موت، ما عاد فيني", "arabic")
        await look("arabic")

    @step("They ask to talk to someone, and read what a volunteer is (and is not)")
    async def _talk() -> None:
        await session.say("/talk", "arabic")
        await session.press_label("arabic", t(ar, "button.consent"))
        await look("arabic")

    @step("The volunteers are told someone is waiting, urgently, with no detail about them")
    async def _alert() -> None:
        await look("volunteer")

    @step("The first volunteer takes the chat: each sees the other's alias, nothing else")
    async def _next() -> None:
        await session.say("/next", "volunteer")
        await look("volunteer")
        await look("arabic")

    @step("They talk; the bot copies each message, neither side learns who the other is")
    async def _chat() -> None:
        await session.say("شكراً إنك هون. ما بعرف شو بدي احكي", "arabic")
        await session.say("I'm here with you, and glad you wrote. Are you safe now?", "volunteer")
        await look("volunteer")
        await look("arabic")

    @step("The volunteer asks a supervisor for help (/escalate)")
    async def _escalate() -> None:
        await session.say("/escalate", "volunteer")
        await look("volunteer")
        await look("supervisor")

    @step("The visitor ends the chat and rates it with one tap")
    async def _end() -> None:
        await session.say("/end", "arabic")
        await look("arabic")
        await session.press_label("arabic", t(ar, "rating.button_5"))
        view.print(f"  (they tap {t(ar, 'rating.button_5')})")
        await look("arabic")

    @step("Meanwhile a dozen other short chats happen (made up, played in a blink: :busy)")
    async def _busy() -> None:
        played = await session.busy(12)
        view.print(f"  {played} chats: passing visitors, the two volunteers, a few minutes each")

    @step("An admin looks at the figures: counts only, numbers under 5 hidden")
    async def _stats() -> None:
        view.seen("admin")
        await session.say("/stats", "admin")
        await look("admin")

    loop, task = asyncio.get_running_loop(), asyncio.current_task()
    assert task is not None
    with contextlib.suppress(NotImplementedError, RuntimeError):
        loop.add_signal_handler(signal.SIGINT, task.cancel)  # Ctrl-C: stop, no traceback
    try:
        for number, (title, action) in enumerate(steps, start=1):
            view.print(f"\n== {number}/{len(steps)}  {title}")
            try:
                await action()
            except (PlaygroundError, LookupError) as exc:  # the bot answered otherwise: go on
                view.print(f"  (this step could not be shown as planned: {exc})")
            if pause and number < len(steps):
                await asyncio.sleep(pause)  # for the reader: the bot has already answered
    except asyncio.CancelledError:
        task.uncancel()
        view.print("\n(demo stopped)")
        return
    finally:
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.remove_signal_handler(signal.SIGINT)
    view.print("\nThat was the whole story. `python -m bot playground` lets you play any part.")
