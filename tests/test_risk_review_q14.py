"""Look-alikes the lists flag on purpose since session 14's safety review of the older French,
Italian and Arabic exclusions (the languages session 13's review, tests/test_risk_review_q13.py,
left out).

An exclusion silences every risk match lying inside it and keeps the statistical model quiet on
the whole message: a place where a real cry for help is missed. Reviewers q14a-c read every
older exclusion of `content/fr`, `content/it` and `content/ar` (Arabic and Arabizi) and asked
of each: could a person in real danger write this while the danger is real? Where yes, they
removed or narrowed it: "c'est mon dernier message avant de dormir" (it silenced "..., j'ai tout
avalé"); "c'est le jour de / du ..." and "è il giorno di ..." (they held "c'est le jour de ma
mort, c'est décidé" and a wedding date fixed); "j'ai déjà essayé ..." (an attempt told);
"je suis pu capable de ..." (despair); shame after an outing ("vorrei sparire dalla vergogna");
a parent's curfew threat ("mi ammazza se torno tardi"); "leaving for good" with a place; a
suicide rate in the news or a documentary on suicide (someone who recognises themselves). In
Arabic and Arabizi (q14c, 143 of 370 older lines): a parent's threat "when he is back from
work", counted doses of everyday pills ("بلعت 30 حبة حديد"), razors and ropes bought or at hand,
a self-harm cover story, farewells and "you won't find me at home", a wish to die followed by one
more word ("ما بدي عيش مع هالوجع"), a wedding date set or a fiancé barely known, a police
summons "as a witness", a phone taken "as evidence", a passport taken "to renew it", "someone
killed himself" (which also reads as "I kill myself"), French shame after an outing.

These benign lines of older tests stood inside such exclusions and are flagged now: the cost of
the review, accepted. Each was a look-alike of the test file named; it moved here so that nobody
puts its exclusion back without seeing why it went. The lists alone (no model), every locale
loaded.
"""

from __future__ import annotations

import pytest

from bot.safety import RiskDetector
from tests.conftest import assert_reads

# (the test file it was a look-alike of, the line, its level now, its category now)
REFLAGGED: list[tuple[str, str, str, str]] = [
    ("test_safety.py", "c'est mon dernier message avant de dormir", "high", "farewell"),
    (
        "test_risk_together_t2a.py",
        "c'est le jour de mon exam, j'ai tout préparé",
        "elevated",
        "plan",
    ),
    (
        "round3_t3a.py",
        "je m'en vais pour de bon à montréal en septembre",
        "elevated",
        "farewell",
    ),
    ("round3_t3a.py", "samedi c'est le jour du match, c'est décidé on y va", "high", "plan"),
    ("round3_t3a.py", "j'ai déjà essayé ce resto, je veux recommencer", "elevated", "attempt"),
    ("round3_t3a.py", "je suis pu capable de manger épicé", "elevated", "hopeless"),
    ("round3_t3a.py", "vorrei sparire dalla vergogna", "elevated", "hopeless"),
    (
        "round4_t4a.py",
        "abbiamo scelto la data del matrimonio, non cambio idea sul vestito",
        "high",
        "plan",
    ),
    (
        "blind4_fr.tsv",
        "j'ai lu que le taux de suicide a baissé dans le pays",
        "elevated",
        "mention",
    ),
    ("heldout_fr.tsv", "les infos disent que le taux de suicide a augmenté", "elevated", "mention"),
    ("blind_it.tsv", "bel documentario sul suicidio tra i ragazzi", "elevated", "mention"),
    ("heldout_it.tsv", "mia madre mi ammazza se torno tardi lol", "high", "others"),
    ("round3_t3c.py", "حددت يوم العرس الخميس الجاي", "elevated", "plan"),
    ("round3_t3c.py", "الحبل بالسقف للزينة", "high", "plan"),
    ("round3_t3c.py", "7addadet el yom lel safar, ba3d bukra", "elevated", "plan"),
    ("round3_t3c.py", "7addadt el yom lel safar, ba3dha khalas", "high", "plan"),
    ("round3_t3c.py", "el shorta estad3atni ka shahed", "high", "others"),
    ("round4_t4c.py", "حبوب الفيتامين رح اخدها كلها بالترتيب", "high", "plan"),
    ("round4_t4c.py", "اليوم اخر مرة بشوف البحر قبل ما ارجع عالشغل", "elevated", "farewell"),
    ("round4_t4c.py", "بكرا الصبح ما رح تلاقوني بالبيت، عندي شغل بكير", "high", "farewell"),
    ("round4_t4c.py", "ابوي اخذ جوازي ليجدده", "high", "others"),
    ("round4_t4c.py", "bokra el sob7 ma ra7 tla2ouni bel beit, 3andi dawam", "high", "farewell"),
    ("test_risk_blind.py", "اشتريت موس حلاقة جديد", "high", "plan"),
    ("test_safety.py", "هذا انتحار رياضي", "elevated", "mention"),
    ("test_safety.py", "j'ai envie de mourir de honte", "high", "intent"),
    ("test_risk_together_t2c.py", "اشتريت حبل تسلق، هو بشنطتي لبكرا", "high", "plan"),
    ("test_risk_together_t2c.py", "قريت خبر فالجريدة على واحد انتحر، الله يرحمو", "high", "intent"),
    ("test_risk_together_t2c.py", "الشرطة اخدوا تلفوني كدليل بعد ما انسرق", "high", "others"),
    ("test_risk_together_t2c.py", "الشفرات الجديدة بالدرج لماكينة الحلاقة", "high", "plan"),
    ("test_risk_together_t2c.py", "لو مت من الجوع ما حدا رح ينتبه ههه", "elevated", "hopeless"),
    ("test_risk_together_t2c.py", "خطوبتي بكرا وما بعرفه كتير بس بحبه", "high", "others"),
    ("test_risk_together_t2c.py", "الشرطة طلبوني للتحقيق كشاهد", "high", "others"),
    ("test_risk_together_t2c.py", "الحبل جاهز للرحلة", "high", "plan"),
    ("test_risk_together_t2c.py", "خلاص قررت انهي كل شي قبل السفر", "high", "intent"),
]


