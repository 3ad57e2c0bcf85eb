"""The risk lists of every locale merged into what one detector is built from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.safety.normalize import ELISION, phrase_tokens, tokens
from bot.safety.schema import EMOJI_CATEGORY, SafetyLists, expand
from bot.safety.together import parts

Seq = tuple[str, ...]


@dataclass
class Merged:
    """Phrases (normalised token sequences) -> {(level, category)}, exclusions (each also as read
    with its apostrophes apart), the modifier words, and `together` rules: (level, category, the
    phrases of each part). The fields are named as `RiskDetector`'s parameters."""

    phrases: dict[Seq, set[tuple[str, str]]] = field(default_factory=dict)
    excludes: set[Seq] = field(default_factory=set)
    negation: list[str] = field(default_factory=list)
    third_person: list[str] = field(default_factory=list)
    negation_after: list[str] = field(default_factory=list)
    not_negation_after: list[str] = field(default_factory=list)
    together: list[tuple[str, str, list[list[Seq]]]] = field(default_factory=list)


def merged(lists: Iterable[SafetyLists]) -> Merged:
    """Every locale's lists in one; a phrase listed twice keeps every (level, category)."""
    m = Merged()
    phrases, excludes, together = m.phrases, m.excludes, m.together
    for item in lists:
        for level, groups in (("high", item.high), ("elevated", item.elevated)):
            for category, entries in groups.items():
                for line in entries:
                    for phrase in expand(line, item.classes):
                        found = phrases.setdefault(phrase_tokens(phrase), set())
                        found.add((level, category))
        for level, entries in (("high", item.emoji.high), ("elevated", item.emoji.elevated)):
            for emoji in entries:
                phrases.setdefault(tokens(emoji), set()).add((level, EMOJI_CATEGORY))
        for line in item.exclude:  # each also as read apart (see `RiskDetector.assess`)
            for phrase in expand(line, item.classes):
                excludes.update({tokens(phrase), tokens(ELISION.sub(" ", phrase))})
        for level, groups in (
            ("high", item.together.high),
            ("elevated", item.together.elevated),
        ):
            for category, lines in groups.items():
                for line in lines:
                    part_seqs = [
                        [
                            seq
                            for phrase in expand(part, item.classes)
                            if (seq := phrase_tokens(phrase))
                        ]
                        for part in parts(line)
                    ]
                    if len(part_seqs) >= 2 and all(part_seqs):
                        together.append((level, category, part_seqs))
        m.negation += item.modifiers.negation
        m.third_person += item.modifiers.third_person
        m.negation_after += item.modifiers.negation_after
        m.not_negation_after += item.modifiers.not_negation_after
    phrases.pop((), None)
    excludes.discard(())
    return m
