"""Hostile input never breaks the risk detector, and never hides a phrase it should find.

Mixed scripts, zero-width and combining characters, emoji sequences (ZWJ families, flags, skin
tones), huge texts: `assess` must always return a valid assessment. Speed is measured by the
benchmark (`python -m benchmarks.risk`: a 4,096-character message and hostile inputs take a
few milliseconds), not asserted here: tests never assert wall-clock time.
"""

from __future__ import annotations

from itertools import groupby, pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.safety import RiskDetector
from bot.safety.normalize import (
    ELISION,
    _shorten_runs,
    _tidy,
    has_double,
    normalize,
    readings,
    single_letters,
    single_vowels,
)

CONTENT = Path(__file__).resolve().parent.parent / "content"
LEVELS = {"none", "elevated", "high"}

PIECES = st.sampled_from(
    [
        "i want to die",
        "بدي موت",
        "bdi mout",
        "je veux mourir",
        "my family will kill me",
        "kms",
        "🪦",
        "⚰️",
        "👩\u200d👩\u200d👧\u200d👦",
        "🏳️\u200d🌈",
        "👍🏽",
        "🇱🇧",
        "\u200b",
        "\u200d",
        "\u202e",
        "\ufeff",
        "\u0301\u0308\u0327",
        "\u064e\u0651",
        "ـــ",
        "ﻻ",
        "٣",
        "...",
        "!?",
        "\n",
        " ",
        "'",
        "Ж",
        "漢字",
        "𝕜𝕚𝕝𝕝",
        "a" * 50,
    ]
)
HOSTILE = st.lists(PIECES, max_size=60).map("".join)


@pytest.fixture(scope="module")
def detector(shipped_detector: RiskDetector) -> RiskDetector:
    return shipped_detector  # the shipped lists, built once (tests/conftest.py)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE)
def test_hostile_mixtures_never_raise(detector: RiskDetector, text: str) -> None:
    result = detector.assess(text)
    assert result.level in LEVELS
    assert result.at_risk == (result.level != "none")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(blacklist_categories=()), min_size=2000, max_size=5000))
def test_long_random_text_never_raises(detector: RiskDetector, text: str) -> None:
    assert detector.assess(text).level in LEVELS


@pytest.mark.parametrize(
    "text",
    [
        "a" * 100_000,
        "a " * 50_000,
        "\u200b" * 100_000,
        "\u0301" * 100_000,
        "👩\u200d👩\u200d👧\u200d👦" * 10_000,
        "kill " * 20_000,
        "i want to " * 10_000,
        "بدي " * 25_000,
        "'" * 100_000,
        ". " * 50_000,
    ],
)
def test_huge_texts_are_handled(detector: RiskDetector, text: str) -> None:
    """Far beyond Telegram's 4,096 characters: still an answer, never an exception."""
    assert detector.assess(text).level in LEVELS


@pytest.mark.parametrize(
    "text",
    [
        "i\u200b want\u200d to\u2060 die",  # zero-width inside and between words
        "I WANT TO DIE 👩\u200d👩\u200d👧\u200d👦",  # a ZWJ family beside the words
        "i want to die🏳️\u200d🌈",  # a flag glued to the last word
        "بدي موت 🇱🇧",
        "bdi mout \u202e",  # a bidi override after it
        "𝕚 𝕨𝕒𝕟𝕥 𝕥𝕠 𝕕𝕚𝕖",  # mathematical letters (NFKC)
    ],
)
def test_decorations_do_not_hide_a_phrase(detector: RiskDetector, text: str) -> None:
    assert detector.assess(text).level == "high", text


APOSTROPHES = st.sampled_from(["'", "’", "`", "ʼ", "\uff07", "\x01", "o", "i", "İ", "ı", "ـ"])
READINGS = st.lists(st.one_of(PIECES, APOSTROPHES), max_size=40).map("".join)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(READINGS)
def test_both_readings_from_one_normalisation_are_the_two_readings(text: str) -> None:
    """`readings()` normalises once for both ways of reading elisions; it must give exactly
    what normalising twice gives (runs meeting across an apostrophe, empty clauses, the
    marker character written by the person themself)."""
    apart = normalize(ELISION.sub(" ", text)) if ELISION.search(text) else None
    assert readings(text) == (normalize(text), apart)


