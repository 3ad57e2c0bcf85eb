"""`python -m bot risk`: try the phrase lists out, one line at a time."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from bot.safety.lists import load_safety


def run_risk_cli(content_dir: Path, stdin: TextIO, stdout: TextIO) -> int:
    """`python -m bot risk`: print "<level>\\t<line>" for each input line, to try the lists out.

    Exits 1 without reading input if the lists have problems (printed to stderr), so an editor
    never tests against lists the bot would refuse to load.
    """
    detector, problems = load_safety(content_dir)
    if detector is None:
        for file, key, message in problems:
            print(f"error: {file}: {key}: {message}", file=sys.stderr)
        print(f"{len(problems)} problem(s) in the safety lists", file=sys.stderr)
        return 1
    for raw in stdin:
        line = raw.rstrip("\r\n")
        print(f"{detector.assess(line).level}\t{line}", file=stdout, flush=True)
    return 0
