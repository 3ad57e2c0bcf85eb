"""One slip of the keyboard in a longer English word of the lists is read as that word; a
real word, a short word, or a word of another language never is."""

from __future__ import annotations

import pytest

from bot.safety import RiskDetector
from bot.safety.typos import Typos, english_words, within_one


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        ("myself", "myself", True),
        ("myslef", "myself", True),  # two neighbours swapped
        ("mysef", "myself", True),  # a letter left out
        ("myselff", "myself", True),  # a letter added
        ("mysalf", "myself", True),  # a letter changed
        ("msyefl", "myself", False),  # two swaps
        ("yself", "myselfs", False),
        ("ab", "ba", True),
    ],
)
def test_one_edit(a: str, b: str, near: bool) -> None:
    assert within_one(a, b) is near and within_one(b, a) is near


def test_small_lists_with_a_dictionary() -> None:
    typos = Typos.build(["myself", "overdose", "stones", "olmek", "pills"], ["stoned", "myself"])
    assert typos.correct("myslef") == "myself"
    assert typos.correct("overdsoe") == "overdose"
    assert typos.correct("stoned") is None  # a real word
    assert typos.correct("stonez") is None  # one from "stones" and from "stoned": not sure
    assert typos.correct("olmak") is None  # too short, and not an English word of the lists
    assert typos.correct("pillls") is None  # the word of the lists is too short to aim at
    assert typos.correct("x" * 5000) is None
    assert Typos.from_state(typos.state()).correct("myslef") == "myself"


def test_no_real_english_word_is_ever_corrected(shipped_detector: RiskDetector) -> None:
    typos = shipped_detector._typos
    assert all(typos.correct(word) is None for word in english_words())


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("im going to kill myslef tonight", "high"),
        ("i took too many antidepresants", "high"),
        ("i want to overdsoe", "high"),
        ("couldnt sleep, wouldnt eat", "none"),  # not "wouldnt" twice: both are words
        ("noone came to my party", "none"),  # "no one", never "noose"
        ("olmak istiyorum", "none"),  # Turkish "I want to be"
        ("buena suerte con el examen", "none"),
    ],
)
def test_slips_in_messages(shipped_detector: RiskDetector, text: str, level: str) -> None:
    assert shipped_detector.assess(text).level == level, text
