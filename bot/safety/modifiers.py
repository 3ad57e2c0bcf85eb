"""The words that lower a high phrase (negation, third person, `negation_after`), as the
detector holds them: single words, and sequences (CJK, and every `negation_after` entry)."""

from __future__ import annotations

from collections.abc import Iterable

from bot.safety import cjk
from bot.safety.normalize import match_key

Sequences = dict[str, tuple[tuple[str, ...], ...]]


def modifier_words(
    seqs: Iterable[tuple[str, ...]], after: bool = False
) -> tuple[frozenset[str], Sequences]:
    """Modifier words as match keys: single words (for an entry of several words, each word, as
    before), and CJK entries (of one character or several; every `negation_after` entry) kept
    as sequences, indexed by the key that touches the phrase: their last one (their first one
    for `after`), so a high match looks up only the one or two keys beside it."""
    single: set[str] = set()
    sequences: dict[str, list[tuple[str, ...]]] = {}
    for seq in seqs:
        if after or cjk.is_cjk(seq):
            if seq:
                keys = tuple(match_key(t) for t in seq)
                found = sequences.setdefault(keys[0] if after else keys[-1], [])
                if keys not in found:
                    found.append(keys)
        else:
            single.update(match_key(t) for t in seq)
    return frozenset(single), {key: tuple(found) for key, found in sequences.items()}
