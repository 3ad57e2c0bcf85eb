"""The risk lists' wordings of rounds 3 and 4 (issue 9), every helper's data read by one set of
tests: each variant fires at its level with its category, each look-alike stays quiet, each
language has enough of both, and each `together` rule a round checks is reached by a variant.
The data lives in tests/risk_rounds/, one module a round and helper (round3_t3a ... round4_t4d),
each with its own story of families and look-alikes. The lists alone (the shared detector of
tests/conftest.py has no model), every locale loaded, so the model cannot mask a gap.

A case's id names its round and helper, its language, its level and its place in that module's
`CASES` (`round4_t4d-en-high-17`); the failure message shows the text and what the lists read."""

from __future__ import annotations

from importlib import import_module
from pkgutil import iter_modules

import pytest

from bot.safety import RiskDetector
from tests import risk_rounds
from tests.conftest import assert_reads, rules_no_text_reaches

# every data module of tests/risk_rounds/, by name (round3_t3a ... round4_t4d)
ROUNDS = {
    found.name: import_module(f"{risk_rounds.__name__}.{found.name}")
    for found in sorted(iter_modules(risk_rounds.__path__), key=lambda found: found.name)
}

CASES = [
    pytest.param(text, level, category, id=f"{name}-{locale}-{level}-{index}")
    for name, module in ROUNDS.items()
    for index, (locale, text, level, category) in enumerate(module.CASES)
]

LANGUAGES = [
    pytest.param(name, locale, id=f"{name}-{locale}")
    for name, module in ROUNDS.items()
    for locale in sorted({locale for locale, *_ in module.CASES})
]


@pytest.mark.parametrize(("text", "level", "category"), CASES)
def test_a_variant_fires_at_its_level_and_a_look_alike_stays_quiet(
    shipped_detector: RiskDetector, text: str, level: str, category: str
) -> None:
    assert_reads(shipped_detector, text, level, category)


@pytest.mark.parametrize(("name", "locale"), LANGUAGES)
def test_each_language_has_variants_and_look_alikes(name: str, locale: str) -> None:
    """At least the round's `MINIMUM` of variants that fire and of look-alikes that do not."""
    fewest_variants, fewest_look_alikes = ROUNDS[name].MINIMUM
    levels = [level for case_locale, _, level, _ in ROUNDS[name].CASES if case_locale == locale]
    assert sum(level != "none" for level in levels) >= fewest_variants
    assert levels.count("none") >= fewest_look_alikes


@pytest.mark.parametrize(
    "name", [name for name, m in ROUNDS.items() if hasattr(m, "REACHED_RULES")]
)
def test_every_rule_of_the_round_has_a_variant(name: str) -> None:
    """Each `together` rule the round names (its `REACHED_RULES`), alone in a detector with its
    file's classes and modifiers and no phrases, is reached by some variant of the round: no rule
    goes untested. (The file is parsed once: a detector per rule from the parsed lists is fast.)"""
    locale, picked = ROUNDS[name].REACHED_RULES
    texts = [text for _, text, level, _ in ROUNDS[name].CASES if level != "none"]
    seen, untested = rules_no_text_reaches(locale, texts, picked)
    assert seen > 50 and untested == []
