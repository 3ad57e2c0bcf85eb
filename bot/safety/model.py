"""A small statistical model beside the risk lists: it may raise a message the lists leave at
`none` to `elevated`, never anything else.

Why: the lists catch what they name; people in danger often write what no list names. On
messages nobody tuned on, the model finds part of what the lists miss (figures in the README,
"Risk detection: figures"). It never lowers a verdict, never raises to `high`, and never speaks
where an exclusion of the lists matched (an admin's word that a wording is benign: "dying of
laughter"); see `RiskDetector.lists_verdict`. It has two thresholds: `threshold` for a near
miss of the lists (a part of some `together` rule found, the rule incomplete), and the higher
`far` for a message with no part of any rule (most ordinary chat), so it needs to be surer
there.

What it is: a logistic regression over hashed binary features of the message as the lists read
it (normalised, glued reading, its first `READ_TOKENS` tokens): each word (as the lists match
it: English words stemmed), each pair of neighbouring words, and the character 3-, 4- and
5-grams of each word of three letters or more, with its edges marked. A feature is the CRC-32
of its text in `BUCKETS` buckets (the same in every process and on every machine). Trained by
`python -m benchmarks.risk_model_train` from the team's labelled sets, ordinary support-chat
messages and public general posts (sources and licences in the README); the weights ship in
`risk_model.bin.gz` beside this module. No `telegram` import. Nothing of a message is stored:
like the detector's own key cache, a bounded in-memory cache keeps the buckets (and, for Arabic
and Arabizi, the skeleton) of the first 16,384 distinct words of at most 32 letters met (never a
number), for speed, and dies with the process.
"""

from __future__ import annotations

import gzip
import io
import itertools
import json
import math
import sys
import zlib
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from bot.safety import skeleton
from bot.safety.normalize import match_key

BUCKETS = 1 << 19
READ_TOKENS = 80  # a model reads the start of a message: a 4,096-character one costs no more
MIN_CHARS = 3  # words shorter than this give no character n-grams
GRAMS = (3, 4, 5)
MODEL_CATEGORY = "model"  # the category of a verdict the model raised
SHIPPED = Path(__file__).with_name("risk_model.bin.gz")
# A damaged or missing model file stops the bot like damaged content (`load_safety`), named so:
# without the model the lists alone decide, and they miss nearly half of what both find
SHIPPED_NAME = f"bot/safety/{SHIPPED.name}"
REMEDY = (
    "install the bot again, or make it with python -m benchmarks.risk_model_train "
    "(RISK_MODEL=off runs the lists alone: they miss nearly half of what both find)"
)
# ... and a model file without the readier pair, which the bot uses by default
NO_READIER = (
    "the model file has no readier thresholds for RISK_MODEL=on: set RISK_MODEL=careful, or "
    "install the bot again, or make the model with python -m benchmarks.risk_model_train"
)
_MASK = BUCKETS - 1
_UNREAD = object()
_CHUNK = 4096  # weights read at a time when loading
_shipped: object = _UNREAD


def features(toks: Sequence[str]) -> set[str]:
    """The features of a message's tokens (see the module docstring)."""
    words = _words(toks)
    keys = [match_key(t) for t in words]
    found = set(keys)
    found.update(f"{a} {b}" for a, b in itertools.pairwise(keys))
    for word in words:
        found.update(_grams(word))
    skels = _skeletons(words)
    for skel in skels:
        if skel:
            found.update(skeleton.own_features(skel))
    found.update(skeleton.pair_feature(a, b) for a, b in itertools.pairwise(skels) if a and b)
    return found


def _skeletons(words: Sequence[str]) -> list[str | None]:
    """Each word's skeleton (None where it is not read: see `bot.safety.skeleton`)."""
    latin = skeleton.arabizi(words)
    return [skeleton.skeleton(word, latin) for word in words]


def _words(toks: Sequence[str]) -> list[str]:
    return [t for t in toks[:READ_TOKENS] if t.isalnum() or len(t) == 1]


def _grams(word: str) -> list[str]:
    if len(word) < MIN_CHARS:
        return []
    marked = f"<{word}>"
    return ["#" + marked[i : i + n] for n in GRAMS for i in range(len(marked) - n + 1)]


def buckets(found: Iterable[str]) -> set[int]:
    """Each feature's bucket: CRC-32 of its UTF-8 text, the same everywhere."""
    return {zlib.crc32(f.encode()) & _MASK for f in found}


