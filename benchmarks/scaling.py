"""(e) Cost as work grows: joining the queue and `/next` with 100 to 100,000 people waiting.

Measured at the core (`RelayService` on a real SQLite file), where the cost of a growing queue
lives: what the handlers add on top is constant. A busy evening, or a campaign link shared
widely, can put thousands in the queue; the operations people wait on must not slow down with
it.

* enqueue: `RelayService.join()` for a new visitor (their place and estimate included).
* take_next: `RelayService.take_next()`, the atomic move from the queue into a session.
* refresh: `RelayService.queue_places()`, which the `/next` handler runs right after to update
  the place message of the first waiting visitors.
* next_total: take_next + refresh, the core work of one `/next`.

The queue is kept at its size: each joiner leaves again and each visitor taken is put back,
outside the timed part.

    python -m benchmarks.scaling [--sizes 100,1000,...] [--samples N] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from benchmarks.common import CONTENT, Result, percentile, report
from benchmarks.population import populate
from bot.core import Core
from bot.harness import offline_settings

SIZES = (100, 1_000, 10_000, 100_000)
NEW_VISITOR = 7_500_000_001


async def measure(size: int, samples: int) -> dict[str, list[float]]:
    """Timings in ms of each operation on a queue of `size`."""
    timings: dict[str, list[float]] = {"enqueue": [], "take_next": [], "refresh": [],
                                       "next_total": []}  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        settings = offline_settings(Path(tmp) / "bot.sqlite3", CONTENT, rate_limit=False)
        core = await Core.open(settings)
        try:
            population = await populate(core, waiting=size, volunteers=20)
            relay = core.relay
            for k in range(samples):
                visitor = core.visitors.pseudonym(NEW_VISITOR + k)
                start = time.perf_counter()
                joined = await relay.join(visitor)
                timings["enqueue"].append((time.perf_counter() - start) * 1000)
                assert joined.outcome == "queued", joined.outcome
                await relay.cancel(visitor)
            staff = await core.staff.get(core.visitors.pseudonym(population.volunteers[0]))
            assert staff is not None
            for _ in range(samples):
                start = time.perf_counter()
                session = await relay.take_next(staff)
                taken = time.perf_counter()
                await relay.queue_places()
                done = time.perf_counter()
                assert not isinstance(session, str), session
                timings["take_next"].append((taken - start) * 1000)
                timings["refresh"].append((done - taken) * 1000)
                timings["next_total"].append((done - start) * 1000)
                await relay.end(session, "volunteer")
                await relay.requeue(session)
        finally:
            await core.close()
    return timings


async def run(sizes: tuple[int, ...] = SIZES, samples: int = 200) -> Result:
    result = Result("scaling")
    for size in sizes:
        timings = await measure(size, samples)
        for op, values in timings.items():
            result.add(f"{op}_p50@{size}", percentile(values, 50), "ms")
            result.add(f"{op}_p99@{size}", percentile(values, 99), "ms")
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scaling")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--quick", action="store_true", help="50 samples per size")
    args = parser.parse_args(argv)
    sizes = tuple(int(x) for x in args.sizes.split(","))
    report([asyncio.run(run(sizes, 50 if args.quick else args.samples))])


if __name__ == "__main__":
    main()
