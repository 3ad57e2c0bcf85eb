"""Arabizi read through the Arabic lists (`bot.safety.arabizi`, session 15): a message in Latin
letters and digits is also read word by word as consonant skeletons, against the skeletons of the
Arabic lists' `high` phrases (danger from others and milder levels left out). The lists alone
(the shared detector of tests/conftest.py has no model), every locale loaded."""

from __future__ import annotations

import copy
import random

import pytest

from bot.safety import RiskDetector, SafetyLists, kept
from bot.safety import arabizi as reading
from bot.safety.explain import ARABIZI_NOTE, findings
from bot.safety.merge import merged
from bot.safety.normalize import read_normalized, readings

# (message, category): `high` only through this reading (none or elevated without it), each in
# a spelling no line of content/ar/safety.yaml names
FIRES = [
    ("gam3t el 7oboob kollaha fel dorg", "plan"),
    ("katabt wasiyati w 7awwalt masari la o5ti", "farewell"),
    ("ana dayer amoot w artaa7", "intent"),
    ("ra7 eshrab sam el far", "plan"),
    ("ana 7a2tol nafsi", "intent"),
    ("3ayez a5las 3ala 7ayati", "intent"),
    ("ra7 eshna2 7ali bel 7abl", "plan"),
    ("ra7 enhi 7ayati", "intent"),
    ("bade ntawwa7 7ali mn el shebbek", "plan"),
    ("bad2et a7ra2 7ali bel walla3a", "plan"),
    ("ra7 a5alis 3ala 7ali el leila", "intent"),
    # elevated before (a together rule, hopelessness): high now
    ("3am fakker erme 7ali men el balcon", "plan"),
    ("ma 3ad fiye kaffe, bade nem w ma fee2 abadan", "intent"),
]

# what the reading must leave alone
QUIET = [
    "sa7bi kan 3ayez yemoot el sana elli fatet w hala2 a7san",  # he, not I: a first y is kept
    "5adt kol 7boubi ma3i 3al safra",  # my pills (a last i is kept), not "all the pills"
    "2atalni el da7k 3al video",  # danger from others is not read this way
    "bade mot men el ju3",  # the Arabic exclusion, read as skeletons too
    # an Arabizi exclusion found as written silences this reading too (as skeletons it is
    # "bdi mt mn mll", and "بدي موت من الملل" is "bdi mt mn ml")
    "bdi mout mn el malal 3ady",
    "el 7ayat 7elwe, bade 3ish",
    # English with one code word in it: not Arabizi enough to be read (its words as skeletons
    # would be "sm frn": rat poison)
    "please send the file, the ticket id is 9zxfog and the meeting at the hall is at noon,"
    " we want some foreign snacks too",
]

# text-speak of other languages is not Arabizi (review v15: each was `high` intent, "red meat"
# and "door mat" read as "اريد اموت" and "داير اموت")
TEXT_SPEAK = [
    "no red meat for me, l8er",
    "me2! red meat is the best",
    "new door mat from ikea, gr8ful",
    "I want to buy meat l8er",
    "is there any meat left? me2 hungry",
    "Leute, die mit mir in gta5 spielen wollen",
    "casco de moto, salu2",
    "giro di moto al 2do piano",
    "joli jeu de mot, a2m1",
]

# a negation lowers what this reading finds as it lowers the phrase as written
NEGATED = ["ما بدي اموت, ana mni7", "ana mesh 3ayez amoot, ana 3ayez a3ish"]

# flagged on purpose: the Arabic lists read the same words in Arabic script as high
AS_ARABIC = [
    ("risalti el akhira kanet 2abl shahr", "رسالتي الاخيرة كانت قبل شهر", "farewell"),
    ("ya rab amoot 2ablak ya 7abibi", "يا رب اموت قبلك يا حبيبي", "intent"),
    ("shtaret 7abel jdid lal ghaseel", "اشتريت حبل جديد للغسيل", "plan"),
]


def without_reading(detector: RiskDetector) -> RiskDetector:
    other = copy.copy(detector)
    other._arabizi = None
    return other


@pytest.mark.parametrize(("text", "category"), FIRES)
def test_arabizi_is_read_through_the_arabic_lists(
    shipped_detector: RiskDetector, text: str, category: str
) -> None:
    assert without_reading(shipped_detector).assess(text).level != "high", text
    found = shipped_detector.assess(text)
    assert found.level == "high" and category in found.categories, (text, found)


@pytest.mark.parametrize("text", QUIET)
def test_what_the_reading_leaves_alone(shipped_detector: RiskDetector, text: str) -> None:
    assert shipped_detector.assess(text).level == "none", text


@pytest.mark.parametrize("text", TEXT_SPEAK)
def test_text_speak_is_not_arabizi(shipped_detector: RiskDetector, text: str) -> None:
    assert shipped_detector.assess(text).level == "none", text


@pytest.mark.parametrize("text", NEGATED)
def test_a_negation_lowers_it(shipped_detector: RiskDetector, text: str) -> None:
    assert shipped_detector.assess(text).level == "elevated", text