# A word's own buckets, for the commonest words (the first met): a compact array each, so a
# full cache stays near 2 MB
_WORD_BUCKETS: dict[str, array] = {}
# ... and each word's skeleton as read in Arabizi (None for a word of another script) with its
# own buckets; a word longer than this is never kept (a 4,096-letter one would be 16 kB)
_SKELETONS: dict[str, tuple[str | None, array]] = {}
_LONGEST_CACHED = 32
_CACHE_LIMIT = 16_384


def _cacheable(word: str, cache: dict) -> bool:
    """Whether a word may be kept: the cache not full, the word short, and no number (a time
    or a phone number is never kept past its message)."""
    return len(cache) < _CACHE_LIMIT and len(word) <= _LONGEST_CACHED and not word.isdigit()


def message_buckets(toks: Sequence[str]) -> set[int]:
    """`buckets(features(toks))`, with each word's own buckets (its key and its character
    n-grams) computed once per process: only the pairs of words are hashed per message."""
    words = _words(toks)
    keys = [match_key(t) for t in words]
    found: set[int] = set()
    for word, key in zip(words, keys, strict=True):
        own = _WORD_BUCKETS.get(word)
        if own is None:
            own = array("I", buckets([key, *_grams(word)]))
            if _cacheable(word, _WORD_BUCKETS):
                _WORD_BUCKETS[word] = own
        found.update(own)
    found.update(buckets(f"{a} {b}" for a, b in itertools.pairwise(keys)))
    latin = skeleton.arabizi(words)
    skels: list[str | None] = []
    for word in words:
        if not latin and word.isascii():
            skels.append(None)  # a Latin word outside Arabizi: not read
            continue
        known = _SKELETONS.get(word)
        if known is None:
            skel = skeleton.skeleton(word, True)
            known = (skel, array("I", buckets(skeleton.own_features(skel)) if skel else ()))
            if _cacheable(word, _SKELETONS):
                _SKELETONS[word] = known
        skels.append(known[0])
        found.update(known[1])
    found.update(
        buckets(skeleton.pair_feature(a, b) for a, b in itertools.pairwise(skels) if a and b)
    )
    return found


