"""Issue 9's defects, one test each: each failed on the detector before that issue's work.

They run against the shipped lists (`content/`), as the bot does."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.safety import RiskDetector, load_safety

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def detector() -> RiskDetector:
    found, problems = load_safety(ROOT / "content")
    assert problems == [] and found is not None
    return found


def level(detector: RiskDetector, text: str) -> str:
    return detector.assess(text).level


def test_noose_is_not_nose(detector: RiskDetector) -> None:
    assert level(detector, "my nose is so blocked today") == "none"
    assert level(detector, "nose bleed again") == "none"
    assert level(detector, "I tied a noose") == "high"
    assert level(detector, "goooodbye everyone") == "high"  # elongation (3+) still folds


@pytest.mark.parametrize(
    "text",
    ["I want to fucking die", "I wish I could just die", "end my miserable life", "want die"],
)
def test_words_inserted_into_a_phrase(detector: RiskDetector, text: str) -> None:
    assert level(detector, text) == "high"


def test_inserted_words_never_reach_across_a_clause(detector: RiskDetector) -> None:
    assert level(detector, "I have to end my shift early. life is good though") == "none"


@pytest.mark.parametrize(
    "text",
    [
        "killing myself",
        "taking my life",
        "I wished I was dead",
        "I want to slit my wrist",
        "I do not want to wake up",
        "هاموت نفسي",
        "انا منتحر",
    ],
)
def test_other_forms_of_listed_phrases(detector: RiskDetector, text: str) -> None:
    assert level(detector, text) == "high"


def test_third_person_forms_are_flagged_gently(detector: RiskDetector) -> None:
    assert level(detector, "ينتحر") == "elevated"


@pytest.mark.parametrize(
    "text",
    [
        "I don't want to live",
        "I just want it to end",
        "please kill me",
        "I wish I never existed",
        "I took too many pills",
        "I swallowed my pills",
        "ending it tonight",
        "I'll jump in front of a bus",
        "put me out of my misery",
        "gonna OD on my meds",
        "since my last attempt I feel the same",
        "I have the rope ready",
        "everyone would be better off if I was dead",
        "I already wrote my goodbye letters",
        "كتبت رسالة الوداع لأهلي",
        "bidi mout",
    ],
)
def test_plain_common_wordings(detector: RiskDetector, text: str) -> None:
    assert level(detector, text) == "high"


@pytest.mark.parametrize("text", ["I give up", "I've had enough"])
def test_giving_up_is_elevated_at_least(detector: RiskDetector, text: str) -> None:
    assert level(detector, text) in {"elevated", "high"}


@pytest.mark.parametrize(
    "text",
    [
        "the news said suicide rates rose",
        "that was political suicide",
        "a suicide bombing in the city",
        "تقرير عن الانتحار",
        "RIP my phone battery 🪦",
        "we ran 10 kms today",
        "5 kms",
    ],
)
def test_bare_mentions_news_and_kilometres_are_not_high(detector: RiskDetector, text: str) -> None:
    assert level(detector, text) != "high"


def test_a_grave_alone_is_a_gentle_check_in(detector: RiskDetector) -> None:
    assert level(detector, "🪦") == "elevated"
    assert level(detector, "RIP my phone battery 🪦") == "none"


def test_negation_lowers_but_never_silences(detector: RiskDetector) -> None:
    assert level(detector, "I want to kill myself") == "high"
    assert level(detector, "I don't want to kill myself") == "elevated"
    assert level(detector, "I don't want to die") == "elevated"  # anxious people say it
    assert level(detector, "ما بدي موت") == "elevated"
    assert level(detector, "he wants to die") == "elevated"


@pytest.mark.parametrize(
    "text",
    [
        "My family will kill me if they find out",
        "I'd rather die than be forced to marry him",
        "he is threatening to send my photos to my family",
        "they locked me in my room",
        "اهلي بيجبروني اتجوز غصب",
        "ابوي رح يقتلني",
    ],
)
def test_danger_from_others_is_its_own_category(detector: RiskDetector, text: str) -> None:
    result = detector.assess(text)
    assert result.at_risk and result.from_others


def test_danger_from_others_is_not_lowered_by_a_third_person(detector: RiskDetector) -> None:
    assert level(detector, "my father will kill me") == "high"


@pytest.mark.parametrize(
    "text",
    [
        "a" * 4096,
        "kill " * 800,
        "want to " * 500 + "die",
        "i " * 2000,
        "\u200b".join("killmyself" * 300),
        "e\u0301" * 2000,
        "👨‍👩‍👧‍👦" * 500,
        "بدي " * 1000 + "موت",
        ("want to die " * 400)[:4096],
    ],
)
def test_hostile_input_never_crashes(detector: RiskDetector, text: str) -> None:
    """Speed on such input is measured (not asserted) by benchmarks/risk.py."""
    assert detector.assess(text).level in {"none", "elevated", "high"}


def test_a_double_letter_is_undone_only_for_elongation_or_longer_words() -> None:
    """Found in review: folding every double letter made "odds on" read "od on"."""
    from bot.safety import tokens

    small = RiskDetector(
        {tokens("od on"): {("high", "plan")}, tokens("bdi mout"): {("high", "intent")}},
        (),
    )
    assert small.assess("the odds on that horse").level == "none"
    assert small.assess("odd on purpose").level == "none"
    assert small.assess("gonna oddd on my meds").level == "high"  # a run of three: elongation
    assert small.assess("bddi mouuut").level == "high"
