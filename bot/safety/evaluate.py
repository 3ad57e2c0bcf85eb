"""`python -m bot risk --eval FILE.tsv`: how the lists do on labelled lines.

Each line is `label<TAB>lang<TAB>text` with label `risk` or `benign` (blank lines and lines
starting with `#` are skipped). Recall is the share of `risk` lines flagged at any level; the
false-positive rate the share of `benign` lines flagged at any level (and, separately, at
`high`). Every miss and every false positive is listed, so an editor sees what to fix.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

from bot.safety.detector import RiskDetector

LABELS = ("risk", "benign")


@dataclass
class Tally:
    risk: int = 0
    caught: int = 0
    caught_high: int = 0
    benign: int = 0
    flagged: int = 0
    flagged_high: int = 0

    @property
    def recall(self) -> float | None:
        return self.caught / self.risk if self.risk else None

    @property
    def false_positive_rate(self) -> float | None:
        return self.flagged / self.benign if self.benign else None


@dataclass
class Evaluation:
    by_lang: dict[str, Tally] = field(default_factory=dict)
    misses: list[tuple[str, str]] = field(default_factory=list)  # (lang, text)
    false_positives: list[tuple[str, str, str]] = field(default_factory=list)  # (level, ...)
    bad_lines: list[int] = field(default_factory=list)

    @property
    def overall(self) -> Tally:
        total = Tally()
        for tally in self.by_lang.values():
            for name in vars(total):
                setattr(total, name, getattr(total, name) + getattr(tally, name))
        return total


def evaluate(detector: RiskDetector, lines: Iterable[str]) -> Evaluation:
    """Rate every labelled line; malformed lines are counted by number, never guessed."""
    result = Evaluation()
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t", 2)
        if len(parts) != 3 or parts[0] not in LABELS or not parts[1]:
            result.bad_lines.append(number)
            continue
        label, lang, text = parts
        tally = result.by_lang.setdefault(lang, Tally())
        level = detector.assess(text).level
        if label == "risk":
            tally.risk += 1
            if level != "none":
                tally.caught += 1
                tally.caught_high += level == "high"
            else:
                result.misses.append((lang, text))
        else:
            tally.benign += 1
            if level != "none":
                tally.flagged += 1
                tally.flagged_high += level == "high"
                result.false_positives.append((level, lang, text))
    return result


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.3f}" if whole else "-"


def report(result: Evaluation, out: TextIO) -> None:
    rows = [*sorted(result.by_lang.items()), ("all", result.overall)]
    print("lang\trecall (any level)\trecall at high\tbenign flagged\tbenign flagged high", file=out)
    for lang, t in rows:
        print(
            f"{lang}\t{_share(t.caught, t.risk)}\t{_share(t.caught_high, t.risk)}\t"
            f"{_share(t.flagged, t.benign)}\t{_share(t.flagged_high, t.benign)}",
            file=out,
        )
    if result.misses:
        print(f"\nmissed ({len(result.misses)}):", file=out)
        for lang, text in result.misses:
            print(f"  {lang}\t{text}", file=out)
    if result.false_positives:
        print(f"\nbenign but flagged ({len(result.false_positives)}):", file=out)
        for level, lang, text in result.false_positives:
            print(f"  {level}\t{lang}\t{text}", file=out)
    if result.bad_lines:
        shown = ", ".join(map(str, result.bad_lines[:20]))
        print(f"\nskipped {len(result.bad_lines)} malformed line(s): {shown}", file=out)
