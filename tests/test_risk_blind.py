"""The English, Arabic and Arabizi lists on the blind sets written for issue 9 (helper r9b).

`benchmarks/risk_sets/blind_en.tsv` and `blind_ar.tsv` were written before reading the lists
and run once as written: recall 0.54 (en) and 0.46 (ar and Arabizi), 3.6 % and 0 % of benign
lines flagged. The lists were then given whole families of wordings from those misses (see
`benchmarks/RISK_HISTORY.md`, "English, Arabic and Arabizi: blind sets"). These floors hold the
figures reached after that, so a later edit of the lists cannot lose them silently. They are
optimistic figures (tuned on); the blind ones are in the README.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.safety import RiskDetector
from bot.safety.evaluate import Evaluation, evaluate
from bot.safety.normalize import single_letters, single_vowels, tokens

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SETS = ROOT / "benchmarks" / "risk_sets"


@pytest.fixture(scope="module")
def detector(shipped_detector: RiskDetector) -> RiskDetector:
    return shipped_detector  # the shipped lists, built once (tests/conftest.py)


def _run(detector: RiskDetector, name: str) -> Evaluation:
    return evaluate(detector, (SETS / name).read_text(encoding="utf-8").splitlines())


def test_blind_sets_are_whole() -> None:
    """About 80 risk and 80 benign lines in each, every line well formed."""
    for name in ("blind_en.tsv", "blind_ar.tsv"):
        lines = [
            line
            for line in (SETS / name).read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        ]
        labels = [line.split("\t")[0] for line in lines]
        assert labels.count("risk") >= 80 and labels.count("benign") >= 80, name
        assert all(len(line.split("\t", 2)) == 3 for line in lines), name


def test_english_blind_set_floor(detector: RiskDetector) -> None:
    result = _run(detector, "blind_en.tsv")
    assert result.bad_lines == []
    total = result.overall
    assert total.risk == 82 and total.benign == 84
    assert total.caught >= 80, result.misses  # recall 0.976
    assert total.caught_high >= 53  # 0.65 at high
    assert total.flagged <= 2, result.false_positives  # 2.4 %
    assert total.flagged_high <= 1, result.false_positives  # "my mom will kill me if ..."


def test_arabic_blind_set_floor(detector: RiskDetector) -> None:
    result = _run(detector, "blind_ar.tsv")
    assert result.bad_lines == []
    arabic, arabizi = result.by_lang["ar"], result.by_lang["arabizi"]
    assert arabic.caught == arabic.risk == 65, result.misses
    assert arabizi.caught == arabizi.risk == 20, result.misses
    assert arabic.caught_high + arabizi.caught_high >= 62  # 0.73 at high
    assert result.overall.flagged == 0, result.false_positives


@pytest.mark.parametrize(
    "text",
    [
        "bde moot w 5alas",  # a listed 'bidi moot' used to stop 'moot' folding to 'mot'
        "bidi moot",
        "bedde mout",
        "ana ta3ban ktir bade 5alles 7ayete",
        "ma 3ad fiye kammel",
        "mesh 2ader akammel",
    ],
)
def test_arabizi_doubled_letters_fold_to_a_listed_form(detector: RiskDetector, text: str) -> None:
    assert detector.assess(text).at_risk


def test_no_listed_arabizi_word_stops_another_from_folding() -> None:
    """A message word that is itself a word of the lists is never folded ("noose" stays
    "noose"), so listing "moot" beside "mot" made "bde moot" miss "bde mot". In the Arabic
    file's Latin phrases, a doubled form is listed only where its single form is not."""
    data = yaml.safe_load((CONTENT / "ar" / "safety.yaml").read_text(encoding="utf-8"))
    words = {
        word
        for level in ("high", "elevated")
        for phrases in data[level].values()
        for phrase in phrases
        for word in tokens(phrase)
        if word.isascii() and any(c.isdigit() for c in phrase)  # Arabizi, not French
    }
    clashes = sorted(
        word
        for word in words
        for single in {single_vowels(word), single_letters(word)}
        if single != word and len(single) >= 3 and single in words
    )
    assert clashes == []


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # written for this test, not taken from any set: look-alikes of the new wordings
        ("let's end things on a high note tonight", "none"),
        ("i'm so done with this class lol", "none"),
        ("he'll kill it at the audition", "none"),
        ("جرحت ايدي وانا بقطع الخبز", "none"),
        ("بموت فيك يا قلبي", "none"),
        ("هموت من الضحك", "none"),
        ("i've been cutting back on sugar", "none"),
        ("thinking about jumping into the job market", "none"),
        # and the forms they must not silence
        ("i want to end things, i can't do this anymore", "high"),
        ("i'm going to end things tonight", "high"),
        ("my dad punched me when he saw my phone", "high"),
        ("ابويا ضربني عشان شاف صوري", "high"),
        ("اشتريت موس وقاعد لحالي", "high"),
        ("i've decided to end it", "high"),
        ("اهلي اذا عرفوا اني مثلي رح يقتلوني", "high"),
        ("ناوي اموت الليلة", "high"),
    ],
)
def test_new_wordings_and_their_look_alikes(detector: RiskDetector, text: str, level: str) -> None:
    assert detector.assess(text).level == level
