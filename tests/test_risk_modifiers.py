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
