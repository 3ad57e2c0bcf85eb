"""Issue 9: every defect it lists, as a test that failed on the old detector and passes now.

The old detector (before issue 9) collapsed every doubled letter, matched phrases only as
unbroken runs of words, knew no inflections, rated any mention of suicide `high`, ignored
negation and had no category for danger from other people. Each test below names the bullet of
the issue it covers. The benchmark (`python -m benchmarks.risk`) measures the same on whole sets.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.safety import RiskDetector, normalize, run_risk_cli

CONTENT = Path(__file__).resolve().parent.parent / "content"


@pytest.fixture(scope="module")
def detector(shipped_detector: RiskDetector) -> RiskDetector:
    return shipped_detector  # the shipped lists, built once (tests/conftest.py)


def _flagged(detector: RiskDetector, texts: list[str]) -> list[str]:
    """The texts NOT flagged at any level (so an assertion names every miss at once)."""
    return [text for text in texts if not detector.assess(text).at_risk]


def test_held_back_misses_of_the_issue_are_caught(detector: RiskDetector) -> None:
    """'What was measured': messages the old lists missed."""
    missed = [
        "I have the rope ready",
        "everyone would be better off if I was dead",
        "I already wrote my goodbye letters",
        "كتبت رسالة الوداع لأهلي",
        "bidi mout",
    ]
    assert _flagged(detector, missed) == []


def test_noose_is_not_nose(detector: RiskDetector) -> None:
    """Elongation folding removed a legitimate double letter: every nose was rated high."""
    assert normalize("noose") != normalize("nose")
    assert detector.assess("my nose is bleeding again").level == "none"
    assert detector.assess("I broke my nose").level == "none"
    assert detector.assess("I tied a noose").level == "high"
    # elongation of three or more still folds
    assert normalize("goooodbye") == "gooodbye"  # a run of three marks elongation
    assert detector.assess("goooodbye forever").level == "high"
    assert detector.assess("i want to dieeeee").level == "high"


def test_a_phrase_tolerates_inserted_words(detector: RiskDetector) -> None:
    """'I want to *fucking* die', 'I wish I could *just* die', 'end my *miserable* life',
    and the word dropped in 'want die'."""
    texts = [
        "I want to fucking die",
        "I wish I could just die",
        "end my miserable life",
        "want die",
    ]
    assert [detector.assess(t).level for t in texts] == ["high"] * len(texts)


def test_inflected_forms_are_caught(detector: RiskDetector) -> None:
    forms = [
        "I keep thinking about killing myself",
        "I'm taking my life tonight",
        "I always wished I was dead",
        "I want to slit my wrist",
        "I do not want to wake up tomorrow",
        "هاموت نفسي",
        "انا منتحر",
        "ينتحر",
    ]
    assert _flagged(detector, forms) == []


def test_plain_common_wordings_are_caught(detector: RiskDetector) -> None:
    wordings = [
        "I don't want to live",
        "I just want it to end",
        "someone please kill me",
        "I give up",
        "I've had enough",
        "I wish I never existed",
        "I took all my pills",
        "I took too many pills",
        "I swallowed my pills",
        "I'm ending it tonight",
        "I'll jump in front of a bus",
        "please put me out of my misery",
        "I'm going to OD on my meds",
        "since my last attempt I've been scared",
    ]
    assert _flagged(detector, wordings) == []


def test_a_bare_mention_is_not_high(detector: RiskDetector) -> None:
    """News, idioms and a grave emoji must not fire at the highest level."""
    not_high = [
        "suicide",
        "the news said the suicide rate went up",
        "that was political suicide",
        "a suicide bombing hit the market",
        "RIP my phone battery 🪦",
        "🪦",
        "انتحار",
        "خبر انتحار في الجريدة",
    ]
    assert [t for t in not_high if detector.assess(t).level == "high"] == []
    # a bare mention still offers contacts gently; idioms and the battery get nothing
    assert detector.assess("I keep reading about suicide").level == "elevated"
    for benign in ("that was political suicide", "a suicide bombing", "RIP my phone battery 🪦"):
        assert detector.assess(benign).level == "none", benign


def test_kilometres_are_not_kms(detector: RiskDetector) -> None:
    for text in ("it's 5 kms from here", "we ran 10 kms", "how many kms to the border"):
        assert detector.assess(text).level == "none", text
    assert detector.assess("i wanna kms").level == "high"


def test_negation_lowers_but_never_silences(detector: RiskDetector) -> None:
    """'I don't want to die' stays flagged (anxious people say it), at elevated; also read with
    the words apart ("don t"), which used to lose the negation."""
    for text in ("I don't want to die", "I dont want to die", "I do not want to die"):
        assert detector.assess(text).level == "elevated", text
    assert detector.assess("I want to die").level == "high"
    assert detector.assess("I can't stop thinking about killing myself").level == "high"


def test_danger_from_others_is_its_own_category(detector: RiskDetector) -> None:
    for text in (
        "My family will kill me if they find out",
        "I'd rather die than be forced to marry him",
        "if my brothers find out i'm gay they will kill me",
        "he has my photos and says he'll send them to my family",
        "أهلي رح يقتلوني إذا عرفوا",
    ):
        result = detector.assess(text)
        assert result.level == "high" and result.from_others, text
    assert not detector.assess("I want to die").from_others


def test_eval_command_reports_recall_and_false_positives(tmp_path: Path) -> None:
    """`python -m bot risk --eval FILE.tsv`: figures per language and overall, and the misses."""
    sheet = tmp_path / "set.tsv"
    sheet.write_text(
        "risk\ten\tI want to die\n"
        "risk\ten\tsome words nobody listed\n"
        "benign\ten\tyou're killing it\n"
        "risk\tar\tبدي موت\n"
        "not a line\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    assert run_risk_cli(CONTENT, io.StringIO(""), out, eval_file=sheet) == 0
    text = out.getvalue()
    assert "en\t1/2 = 0.500" in text and "ar\t1/1 = 1.000" in text
    assert "all\t2/3 = 0.667" in text
    assert "some words nobody listed" in text
    assert "malformed" in text
