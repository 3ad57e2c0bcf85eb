"""A negation or a third person lowers a high phrase only as the person wrote it: a word read
as the misspelling of a word of the lists is not a modifier (r9c found Italian "delle" read as
Portuguese "dele", he, lowering "ho messo da parte delle pastiglie per non svegliarmi più")."""

from __future__ import annotations

from bot.safety import RiskDetector, SafetyLists


def detector() -> RiskDetector:
    english = SafetyLists.model_validate(
        {
            "high": {"plan": ["saved up pills", "took my pills"]},
            "elevated": {},
            "modifiers": {"negation": ["never"], "third_person": ["she"]},
        }
    )
    portuguese = SafetyLists.model_validate(
        {
            "high": {},
            "elevated": {"others": ["casa dele"]},
            "modifiers": {"third_person": ["dele"]},
        }
    )
    return RiskDetector.from_lists([english, portuguese])


def test_a_word_read_as_a_misspelled_modifier_does_not_lower() -> None:
    d = detector()
    assert d.assess("delle took my pills").level == "high"  # "delle" is not "dele"
    assert d.assess("dele took my pills").level == "elevated"  # as written: a third person


def test_modifiers_as_written_and_elongated_still_lower() -> None:
    d = detector()
    assert d.assess("she took my pills").level == "elevated"
    assert d.assess("sheee took my pills").level == "elevated"  # elongated: read as "she"
    assert d.assess("neverrrr saved up pills").level == "elevated"
    assert d.assess("I saved up pills").level == "high"


def test_a_word_before_a_negation_can_make_it_no_negation() -> None:
    # Arabic ما is "not", and "when/after" in "بعد ما", "كل ما" (t2c): a listed word just
    # before it says so, for phrases and for together rules alike
    arabic = SafetyLists.model_validate(
        {
            "high": {"intent": ["بدي موت"]},
            "elevated": {},
            "together": {"high": {"attempt": ["حاولت + العناية المركزة"]}},
            "modifiers": {"negation": ["ما"], "not_negation_after": ["بعد", "كل"]},
        }
    )
    d = RiskDetector.from_lists([arabic])
    assert d.assess("ما بدي موت").level == "elevated"
    assert d.assess("كل ما بدي موت").level == "high"
    assert d.assess("ما حاولت، ودوني على العناية المركزة").level == "none"  # a negated part
    assert d.assess("بعد ما حاولت صحيت في العناية المركزة").level == "high"
    assert d.assess("بعد، ما بدي موت").level == "elevated"  # not in the same clause
    assert RiskDetector.from_state(d.state()).assess("كل ما بدي موت").level == "high"
