"""(a) Relay throughput against the floor: our bot vs a bare PTB echo bot, same stand-in.

The floor is the cheapest thing PTB can do with a message through this stand-in: a default
`Application` (PTB's own polling, one update at a time) whose only handler `copy_message`s each
text back. The goal is stated against that default bot; the same echo bot on our aiohttp
transport is measured too, so the cost of what our bot adds is visible on equal footing.
Our bot relays visitor -> volunteer across many sessions at once, with everything
that makes it safe (durable inbox, pseudonyms, decryption, claim/complete of each copy). The
ratio says what that safety costs; msgs/s against 300 says whether one process stays well
clear of Telegram's own cap of 30 a second (goal: 10x).

The same relay also runs with its updates POSTed to its webhook (`python -m bot webhook`) as
Telegram does (up to 40 at once, one chat at a time), on the same stand-in, in the same rounds.

Each run pushes a backlog of messages into the stand-in at once and times until the last copy
reaches it; a warm-up round runs first so start-up costs are not counted.

    python -m benchmarks.relay_throughput [--messages N] [--sessions N] [--rounds N] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import tempfile
import time
from pathlib import Path

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from benchmarks.common import DeliveryCounter, Result, open_sessions, report, running_bot
from bot.standin import BotAPIStandIn
from bot.transport import AiohttpRequest

GOAL_RATIO = 0.7
GOAL_RATE = 300.0


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None
    await context.bot.copy_message(message.chat_id, message.chat_id, message.message_id)


async def echo_floor(
    messages: int, users: int, warmup: int, *, aiohttp: bool = False
) -> tuple[float, float]:
    """(msgs/s, CPU s per message) of a bare PTB echo bot on a backlog of `messages`.

    `aiohttp`: the same echo bot on our HTTP transport instead of PTB's default httpx, to
    show what our storage, crypto and routing cost on the same footing."""
    standin = BotAPIStandIn()
    await standin.start()
    builder = Application.builder().token(standin.token).base_url(standin.base_url)
    if aiohttp:
        builder = builder.request(AiohttpRequest(4)).get_updates_request(AiohttpRequest(1))
    application = builder.build()
    application.add_handler(MessageHandler(filters.TEXT, _echo))
    counter = DeliveryCounter(standin, methods=frozenset({"copyMessage"}))
    try:
        await application.initialize()
        assert application.updater is not None
        await application.updater.start_polling(timeout=10)
        await application.start()
        people = [standin.user(first_name=f"Echo {i}") for i in range(users)]
        for i in range(warmup):
            await people[i % users].send(f"warm {i}")
        await counter.wait_for(warmup, timeout=60)
        for i in range(messages):  # no await yields here: the whole backlog is queued at once
            await people[i % users].send(f"echo {i}")
        start, cpu = time.perf_counter(), time.process_time()
        await counter.wait_for(warmup + messages, timeout=300)
        elapsed, cpu_used = time.perf_counter() - start, time.process_time() - cpu
    finally:
        counter.close()
        with contextlib.suppress(Exception):
            if application.updater is not None and application.updater.running:
                await application.updater.stop()
            if application.running:
                await application.stop()
            await application.shutdown()
        await standin.stop()
    return messages / elapsed, cpu_used / messages


async def relay_rate(
    messages: int, sessions: int, warmup: int, *, webhook: bool = False
) -> tuple[float, float]:
    """(msgs/s, CPU s per message) of our bot relaying visitor -> volunteer, its updates
    fetched by long polling, or POSTed to its webhook by the stand-in (`webhook`)."""
    with tempfile.TemporaryDirectory(prefix="bench-relay-") as tmp:
        async with running_bot(directory=Path(tmp), webhook=webhook) as h:
            pairs = await open_sessions(h, sessions)
            counter = DeliveryCounter(h.standin, chats={p.volunteer.id for p in pairs})
            try:
                for i in range(warmup):
                    await pairs[i % sessions].visitor.send(f"warm {i}")
                await counter.wait_for(warmup, timeout=60)
                for i in range(messages):
                    await pairs[i % sessions].visitor.send(f"relay {i}")
                start, cpu = time.perf_counter(), time.process_time()
                await counter.wait_for(warmup + messages, timeout=300)
                elapsed, cpu_used = time.perf_counter() - start, time.process_time() - cpu
                await h.settle()
            finally:
                counter.close()
    return messages / elapsed, cpu_used / messages


async def run(messages: int = 3000, sessions: int = 20, rounds: int = 3) -> Result:
    """`rounds` rounds of the three bots, interleaved, so that a slow spell of a shared
    machine hits all three alike; each figure is the median over the rounds."""
    warmup = max(sessions * 5, 100)
    runs: dict[str, list[tuple[float, float]]] = {
        "floor": [],
        "same": [],
        "ours": [],
        "webhook": [],
    }
    for _ in range(rounds):
        runs["floor"].append(await echo_floor(messages, sessions, warmup))
        runs["same"].append(await echo_floor(messages, sessions, warmup, aiohttp=True))
        runs["ours"].append(await relay_rate(messages, sessions, warmup))
        runs["webhook"].append(await relay_rate(messages, sessions, warmup, webhook=True))
    floor, floor_cpu = _median(runs["floor"])
    same_floor, same_floor_cpu = _median(runs["same"])
    ours, ours_cpu = _median(runs["ours"])
    hooked, hooked_cpu = _median(runs["webhook"])
    result = Result("relay_throughput")
    result.add(
        "echo_floor", floor, "msg/s", note=f"bare PTB echo, {messages} messages, median of {rounds}"
    )
    result.add(
        "echo_floor_aiohttp",
        same_floor,
        "msg/s",
        note="the same echo bot on our aiohttp transport (bot/transport.py)",
    )
    result.add(
        "relay",
        ours,
        "msg/s",
        goal=f">= {GOAL_RATE:.0f}",
        met=ours >= GOAL_RATE,
        note=f"{sessions} sessions, caseload 1, {messages} messages visitor->volunteer; "
        f"rounds: {', '.join(f'{rate:.0f}' for rate, _ in runs['ours'])}",
    )
    result.add(
        "relay_webhook",
        hooked,
        "msg/s",
        goal=f">= polling ({ours:.0f})",
        met=hooked >= ours,
        note="the same relay, updates POSTed to `python -m bot webhook` (40 connections); rounds: "
        + ", ".join(f"{rate:.0f}" for rate, _ in runs["webhook"]),
    )
    result.add("relay_webhook_cpu_per_msg", hooked_cpu * 1000, "ms CPU")
    result.add(
        "ratio", ours / floor, "x floor", goal=f">= {GOAL_RATIO}", met=ours / floor >= GOAL_RATIO
    )
    result.add(
        "ratio_same_transport",
        ours / same_floor,
        "x floor",
        note="what storage, crypto and routing cost when both bots use the same HTTP client",
    )
    result.add("vs_telegram_cap", ours / 30.0, "x 30/s", goal=">= 10", met=ours / 30.0 >= 10)
    result.add("echo_cpu_per_msg", floor_cpu * 1000, "ms CPU")
    result.add("echo_aiohttp_cpu_per_msg", same_floor_cpu * 1000, "ms CPU")
    result.add(
        "relay_cpu_per_msg",
        ours_cpu * 1000,
        "ms CPU",
        note="process CPU: bot, stand-in and SQLite thread together",
    )
    return result


def _median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """The run with the median rate, as (rate, CPU per message)."""
    return sorted(runs)[len(runs) // 2]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.relay_throughput")
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="fewer messages, one round")
    args = parser.parse_args(argv)
    messages = 600 if args.quick else args.messages
    rounds = 1 if args.quick else args.rounds
    report([asyncio.run(run(messages, args.sessions, rounds))])


if __name__ == "__main__":
    main()
