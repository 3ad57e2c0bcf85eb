"""What the detector says about a message: a level and the kinds of signal, never the words."""

from __future__ import annotations

from dataclasses import dataclass

from bot.safety.schema import OTHERS_CATEGORY, RANK, RiskLevel


@dataclass(frozen=True)
class RiskAssessment:
    """What the bot may know about a message: a level and which kinds of signal were seen.

    `categories` holds category names only ("intent", "plan", "farewell", "hopeless",
    "self_harm", "mention", "others", "emoji"), from every level that matched, so a volunteer
    sees e.g. that self-harm was mentioned alongside intent. The matched words are not kept.
    """

    level: RiskLevel
    categories: frozenset[str]

    @property
    def at_risk(self) -> bool:
        return self.level != "none"

    @property
    def from_others(self) -> bool:
        """Danger from other people (family violence, forced marriage, blackmail...)."""
        return OTHERS_CATEGORY in self.categories


NO_RISK = RiskAssessment("none", frozenset())


def both(a: RiskAssessment, b: RiskAssessment) -> RiskAssessment:
    """Two readings of one message: the higher level, and every category either one saw."""
    if not b.at_risk:
        return a
    if not a.at_risk:
        return b
    level = a.level if RANK[a.level] >= RANK[b.level] else b.level
    return RiskAssessment(level, a.categories | b.categories)