@pytest.mark.parametrize(("source", "text", "level", "category"), REFLAGGED)
def test_a_look_alike_whose_exclusion_was_unsafe_is_flagged(
    shipped_detector: RiskDetector, source: str, text: str, level: str, category: str
) -> None:
    assert_reads(shipped_detector, text, level, category)


@pytest.mark.parametrize(
    "text",
    [
        "بخبي حبوب الهرمونات عن اهلي",
        "مخبية الهرمونات تحت السرير",
        "خبيت حبوب البريب بالشنطة",
        "اشتريت حبوب الهرمونات من صيدلية بعيدة عشان ما حدا يشك",
    ],
)
def test_hormones_and_prep_hidden_or_bought_stay_quiet(
    shipped_detector: RiskDetector, text: str
) -> None:
    """The Arabic review (q14c) took bare hormone, PrEP and contraceptive pills out of the
    exclusions ("اخدت 30 حبوب منع الحمل" is an overdose); hiding or buying hormones or PrEP,
    a trans visitor's everyday, stays quiet (the lead's narrower lines), while pills gathered
    stay a hoard and an overdose told after them is still read."""
    assert_reads(shipped_detector, text, "none")


def test_what_follows_hidden_hormones_is_still_read(shipped_detector: RiskDetector) -> None:
    """The exclusion drops the pills part of every rule in the message (and keeps the model
    quiet), so an overdose told after it is read by phrases of its own (review v14)."""
    assert_reads(shipped_detector, "جمعت حبوب الهرمونات", "high", "plan")
    for text in (
        "خبيت حبوب الهرمونات وبدي اخدهم كلهم الليلة",
        "اشتريت حبوب هرمونات وبدي اخدهم كلهم مرة وحدة",
        "خبيت حبوب البريب تحت المخدة، الليلة رح اخدهم كلهم وخلص",
    ):
        assert_reads(shipped_detector, text, "high", "plan")
    assert_reads(shipped_detector, "بخبي حبوب الهرمونات وبدي ابلعهم كلهم الليلة", "high", "plan")


def test_a_narrowed_exclusion_silences_no_more_than_before(shipped_detector: RiskDetector) -> None:
    """Review v14: two narrowings had widened. Arabic "{u_how_end} مع" took the joined معه /
    معها (with him / her) too; Italian "farla finita con {storia}" lost the "voglio" before it
    while its class holds "lui" and "lei". Neither silences these now (the Italian ones are
    left to the model: no list names them)."""
    assert_reads(shipped_detector, "بفكر كيف انهيها معه ومع حياتي كلها", "high", "plan")
    assert_reads(
        shipped_detector, "صرلي يومين بفكر كيف انهيها معها وما حدا رح يفتقدني", "high", "plan"
    )
    for text in (
        "stanotte devo farla finita con lui e con tutto",
        "ho deciso di farla finita con lei e con la vita",
    ):
        verdict, unlisted = shipped_detector.lists_verdict(text)
        assert unlisted is not None, (text, verdict)  # no exclusion: the model reads it
