"""A negation or a third person lowers a high phrase only as the person wrote it: a word read
as the misspelling of a word of the lists is not a modifier (r9c found Italian "delle" read as
Portuguese "dele", he, lowering "ho messo da parte delle pastiglie per non svegliarmi più")."""

from __future__ import annotations

from bot.safety import RiskDetector, SafetyLists, tokens


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


def _negatable() -> RiskDetector:
    return RiskDetector(
        {
            tokens("cop arrested me"): {("high", "others")},
            tokens("хочу не проснуться"): {("high", "intent")},
        },
        negation=["didn't", "не", "никогда"],
        together=[("high", "others", [[tokens("если не дам денег")], [tokens("сообщит")]])],
    )


def test_a_negation_inside_another_part_of_the_rule_is_that_parts_own():
    """ "если не дам денег" (if I don't give money) + "сообщит" (will tell): the "не" belongs to
    the first part and does not deny the second; a negation of the second part still does."""
    detector = _negatable()
    assert detector.assess("если не дам денег сообщит родителям").level == "high"
    assert detector.assess("если не дам денег не сообщит").level == "none"


def test_a_phrase_never_reads_across_an_inserted_negation():
    """Words may be inserted into a longer phrase ("the cop just arrested me"), but not a
    negation ("the cop didn't arrest me"), unless it stands before a negation of the phrase's
    own (Russian double negation: "хочу никогда не проснуться")."""
    detector = _negatable()
    assert detector.assess("the cop just arrested me").level == "high"
    assert detector.assess("the cop didn't arrest me").level == "none"
    assert detector.assess("хочу никогда не проснуться").level == "high"