@dataclass(frozen=True)
class RiskModel:
    """Weights per bucket, a bias, and the scores above which a message is raised: `threshold`
    near a miss of the lists, `far` where no part of any rule was found."""

    weights: array  # array("f") of BUCKETS weights
    bias: float
    threshold: float
    far: float = math.inf
    more: tuple[float, float] | None = None  # the readier pair (threshold, far): `readier`

    def score(self, toks: Sequence[str]) -> float:
        weights = self.weights
        return math.fsum(
            itertools.chain((self.bias,), map(weights.__getitem__, message_buckets(toks)))
        )

    def raises(self, toks: Sequence[str], near: bool = True) -> bool:
        """Whether the message is raised: `near` says a part of some rule was found in it."""
        cut = self.threshold if near else self.far
        return bool(toks) and cut < math.inf and self.score(toks) > cut

    def readier(self) -> RiskModel:
        """The same model with its readier thresholds, the bot's by default (`RISK_MODEL=on`;
        `careful` keeps the file's own pair): chosen by the training within looser bounds on
        its false alarms, never above the file's own pair (it raises all that one raises, and
        more: README, "Risk detection"). The weights are shared. A ValueError when the file
        has no such pair."""
        if self.more is None:
            raise ValueError(NO_READIER)
        return replace(self, threshold=self.more[0], far=self.more[1], more=None)

    @classmethod
    def from_bytes(cls, blob: bytes) -> RiskModel:
        """From the shipped form (see `encode`), decompressed."""
        with io.BytesIO(blob) as stream:
            return cls._read(stream)

    @classmethod
    def _read(cls, stream: BinaryIO) -> RiskModel:
        """From a stream of the shipped form, decompressed: the header, then the buckets and
        the weights a few thousand at a time, the weights straight into the array of all
        buckets (the body is never held whole: the peak and the heap it leaves stay small).
        Whatever is wrong with the file, or with its compression, is a ValueError: "damaged",
        or "another number of buckets"."""
        try:
            header = stream.readline()
            meta = json.loads(header) if header.endswith(b"\n") else None
        except (EOFError, OSError, zlib.error, ValueError):  # cut, bad gzip, not JSON
            meta = None
        if not isinstance(meta, dict):
            raise ValueError("the model file is damaged")
        if meta.get("buckets") != BUCKETS:
            raise ValueError("the model was trained for another number of buckets")
        count = meta.get("count")
        numbers = [meta.get("bias"), meta.get("threshold")]
        if "far" in meta:  # a file without it: near misses only
            numbers.append(meta["far"])
        more = meta.get("more")  # a file without it: RISK_MODEL=careful only
        if "more" in meta:
            if not (isinstance(more, list) and len(more) == 2):
                raise ValueError("the model file is damaged")
            numbers.extend(more)
        if not (_whole(count) and 0 <= count <= BUCKETS and all(map(_finite, numbers))):
            raise ValueError("the model file is damaged")
        weights = array("f", [0.0]) * BUCKETS
        try:
            where = array("I")
            for first in range(0, count, _CHUNK):
                where.fromfile(stream, min(_CHUNK, count - first))  # type: ignore[arg-type]
            if sys.byteorder == "big":
                where.byteswap()
            if any(b >= BUCKETS for b in where):
                raise ValueError("a bucket out of range")
            for first in range(0, count, _CHUNK):
                values = array("f")
                values.fromfile(stream, min(_CHUNK, count - first))  # type: ignore[arg-type]
                if sys.byteorder == "big":
                    values.byteswap()
                for bucket, weight in zip(where[first : first + len(values)], values, strict=True):
                    weights[bucket] = weight
            if stream.read(1):
                raise ValueError("bytes after the weights")
        except (EOFError, OSError, zlib.error, ValueError):  # cut, inside a number too
            raise ValueError("the model file is damaged") from None
        values = [float(n) for n in numbers]
        readier = None
        if more is not None:
            readier = (values[-2], values[-1])
            del values[-2:]
        bias, threshold, *far = values
        top = far[0] if far else math.inf
        if readier is not None and not (readier[0] <= threshold and readier[1] <= top):
            # readier is never above the file's own pair: `on` raises all `careful` raises
            raise ValueError("the model file is damaged")
        return cls(weights, bias, threshold, top, readier)

    @classmethod
    def shipped(cls) -> RiskModel | None:
        """The model shipped beside this module, read once per process (it never changes)."""
        global _shipped
        if _shipped is _UNREAD:
            _shipped = cls.load()
        return _shipped  # type: ignore[return-value]

    @classmethod
    def for_bot(cls, readier: bool = False) -> RiskModel:
        """The shipped model as the settings ask for it (`readier`: `RISK_MODEL=on`), or a
        ValueError saying in one line what is wrong and what to do."""
        try:
            shipped = cls.shipped()
            if shipped is None:
                raise ValueError("the model file is missing")
        except ValueError as error:
            raise ValueError(f"{error}: {REMEDY}") from None
        # without the readier pair, its own remedy (`NO_READIER`): `careful` runs on this file
        return shipped.readier() if readier else shipped

    @classmethod
    def load(cls, path: Path = SHIPPED) -> RiskModel | None:
        """The shipped model, or None when there is none (`load_safety` then refuses to run
        the bot on the lists alone without a word); ValueError when it is damaged or cannot be
        read."""
        if not path.exists():
            return None
        try:
            with gzip.open(path, "rb") as stream:
                return cls._read(stream)  # type: ignore[arg-type]
        except OSError as error:  # a folder in its place, no permission to read, a disk error
            raise ValueError(f"the model file cannot be read ({error.strerror or error})") from None


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _finite(value: object) -> bool:
    """A bias or a threshold: a finite number (an infinite bias would raise every message)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def encode(
    bias: float,
    threshold: float,
    weights: dict[int, float],
    far: float = math.inf,
    trained_on: str = "",
    *,
    more: tuple[float, float] | None = None,
) -> bytes:
    """The shipped form, the same bytes for the same model: a JSON line (buckets, bias,
    threshold, far, count, `more`: the readier pair, and `trained_on`: a digest of the lines it
    was trained on, which the bot never reads and a test compares with the training data of the
    day), then the buckets with a weight (uint32) and their weights (float32), little-endian,
    gzip-compressed without a time stamp."""
    where = array("I", sorted(weights))
    values = array("f", (weights[b] for b in where))
    if sys.byteorder == "big":
        where.byteswap()
        values.byteswap()
    meta = {"buckets": BUCKETS, "bias": bias, "threshold": threshold, "count": len(where)}
    if far < math.inf:
        meta["far"] = far
    if more is not None:
        meta["more"] = list(more)
    if trained_on:
        meta["trained_on"] = trained_on
    raw = json.dumps(meta, sort_keys=True).encode() + b"\n" + where.tobytes() + values.tobytes()
    return gzip.compress(raw, compresslevel=9, mtime=0)