def test_an_emoji_on_the_arabizi_word_still_counts(shipped_detector: RiskDetector) -> None:
    """The only word with a digit has an emoji glued on: the tokens are counted, not the
    space-separated words."""
    assert shipped_detector.assess("ana dayer amoot w artaa7😭").level == "high"


def test_a_mention_stays_a_mention(shipped_detector: RiskDetector) -> None:
    """ "انتحار" (suicide) and "انتحر" (I kill myself) are one skeleton: not read."""
    assert shipped_detector.assess("9rit ktab 3an el intihar").level == "elevated"


@pytest.mark.parametrize(("text", "arabic", "category"), AS_ARABIC)
def test_a_look_alike_reads_as_its_arabic_does(
    shipped_detector: RiskDetector, text: str, arabic: str, category: str
) -> None:
    assert shipped_detector.assess(arabic).level == "high"
    found = shipped_detector.assess(text)
    assert found.level == "high" and category in found.categories, (text, found)


def lists(**kw: object) -> SafetyLists:
    return SafetyLists.model_validate({"high": {}, "elevated": {}, **kw})


def test_what_is_derived() -> None:
    made = reading.derived(
        merged(
            [
                lists(
                    high={
                        "intent": [
                            *("بدي موت", "موت", "انتحر", "bade amoot", "bidi mout"),
                            "ابي اموت",  # "bi mt": three consonants and a mark ("buy meat")
                        ],
                        "others": ["رح يقتلني"],
                    },
                    elevated={"mention": ["انتحار"], "hopeless": ["تعبت من حياتي"]},
                    exclude=["بدي موت من الجوع", "dying of laughter"],
                )
            ]
        )
    )
    assert made is not None
    # "موت" and "ابي اموت" are too short, "انتحر" reads as "انتحار" (a mention), others and
    # elevated are not read, "bidi mout" has no digit (not Arabizi: the main lists read it)
    assert made.phrases == {("bdi", "mt"): {("high", "intent")}}
    assert made.excludes == {("bdi", "mt", "mn", "j3")}
    assert reading.derived(merged([lists(elevated={"mention": ["انتحار"]})])) is None


@pytest.mark.parametrize(
    ("word", "latin", "skeleton"),
    [
        ("amoot", True, "mt"),
        ("yemoot", True, "ymt"),
        ("يموت", False, "ymt"),
        ("nafsi", True, "nfsi"),
        ("nafso", True, "nfs"),
        ("نفسي", False, "nfsi"),
        ("نفسه", False, "nfs"),
        ("الضحك", False, "dhk"),
        ("el", True, ""),
        ("علي", False, "3l"),  # على, its ى made a ي by normalising: "3ala", not "my"
        ("3ala", True, "3l"),
        ("7abibi", True, "hbbi"),
    ],
)
def test_a_word_as_this_reading_holds_it(word: str, latin: bool, skeleton: str) -> None:
    assert reading._skeleton(word, latin) == skeleton


def test_only_arabizi_is_read() -> None:
    for text, read in [
        ("i want to die", False),  # no digit
        ("see you at 5pm, 2nd floor", False),  # numbers glued to words
        ("ana 3ayez amoot", True),
        ("bade amoot, 5alas", True),
    ]:
        glued, _ = readings(text)
        toks, _, _ = reading.reading(glued, *read_normalized(glued))
        assert bool(toks) is read, text


def test_a_clause_boundary_is_kept() -> None:
    glued, _ = readings("ana ta3ban. bade amoot")
    toks, bounds, where = reading.reading(glued, *read_normalized(glued))
    assert toks == ["n", "t3bn", "bdi", "mt"]
    assert bounds == [0, 0, 1, 1, 1]
    assert where == [0, 1, 2, 3]


def test_kept_and_restored_with_the_detector(shipped_detector: RiskDetector) -> None:
    """A content record keeps the reading (pickled), and the JSON state describes it."""
    for again in (
        kept.loads(kept.dumps(shipped_detector)),
        RiskDetector.from_state(shipped_detector.state()),
    ):
        assert again is not None and again._arabizi is not None
        assert again._keys is not again._arabizi._keys  # each its own word cache
        for text, _ in FIRES:
            assert again.assess(text) == shipped_detector.assess(text), text


def test_explain_names_the_reading(shipped_detector: RiskDetector) -> None:
    found = findings(shipped_detector, "ra7 enhi 7ayati")
    assert any(f.kind == "phrase" and ARABIZI_NOTE in f.note for f in found), found


def test_long_and_odd_arabizi_never_breaks_it(shipped_detector: RiskDetector) -> None:
    rng = random.Random(15)
    letters = "abcdefghijklmnopqrstuvwxyz2357 \u200b\u0301ـ😂"
    for _ in range(5):
        text = "".join(rng.choice(letters) for _ in range(4096))
        assert shipped_detector.assess(text).level in ("none", "elevated", "high")


def test_an_exclusion_as_written_maps_onto_the_skeletons() -> None:
    # the message's tokens 0..5, of which 1 and 4 have no skeleton (dropped)
    where = [0, 2, 3, 5]
    assert reading.spans([(1, 3), (4, 4), (0, 5)], where) == [(1, 2), (0, 3)]
