"""(b) Relay latency at Telegram's pace: 30 relayed messages a second for a while.

Latency here is the bot's own share: from the moment the stand-in serves the update in a
getUpdates answer to the moment the copy request reaches the stand-in. It holds the durable
inbox write, the per-chat ordering, every database read and the claim of the copy. Goal: p99
no more than 15 ms, so the bot adds nothing a person could notice to Telegram's own delay.

Messages go out at a steady 30 a second across the sessions (the pacing sleep generates load;
nothing waits on time for synchronisation).

    python -m benchmarks.latency [--duration SECONDS] [--rate N] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from benchmarks.common import (
    DeliveryCounter,
    Result,
    open_sessions,
    percentile,
    report,
    running_bot,
)
from bot.standin import ApiCall

GOAL_P99_MS = 15.0


async def run(duration: float = 60.0, rate: float = 30.0, sessions: int = 20) -> Result:
    served: dict[str, float] = {}  # text (unique per message) -> when getUpdates served it
    latencies: list[float] = []

    def on_get_updates(call: ApiCall) -> None:
        if call.method != "getUpdates" or not call.ok:
            return
        now = time.monotonic()
        for update in call.result or []:
            message = update.get("message")
            if message is not None and "text" in message:
                served.setdefault(message["text"], now)

    def on_copy(call: ApiCall, _observed: float) -> None:
        # copied, or re-sent with sendMessage (a discreet first line may go in front)
        start = served.get((h.standin.text_sent(call) or "").split("\n")[-1])
        if start is not None:
            latencies.append(call.received_at - start)  # received_at: arrival at the stand-in

    total = int(duration * rate)
    with tempfile.TemporaryDirectory(prefix="bench-latency-") as tmp:
        async with running_bot(directory=Path(tmp)) as h:
            pairs = await open_sessions(h, sessions)
            h.standin.on_call.append(on_get_updates)
            counter = DeliveryCounter(
                h.standin, chats={p.volunteer.id for p in pairs}, on_delivery=on_copy
            )
            try:
                start = time.monotonic()
                for i in range(total):
                    await pairs[i % sessions].visitor.send(f"paced {i}")
                    delay = start + (i + 1) / rate - time.monotonic()
                    if delay > 0:
                        await asyncio.sleep(delay)  # load pacing, not synchronisation
                await counter.wait_for(total, timeout=60)
                achieved = total / (time.monotonic() - start)
            finally:
                counter.close()
                h.standin.on_call.remove(on_get_updates)
    ms = [x * 1000 for x in latencies]
    p99 = percentile(ms, 99)
    result = Result("latency")
    result.add(
        "messages",
        float(len(ms)),
        "msgs",
        note=f"{duration:.0f} s at {rate:.0f}/s, achieved {achieved:.1f}/s, {sessions} sessions",
    )
    result.add("p50", percentile(ms, 50), "ms")
    result.add("p99", p99, "ms", goal=f"<= {GOAL_P99_MS:.0f}", met=p99 <= GOAL_P99_MS)
    result.add("max", max(ms), "ms")
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.latency")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds (default 60)")
    parser.add_argument("--rate", type=float, default=30.0, help="messages a second")
    parser.add_argument("--quick", action="store_true", help="10 seconds")
    args = parser.parse_args(argv)
    duration = 10.0 if args.quick else args.duration
    report([asyncio.run(run(duration, args.rate))])


if __name__ == "__main__":
    main()
