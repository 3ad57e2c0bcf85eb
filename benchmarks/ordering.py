"""(d) Ordering under concurrency: 100 rapid messages from each of 50 visitors.

Chats run concurrently, so the one thing that must never happen is a person's messages
arriving out of order (DESIGN.md: PTB's `concurrent_updates=True` did exactly that). Every
message is numbered; the volunteer's chat must show 0, 1, 2, ... with nothing lost or doubled.

    python -m benchmarks.ordering [--visitors N] [--messages N] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import tempfile
from pathlib import Path

from benchmarks.common import (
    DeliveryCounter,
    Result,
    open_sessions,
    report,
    running_bot,
    texts_from_bot,
)


async def run(visitors: int = 50, messages: int = 100) -> Result:
    with tempfile.TemporaryDirectory(prefix="bench-order-") as tmp:
        async with running_bot(directory=Path(tmp)) as h:
            pairs = await open_sessions(h, visitors)
            counter = DeliveryCounter(h.standin, chats={p.volunteer.id for p in pairs})
            try:
                for i in range(messages):
                    for n, pair in enumerate(pairs):
                        await pair.visitor.send(f"o{n}-{i:04d}")
                await counter.wait_for(visitors * messages, timeout=300)
                await h.settle()
            finally:
                counter.close()
            violations = missing = doubled = 0
            for n, pair in enumerate(pairs):
                got = texts_from_bot(h.standin, pair.volunteer.id, f"o{n}-")
                numbers = [int(t.split("-")[1]) for t in got]
                violations += sum(1 for a, b in itertools.pairwise(numbers) if b < a)
                missing += messages - len(set(numbers))
                doubled += len(numbers) - len(set(numbers))
    result = Result("ordering")
    result.add(
        "violations",
        float(violations),
        "pairs",
        goal="0",
        met=violations == 0,
        note=f"{visitors} visitors x {messages} messages, all queued at once",
    )
    result.add("missing", float(missing), "msgs", goal="0", met=missing == 0)
    result.add("duplicated", float(doubled), "msgs", goal="0", met=doubled == 0)
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ordering")
    parser.add_argument("--visitors", type=int, default=50)
    parser.add_argument("--messages", type=int, default=100)
    parser.add_argument("--quick", action="store_true", help="20 messages each")
    args = parser.parse_args(argv)
    messages = 20 if args.quick else args.messages
    report([asyncio.run(run(args.visitors, messages))])


if __name__ == "__main__":
    main()
