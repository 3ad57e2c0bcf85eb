"""Run every benchmark, print one table and, last, one JSON line with every figure.

    python -m benchmarks [--quick] [--duration SECONDS]

`--quick` shrinks each benchmark (a smoke run of a minute or two); the full run takes several
minutes, most of it the 60-second latency run. Each benchmark also runs alone, e.g.
`python -m benchmarks.relay_throughput`.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from benchmarks import latency, memory, ordering, relay_throughput, round_trip, scaling, startup
from benchmarks.common import Result, json_line, report


async def run_all(quick: bool, duration: float) -> list[Result]:
    """One after another, never overlapping: they share two cores and would skew each other.

    Each result is also printed (as its JSON) the moment it is known, on stderr."""
    steps = [
        lambda: relay_throughput.run(messages=600 if quick else 3000, rounds=1 if quick else 3),
        lambda: latency.run(duration=10.0 if quick else duration),
        lambda: round_trip.run(per_chat=10 if quick else 40),
        lambda: ordering.run(messages=20 if quick else 100),
        lambda: scaling.run(samples=50 if quick else 200),
        lambda: memory.run(waiting=10_000 if quick else 100_000),
        lambda: startup.run(runs=3 if quick else 5),
    ]
    results = []
    for step in steps:
        result = await step()
        print(json_line([result]), file=sys.stderr, flush=True)
        results.append(result)
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="smaller runs, for a smoke test")
    parser.add_argument("--duration", type=float, default=60.0, help="latency run, seconds")
    args = parser.parse_args(argv)
    report(asyncio.run(run_all(args.quick, args.duration)))


if __name__ == "__main__":
    main()
