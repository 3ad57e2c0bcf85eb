"""(c) Throughput at a real round trip: every Bot API call takes 50 ms, 50 chats at once.

Against a local stand-in a call costs microseconds, which flatters a bot that waits for one
call before starting the next. Telegram is tens of milliseconds away, so what matters is how
many chats the bot keeps moving at once while staying in order within each (DESIGN.md: one
update at a time manages about 18 a second here). Goal: at least 150 messages a second.

Messages go both ways in every session (visitor -> volunteer as copies, volunteer -> visitor
with the discreet first line), and afterwards every chat is checked: each message exactly
once, in the order it was sent.

    python -m benchmarks.round_trip [--messages-per-chat N] [--chats N] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import tempfile
import time
from pathlib import Path

from benchmarks.common import (
    DeliveryCounter,
    Pair,
    Result,
    open_sessions,
    report,
    running_bot,
    texts_from_bot,
)
from bot.standin import BotAPIStandIn

GOAL_RATE = 150.0
LATENCY = 0.05


def check_chats(standin: BotAPIStandIn, pairs: list[Pair], per_side: int) -> tuple[int, int, int]:
    """(missing, duplicated, out-of-order) messages over every chat of every pair."""
    missing = duplicated = disordered = 0
    for n, pair in enumerate(pairs):
        for side, receiver in (("v", pair.volunteer), ("w", pair.visitor)):
            prefix = f"rt{n}{side}-"
            got = texts_from_bot(standin, receiver.id, prefix)
            expected = [f"{prefix}{i:05d}" for i in range(per_side)]
            missing += len(set(expected) - set(got))
            duplicated += len(got) - len(set(got))
            numbers = [int(t.rsplit("-", 1)[1]) for t in got]
            disordered += sum(1 for a, b in itertools.pairwise(numbers) if b <= a)
    return missing, duplicated, disordered


async def run(per_chat: int = 40, chats: int = 50, latency: float = LATENCY) -> Result:
    """`per_chat` messages each way in each of `chats` sessions, all queued at once."""
    with tempfile.TemporaryDirectory(prefix="bench-rtt-") as tmp:
        async with running_bot(directory=Path(tmp), latency=latency) as h:
            pairs = await open_sessions(h, chats)
            watched = {p.volunteer.id for p in pairs} | {p.visitor.id for p in pairs}
            counter = DeliveryCounter(h.standin, chats=watched)
            total = per_chat * chats * 2
            try:
                for i in range(per_chat):  # interleaved, as real chats would arrive
                    for n, pair in enumerate(pairs):
                        await pair.visitor.send(f"rt{n}v-{i:05d}")
                        await pair.volunteer.send(f"rt{n}w-{i:05d}")
                start, cpu = time.perf_counter(), time.process_time()
                await counter.wait_for(total, timeout=600)
                elapsed, cpu_used = time.perf_counter() - start, time.process_time() - cpu
                await h.settle()
            finally:
                counter.close()
            missing, duplicated, disordered = check_chats(h.standin, pairs, per_chat)
    rate = total / elapsed
    result = Result("round_trip")
    result.add(
        "rate",
        rate,
        "msg/s",
        goal=f">= {GOAL_RATE:.0f}",
        met=rate >= GOAL_RATE,
        note=f"{latency * 1000:.0f} ms per call, {chats} chats, {total} messages both ways",
    )
    result.add("cpu_per_msg", cpu_used / total * 1000, "ms CPU")
    result.add("missing", float(missing), "msgs", goal="0", met=missing == 0)
    result.add("duplicated", float(duplicated), "msgs", goal="0", met=duplicated == 0)
    result.add("out_of_order", float(disordered), "msgs", goal="0", met=disordered == 0)
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.round_trip")
    parser.add_argument("--messages-per-chat", type=int, default=40, help="each way")
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--quick", action="store_true", help="10 messages each way")
    args = parser.parse_args(argv)
    per_chat = 10 if args.quick else args.messages_per_chat
    report([asyncio.run(run(per_chat, args.chats))])


if __name__ == "__main__":
    main()
