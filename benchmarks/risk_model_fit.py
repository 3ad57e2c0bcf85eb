"""Features, training and threshold of the risk-model candidates (`benchmarks.risk_model`).

Data: the sample of the Reddit Mental Health Dataset (Low et al. 2020, JMIR 22(10):e22635;
CC BY 4.0 on Zenodo) shipped in the wheel of `construct-tracker` 1.0.16 (Apache-2.0), which
`benchmarks/risk.py` downloads with pip into `~/.cache/peer-support-bot/`. Only the benchmark's
*dev* splits train and calibrate: r/SuicideWatch posts over 280 characters (risk) against the
odd-numbered posts of the eight general subreddits (benign), and for some candidates the 18
mental-health subreddits (benign, though not labelled for risk) or every sentence of the dev
general posts. The short r/SuicideWatch posts and the even general posts stay unseen.

Each post is read as a model beside the lists would read a message: its first `READ_CHARS`
characters, English only (`english_words`: a text whose words are not mostly ASCII letters, or
that has fewer than `MIN_WORDS` of them, is never read, so Arabic, Russian or Chinese text is
never raised). A candidate is a logistic regression over binary features (by default each word
and each pair of neighbouring words, as match keys: normalised and stemmed exactly as the lists
read them) seen in at least `MIN_COUNT` training units, trained with Adagrad in a fixed order
(no random numbers), L2-regularised, the two classes weighted to equal total weight. Its
threshold is set without looking at the score of any unit it was trained on: each dev unit is
scored by a model trained on the other four fifths of the posts (5-fold cross-validation), and
the threshold lets at most `DEV_RAISED` (0.5 %) of the dev general posts through. Scores are
summed with `math.fsum`, exact in any order, so a run gives the same weights and the same
threshold whatever the process's string hashing: training is deterministic.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from benchmarks import risk
from bot.safety.normalize import match_key, tokens

READ_CHARS = 280  # a candidate reads the start of a message, as it was trained
MIN_WORDS = 3  # fewer English words than this: too little to read
MIN_ASCII_SHARE = 0.8  # share of words that must be ASCII letters (English script)
FOLDS = 5
MIN_COUNT = 3  # a feature seen in fewer training posts is dropped
EPOCHS = 5
RATE = 0.1  # Adagrad's step
L2 = 1e-4
DEV_RAISED = 0.005  # at most this share of the dev general posts raised by the model alone
DIGITS = 4
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")

Features = Callable[[list[str]], set[str]]


def english_words(text: str) -> list[str] | None:
    """The match keys of the words of the start of `text`, or None when it is not (mostly)
    English script or too short to read."""
    words = [t for t in tokens(text[:READ_CHARS]) if t.isalnum()]
    latin = [t for t in words if t.isascii() and t.isalpha()]
    if len(latin) < MIN_WORDS or len(latin) < MIN_ASCII_SHARE * len(words):
        return None
    return [match_key(t) for t in words]


def features(words: list[str]) -> set[str]:
    """Binary features: every word (match key) and every pair of neighbouring words."""
    found = set(words)
    found.update(f"{a} {b}" for a, b in itertools.pairwise(words))
    return found


def _texts(lines: Iterable[str], label: str) -> list[str]:
    return [ln.split("\t", 2)[2] for ln in lines if ln.startswith(label + "\t")]


def dev_data(wheel: Path) -> dict[str, list[str]]:
    """The dev splits: r/SuicideWatch over 280 characters; general subreddits, odd posts; the
    mental-health subreddits (unlabelled for risk; a candidate may train on them as benign)."""
    public = risk.public_sets(wheel)
    return {
        "risk": _texts(public["dev reddit r/SuicideWatch, > 280 chars"], "risk"),
        "general": _texts(public["dev reddit, 8 general subreddits (odd)"], "benign"),
        "health": _texts(public["reddit, 18 mental-health subreddits (unlabelled)"], "benign"),
    }


def _order(n: int) -> list[int]:
    """A fixed shuffle of range(n): by SHA-1 of the index, no random numbers."""
    return sorted(range(n), key=lambda i: hashlib.sha1(str(i).encode()).digest())


def train(
    docs: Sequence[tuple[set[str], bool, float]],
    *,
    min_count: int = MIN_COUNT,
    epochs: int = EPOCHS,
    l2: float = L2,
    nb_alpha: float | None = None,
) -> tuple[dict[str, float], float]:
    """Logistic regression over binary features: (weights, bias). `docs` are (features,
    is risk, weight); the classes are weighted to equal total weight.

    With `nb_alpha`, each feature's value is its naive-Bayes log-count ratio (the share of the
    risk lines' features it is, against the benign lines', each count smoothed by `nb_alpha`)
    instead of 1: the regression starts from what each feature alone says (Wang and Manning
    2012, "NBSVM"). The weights returned are the products, so a model is scored the same way
    either way."""
    seen = Counter[str]()
    for found, _, _ in docs:
        seen.update(found)
    vocabulary = sorted(f for f, n in seen.items() if n >= min_count)
    ratio = [1.0] * len(vocabulary) if nb_alpha is None else _nb_ratios(docs, vocabulary, nb_alpha)
    index = {f: i for i, f in enumerate(vocabulary)}
    rows = [([index[f] for f in sorted(found) if f in index], y, w) for found, y, w in docs]
    positive = sum(w for _, y, w in rows if y)
    negative = sum(w for _, y, w in rows if not y)
    balance = negative / positive if positive else 1.0
    weights = [0.0] * len(vocabulary)
    squares = [1e-8] * len(vocabulary)
    bias, bias_square = 0.0, 1e-8
    order = _order(len(rows))
    for _ in range(epochs):
        for i in order:
            columns, y, w = rows[i]
            if not columns:
                continue
            z = bias + sum(weights[j] * ratio[j] for j in columns)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g = (p - y) * w * (balance if y else 1.0)
            for j in columns:
                gj = g * ratio[j] + l2 * weights[j]
                squares[j] += gj * gj
                weights[j] -= RATE * gj / math.sqrt(squares[j])
            bias_square += g * g
            bias -= RATE * g / math.sqrt(bias_square)
    kept = {f: round(weights[i] * ratio[i], DIGITS) for i, f in enumerate(vocabulary)}
    return {f: w for f, w in kept.items() if w}, round(bias, DIGITS)


def _nb_ratios(
    docs: Sequence[tuple[set[str], bool, float]], vocabulary: list[str], alpha: float
) -> list[float]:
    """Each feature's log-count ratio: log(its smoothed share of the risk lines' feature
    counts) - log(its share of the benign lines'), each line counted at its weight."""
    counts: tuple[Counter[str], Counter[str]] = (Counter(), Counter())
    for found, y, w in docs:
        side = counts[1 if y else 0]
        for f in found:
            side[f] += w
    benign, risk = counts
    total_risk = math.fsum(risk[f] for f in vocabulary) + alpha * len(vocabulary)
    total_benign = math.fsum(benign[f] for f in vocabulary) + alpha * len(vocabulary)
    return [
        math.log((risk[f] + alpha) / total_risk) - math.log((benign[f] + alpha) / total_benign)
        for f in vocabulary
    ]


def score(model: tuple[dict[str, float], float], found: set[str]) -> float:
    weights, bias = model
    return math.fsum([bias, *(weights.get(f, 0.0) for f in found)])  # exact: any order


def read(texts: Iterable[str], extract: Features) -> list[set[str] | None]:
    """Each text as the model reads it; None for one it does not read (not English, too short)."""
    out: list[set[str] | None] = []
    for text in texts:
        words = english_words(text)
        out.append(None if words is None else extract(words))
    return out


def sentences(text: str) -> list[str]:
    """The sentences of a post (split after . ! ? and at line ends), each read alone."""
    return [part for part in SENTENCE_END.split(text) if part.strip()]


def fit(
    data: dict[str, list[str]],
    extract: Features = features,
    *,
    health_weight: float = 0.0,
    sentence_weight: float = 0.0,
    sentence_raised: float = DEV_RAISED,
    **options: float,
) -> tuple[dict[str, float], float, float, dict[str, list[float | None]]]:
    """Train on the dev data and calibrate the threshold by cross-validation.

    With `sentence_weight`, every sentence of a dev general post is also a benign example (of
    that weight), and the threshold also lets at most `sentence_raised` of them through:
    chat messages are short, and a model that has only seen the openings of posts has not
    learnt what a short benign message looks like.

    Returns (weights, bias, threshold, out-of-fold scores per dev set), the last for the
    candidates' dev figures."""
    # each set: (post index, features or None); a post's units share its fold
    sets = {name: list(enumerate(read(texts, extract))) for name, texts in data.items()}
    if sentence_weight > 0:
        pieces = [(i, part) for i, post in enumerate(data["general"]) for part in sentences(post)]
        found = read((part for _, part in pieces), extract)
        sets["general sentences"] = [(i, f) for (i, _), f in zip(pieces, found, strict=True)]
    plan = [
        ("risk", True, 1.0),
        ("general", False, 1.0),
        ("health", False, health_weight),
        ("general sentences", False, sentence_weight),
    ]

    def docs(skip_fold: int | None) -> list[tuple[set[str], bool, float]]:
        return [
            (found, y, w)
            for name, y, w in plan
            if w > 0
            for i, found in sets[name]
            if found is not None and (skip_fold is None or i % FOLDS != skip_fold)
        ]

    oof: dict[str, list[float | None]] = {name: [None] * len(s) for name, s in sets.items()}
    for fold in range(FOLDS):
        model = train(docs(fold), **options)  # type: ignore[arg-type]
        for name, units in sets.items():
            for k, (i, found) in enumerate(units):
                if i % FOLDS == fold and found is not None:
                    oof[name][k] = score(model, found)
    threshold = _threshold(oof["general"])
    if sentence_weight > 0:
        threshold = max(threshold, _threshold(oof["general sentences"], sentence_raised))
    weights, bias = train(docs(None), **options)  # type: ignore[arg-type]
    return weights, bias, threshold, oof


def _threshold(scores: list[float | None], raised: float = DEV_RAISED) -> float:
    """The score strictly above which at most `DEV_RAISED` of these units are raised (units the
    model does not read count as not raised), rounded up so that rounding lets none more in."""
    ranked = sorted((s for s in scores if s is not None), reverse=True)
    allowed = int(len(scores) * raised)
    if allowed >= len(ranked):
        return -math.inf
    return math.ceil(ranked[allowed] * 10**DIGITS) / 10**DIGITS
