"""Turkish written three ways reads the same: with its letters, without them (an ASCII
keyboard), and in capitals, whose I lowercases to a dotted i. The dotless ı is folded to i,
like ş ğ ç ö ü İ lose their marks, so each phrase is listed once."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.safety import RiskDetector
from bot.safety.normalize import normalize

CONTENT = Path(__file__).resolve().parent.parent / "content"


@pytest.fixture(scope="module")
def detector(shipped_detector: RiskDetector) -> RiskDetector:
    return shipped_detector  # the shipped lists, built once (tests/conftest.py)


@pytest.mark.parametrize(
    "ways",
    [
        ("artık yaşamak istemiyorum", "artik yasamak istemiyorum", "ARTIK YAŞAMAK İSTEMİYORUM"),
        ("kendimi öldüreceğim", "kendimi oldurecegim", "KENDİMİ ÖLDÜRECEĞİM"),
    ],
)
def test_the_same_words_typed_three_ways_get_the_same_level(
    detector: RiskDetector, ways: tuple[str, ...]
) -> None:
    levels = {detector.assess(text).level for text in ways}
    assert levels == {"high"}


def test_dotless_i_folds_to_i() -> None:
    assert normalize("hayatımı") == normalize("hayatimi") == normalize("HAYATIMI")


def test_the_noun_suicide_in_arabizi_or_turkish_is_a_mention(detector: RiskDetector) -> None:
    # "intihar" is Arabizi for انتحار and Turkish for suicide: news must not fire at the top
    assert detector.assess("intihar haberleri").level == "elevated"
    assert detector.assess("bidi intihar").level == "high"  # "I want suicide": intent
