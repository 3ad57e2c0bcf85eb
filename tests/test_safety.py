"""Risk-phrase detection: what must fire, what must not, and that broken lists are caught.

The detector decides whether someone sees crisis contacts at once, so both directions matter:
a miss can cost a life, a false alarm on "killing it" teaches volunteers to ignore alarms.
"""

from __future__ import annotations

import dataclasses
import io
import random
import re
import shutil
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.safety import (
    RiskAssessment,
    RiskDetector,
    SafetyLists,
    load_safety,
    normalize,
    run_risk_cli,
)
from bot.safety.schema import expand

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
RANK = {"none": 0, "elevated": 1, "high": 2}
# every locale that ships a phrase list (en, ar, and the translated ones)
SHIPPED = sorted(path.parent.name for path in CONTENT.glob("*/safety.yaml"))


@pytest.fixture(scope="module")
def detector(shipped_detector: RiskDetector) -> RiskDetector:
    return shipped_detector  # the shipped lists, built once (tests/conftest.py)


def _lists(locale: str) -> SafetyLists:
    data = yaml.safe_load((CONTENT / locale / "safety.yaml").read_text(encoding="utf-8"))
    return SafetyLists.model_validate(data)


# --------------------------------------------------------------------------- must fire

POSITIVE: list[tuple[str, str, str]] = [
    # English: intent, with the ways people really type it
    ("I want to die", "high", "intent"),
    ("i want to dieeee", "high", "intent"),
    ("I WANT TO DIE", "high", "intent"),
    ("ki\u200bll my\u200dself", "high", "intent"),  # zero-width characters inserted
    ("ugh i wanna kms", "high", "intent"),
    ("been thinking about unaliving myself", "high", "intent"),
    ("I just want to end it all.", "high", "intent"),
    ("I don't want to be here anymore", "high", "intent"),
    ("i dont want to be here anymore", "high", "intent"),
    ("i wish i could sleep forever", "high", "intent"),
    ("i think about suicide a lot", "high", "intent"),
    ("ｋｉｌｌ ｍｙｓｅｌｆ", "high", "intent"),  # fullwidth letters
    ("kill-myself", "high", "intent"),
    ("i wanna die lol", "high", "intent"),  # jokes are how people test the water
    ("i feel like killing myself", "high", "intent"),
    # English: plan, farewell
    ("how many pills would it take", "high", "plan"),
    ("I have been stockpiling pills", "high", "plan"),
    ("thinking of jumping... i'd jump off a bridge", "high", "plan"),
    ("this is my last message. goodbye forever", "high", "farewell"),
    ("Goooodbye forever", "high", "farewell"),
    ("by the time you read this it's done", "high", "farewell"),
    # English: elevated
    ("I cant go on", "elevated", "hopeless"),
    ("I can\u2019t go on anymore", "elevated", "hopeless"),
    ("there's no reason to live", "elevated", "hopeless"),
    ("I'm a burden to everyone", "elevated", "hopeless"),
    ("so tired of living", "elevated", "hopeless"),
    ("I've been cutting myself again", "elevated", "self_harm"),
    ("sometimes I self-harm", "elevated", "self_harm"),
    ("i want to hurt myself", "elevated", "self_harm"),
    # Emoji
    ("RIP 🪦", "elevated", "emoji"),  # alone: a gentle check-in (issue 9)
    ("⚰️", "elevated", "emoji"),
    ("خلص🪦", "elevated", "emoji"),
    # MSA, with diacritics, hamza/alef variants, presentation forms
    ("أريد أن أموت", "high", "intent"),
    ("أُرِيدُ أَنْ أَمُوتَ", "high", "intent"),
    ("اريد ان اموت", "high", "intent"),
    ("ﻻ أريد أن أعيش بعد الآن", "high", "intent"),  # U+FEFB lam-alef ligature
    ("أفكر في الانتحار كل يوم", "high", "intent"),
    ("إنهاء حياتي هو الحل", "high", "intent"),
    ("انهاء حياتي", "high", "intent"),
    ("أفكر أن أشنق نفسي", "high", "plan"),
    ("جرعة زائدة", "high", "plan"),
    ("هذه آخر رسالة مني", "high", "farewell"),
    ("سامحوني على كل شيء", "high", "farewell"),
    ("سامحوني على كل شي", "high", "farewell"),
    ("حياتي بلا معنى", "elevated", "hopeless"),
    ("أُؤذي نفسي", "elevated", "self_harm"),
    # Levantine
    ("بدي موت", "high", "intent"),
    ("بدي مـــوت", "high", "intent"),  # tatweel
    ("بدّي موووووت", "high", "intent"),  # shadda and elongation
    ("والله بدي اقتل حالي", "high", "intent"),
    ("ما عاد بدي عيش", "high", "intent"),
    ("وبدي موت", "high", "intent"),  # conjunction glued to the first word
    ("فبدي موت", "high", "intent"),
    ("ما عاد فيني كمل", "elevated", "hopeless"),
    ("بدي روح من هالدنيا", "high", "intent"),
    # Egyptian
    ("عايزة اموت", "high", "intent"),
    ("عايزه اموت", "high", "intent"),  # ta marbuta written as ha
    ("هموت نفسي", "high", "intent"),
    ("مش عايز أعيش", "high", "intent"),
    ("زهقت من حياتي", "elevated", "hopeless"),
    # Gulf
    ("ابي اموت", "high", "intent"),
    ("أبغى أموت", "high", "intent"),
    ("ابغي اموت", "high", "intent"),  # alef maqsura written as ya
    ("ابی اموت", "high", "intent"),  # Persian ya
    ("ودي أموت", "high", "intent"),
    ("ما ابي اعيش", "high", "intent"),
    ("ابي انتحر", "high", "intent"),
    # Maghrebi
    ("بغيت نموت", "high", "intent"),
    ("غادي نقتل روحي", "high", "intent"),
    ("ما بقيتش باغي نعيش", "high", "intent"),
    ("راني حاب نموت", "high", "intent"),
    ("عييت من حياتي", "elevated", "hopeless"),
    # Arabizi, each dialect
    ("bdi mout", "high", "intent"),
    ("Bddi mouuut", "high", "intent"),
    ("bdi 2tol 7ali", "high", "intent"),
    ("3ayez amoot", "high", "intent"),
    ("٣ayez amoot", "high", "intent"),  # Arabic-Indic digit
    ("abi amoot", "high", "intent"),
    ("bghit nmout", "high", "intent"),
    ("n9tel rou7i", "high", "intent"),
    ("mabqitch baghi n3ich", "high", "intent"),
    ("n٩tel rou٧i", "high", "intent"),
    ("ana ta3ban men 7ayati", "elevated", "hopeless"),
]


