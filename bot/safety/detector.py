"""The detector: one Aho-Corasick automaton over tokens, and what it reports (`RiskAssessment`)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from bot.safety.normalize import _APOSTROPHE, _prefixed_variants, _split, normalize, tokens
from bot.safety.schema import SafetyLists

RiskLevel = Literal["high", "elevated", "none"]
EMOJI_CATEGORY = "emoji"
_LEVELS: tuple[RiskLevel, ...] = ("none", "elevated", "high")  # index = rank
_RANK: dict[str, int] = {level: rank for rank, level in enumerate(_LEVELS)}


@dataclass(frozen=True)
class RiskAssessment:
    """What the bot may know about a message: a level and which kinds of signal were seen.

    `categories` holds category names only ("intent", "plan", "farewell", "hopeless",
    "self_harm", "emoji"), from every level that matched, so a volunteer sees e.g. that self-harm
    was mentioned alongside intent. The matched words are deliberately not kept.
    """

    level: RiskLevel
    categories: frozenset[str]

    @property
    def at_risk(self) -> bool:
        return self.level != "none"


NO_RISK = RiskAssessment("none", frozenset())

_Payload = tuple[str, str] | None  # (level, category); None marks an exclusion


class RiskDetector:
    """One Aho-Corasick automaton over tokens holding every phrase and exclusion of all locales.

    Immutable once built, so a reload can build a new one and swap it in whole. `phrase_count`
    is the number of distinct phrases and emoji after normalisation (exclusions and the و/ف
    variants not counted).
    """

    def __init__(
        self,
        phrases: Mapping[tuple[str, ...], Iterable[tuple[str, str]]],
        excludes: Iterable[tuple[str, ...]] = (),
    ) -> None:
        """Build from normalised token sequences: phrase -> {(level, category)}, and exclusions."""
        self.phrase_count: int = sum(1 for seq in phrases if seq)
        entries: dict[tuple[str, ...], set[_Payload]] = {}
        for seq, payloads in phrases.items():
            if seq:
                for variant in _prefixed_variants(seq):
                    entries.setdefault(variant, set()).update(payloads)
        for seq in excludes:
            if seq:
                for variant in _prefixed_variants(seq):
                    entries.setdefault(variant, set()).add(None)
        self._build(entries)

    @classmethod
    def from_lists(cls, lists: Iterable[SafetyLists]) -> RiskDetector:
        """Merge the lists of all locales; a phrase listed twice keeps every (level, category)."""
        phrases: dict[tuple[str, ...], set[tuple[str, str]]] = {}
        excludes: set[tuple[str, ...]] = set()
        for item in lists:
            for level, groups in (("high", item.high), ("elevated", item.elevated)):
                for category, entries in groups.items():
                    for phrase in entries:
                        phrases.setdefault(tokens(phrase), set()).add((level, category))
            for level, entries in (("high", item.emoji.high), ("elevated", item.emoji.elevated)):
                for emoji in entries:
                    phrases.setdefault(tokens(emoji), set()).add((level, EMOJI_CATEGORY))
            for phrase in item.exclude:  # each also as read apart (see `assess`)
                excludes.update({tokens(phrase), tokens(_APOSTROPHE.sub(" ", phrase))})
        phrases.pop((), None)
        excludes.discard(())
        return cls(phrases, excludes)

    def _build(self, entries: Mapping[tuple[str, ...], set[_Payload]]) -> None:
        goto: list[dict[str, int]] = [{}]
        own: list[list[tuple[int, _Payload]]] = [[]]
        for seq, payloads in entries.items():
            state = 0
            for tok in seq:
                nxt = goto[state].get(tok)
                if nxt is None:
                    nxt = len(goto)
                    goto[state][tok] = nxt
                    goto.append({})
                    own.append([])
                state = nxt
            # Sorted only so that builds are deterministic; order does not affect the result.
            own[state].extend((len(seq), p) for p in sorted(payloads, key=lambda p: p or ("",)))
        fail = [0] * len(goto)
        out: list[tuple[tuple[int, _Payload], ...]] = [()] * len(goto)
        queue: deque[int] = deque()
        for child in goto[0].values():
            queue.append(child)
            out[child] = tuple(own[child])
        while queue:
            state = queue.popleft()
            for tok, child in goto[state].items():
                f = fail[state]
                while f and tok not in goto[f]:
                    f = fail[f]
                fail[child] = goto[f].get(tok, 0)
                out[child] = tuple(own[child]) + out[fail[child]]
                queue.append(child)
        self._goto, self._fail, self._out = goto, fail, out

    def assess(self, text: str) -> RiskAssessment:
        """Scan `text`. High beats elevated; exclusions cancel matches lying inside them.

        A text with an apostrophe is also read with the words apart: normalising deletes
        apostrophes (so "can't" is "cant" and Arabizi 3' stays one word), which glues a French
        elision onto its word ("l'automutilation" = "lautomutilation"); read apart, the phrase
        "automutilation" is found too. Both readings count.
        """
        result = self._scan(_split(normalize(text)))
        if _APOSTROPHE.search(text) is None:
            return result
        return _both(result, self._scan(_split(normalize(_APOSTROPHE.sub(" ", text)))))

    def _scan(self, toks: list[str]) -> RiskAssessment:
        goto, fail, out = self._goto, self._fail, self._out
        root_get = goto[0].get
        hits: list[tuple[int, int, str, str]] = []
        excluded: list[tuple[int, int]] = []
        state = 0
        for end, tok in enumerate(toks):
            if state:
                nxt = goto[state].get(tok)
                while nxt is None and state:
                    state = fail[state]
                    nxt = goto[state].get(tok)
                state = nxt or 0
            else:
                state = root_get(tok, 0)
            if state and out[state]:
                for length, payload in out[state]:
                    if payload is None:
                        excluded.append((end - length + 1, end))
                    else:
                        hits.append((end - length + 1, end, *payload))
        if not hits:
            return NO_RISK
        rank = 0
        categories: set[str] = set()
        for start, end, level, category in hits:
            if any(s <= start and end <= e for s, e in excluded):
                continue
            categories.add(category)
            rank = max(rank, _RANK[level])
        if not rank:
            return NO_RISK
        return RiskAssessment(_LEVELS[rank], frozenset(categories))


def _both(a: RiskAssessment, b: RiskAssessment) -> RiskAssessment:
    """Two readings of one message: the higher level, and every category either one saw."""
    if not b.at_risk:
        return a
    if not a.at_risk:
        return b
    level = a.level if _RANK[a.level] >= _RANK[b.level] else b.level
    return RiskAssessment(level, a.categories | b.categories)
