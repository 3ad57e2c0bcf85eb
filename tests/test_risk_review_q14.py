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
suicide rate in the news or a documentary on suicide (someone who recognises themselves).

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
]


@pytest.mark.parametrize(("source", "text", "level", "category"), REFLAGGED)
def test_a_look_alike_whose_exclusion_was_unsafe_is_flagged(
    shipped_detector: RiskDetector, source: str, text: str, level: str, category: str
) -> None:
    assert_reads(shipped_detector, text, level, category)
