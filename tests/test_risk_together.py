"""`together:` rules in the risk lists: words that signal danger side by side, in any order,
within a few words of one another ("the rope is in my backpack": a means and having it ready)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.safety import RiskDetector, SafetyLists, load_safety
from bot.safety.together import CJK_SPAN, SPAN

EN = {
    "classes": {
        "family": ["my dad", "my brother"],
        "means": ["rope", "pills", "razor blades"],
        "stashed": ["in my backpack", "under my bed", "counted", "saving up"],
        "blow": ["broke my nose", "hit me", "beat me"],
        "place": ["on the ledge", "on the roof"],
        "now": ["rn", "right now"],
    },
    "high": {"intent": ["want to die"]},
    "elevated": {"hopeless": ["no way out"]},
    "together": {
        "high": {
            "plan": ["{means} + {stashed}", "{place} + {now}"],
            "others": ["{family} + {blow}"],
        },
        "elevated": {"plan": ["looking at + the bridge + every day"]},
    },
    "exclude": ["jump rope", "{family} beat me at chess"],
    "modifiers": {"negation": ["don't", "not"], "third_person": ["she"]},
}


def detector(data: dict = EN) -> RiskDetector:
    return RiskDetector.from_lists([SafetyLists.model_validate(data)])


@pytest.mark.parametrize(
    ("text", "level", "category"),
    [
        ("the rope is in my backpack", "high", "plan"),
        ("in my backpack there is a rope", "high", "plan"),  # any order
        ("i have the pills in my drawer. counted them twice", "high", "plan"),  # across a stop
        ("been saving up my pills for weeks", "high", "plan"),
        ("im on the roof of my building rn", "high", "plan"),
        ("my brother broke my nose when he saw my messages", "high", "others"),
        ("i keep looking at the bridge on my way to school every day", "elevated", "plan"),
    ],
)
def test_parts_side_by_side_fire(text: str, level: str, category: str) -> None:
    result = detector().assess(text)
    assert (result.level, result.categories) == (level, frozenset({category})), text


@pytest.mark.parametrize(
    "text",
    [
        "the rope is in the garage",  # one part only
        "in my backpack: a book",
        "i bought a jump rope, it's in my backpack",  # the part lies inside an exclusion
        "my brother beat me at chess again",
        "looking at the bridge",  # two parts of three
        "in my bac kpack the rope",  # a part is matched as written
    ],
)
def test_one_part_missing_or_excluded_is_nothing(text: str) -> None:
    assert detector().assess(text).level == "none", text


def test_parts_must_stand_within_the_span() -> None:
    filler = " ".join(["and"] * (SPAN - 2))
    d = detector()
    assert d.assess(f"rope {' '.join(['and'] * (SPAN - 4))} in my backpack").level == "high"
    assert d.assess(f"rope {filler} in my backpack").level == "none"
    assert d.assess(f"in my backpack {filler} rope").level == "none"


def test_a_rule_in_chinese_or_japanese_counts_its_span_in_characters() -> None:
    data = {
        "high": {},
        "elevated": {},
        "together": {"high": {"farewell": ["今までありがとう + 返事がなかったら"]}},
    }
    d = detector(data)
    # 17 characters from the first part's first to the second part's last: one per token
    assert d.assess("今までありがとう。もし明日返事がなかったら").level == "high"
    filler = "かきくけこさしすせそたちつてとなにぬねの"[: CJK_SPAN - 8]  # no run to fold
    assert d.assess("今までありがとう" + filler + "返事がなかったら").level == "none"


def test_parts_do_not_overlap_and_no_words_inside_a_part() -> None:
    data = {**EN, "together": {"high": {"plan": ["on the roof + the roof"]}}}
    d = detector(data)
    assert d.assess("on the roof").level == "none"  # one occurrence cannot be both parts
    assert d.assess("on the roof, the roof").level == "high"
    assert detector().assess("razor and blades under my bed").level == "none"


def test_a_negation_before_any_part_cancels_a_rule_a_third_person_lowers_it() -> None:
    d = detector()
    assert d.assess("i don't have the rope in my backpack anymore").level == "none"
    assert d.assess("the rope is not in my backpack").level == "none"
    assert d.assess("my brother luckily did not hit me").level == "none"
    assert d.assess("she has the rope in my backpack").level == "elevated"
    # danger from others is not lowered by a third person, as for phrases
    assert d.assess("she said my dad hit me").level == "high"


def test_a_rule_and_a_phrase_both_count() -> None:
    result = detector().assess("i want to die, the pills are counted")
    assert result.level == "high" and result.categories == frozenset({"intent", "plan"})


def test_rules_survive_the_detector_state() -> None:
    d = detector()
    again = RiskDetector.from_state(d.state())
    for text in ("the rope is in my backpack", "my dad hit me", "rope", "jump rope in my backpack"):
        assert again.assess(text) == d.assess(text), text


def test_hostile_repetition_stays_linear_enough() -> None:
    d = detector()
    text = " ".join(["rope pills my dad"] * 300)
    result = d.assess(text)
    assert result.level == "none"
    assert d.assess(text + " in my backpack").level == "high"
    # every window stops at the first occurrence that starts beyond it: many parts of one kind
    # followed, too far away, by many of the other cost a sweep, not a product
    apart = ("rope " * 400 + "x " * SPAN + "in my backpack " * 300)[:4096]
    assert d.assess(apart).level == "none"


def _check(tmp_path: Path, together: dict, **more: object) -> list[tuple[str, str, str]]:
    folder = tmp_path / "content" / "en"
    folder.mkdir(parents=True)
    data = {**EN, "together": together, **more}
    (folder / "safety.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    detector_, problems = load_safety(tmp_path / "content")
    assert detector_ is None
    return problems


def test_content_check_names_each_bad_rule(tmp_path: Path) -> None:
    problems = _check(
        tmp_path,
        {
            "high": {
                "plan": [
                    "{means}",  # one part
                    "{means} + {ready}",  # no such class
                    "rope + ! + here",  # an empty part
                    "{means} + {stashed}",
                    "{stashed} + {means}",  # the same rule in another order
                    "jump rope + in my backpack",  # an exclusion swallows a part
                ],
                "Bad Name": ["rope + here"],
            }
        },
    )
    said = {(key, message.split(":")[0].split(" (")[0]) for _, key, message in problems}
    assert ("together.high.plan.0", "a rule is two to four parts joined by '+'") in said
    assert ("together.high.plan.1", "no class {ready} in this file") in said
    assert ("together.high.plan.2", "empty after normalisation") in said
    assert ("together.high.plan.4", "duplicate of together.high.plan.3") in said
    assert any(k == "together.high.plan.5" and "never reaches" in m for _, k, m in problems)
    assert any(k == "together.high.Bad Name" for _, k, _ in problems)
    assert not any(k == "together.high.plan.3" for _, k, _ in problems)


def test_content_check_refuses_a_star_inside_a_part(tmp_path: Path) -> None:
    """A part is matched exactly as written, so a `*` inside it (in a class word too) never let
    a word in: the part silently never matched with one (helper t4b). Now it is said."""
    problems = _check(
        tmp_path,
        {"high": {"plan": ["{means} + in my * backpack", "{gaps} + {means}"]}},
        classes={**EN.get("classes", {}), "gaps": ["hid it * somewhere"]},
    )
    said = [(k, m.split(" (")[0]) for _, k, m in problems]
    assert ("together.high.plan.0", "no '*' inside a part of a rule") in said
    assert ("together.high.plan.1", "no '*' inside a part of a rule") in said


def test_content_check_refuses_parts_too_far_apart(tmp_path: Path) -> None:
    long_part = " ".join(f"w{i}" for i in range(SPAN))
    problems = _check(tmp_path, {"high": {"plan": [f"rope + {long_part}"]}})
    assert [(k, "never reaches" in m) for _, k, m in problems] == [("together.high.plan.0", True)]
