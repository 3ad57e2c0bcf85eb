"""Word classes in the risk lists: `{family} will kill me` stands for one phrase per word of
the class `family` of its file, so one reviewed line covers the forms people write."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.safety import RiskDetector, SafetyLists, load_safety
from bot.safety.schema import MAX_EXPANSION, expand

EN = {
    "classes": {
        "family": ["my dad", "my mom", "my brothers", "my uncle"],
        "means": ["rope", "pills", "blade"],
        "ready": ["ready", "here", "next to me"],
    },
    "high": {
        "plan": ["i have the {means} {ready}"],
        "others": ["{family} will kill me", "{family} said he would kill me"],
    },
    "elevated": {"despair": ["so tired of everything"]},
    "exclude": ["{family} will kill me if i am late"],
    "modifiers": {"negation": ["not"]},
}


def detector(data: dict) -> RiskDetector:
    return RiskDetector.from_lists([SafetyLists.model_validate(data)])


def test_a_line_with_a_class_stands_for_each_of_its_words() -> None:
    d = detector(EN)
    for text in ("my dad will kill me", "My brothers will kill me!!", "omg my uncle will kill me"):
        result = d.assess(text)
        assert (result.level, result.from_others) == ("high", True), text
    assert d.assess("my cat will kill me").level == "none"  # not a word of the class
    assert d.assess("family will kill me").level == "none"  # the name is not a word


def test_several_classes_combine_and_gaps_still_apply() -> None:
    d = detector(EN)
    assert d.assess("i have the blade next to me").level == "high"
    assert d.assess("i have the pills right here").level == "high"  # a word inserted
    assert d.assess("i have the rope ready").categories == frozenset({"plan"})
    assert d.assess("i have the remote ready").level == "none"


def test_an_exclusion_with_a_class_silences_each_of_its_forms() -> None:
    d = detector(EN)
    assert d.assess("my mom will kill me if i am late lol").level == "none"
    assert d.assess("my mom will kill me if they find out").level == "high"


def test_expansion_is_in_order_and_bounded() -> None:
    classes = {"a": ["x", "y"], "b": ["1", "2"]}
    assert expand("{a} and {b}", classes) == ["x and 1", "x and 2", "y and 1", "y and 2"]
    assert expand("no class here", classes) == ["no class here"]
    many = {"n": [str(i) for i in range(100)]}
    assert len(expand("{n} {n}", many)) == MAX_EXPANSION  # 10,000 asked, the limit given


def write(tmp_path: Path, en: dict, ar: dict | None = None) -> Path:
    content = tmp_path / "content"
    (content / "en").mkdir(parents=True)
    (content / "en" / "safety.yaml").write_text(yaml.safe_dump(en), encoding="utf-8")
    if ar is not None:
        (content / "ar").mkdir()
        (content / "ar" / "safety.yaml").write_text(
            yaml.safe_dump(ar, allow_unicode=True), encoding="utf-8"
        )
    return content


def test_shipped_content_and_a_file_with_classes_check_clean(tmp_path: Path) -> None:
    found, problems = load_safety(write(tmp_path, EN))
    assert problems == [] and found is not None


def test_content_check_names_every_class_mistake(tmp_path: Path) -> None:
    en = yaml.safe_load(yaml.safe_dump(EN))
    en["classes"]["Bad Name"] = ["x"]
    en["classes"]["empty"] = []
    en["classes"]["nested"] = ["{family}"]
    en["classes"]["big"] = [f"w{i}" for i in range(40)]
    en["high"]["plan"] += [
        "i will use the {weapon}",  # no such class
        "{big} {big} {ready}",  # 4,800 phrases
        "my dad will kill me",  # already said by {family} will kill me
    ]
    ar = {"high": {"others": ["{family} رح يقتلني"]}, "elevated": {}}  # classes are per file
    found, problems = load_safety(write(tmp_path, en, ar))
    assert found is None
    said = {(f.split("/")[-2], k): m for f, k, m in problems}
    assert "class names" in said[("en", "classes.Bad Name")]
    assert "at least one word" in said[("en", "classes.empty")]
    assert "cannot name a class" in said[("en", "classes.nested.0")]
    assert "no class {weapon}" in said[("en", "high.plan.1")]
    assert f"more than {MAX_EXPANSION}" in said[("en", "high.plan.2")]
    assert said[("en", "high.plan.3")].startswith("duplicate of high.others.0")
    assert "no class {family}" in said[("ar", "high.others.0")]


def test_a_phrase_a_class_makes_that_an_exclusion_swallows_is_named(tmp_path: Path) -> None:
    en = yaml.safe_load(yaml.safe_dump(EN))
    en["exclude"].append("my uncle said he would kill me")
    found, problems = load_safety(write(tmp_path, en))
    assert found is None
    [(_, key, message)] = problems
    assert key == "high.others.1"
    assert "never matches (as 'my uncle said he would kill me')" in message


def test_a_star_lets_two_words_stand_between_the_words_of_a_short_phrase() -> None:
    """Two-word phrases match only as written ("меня шантажируют"); `*` between them lets up to
    two words stand there, as it does between CJK characters (r9c's "меня *реально*
    шантажируют")."""
    d = detector({"high": {"others": ["меня * шантажируют", "mich * umbringen"]}, "elevated": {}})
    for text in ("меня шантажируют", "меня реально шантажируют", "will mich heute umbringen"):
        assert d.assess(text).level == "high", text
    assert d.assess("mich heute abend noch umbringen").level == "none"  # three words: too far
    assert d.assess("mich umbringen. morgen").level == "high"
    assert d.assess("mich heute. umbringen").level == "none"  # never across a sentence