@pytest.mark.parametrize(("text", "level", "category"), POSITIVE)
def test_risk_is_detected(detector: RiskDetector, text: str, level: str, category: str) -> None:
    result = detector.assess(text)
    assert result.level == level, text
    assert category in result.categories, text


# --------------------------------------------------------------------------- must not fire

NEGATIVE: list[str] = [
    "you're killing it!",
    "I'm dying to see you",
    "dead tired after work",
    "kill the lights please",
    "I'd die for pizza",  # hyperbole: decided none, see content/en/safety.yaml
    "the battery died again",
    "this diet is killing me",
    "I nearly kill myself laughing every time",
    "skill myself up",
    "the suicide squad movie was fun",
    "im so tired i could sleep forever",
    "i want to die my hair blue",
    "is this the hill i want to die on",
    "I can't go on the trip next week",
    "I cut myself shaving",
    "it's 5 kms away",
    "lol 😂🪦",
    "💀💀 im dead",
    "💔",
    "good morning, how are you?",
    "goodbye, see you tomorrow",
    "I want to dye my hair",
    "i don't want to wake up early tomorrow",
    "i'm going to end it with my boyfriend",
    "my grandmother passed away last year",
    "بموت فيك",
    "وبموت فيك",
    "موت ضحك",
    "هموت من الجوع",
    "قتلتني بالضحك",
    "ميت من التعب",
    "متت من الضحك",
    "بدي موت من الضحك",
    "بموت من الضحك",
    "بدي عيش حياتي",
    "ما بدي عيش هون",
    "مش عايز اعيش مع اهلي",
    "بغيت نموت عليك",
    "مش قادر أعيش من غيرك",  # "can't live without you"
    "كل الحبوب اللي وصفها الدكتور خلصت",
    "يقبرني",
    "وداعا، أراك غدا",
    "السلام عليكم",
    "bmout fik",
    "mout de7k",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_benign_text_is_not_flagged(detector: RiskDetector, text: str) -> None:
    assert detector.assess(text) == RiskAssessment("none", frozenset()), text


def test_a_match_outside_an_exclusion_still_counts(detector: RiskDetector) -> None:
    text = "i kill myself laughing at memes. no really, i want to kill myself"
    assert detector.assess(text).level == "high"
    assert detector.assess("suicide squad was bad. i am suicidal").level == "high"


FRENCH_POSITIVE: list[tuple[str, str, str]] = [
    # Maghrebi and Lebanese visitors write French, or mix it in (content/ar/safety.yaml)
    ("je veux mourir", "high", "intent"),
    ("jveux mourir wallah", "high", "intent"),  # SMS spelling, mixed with Arabic
    ("J'ai trop envie de mourrir", "high", "intent"),  # doubled letter folded
    ("je vais me suicider", "high", "intent"),
    ("j'vais me tuer ce soir", "high", "intent"),
    ("je n'ai plus envie de vivre", "high", "intent"),
    ("jai plus envie de vivre", "high", "intent"),  # without "ne" or apostrophe
    ("je veux en finir", "high", "intent"),
    ("je vais mettre fin à mes jours", "high", "intent"),
    ("je vais me foutre en l'air", "high", "intent"),
    ("je vais sauter du pont", "high", "plan"),
    ("j'ai avalé des cachets", "high", "plan"),
    ("adieu à tous", "high", "farewell"),
    ("j'ai écrit une lettre d'adieu", "high", "farewell"),
    ("chui un fardeau pour ma famille", "elevated", "hopeless"),
    ("personne ne m'aimera jamais", "elevated", "hopeless"),
    ("je veux disparaître", "elevated", "hopeless"),
    ("j'ai recommencé à me scarifier", "elevated", "self_harm"),
    ("j'ai envie de me couper", "elevated", "self_harm"),
    ("j'ai envie de mourir de rire. non sérieux, j'ai envie de mourir", "high", "intent"),
    ("j'ai peur de faire une bêtise", "high", "intent"),
    ("je veux en finir avec tout", "high", "intent"),
    ("je veux en finir avec la vie", "high", "intent"),
]

FRENCH_NEGATIVE: list[str] = [
    "je meurs de faim",
    "je meurs d'envie de te voir",
    "on s'est tués de rire",
    "ce film m'a tué",
    "mort de rire",
    "je suis mort de fatigue",
    "je veux mourir de rire",
    "on joue pour tuer le temps",
    "ça me tue",
    "tu veux me tuer ou quoi",
    "je veux plus vivre chez mes parents",
    "j'ai envie de me couper les cheveux",
    "sortir sans manteau, c'est du suicide",
    "je veux pas mourir",
    "j'veux mourir de rire",  # the elided form is a phrase of its own: excluded on its own
    "j'vais me tuer à la tâche",
    "je veux en finir avec ce dossier",
    "j'veux en finir avec lui",
    "J'ai avoué à ma mère que je l'aime",  # coming out, not a farewell
    "je dois avaler des cachets tous les jours",  # daily medicine, hormones, PrEP
]


def test_french_is_detected_and_french_idioms_are_not(detector: RiskDetector) -> None:
    wrong = []
    for text, level, category in FRENCH_POSITIVE:
        result = detector.assess(text)
        if result.level != level or category not in result.categories:
            wrong.append((text, result))
    for text in FRENCH_NEGATIVE:
        result = detector.assess(text)
        if result.at_risk:
            wrong.append((text, result))
    assert wrong == []


def test_high_beats_elevated_and_categories_accumulate(detector: RiskDetector) -> None:
    result = detector.assess("I want to die. I've been cutting myself")
    assert result.level == "high"
    assert result.categories == {"intent", "self_harm"}


def test_words_match_on_boundaries_only(detector: RiskDetector) -> None:
    assert detector.assess("killmyself").level == "none"
    assert detector.assess("mykms").level == "none"
    assert detector.assess("kms").level == "none"  # kilometres, alone: issue 9
    assert detector.assess("gonna kms.").level == "high"


def test_assessment_carries_categories_never_words(detector: RiskDetector) -> None:
    text = "I will take all my pills and hang myself tonight"
    result = detector.assess(text)
    assert {f.name for f in dataclasses.fields(result)} == {"level", "categories"}
    assert result.level == "high" and result.categories == {"plan"}
    shown = repr(result) + str(result)
    for word in re.findall(r"\w+", text.lower()):
        if len(word) > 3:
            assert word not in shown


# --------------------------------------------------------------------------- the shipped lists


def test_shipped_lists_load_without_problems() -> None:
    found, problems = load_safety(CONTENT)
    assert problems == []
    assert found is not None and found.phrase_count >= 180


def test_shipped_lists_are_big_enough() -> None:
    for locale, minimum in (("en", 60), ("ar", 120), ("fr", 150), ("es", 150), ("it", 150)):
        lists = _lists(locale)
        words = sum(len(v) for g in (lists.high, lists.elevated) for v in g.values())
        assert words >= minimum, locale
        assert {"intent", "plan", "farewell"} <= set(lists.high)
        assert {"hopeless", "self_harm"} <= set(lists.elevated)
        assert lists.exclude


def test_every_shipped_phrase_fires_on_its_own(detector: RiskDetector) -> None:
    """A phrase swallowed by an exclusion, or mangled by normalisation, would fail here."""
    for locale in SHIPPED:
        lists = _lists(locale)
        for level, groups in (("high", lists.high), ("elevated", lists.elevated)):
            for lines in groups.values():  # a line naming a word class stands for its phrases
                for phrase in (p for line in lines for p in expand(line, lists.classes)):
                    assert RANK[detector.assess(phrase).level] >= RANK[level], phrase
        for emoji in lists.emoji.high:
            assert detector.assess(emoji).level == "high"


def test_every_shipped_exclusion_is_benign_on_its_own(detector: RiskDetector) -> None:
    for locale in SHIPPED:
        lists = _lists(locale)
        for phrase in (p for line in lists.exclude for p in expand(line, lists.classes)):
            assert detector.assess(phrase).level == "none", phrase


def test_locales_are_merged() -> None:
    english_only = RiskDetector.from_lists([_lists("en")])
    merged = RiskDetector.from_lists([_lists("en"), _lists("ar")])
    assert english_only.assess("بدي موت").level == "none"
    assert merged.assess("I feel awful. بدي موت").level == "high"
    assert merged.phrase_count > english_only.phrase_count


# --------------------------------------------------------------------------- broken lists


def _copy_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    for locale in ("en", "ar"):
        (target / locale).mkdir(parents=True)
        shutil.copy(CONTENT / locale / "safety.yaml", target / locale / "safety.yaml")
    return target


def _edit(path: Path, change: dict[str, object]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(change)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_broken_copy_reports_file_and_key(tmp_path: Path) -> None:
    content = _copy_content(tmp_path)
    en = content / "en" / "safety.yaml"
    data = yaml.safe_load(en.read_text(encoding="utf-8"))
    intent = data["high"]["intent"]
    intent.append("  WANT to DIEEE!! ")  # duplicate of "want to die" once normalised
    intent.append("?!")  # empty once normalised
    intent.append("kill myself laughing")  # identical to an exclusion: could never match
    en.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _edit(content / "ar" / "safety.yaml", {"hihg": {"intent": ["بدي موت"]}})

    found, problems = load_safety(content)
    assert found is None
    n = len(intent)
    by_key = {(f, k): m for f, k, m in problems}
    en_file = "content/en/safety.yaml"
    first = intent.index("want to die")
    assert f"duplicate of high.intent.{first}" in by_key[(en_file, f"high.intent.{n - 3}")]
    assert "empty" in by_key[(en_file, f"high.intent.{n - 2}")]
    assert "never matches" in by_key[(en_file, f"high.intent.{n - 1}")]
    assert "Extra inputs" in by_key[("content/ar/safety.yaml", "hihg")]


def test_invalid_yaml_wrong_types_and_missing_english(tmp_path: Path) -> None:
    content = _copy_content(tmp_path)
    (content / "ar" / "safety.yaml").write_text("high: [unclosed\n", encoding="utf-8")
    _, problems = load_safety(content)
    assert [(f, k) for f, k, _ in problems] == [("content/ar/safety.yaml", "-")]
    assert "not valid YAML" in problems[0][2]

    (content / "ar" / "safety.yaml").write_text(
        "high: {intent: [no, 'ok phrase']}\nelevated: {}\nemoji: {high: [word]}\n",
        encoding="utf-8",
    )
    _, problems = load_safety(content)
    keys = {k for _, k, _ in problems}
    assert "high.intent.0" in keys  # `no` is YAML for false, not a phrase
    (content / "ar" / "safety.yaml").write_text(
        "high: {intent: ['ok phrase']}\nelevated: {}\nemoji: {high: [word]}\n", encoding="utf-8"
    )
    _, problems = load_safety(content)
    assert [(k, "not an emoji" in m) for _, k, m in problems] == [("emoji.high.0", True)]

    (content / "en" / "safety.yaml").unlink()
    found, problems = load_safety(content)
    assert found is None
    assert ("content/en/safety.yaml", "-", "required file missing") in problems


def test_a_locale_without_the_file_is_fine(tmp_path: Path) -> None:
    content = _copy_content(tmp_path)
    (content / "fr").mkdir()
    found, problems = load_safety(content)
    assert problems == [] and found is not None


# --------------------------------------------------------------------------- CLI


def test_cli_prints_a_level_per_line() -> None:
    stdin = io.StringIO("I want to die\nyou're killing it\n\nما عاد فيني كمل\n")
    stdout = io.StringIO()
    assert run_risk_cli(CONTENT, stdin, stdout) == 0
    assert stdout.getvalue().splitlines() == [
        "high\tI want to die",
        "none\tyou're killing it",
        "none\t",
        "elevated\tما عاد فيني كمل",
    ]


def test_cli_refuses_broken_lists(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = _copy_content(tmp_path)
    _edit(content / "en" / "safety.yaml", {"exclude": ["want to die"]})
    stdout = io.StringIO()
    assert run_risk_cli(content, io.StringIO("I want to die\n"), stdout) == 1
    assert stdout.getvalue() == ""
    err = capsys.readouterr().err
    listed = yaml.safe_load((content / "en" / "safety.yaml").read_text(encoding="utf-8"))
    first = listed["high"]["intent"].index("want to die")
    assert f"content/en/safety.yaml: high.intent.{first}: never matches" in err


# --------------------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("I WANT to DIEEEE!!!", "i want to dieee"),  # the detector reads "dieee" as "die"
        ("noose and nose", "noose and nose"),  # a double letter is part of the word
        ("end my shift. life is good", "end my shift\nlife is good"),  # clause boundaries
        ("can\u2019t", "cant"),
        ("ki\u200bl\u00adl \u202emyself\u202c", "kill myself"),
        ("أُرِيدُ أَنْ أَمُوتَ", "اريد ان اموت"),
        ("إلى آخر مؤتمر ٱلموت ئ", "الي اخر موتمر الموت ي"),
        ("بدي مـــووووت", "بدي موووت"),
        ("ک ی ۰١٢٣٤٥٦٧٨٩", "ك ي 0123456789"),
        ("café", "cafe"),
        ("goooodbye", "gooodbye"),
        ("شيء", "شي"),
        ("word😂word", "word😂word"),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


ODD_TEXT = st.text(st.characters(blacklist_categories=()), max_size=300)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ODD_TEXT)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ODD_TEXT)
def test_assess_never_raises(detector: RiskDetector, text: str) -> None:
    result = detector.assess(text)
    assert result.level in RANK
    assert result.categories <= {"intent", "plan", "farewell", "hopeless", "self_harm", "emoji"}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["i want to kill myself", "بدي اقتل حالي", "3ayez amoot", "ما ابي اعيش"]),
    st.lists(
        st.sampled_from(["\u200b", "\u200d", "\u200f", "\u0640", "\u064e", "\u00ad"]),
        min_size=1,
        max_size=6,
    ),
    st.randoms(use_true_random=False),
    st.sampled_from(["", "so ", "honestly... ", "والله "]),
)
def test_invisible_characters_do_not_hide_a_phrase(
    detector: RiskDetector, phrase: str, insertions: list[str], rnd: random.Random, before: str
) -> None:
    chars = list(phrase)
    for mark in insertions:
        chars.insert(rnd.randrange(1, len(chars)), mark)
    assert detector.assess(before + "".join(chars).upper()).level == "high"


