"""The walk of the detector's trie over one reading of a message (`RiskDetector` builds the
trie and says what the matches mean).

The text is read once, left to right, carrying the few partial matches still alive: a phrase
of three words or more tolerates up to `MAX_GAP` words inserted at any one place and
`MAX_GAPS` in all, never across clause punctuation and never across an inserted negation ("the
cop didn't arrest me"), unless before a negation of the phrase's own ("никогда не
проснуться"). Each partial match dies after `MAX_GAP` words without progress, so the cost
grows linearly with the text and hardly with the lists.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from bot.safety.schema import EMOJI_CATEGORY
from bot.safety.together import PART, Found

MAX_GAP = 2  # words a longer phrase tolerates between two of its own
MAX_GAPS = 3  # ... and in all

Hit = tuple[int, int, int, str, bool]  # (start, end, rank, category, read with words inserted)
Span = tuple[int, int]  # the first and last token of an exclusion found


class Trie(NamedTuple):
    """The detector's trie: each node's children by match key, its payloads (a risk phrase's
    (rank, category, gaps allowed), a rule part's (PART, rule, part), None for an exclusion),
    the words that may be inserted after it, the node a CJK `*` continues to, and the keys
    that lead into a node with such a `*`."""

    children: list[dict[str, int]]
    out: list[Sequence[Any]]
    gap_limit: list[int]
    gap_child: dict[int, int]
    gap_keys: frozenset[str]


def walk(
    trie: Trie,
    keys: list[str],
    toks: list[str],
    bounds: list[int],
    negates: Callable[[str], bool],
) -> tuple[list[Hit], list[tuple[int, int]], list[Found]]:
    """Every risk phrase, exclusion and rule part found in a reading (its match `keys`, its
    tokens as written, the clause number of each: see `normalize.read`): (phrase hits, the
    spans of exclusions, the parts of `together` rules)."""
    children, out, gap_limit, gap_child, gap_keys = trie
    root = children[0]
    # partial matches: (node, start, last matched position, words skipped so far, the
    # last position at which a word may still be inserted after it)
    alive: list[tuple[int, int, int, int, int]] = []
    hits: list[Hit] = []
    excluded: list[Span] = []
    found: list[Found] = []  # parts of `together` rules
    for i, key in enumerate(keys):
        node = root.get(key)
        if node is None and not alive:
            continue  # most words: nothing starts here, nothing is waiting
        moved = [] if node is None else [(node, i, i, 0, i + gap_limit[node])]
        kept = []  # this word may be one inserted
        for entry in alive:
            node, start, last, skipped, deadline = entry
            nxt = children[node].get(key)
            if nxt is not None:
                gaps = skipped + i - last - 1
                if not gaps or (
                    gaps <= MAX_GAPS
                    and bounds[start] == bounds[i]
                    and (negates(toks[i]) or not any(map(negates, toks[last + 1 : i])))
                ):  # words may be inserted, but not a negation ("the cop didn't arrest
                    # me"), unless before one of the phrase's own ("никогда не проснуться")
                    moved.append((nxt, start, i, gaps, i + gap_limit[nxt]))
            if i <= deadline:
                kept.append(entry)
        if not moved:
            alive = kept
            continue
        if key in gap_keys:  # a `*` of a CJK phrase: its next character may come at once
            moved += [
                (child, start, i, skipped, i + gap_limit[child])
                for n, start, _, skipped, _ in moved
                if (child := gap_child.get(n)) is not None
            ]
        for node, start, _, skipped, _ in moved:
            if out[node]:
                for payload in out[node]:
                    if payload is None:
                        if not skipped and bounds[start] == bounds[i]:
                            excluded.append((start, i))  # in one clause: "想死，你..." counts
                    elif payload[0] == PART:
                        if not skipped:
                            found.append((start, i, payload[1], payload[2]))
                    elif not skipped or payload[2]:
                        hits.append((start, i, payload[0], payload[1], bool(skipped)))
        alive = moved + kept
    return hits, excluded, found


def ignored(hit: Hit, excluded: Sequence[Span], wordy: bool) -> str:
    """Why a phrase found does not count ("" when it does): an emoji in a `wordy` message (more
    than `detector.EMOJI_WORDS` words: "RIP my phone battery 🪦"), or a match inside an
    exclusion, or, read with words inserted, overlapping one (a benign look-alike)."""
    start, end, _, category, gapped = hit
    if category == EMOJI_CATEGORY and wordy:
        return "emoji"
    if any(s <= start and end <= e for s, e in excluded) or (
        gapped and any(s <= end and start <= e for s, e in excluded)
    ):
        return "exclusion"
    return ""