@pytest.mark.parametrize(
    ("text", "apart"),
    [
        ("I'm done, I don't want this, it's my mom's car", None),  # English: read glued only
        ("we're, I've, I'll, I'd, can’t, WON'T", None),
        ("'cause my parents' house", None),  # an apostrophe not between two letters
        ("l'automutilation", "l automutilation"),  # an elision: read apart too
        ("c'è chi", "c e chi"),
        ("3'ayeb", "3 ayeb"),  # Arabizi
        ("I'm sure l'ho fatto", "im sure l ho fatto"),  # the elision only
    ],
)
def test_only_an_elision_is_read_apart(text: str, apart: str | None) -> None:
    """An English contraction or possessive is read glued only, as the lists write it: read
    apart too, it was a second scan of nine messages in ten with an apostrophe, which changed
    no verdict of the team's sets and flagged 11 more of 4,680 mental-health posts. An
    elision is read both ways ("l'automutilation" holds "automutilation")."""
    assert readings(text)[1] == apart


@pytest.mark.parametrize(
    "text",
    [
        "I honestly wish I would've died in that wreck",  # the apart reading found this one
        "wish i wouldve died",
        "i wish i'd died",
        "I should've died that night",
        "i should of died",
    ],
)
def test_a_contraction_read_glued_still_meets_its_phrase(detector: RiskDetector, text: str) -> None:
    """Read apart, "would've" had met "wish i would die" with "ve" as an inserted word; read
    glued only, the lists hold the glued forms themselves."""
    assert detector.assess(text).level == "high", text


@pytest.mark.parametrize("text", ["i should have died laughing", "i should've died laughing lol"])
def test_should_have_died_laughing_is_a_laugh(detector: RiskDetector, text: str) -> None:
    assert detector.assess(text).level == "none", text


def test_elongation_is_read_in_a_text_of_many_distinct_characters() -> None:
    """Over 200 distinct characters, runs are found by a regular expression: its letter, not
    the whole run, is what gets shortened (it was the whole run: "dieeeeee" stayed long)."""
    many = "".join(map(chr, range(0x4E00, 0x4E00 + 300)))
    assert normalize(f"{many} dieeeeee").endswith(" dieee")
    assert normalize("soo'oooo") == "sooo" and readings("soo'oooo") == ("sooo", "soo ooo")


def _runs_the_plain_way(text: str) -> str:
    """Every run of four or more of one letter, to three, one character at a time."""
    out = []
    for char, group in groupby(text):
        n = len(list(group))
        out.append(char * (min(n, 3) if char.isalpha() else n))
    return "".join(out)


RUNS = st.text(
    st.sampled_from(["a", "e", "o", "ß", "死", "ي", "1", "_", " ", "\n", "😭"]), max_size=60
)


@settings(max_examples=500, deadline=None)
@given(RUNS)
def test_runs_are_shortened_as_the_plain_way_does(text: str) -> None:
    """The quick search for a run of four (of anything) before visiting each letter never
    misses a run of letters, and never shortens digits, symbols or spaces."""
    assert _shorten_runs(text) == _runs_the_plain_way(text)
    many = "".join(map(chr, range(0x4E00, 0x4E00 + 201)))  # the path for many distinct
    assert _shorten_runs(many + text) == many + _runs_the_plain_way(text)


TIDY = st.text(st.sampled_from(["a", "o", "死", "1", " ", "\n", "\t", "😭", "\u3000"]), max_size=60)


@settings(max_examples=500, deadline=None)
@given(TIDY)
def test_shortening_runs_and_tidying_spaces_commute(text: str) -> None:
    """`normalize` shortens runs after tidying the spaces (so the quick search for a run of
    four finds no run of spaces): the same text as shortening first (review r10)."""
    assert _shorten_runs(_tidy(text)) == _tidy(_shorten_runs(text))


def test_a_single_character_is_its_own_key_the_quick_way_as_the_full_way(
    detector: RiskDetector,
) -> None:
    """`RiskDetector.key` returns a one-character token as it is, at once (a message of 4,096
    Chinese characters or emoji never met is 4,096 such tokens): the full way (elongation,
    stem, a doubled letter, a slip of the keyboard) must agree on every character of the Basic
    Multilingual Plane and a sample of the others."""
    codes = [*range(0xD800), *range(0xE000, 0x10000), *range(0x10000, 0x110000, 97)]
    differ = [c for c in codes if detector._computed_key(chr(c)) != chr(c)]
    assert differ == []
    assert detector.key("𠀋") == "𠀋"
    assert detector.key("dieee") == detector._computed_key("dieee")  # longer: the full way


DOUBLES = st.text(st.sampled_from(["a", "o", "b", "ß", "ي", "1", "_", "'", "é"]), max_size=12)


@settings(max_examples=500, deadline=None)
@given(DOUBLES)
def test_a_word_with_no_double_is_its_own_single_letter_reading(text: str) -> None:
    """`RiskDetector.key` tries a word's single-letter readings ("amoot" as "amot") only where
    `has_double` says some character is written twice in a row: where it says no, both readings
    are the word itself, so nothing is skipped that could have matched."""
    if not has_double(text):
        assert single_vowels(text) == text == single_letters(text)
    else:
        assert any(a == b for a, b in pairwise(text))