# --------------------------------------------------------------------------- speed


def test_one_pass_is_fast_with_a_thousand_phrases() -> None:
    """~1000 phrases must not mean ~1000 scans: stay far under a millisecond per message."""
    common = "i the my to and so was of in me".split()  # shared first words, as in real lists
    synthetic = [f"{common[i % len(common)]} w{i} x{i % 37}" for i in range(700)]
    lists = [_lists("en"), _lists("ar"), SafetyLists(high={"synthetic": synthetic}, elevated={})]
    big = RiskDetector.from_lists(lists)
    assert big.phrase_count >= 1000
    message = (
        "honestly today was long and my boss kept me late again, then the bus never "
        "came and i walked home in the rain. والله تعبت، ما حدا سأل عني اليوم ابدا"
    )[:200]
    big.assess(message)
    runs = 300
    start = time.perf_counter()
    for _ in range(runs):
        big.assess(message)
    per_message = (time.perf_counter() - start) / runs
    assert per_message < 0.002  # measured ~20-60 µs; generous for loaded CI machines


def test_an_elided_word_is_also_read_apart(detector: RiskDetector) -> None:
    """Apostrophes are deleted ("can't" = "cant", Arabizi 3' stays one word), which glues a
    French elision onto its word; the text is also read with the words apart, so "overdose"
    (an English phrase) is found in "l'overdose" without listing every elided form."""
    assert detector.assess("j'pense à l'overdose").level == "high"
    both = detector.assess("je veux mourir, j'ai recommencé l'scarification")
    assert both.level == "high" and {"intent", "self_harm"} <= both.categories
    assert detector.assess("je meurs d'envie de te voir").level == "none"  # exclusions too
    assert detector.assess("I can't wait").level == "none"


def test_being_thrown_out_is_danger_from_others_not_intent(detector: RiskDetector) -> None:
    """Not a wish to die (the words 'don't want to live' are about living *with them*), but for
    this audience being thrown out is danger from others: shelters and safety steps."""
    result = detector.assess("my parents kicked me out and i don't want to live with them anymore")
    assert result.categories == {"others"} and result.from_others
