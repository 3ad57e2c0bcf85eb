"""The bot as an operator runs it: `python -m bot run` in its own process, set by environment.

Used where only a real process tells the truth: start-up time (imports, migrations, command
menus) and resident memory. The stand-in stays in the benchmark's process; the bot reaches it
over TCP through TELEGRAM_API_BASE_URL, exactly as it would reach a self-hosted Bot API.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.common import CONTENT, ROOT
from bot.standin import BotAPIStandIn


def keygen() -> str:
    """A data key made by the bot's own `keygen` command."""
    out = subprocess.run(
        [sys.executable, "-m", "bot", "keygen"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return out.stdout.strip()


def bot_environment(
    standin: BotAPIStandIn, data_key: str, database: Path, **extra: str
) -> dict[str, str]:
    """Everything `python -m bot run` needs, as environment variables."""
    env = dict(os.environ)
    env.update(
        TELEGRAM_BOT_TOKEN=standin.token,
        TELEGRAM_API_BASE_URL=standin.base_url,
        DATA_KEYS=data_key,
        DATABASE_PATH=str(database),
        CONTENT_DIR=os.environ.get("BENCH_CONTENT_DIR") or str(CONTENT),  # e.g. 12 locales
        TELEGRAM_RATE_LIMIT="off",
        FLOOD_LIMIT="600",  # the highest allowed: benchmarks send fast on purpose
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


async def spawn_bot(
    env: dict[str, str], cwd: Path, stderr_path: Path
) -> asyncio.subprocess.Process:
    """Start `python -m bot run`; its logs go to `stderr_path` (read, never printed)."""
    with stderr_path.open("ab") as stderr:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run",
            cwd=cwd, env=env, stdout=asyncio.subprocess.DEVNULL, stderr=stderr,
        )  # fmt: skip


async def stop_bot(process: asyncio.subprocess.Process) -> int:
    """SIGTERM and wait: the bot stops polling, finishes its handlers, closes the DB."""
    if process.returncode is None:
        process.terminate()
    return await process.wait()


def memory_kib(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of a process, in KiB, from /proc."""
    values: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in {"VmRSS", "VmHWM"}:
            values[key] = int(rest.split()[0])
    return values["VmRSS"], values["VmHWM"]
