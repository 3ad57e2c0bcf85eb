"""(e) Resident memory of the bot process with 100,000 waiting and 1,000 chats open.

The bot keeps its state in SQLite, not in Python objects, so its memory should not grow with
the queue: this checks that on the real process (`python -m bot run`), after it has worked on
that state: messages relayed in 200 open chats, volunteers with free places taking the next
visitor (each refreshes the place messages of the queue head), and `/queue` asked. Goal: no
more than 150 MB resident.

The bot starts as a restart does: the content record written when the state was made vouches
for the content. With `--checked`, the record is removed first, so the bot checks the content
in full (as at a first start or after a content change; in a child process, see
`bot/content/apart.py`).

    python -m benchmarks.memory [--waiting N] [--sessions N] [--quick] [--checked]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

from benchmarks.bot_process import bot_environment, keygen, memory_kib, spawn_bot, stop_bot
from benchmarks.common import CONTENT, DeliveryCounter, Result, report
from benchmarks.population import FIRST_VOLUNTEER_ID, populate
from bot.config import decode_data_key
from bot.core import Core
from bot.harness import offline_settings
from bot.standin import BotAPIStandIn

GOAL_MB = 150.0
CASELOAD = 10
FREE_VOLUNTEERS = 20  # on duty with no chat yet: they press /next


async def run(
    waiting: int = 100_000, sessions: int = 1_000, active: int = 200, checked: bool = False
) -> Result:
    standin = BotAPIStandIn(token="123456:MEMORY-BENCH")
    await standin.start()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-mem-") as tmp:
            directory = Path(tmp)
            database = directory / "bot.sqlite3"
            key = keygen()
            settings = offline_settings(
                database, CONTENT, rate_limit=False, data_keys=(decode_data_key(key),)
            )
            core = await Core.open(settings)
            busy = -(-sessions // CASELOAD)
            try:
                population = await populate(
                    core, waiting=waiting, sessions=sessions,
                    volunteers=busy + FREE_VOLUNTEERS, caseload=CASELOAD,
                )  # fmt: skip
            finally:
                await core.close()
            if checked:  # no record: the content checked in full, as at a first start
                settings.content_record_path.unlink()
            env = bot_environment(standin, key, database, CASELOAD_LIMIT=str(CASELOAD))
            known = [
                *population.volunteers,
                *(v for v, _ in population.in_session),
                *population.waiting[: 2 * FREE_VOLUNTEERS],  # those taken, and the new head
            ]
            for tid in known:
                standin.state.private_chat({"id": tid, "is_bot": False, "first_name": "M"})
            process = await spawn_bot(env, directory, directory / "bot.log")
            try:
                in_chats = population.in_session[:active]
                counter = DeliveryCounter(standin, chats={v for _, v in in_chats})
                for n, (visitor_id, _) in enumerate(in_chats):
                    await standin.user(visitor_id).send(f"memory {n}")
                await counter.wait_for(active, timeout=120)
                free = [FIRST_VOLUNTEER_ID + busy + i for i in range(FREE_VOLUNTEERS)]
                answers = DeliveryCounter(standin, chats=set(free))
                for volunteer_id in free:
                    volunteer = standin.user(volunteer_id)
                    await volunteer.send("/next")
                    await volunteer.send("/queue")
                # at least two answers each: to /next (which refreshes the queue head's place
                # messages), then to /queue
                await answers.wait_for(2 * FREE_VOLUNTEERS, timeout=120)
                rss, peak = memory_kib(process.pid)
            finally:
                code = await stop_bot(process)
            assert code == 0, f"the bot exited with {code}"
            db_mb = database.stat().st_size / 1e6
            log = (directory / "bot.log").read_text(errors="replace")
            errors = sum(" ERROR " in line or " CRITICAL " in line for line in log.splitlines())
    finally:
        await standin.stop()
    result = Result("memory")
    result.add(
        "rss",
        rss / 1024,
        "MB",
        goal=f"<= {GOAL_MB:.0f}",
        met=rss / 1024 <= GOAL_MB,
        note=f"{waiting} waiting, {sessions} open chats, database {db_mb:.0f} MB, "
        + ("content checked in full" if checked else "a restart: content from its record"),
    )
    result.add("peak_rss", peak / 1024, "MB", goal=f"<= {GOAL_MB:.0f}", met=peak / 1024 <= GOAL_MB)
    result.add("log_errors", float(errors), "lines", goal="0", met=errors == 0)
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.memory")
    parser.add_argument("--waiting", type=int, default=100_000)
    parser.add_argument("--sessions", type=int, default=1_000)
    parser.add_argument("--quick", action="store_true", help="10,000 waiting")
    parser.add_argument(
        "--checked", action="store_true", help="no content record: the content checked in full"
    )
    args = parser.parse_args(argv)
    waiting = 10_000 if args.quick else args.waiting
    report([asyncio.run(run(waiting, args.sessions, checked=args.checked))])


if __name__ == "__main__":
    main()
