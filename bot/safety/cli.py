"""`python -m bot risk`: try the lists out on lines of text."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from bot.safety.evaluate import evaluate, report
from bot.safety.explain import findings
from bot.safety.lists import load_safety
from bot.safety.model import MODEL_CATEGORY, SHIPPED_NAME

# --------------------------------------------------------------------------- CLI


def run_risk_cli(
    content_dir: Path,
    stdin: TextIO,
    stdout: TextIO,
    eval_file: Path | None = None,
    lists_only: bool = False,
    explain: bool = False,
    *,
    readier: bool = False,
) -> int:
    """`python -m bot risk`: print "<level>\\t<line>" for each input line, to try the lists out;
    with `eval_file`, the figures of `bot.safety.evaluate` on a labelled file instead. As the
    bot reads a message (the lists and the model beside them), or with `lists_only` the lists
    alone (what an editor of the lists wants to see). With `explain`, each line is followed by
    what of the lists was found in it, in its own words (`bot.safety.explain`). With `readier`,
    the model's readier thresholds (`RISK_MODEL=on`, the bot's default; without: its own,
    `RISK_MODEL=careful`).

    Exits 1 without reading input if the lists have problems (printed to stderr), so an editor
    never tests against lists the bot would refuse to load.
    """
    detector, problems = load_safety(content_dir, model=not lists_only, readier=readier)
    if detector is None:
        for file, key, message in problems:
            print(f"error: {file}: {key}: {message}", file=sys.stderr)
        where = "the risk model" if problems[0][0] == SHIPPED_NAME else "the safety lists"
        print(f"{len(problems)} problem(s) in {where}", file=sys.stderr)
        return 1
    if eval_file is not None:
        try:
            with eval_file.open(encoding="utf-8") as lines:
                result = evaluate(detector, lines)
        except (OSError, UnicodeDecodeError) as exc:
            print(f"cannot read {eval_file}: {exc}", file=sys.stderr)
            return 1
        report(result, stdout)
        return 0
    for raw in stdin:
        line = raw.rstrip("\r\n")
        verdict = detector.assess(line)
        print(f"{verdict.level}\t{line}", file=stdout, flush=not explain)
        if explain:
            for kind, level, category, words, note in findings(detector, line):
                what = " ".join(filter(None, (kind, level, category)))
                print(f"  {what}: {words}" + (f" ({note})" if note else ""), file=stdout)
            if MODEL_CATEGORY in verdict.categories:
                print("  model: the statistical model raised it (it names no words)", file=stdout)
            stdout.flush()
    return 0
