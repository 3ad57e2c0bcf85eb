"""A clean shutdown, with a real process (issue 14 part 6): on SIGTERM the bot stops taking
updates, finishes what it is handling, and exits 0; what arrived after is handled at the next
start, once."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from collections import deque
from pathlib import Path

from bot.crypto import generate_data_key
from bot.standin import BotAPIStandIn

ROOT = Path(__file__).resolve().parent.parent


async def _start(env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, cwd=ROOT, stderr=asyncio.subprocess.PIPE
    )


def _pending(database: Path) -> int:
    with sqlite3.connect(database) as conn:
        return conn.execute("SELECT count(*) FROM inbox WHERE done = 0").fetchone()[0]


async def test_sigterm_while_handling_finishes_it_and_exits_cleanly(tmp_path: Path) -> None:
    standin = BotAPIStandIn(token="515151:shutdown-test")
    await standin.start()
    database = tmp_path / "bot.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM", "DATA_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=standin.token,
        TELEGRAM_API_BASE_URL=standin.base_url,
        DATA_KEYS=generate_data_key(),
        DATABASE_PATH=str(database),
        CONTENT_DIR=str(ROOT / "content"),
        TELEGRAM_RATE_LIMIT="off",
    )
    process = await _start(env)
    try:
        await standin.wait_polling(timeout=60)
        visitor = standin.user(first_name="Lina", language_code="en")
        await visitor.send("/start")
        await standin.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == visitor.id)
        await standin.wait_delivered(timeout=30)
        await standin.wait_polling(timeout=30)
        answered = len(visitor.texts())

        # the next answer is held by Telegram until the test says so: a handler in flight
        started, release = asyncio.Event(), asyncio.Event()
        standin.delay_next("sendMessage", 0, chat_id=visitor.id, started=started, release=release)
        await visitor.send("/menu")
        async with asyncio.timeout(30):
            await started.wait()
        process.send_signal(signal.SIGTERM)
        await standin.wait_not_polling(timeout=30)  # it stopped taking updates...
        await visitor.send("/menu")  # ...so this one waits at Telegram for the next start
        release.set()
        async with asyncio.timeout(60):
            code = await process.wait()
        stderr = (await process.stderr.read()).decode()
        assert code == 0, stderr
        assert len(visitor.texts()) > answered  # the answer in flight was finished
        assert _pending(database) == 0  # nothing left half-handled
        assert len(standin.state.updates.pending) == 1  # the late one: still at Telegram
        assert str(visitor.id) not in stderr and "Lina" not in stderr

        mark = len(standin.calls)
        process = await _start(env)
        await standin.wait_for(
            lambda c: (
                c.method == "sendMessage"
                and c.chat_id == visitor.id
                and standin.calls.index(c) >= mark
            ),
            timeout=60,
        )
        await standin.wait_delivered(timeout=30)
        process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(60):
            assert await process.wait() == 0
        assert _pending(database) == 0
        assert standin.state.updates.pending == deque()
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            async with asyncio.timeout(60):
                await process.wait()
        await standin.stop()
    assert process.returncode == 0
