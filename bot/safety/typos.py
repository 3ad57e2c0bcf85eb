"""One slip of the keyboard in a longer English word of the lists: "myslef", "overdsoe",
"antidepresants" are read as the word they miss.

People in crisis type fast. A word of a message that is not a word of the lists, is written in
ASCII letters, has at least `MIN_LENGTH` letters and is one edit (a letter left out, added,
changed, or two neighbours swapped) from exactly one English word of the lists (of as many
letters or more), and from no real word near one of them, is read as that word. Only English
words of the lists are targets: Turkish "olmak" (to be) is one letter from "olmek" (to die,
folded), so corrections toward other languages' words would turn everyday words into alarms.
A real English word is never corrected ("stoned" is not "stones"), nor a slip that could be
one for it ("stonez"): the English dictionary of pyspellchecker (MIT) says which words are
real, and only those one edit from a word of the lists are kept, so the detector holds a few
thousand words, not the dictionary.
"""

from __future__ import annotations

import functools
import gzip
import json
from collections.abc import Iterable
from importlib import resources
from typing import Any

from bot.safety.normalize import APOSTROPHE

# shorter words have too many real neighbours and chat spellings ("noone" is "no one", not
# "noose"; "vaped" is not "raped"), in the message and in the lists alike
MIN_LENGTH = 6
MAX_LENGTH = 24  # no English word of the lists is longer; a 4,096-letter token costs nothing
COMMON = 30_000  # long English words known without a search (a message's new words are cheap)


def eligible(word: str) -> bool:
    return MIN_LENGTH <= len(word) <= MAX_LENGTH and word.isascii() and word.isalpha()


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _edits(word: str) -> set[str]:
    """Every string one edit from `word` (Norvig's edits1)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return {
        *(a + b[1:] for a, b in splits if b),
        *(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1),
        *(a + c + b[1:] for a, b in splits if b for c in _LETTERS),
        *(a + c + b for a, b in splits for c in _LETTERS),
    }


def within_one(a: str, b: str) -> bool:
    """At most one edit apart: one letter left out, added or changed, or two neighbours
    swapped (optimal string alignment distance <= 1)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


def _frequencies() -> dict[str, int]:
    """pyspellchecker's English word list (MIT) with its counts, the words written as a message
    is read (without apostrophes: "couldnt" is a word, not a slip for "wouldnt")."""
    data = resources.files("spellchecker").joinpath("resources/en.json.gz").read_bytes()
    counts: dict[str, int] = {}
    for word, count in json.loads(gzip.decompress(data)).items():
        key = APOSTROPHE.sub("", word.casefold())
        counts[key] = counts.get(key, 0) + count
    return counts


def english_words() -> frozenset[str]:
    """The words that are real English (see `_frequencies`)."""
    return frozenset(_frequencies())


def _index(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Each word under itself and every string it gives with one letter left out: two words
    one edit apart share an entry (SymSpell's symmetric deletes). Tuples, sorted: a third of
    the memory of sets, and the same in every process."""
    index: dict[str, set[str]] = {}
    for word in words:
        for variant in _deletes(word) | {word}:
            index.setdefault(variant, set()).add(word)
    return {variant: tuple(sorted(found)) for variant, found in index.items()}


def _near_in(index: dict[str, tuple[str, ...]], token: str, variants: set[str]) -> list[str]:
    found: set[str] = set()
    for variant in variants:
        found.update(index.get(variant, ()))
    return [word for word in found if within_one(token, word)]


def _near(words: frozenset[str], known: Iterable[str]) -> frozenset[str]:
    """The real words one edit from a word of the lists (and not one of them)."""
    near = {edit for word in words for edit in _edits(word)}
    return frozenset(w for w in near.intersection(known) if eligible(w) and w not in words)


@functools.lru_cache(maxsize=4)
def _protected(words: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """`_near` with the English dictionary, and the `COMMON` most frequent long English words
    (so that the words of everyday text are passed over with one lookup, not tried letter by
    letter); remembered for the same words (a /reload or a test with the same lists). The
    dictionary itself is not kept in memory."""
    counts = _frequencies()
    common = sorted((w for w in counts if eligible(w) and w not in words), key=counts.__getitem__)
    return _near(words, counts), frozenset(common[-COMMON:])


class Typos:
    """Corrections toward the English words of the lists, guarded by the dictionary."""

    def __init__(
        self, words: Iterable[str], protected: Iterable[str] = (), common: Iterable[str] = ()
    ) -> None:
        self._words = frozenset(w for w in words if eligible(w))
        self._protected = frozenset(protected)  # real words one edit from a word of the lists
        self._common = frozenset(common)  # everyday words: passed over at once
        self._index = _index(self._words)
        self._real = _index(self._protected)

    @classmethod
    def build(cls, words: Iterable[str], dictionary: Iterable[str] | None = None) -> Typos:
        """From the English words of the lists; every real word (of `dictionary`, the English
        word list by default) one edit from one of them is kept as written instead."""
        typos = cls(words)
        if not typos._words:
            return typos
        if dictionary is None:
            return cls(typos._words, *_protected(typos._words))
        return cls(typos._words, _near(typos._words, frozenset(dictionary)))

    def state(self) -> dict[str, Any]:
        return {
            "words": sorted(self._words),
            "protected": sorted(self._protected),
            "common": sorted(self._common),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Typos:
        return cls(state["words"], state["protected"], state["common"])

    def correct(self, token: str) -> str | None:
        """The one English word of the lists `token` is a slip for, or None."""
        if not eligible(token) or token in self._common or token in self._words:
            return None
        if token in self._protected:  # a real word
            return None
        index = self._index
        found = [*index.get(token, ())]
        for i in range(len(token)):
            hit = index.get(token[:i] + token[i + 1 :])
            if hit:
                found += hit
        near = {word for word in found if within_one(token, word)}
        if len(near) != 1 or _near_in(self._real, token, _deletes(token) | {token}):
            return None  # none, several, or a real word as near ("stonez": stones or stoned)
        return near.pop()
