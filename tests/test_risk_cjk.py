"""Chinese and Japanese risk phrases: found inside text written without spaces, in either
Chinese script and in katakana or hiragana, with their exclusions, negations and third persons,
and the content checks that apply to every other phrase (see `bot.safety.cjk`)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.safety import RiskDetector, SafetyLists, load_safety, normalize
from bot.safety.normalize import phrase_tokens, read
from bot.safety.schema import expand

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"

LISTS = SafetyLists.model_validate(
    {
        "high": {
            "intent": ["不想活", "想*死", "自杀", "死にたい", "消えたい"],
            "others": ["逼我结婚", "要把我赶出家门"],
        },
        "elevated": {"hopeless": ["活着没意思", "生きる意味がない"], "self_harm": ["リスカ"]},
        "exclude": ["想死你", "笑死", "死にたいくらい恥ずかしい"],
        "modifiers": {
            "negation": ["不", "没有", "別"],
            "third_person": ["他", "朋友", "彼女"],
            "negation_after": ["わけじゃない", "とは思わない"],
        },
    }
)


@pytest.fixture(scope="module")
def small() -> RiskDetector:
    return RiskDetector.from_lists([LISTS])


@pytest.mark.parametrize(
    ("text", "level", "category"),
    [
        ("我真的不想活了", "high", "intent"),  # inside a sentence with no spaces
        ("我 真的 不想活 了", "high", "intent"),  # spaces change nothing
        ("我真的不想活了，对不起", "high", "intent"),
        ("我真的不想活了。", "high", "intent"),
        ("我想自殺", "high", "intent"),  # traditional characters meet the simplified phrase
        ("我想自杀", "high", "intent"),
        ("我想自殺!!!", "high", "intent"),
        ("ｗｏ 想自杀", "high", "intent"),  # fullwidth Latin around it
        ("好想死", "high", "intent"),
        ("我想去死", "high", "intent"),  # the `*` of 想*死: up to three characters between
        ("我好想快点死", "high", "intent"),
        ("もう死にたい", "high", "intent"),
        ("もう消えたいです", "high", "intent"),
        ("キエタイ", "none", ""),  # a kana spelling the lists do not write
        ("爸妈逼我结婚", "high", "others"),
        ("他们逼我结婚", "high", "others"),  # third person never lowers danger from others
        ("我爸说要把我赶出家门", "high", "others"),
        ("感觉活着没意思", "elevated", "hopeless"),
        ("生きる意味がない", "elevated", "hopeless"),
        ("またリスカしちゃった", "elevated", "self_harm"),
        ("またﾘｽｶしちゃった", "elevated", "self_harm"),  # halfwidth katakana
        ("又リスカ了", "elevated", "self_harm"),
    ],
)
def test_cjk_phrases_are_found_inside_unspaced_text(
    small: RiskDetector, text: str, level: str, category: str
) -> None:
    result = small.assess(text)
    assert result.level == level, text
    assert result.categories == (frozenset({category}) if category else frozenset())


@pytest.mark.parametrize(
    "text",
    [
        "想死你了",  # I miss you so much: an exclusion
        "笑死我了",
        "死にたいくらい恥ずかしい",  # so embarrassed I could die
        "不想去活动",  # a gap is allowed at `*` only: 不想活 must be written in a row
        "想一二三四死",  # four characters at a `*`: too many
        "想，去死",  # never across clause punctuation
        "我想。去死",
        "自己杀鱼",  # 自 and 杀 apart are not 自杀
        "我在减肥不想吃",
    ],
)
def test_cjk_look_alikes_and_gaps(small: RiskDetector, text: str) -> None:
    assert small.assess(text).level == "none", text


@pytest.mark.parametrize(
    "text",
    [
        "我不想死",  # 不 before 想*死
        "我没有想自杀",  # a negation of two characters
        "他想死",  # third person
        "我朋友想自殺",
        "彼女は死にたいって",
        "死にたいわけじゃない",  # Japanese negates after the verb
        "死にたいとは思わない",
    ],
)
def test_cjk_negation_and_third_person_lower_to_elevated(small: RiskDetector, text: str) -> None:
    assert small.assess(text).level == "elevated", text


def test_a_negation_across_a_clause_or_too_far_lowers_nothing(small: RiskDetector) -> None:
    assert small.assess("不，我想死").level == "high"
    assert small.assess("没有人在乎，我想死").level == "high"
    assert small.assess("死にたい。わけじゃないとか言えない").level == "high"
    assert small.assess("有人想自杀").level == "high"  # 有 alone is not the negation 没有
    assert small.assess("不安で死にたい").level == "high"  # 不 of 不安 (anxiety), three before


def test_an_exclusion_never_reaches_across_a_clause(small: RiskDetector) -> None:
    assert small.assess("我想死你了").level == "none"
    assert small.assess("我想死，你们别管我").level == "high"  # not the exclusion 想死你
    assert small.assess("我想死。你呢").level == "high"


def test_folding_and_tokens() -> None:
    assert normalize("憂鬱") == "忧郁"  # traditional -> simplified (OpenCC's table)
    assert normalize("シニタイ") == "しにたい"  # katakana -> hiragana
    assert normalize("ｼﾆﾀｲ") == "しにたい"  # halfwidth katakana (NFKC)
    assert normalize("はか") != normalize("ばか")  # voiced marks are kept
    assert normalize("ガ") == "が"
    assert read("我不想活了。真的")[0] == ["我", "不", "想", "活", "了", "真", "的"]
    assert read("我不想活了。真的")[1] == [0, 0, 0, 0, 0, 1, 1, 1]
    assert read("I want 死 now")[0] == ["i", "want", "死", "now"]
    assert phrase_tokens("想*死") == ("想", "\x00", "死")
    assert phrase_tokens("*想死*") == ("想", "死")


def test_a_cjk_phrase_is_not_gapped_like_a_phrase_of_words() -> None:
    """Three words tolerate inserted words; three characters do not (see the module)."""
    both = RiskDetector.from_lists(
        [SafetyLists(high={"intent": ["want to die", "不想活"]}, elevated={})]
    )
    assert both.assess("want to really die").level == "high"
    assert both.assess("不想去活").level == "none"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.sampled_from("我你他不想死活了自杀殺シにたい。，！ 　ｱ゛ガ薴"), max_size=60))
def test_cjk_normalisation_is_idempotent_and_assess_never_raises(text: str) -> None:
    detector = RiskDetector.from_lists([LISTS])
    once = normalize(text)
    assert normalize(once) == once
    assert detector.assess(text).level in {"none", "elevated", "high"}


def test_a_long_cjk_message_is_fast(small: RiskDetector) -> None:
    text = ("今天上班好累，老板又骂我了。晚上想去吃火锅，然后回家睡觉。" * 200)[:4096]
    small.assess(text)
    start = time.perf_counter()
    small.assess(text)
    assert time.perf_counter() - start < 0.05  # measured a few ms; generous for loaded machines


# --------------------------------------------------------------------------- content checks


def _content(tmp_path: Path, zh: dict[str, object]) -> Path:
    target = tmp_path / "content"
    (target / "en").mkdir(parents=True)
    shutil.copy(CONTENT / "en" / "safety.yaml", target / "en" / "safety.yaml")
    (target / "zz").mkdir()
    (target / "zz" / "safety.yaml").write_text(yaml.safe_dump(zh, allow_unicode=True), "utf-8")
    return target


def test_checks_see_cjk_duplicates_exclusions_and_gaps(tmp_path: Path) -> None:
    content = _content(
        tmp_path,
        {
            "high": {"intent": ["自杀", "自殺", "想死", "想 死", "想*死", "笑死"]},
            "elevated": {},
            "exclude": ["笑死", "想*你"],
        },
    )
    found, problems = load_safety(content)
    assert found is None
    by_key = {k: m for f, k, m in problems if f == "content/zz/safety.yaml"}
    assert "duplicate of high.intent.0" in by_key["high.intent.1"]  # 殺 folds to 杀
    assert "duplicate of high.intent.2" in by_key["high.intent.3"]  # a space is no gap
    assert "high.intent.4" not in by_key  # 想*死 is another phrase than 想死
    assert "never matches" in by_key["high.intent.5"]
    assert "no '*'" in by_key["exclude.1"]


def test_cjk_modifiers_count_before_a_phrase_not_inside_it(tmp_path: Path) -> None:
    content = _content(
        tmp_path,
        {"high": {"intent": ["不想活"]}, "elevated": {}, "modifiers": {"negation": ["我不"]}},
    )
    assert load_safety(content)[0] is not None
    content = _content(
        tmp_path / "b",
        {"high": {"intent": ["我不想活"]}, "elevated": {}, "modifiers": {"negation": ["我"]}},
    )
    _, problems = load_safety(content)
    assert problems == []  # a modifier before the phrase, not inside it


# --------------------------------------------------------------------------- the shipped lists

CJK_LOCALES = ("zh", "zh-Hant", "ja")
RANK = {"none": 0, "elevated": 1, "high": 2}


@pytest.fixture(scope="module")
def shipped(shipped_detector: RiskDetector) -> RiskDetector:
    return shipped_detector  # the shipped lists, built once (tests/conftest.py)


def _shipped_lists(locale: str) -> SafetyLists:
    data = yaml.safe_load((CONTENT / locale / "safety.yaml").read_text(encoding="utf-8"))
    return SafetyLists.model_validate(data)


@pytest.mark.parametrize("locale", CJK_LOCALES)
def test_every_shipped_cjk_phrase_fires_and_every_exclusion_is_benign(
    shipped: RiskDetector, locale: str
) -> None:
    lists = _shipped_lists(locale)
    count = 0
    for level, groups in (("high", lists.high), ("elevated", lists.elevated)):
        for line in (line for phrases in groups.values() for line in phrases):
            for phrase in expand(line, lists.classes):  # a line naming a class: each phrase
                count += 1
                assert RANK[shipped.assess(phrase).level] >= RANK[level], phrase
                assert RANK[shipped.assess(f"真的，{phrase}。").level] >= RANK[level], phrase
    assert count >= 150
    assert {"intent", "plan", "farewell", "attempt", "others"} <= set(lists.high)
    assert {"hopeless", "self_harm"} <= set(lists.elevated)
    exclusions = [phrase for line in lists.exclude for phrase in expand(line, lists.classes)]
    assert all("{" not in phrase for phrase in exclusions)  # every class named is defined
    for phrase in exclusions:
        assert shipped.assess(phrase).level == "none", phrase


@pytest.mark.parametrize(
    ("text", "level", "category"),
    [
        # sentences written for this test (not taken from the held-out sets)
        ("说真的我已经不想活了", "high", "intent"),
        ("最近老是想自殺", "high", "intent"),
        ("我打算今晚烧炭", "high", "plan"),
        ("家里知道我是同性恋以后要送我去戒同所", "high", "others"),
        ("我爸说要打死我", "high", "others"),
        ("感觉自己就是个累赘", "elevated", "hopeless"),
        ("我唔想再生存落去喇", "high", "intent"),
        ("佢哋話要趕我出屋企", "high", "others"),
        ("今天又自殘了", "elevated", "self_harm"),
        ("ほんとにもう死にたい", "high", "intent"),
        ("シニタイ", "high", "intent"),
        ("練炭買ってきた", "high", "plan"),
        ("親にバレたら殺される", "high", "others"),
        ("死にたいわけじゃないけど、つらい", "elevated", "intent"),
        ("またリスカした", "elevated", "self_harm"),
    ],
)
def test_shipped_cjk_lists_on_new_sentences(
    shipped: RiskDetector, text: str, level: str, category: str
) -> None:
    result = shipped.assess(text)
    assert result.level == level, text
    assert category in result.categories, text


@pytest.mark.parametrize(
    "text",
    [
        "哈哈哈笑死我了",
        "想死你了，什么时候回来",
        "双十一跳楼价，快买",
        "新买的紫砂壶真好看",
        "打死我也不去",
        "累死了，今天加班到十点",
        "推しが尊すぎて死ぬ",
        "お腹すいて死にそう",
        "死ぬ気で頑張る",
        "飛び込み営業の研修",
        "HRT開始して3か月",
        "我在吃PrEP",
    ],
)
def test_shipped_cjk_lists_leave_everyday_talk_alone(shipped: RiskDetector, text: str) -> None:
    assert shipped.assess(text).level == "none", text


def test_cjk_lists_fire_on_no_english_or_arabic_look_alike(shipped: RiskDetector) -> None:
    """Every list is merged: the CJK lists add no alarm to the English and Arabic sets."""
    without = RiskDetector.from_lists([_shipped_lists(loc) for loc in ("en", "ar")])
    for name in ("lookalikes.tsv", "issue9.tsv"):
        for line in (ROOT / "benchmarks" / "risk_sets" / name).read_text("utf-8").splitlines():
            if line.startswith("benign\t"):
                text = line.split("\t", 2)[2]
                assert shipped.assess(text).level == without.assess(text).level, text
