"""The words that lower a high phrase (negation, third person, `negation_after`), as the
detector holds them: single words, and sequences (CJK, and every `negation_after` entry), and
the test the detector asks of every high match: is it lowered?"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from bot.safety import cjk
from bot.safety.normalize import ELISION, elongated_readings, match_key, tokens

LOOK_BACK = 3  # words before a high phrase where a negation or third person is looked for
# ... and characters, for a CJK one: it must end at most this close before the phrase, so that
# "不" of "不安で死にたい" (anxious, want to die) is no negation while "我不想死", "我没有想死",
# "彼女は死にたいって" are lowered
CJK_LOOK_BACK = 2
LOOK_AHEAD = 2  # words between a high phrase and a `negation_after` word that lowers it
_KEY_LIMIT = 65_536

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


class Lowering:
    """A high match is lowered to elevated by a negation or a third person just before it, in
    its clause (a CJK one: ending at most `CJK_LOOK_BACK` characters before it), or by a
    `negation_after` word just after it. Danger from others is never lowered by a third person
    (it is about someone else by nature)."""

    def __init__(
        self,
        negation: Iterable[str] = (),
        third_person: Iterable[str] = (),
        negation_after: Iterable[str] = (),
        not_negation_after: Iterable[str] = (),
    ) -> None:
        # "n'ai" is "nai" in the first reading and "n ai" in the one with words apart
        # (see `RiskDetector.assess`): the "n" of a split elision is a negation there.
        negation = list(negation)
        split_negation = [tokens(ELISION.sub(" ", w))[-1:] for w in negation if "'" in w]
        words = [*map(tokens, negation), *split_negation]
        self._negation, self._negation_seqs = modifier_words(words)
        self._third, self._third_seqs = modifier_words(map(tokens, third_person))
        _, self._after_seqs = modifier_words(map(tokens, negation_after), after=True)
        self._not_after = frozenset(match_key(t) for w in not_negation_after for t in tokens(w))
        self._written: dict[str, frozenset[str]] = {}

    def state(self) -> dict[str, Any]:
        """As JSON values (see `RiskDetector.state`)."""

        def seqs(table: Sequences) -> dict[str, list[list[str]]]:
            return {k: [list(seq) for seq in v] for k, v in table.items()}

        return {
            "negation": [sorted(self._negation), seqs(self._negation_seqs)],
            "third": [sorted(self._third), seqs(self._third_seqs)],
            "after": seqs(self._after_seqs),
            "not_after": sorted(self._not_after),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Lowering:
        def seqs(table: dict[str, list[list[str]]]) -> Sequences:
            return {k: tuple(tuple(seq) for seq in v) for k, v in table.items()}

        low = cls.__new__(cls)
        low._negation, low._negation_seqs = (
            frozenset(state["negation"][0]),
            seqs(state["negation"][1]),
        )
        low._third, low._third_seqs = frozenset(state["third"][0]), seqs(state["third"][1])
        low._after_seqs = seqs(state["after"])
        low._not_after = frozenset(state["not_after"])
        low._written = {}
        return low

    def _as_written(self, token: str) -> frozenset[str]:
        """The match keys a word has as written, or elongated ("neverrr" is "never"), never as
        the misspelling of a word of the lists it may be read as ("delle" is not "dele"):
        what is compared with the negation and third-person words. Cached, bounded."""
        found = self._written.get(token)
        if found is None:
            elongated = elongated_readings(token) or ()
            found = frozenset({match_key(token), *map(match_key, elongated)})
            if len(self._written) < _KEY_LIMIT:
                self._written[token] = found
        return found

    def negates(self, token: str) -> bool:
        """Is this word (as written) a negation word of the lists?"""
        return not self._negation.isdisjoint(self._as_written(token))

    def _not_negation(self, token: str) -> bool:
        return bool(self._not_after) and not self._not_after.isdisjoint(self._as_written(token))

    def lowers(
        self,
        toks: list[str],
        keys: list[str],
        bounds: list[int],
        start: int,
        end: int,
        others: bool,
        inside: Sequence[tuple[int, int]] = (),
    ) -> bool:
        """Is the high match `toks[start:end + 1]` lowered? A word counts as written (or
        elongated), never as the misspelling of a word of the lists it may also be read as:
        Italian "delle" is not Portuguese "dele" (he). Words within `inside` (the other parts of
        the same `together` rule) are that part's own words, never a modifier of this one: "if i
        don't pay he will send" keeps its "send"."""

        def theirs(first: int, last: int) -> bool:
            return any(s <= last and first <= e for s, e in inside)

        for j in range(max(0, start - LOOK_BACK), start):
            if bounds[j] != bounds[start] or (inside and theirs(j, j)):
                continue
            readings = self._as_written(toks[j])
            if not self._negation.isdisjoint(readings):
                if j and bounds[j - 1] == bounds[j] and self._not_negation(toks[j - 1]):
                    continue  # "بعد ما": after, not "not"
                return True
            if not others and not self._third.isdisjoint(readings):
                return True
        tables = (self._negation_seqs,) if others else (self._negation_seqs, self._third_seqs)
        for last in range(max(0, start - CJK_LOOK_BACK), start):
            for table in tables:
                for seq in table.get(keys[last], ()):
                    first = last - len(seq) + 1
                    if first >= 0 and tuple(keys[first : last + 1]) == seq:
                        if bounds[first] == bounds[start] and not theirs(first, last):
                            return True
        for first in range(end + 1, min(end + 2 + LOOK_AHEAD, len(keys))):
            for seq in self._after_seqs.get(keys[first], ()):
                if tuple(keys[first : first + len(seq)]) == seq and bounds[first] == bounds[end]:
                    if not theirs(first, first + len(seq) - 1):
                        return True
        return False
