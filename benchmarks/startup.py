"""(e) Start-up: `python -m bot run` in a new process until its first getUpdates.

That is the time a restart (a deploy, a crash, the soak test's kills) leaves people waiting
before the bot reads their messages again: interpreter, imports, settings, content, database
and migrations. Goal: no more than 1.5 s. Three kinds of start are timed: the very first (new
database: migrations, content checked in full), restarts (content unchanged: the content
record beside the database vouches for it, see `bot/content/checked.py`), and restarts after a
content change (the record removed first: everything parsed and checked again, in a child
process whose record the bot then starts from, see `bot/content/apart.py`).

One update is queued before each start so the first getUpdates answers at once and is recorded
with the moment it arrived at the stand-in.

    python -m benchmarks.startup [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.bot_process import bot_environment, keygen, spawn_bot, stop_bot
from benchmarks.common import Result, report
from bot.standin import BotAPIStandIn

GOAL_S = 1.5


async def time_starts(runs: int, changed: int = 0) -> list[float]:
    """Seconds from spawning the process to its first getUpdates, for each run in turn; the
    last `changed` runs start without the content record (as after a content change)."""
    standin = BotAPIStandIn(token="123456:STARTUP-BENCH")
    await standin.start()
    times: list[float] = []
    try:
        with tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
            directory = Path(tmp)
            env = bot_environment(standin, keygen(), directory / "bot.sqlite3")
            visitor = standin.user(first_name="Start")
            for run in range(runs + changed):
                if run >= runs:
                    record = directory / "bot.sqlite3.content-checked"
                    record.unlink(missing_ok=True)
                await visitor.send("/start")
                started = time.monotonic()
                process = await spawn_bot(env, directory, directory / "bot.log")
                try:
                    call = await standin.wait_for(
                        lambda c, t=started: c.method == "getUpdates" and c.received_at >= t,
                        timeout=30,
                    )
                    times.append(call.received_at - started)
                    await standin.wait_delivered(timeout=30)  # handled, then confirmed
                finally:
                    code = await stop_bot(process)
                    assert code == 0, f"run {run}: the bot exited with {code}"
    finally:
        await standin.stop()
    return times


async def run(runs: int = 5) -> Result:
    changed_runs = max(1, runs // 2)
    every = await time_starts(runs, changed_runs)
    times, changed = every[:runs], every[runs:]
    warm = times[1:] or times
    result = Result("startup")
    result.add(
        "first_start",
        times[0],
        "s",
        goal=f"<= {GOAL_S}",
        met=times[0] <= GOAL_S,
        note="new database: migrations run",
    )
    median = statistics.median(warm)
    result.add(
        "median_start",
        median,
        "s",
        goal=f"<= {GOAL_S}",
        met=median <= GOAL_S,
        note=f"{len(warm)} restarts on the same database",
    )
    result.add("max_start", max(times), "s", goal=f"<= {GOAL_S}", met=max(times) <= GOAL_S)
    median = statistics.median(changed)
    result.add(
        "content_changed_start",
        median,
        "s",
        goal=f"<= {GOAL_S}",
        met=median <= GOAL_S,
        note=f"median of {len(changed)} restarts, content checked in full (in a child)",
    )
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.startup")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="3 runs")
    args = parser.parse_args(argv)
    report([asyncio.run(run(3 if args.quick else args.runs))])


if __name__ == "__main__":
    main()
