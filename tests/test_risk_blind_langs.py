"""The ten other languages' risk lists, held to their figures on sets written before the lists
were read (`benchmarks/risk_sets/blind_<x>.tsv`) and on the older held-out sets.

The blind sets were run once before any edit (the honest figures, in
`benchmarks/RISK_HISTORY.md`, "The ten other languages on fresh messages") and the
lists were then widened by families of wordings; these floors keep the after figures from
sliding back. A floor is a count, not a rate, so one more miss is one visible failure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.safety import RiskDetector, load_safety
from bot.safety.evaluate import evaluate

ROOT = Path(__file__).resolve().parent.parent
SETS = ROOT / "benchmarks" / "risk_sets"

# set -> (risk messages flagged at least, benign messages flagged at most). The benign lines
# still flagged are "my mother will kill me when she sees my grades" (pt, pl, tr, ru, ja, zh,
# de, and pt-PT), kept at high on purpose as in English; "my team lost, I want to die lol"
# (a first-person wish is never weakened); one elevated German "ich kann heute nicht mehr
# lernen"; Spanish "hoy me mató" (it killed me today), which folds to "hoy me mato"; a
# brother who "threatens to tell" (about a cake: pl, tr, ru, ja), kept as an outing threat;
# "standing on a beautiful bridge" (pl, tr, ru: elevated).
# Session 13's safety review of the older exclusions (q13; tests/test_risk_review_q13.py) took
# away exclusions a person in danger could write inside, so these sets flag one or two benign
# lines more: a news item on a suicide rate or a ban on conversion therapy (elevated), a camping
# rope, "threatened to take my game", 恥ずかしくて死にたい, a cut while shaving; and catch a few
# risk lines more (tr, es, pt), raised floors.
# Session 14's review of the French, Italian and Arabic ones (q14; tests/test_risk_review_q14.py)
# flags a suicide rate in the news or a documentary (elevated) and an Italian curfew threat.
FLOORS = {
    "blind_pt.tsv": (42, 2),
    "blind_de.tsv": (40, 2),
    "blind_pl.tsv": (40, 2),  # session 13: the exclusion review (q13)
    "blind_tr.tsv": (41, 2),  # session 13: the exclusion review (q13)
    "blind_ru.tsv": (40, 1),
    "blind_es.tsv": (41, 1),  # session 13: the exclusion review (q13)
    "blind_fr.tsv": (40, 0),
    "blind_it.tsv": (40, 1),  # session 14: the exclusion review (q14)
    "blind_ja.tsv": (40, 3),  # session 13: the exclusion review (q13)
    "blind_zh.tsv": (39, 1),
    # second blind sets (25 + 25 each), written after the first pass; the second pass used
    # their misses, so these (like the third and fourth below) are after-figures, not blind
    # ones: benchmarks/RISK_HISTORY.md has each set's figure before the pass that used it
    "blind2_pt.tsv": (23, 2),
    "blind2_de.tsv": (24, 1),
    "blind2_pl.tsv": (23, 2),
    "blind2_tr.tsv": (24, 3),  # session 13: the exclusion review (q13)
    "blind2_ru.tsv": (24, 1),
    "blind2_es.tsv": (23, 2),
    "blind2_fr.tsv": (24, 1),
    "blind2_it.tsv": (24, 1),
    "blind2_ja.tsv": (25, 3),  # session 13: the exclusion review (q13)
    "blind2_zh.tsv": (25, 3),  # session 13: the exclusion review (q13)
    # third and fourth blind sets (15 + 15 each): each was run once before the pass that used it
    "blind3_pt.tsv": (15, 0),
    "blind3_de.tsv": (15, 0),
    "blind3_pl.tsv": (15, 0),
    "blind3_tr.tsv": (15, 0),
    "blind3_ru.tsv": (15, 0),
    "blind3_es.tsv": (15, 0),
    "blind3_fr.tsv": (15, 0),
    "blind3_it.tsv": (15, 0),
    "blind3_ja.tsv": (14, 0),
    "blind3_zh.tsv": (15, 0),
    "blind4_pt.tsv": (15, 1),  # session 13: the exclusion review (q13)
    "blind4_de.tsv": (14, 0),
    "blind4_pl.tsv": (14, 2),
    "blind4_tr.tsv": (14, 2),
    "blind4_ru.tsv": (14, 2),
    "blind4_es.tsv": (15, 1),  # session 13: the exclusion review (q13)
    "blind4_fr.tsv": (14, 1),  # session 14: the exclusion review (q14)
    "blind4_it.tsv": (14, 0),
    "blind4_ja.tsv": (14, 2),
    "blind4_zh.tsv": (13, 0),
    "heldout_pt.tsv": (68, 2),
    "heldout_de.tsv": (58, 1),
    "heldout_pl.tsv": (60, 2),  # session 13: the exclusion review (q13)
    "heldout_tr.tsv": (63, 1),
    "heldout_ru.tsv": (64, 2),  # session 12: "купила веревку для белья", the laundry pretext
    "heldout_es.tsv": (64, 1),  # session 13: the exclusion review (q13)
    "heldout_fr.tsv": (62, 1),  # session 14: the exclusion review (q14)
    "heldout_it.tsv": (63, 1),  # session 14: the exclusion review (q14)
    "heldout_ja.tsv": (60, 1),  # session 13: the exclusion review (q13)
    "heldout_zh.tsv": (63, 2),  # session 13: the exclusion review (q13)
    "heldout_zh-Hant.tsv": (62, 1),  # session 13: the exclusion review (q13)
}


@pytest.fixture(scope="module")
def shipped() -> RiskDetector:
    detector, problems = load_safety(ROOT / "content")
    assert problems == [] and detector is not None
    return detector


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_each_language_holds_its_figures(shipped: RiskDetector, name: str) -> None:
    caught_floor, flagged_ceiling = FLOORS[name]
    result = evaluate(shipped, (SETS / name).read_text("utf-8").splitlines())
    assert result.bad_lines == []
    total = result.overall
    assert total.risk >= 15 and total.benign >= 15
    assert total.caught >= caught_floor, result.misses
    assert total.flagged <= flagged_ceiling, result.false_positives


@pytest.mark.parametrize(
    "text",
    [
        # the exclusions for films, news and hyperbole never silence a first-person phrase
        "vi um documentário sobre suicídio e agora quero me matar",
        "hab nen film über suizid gesehen und ich will sterben",
        "ten upał mnie zabija a rodzice mnie zabiją jak się dowiedzą",
        "gençlerde intihar üzerine bir belgesel izledim, ölmek istiyorum",
        "vi un documental sobre suicidio y me quiero morir",
        "je suis mort de rire mais au fond je veux mourir",
        "sono morto di stanchezza, voglio morire",
        "自殺についてのドキュメンタリー見た、死にたい",
        "看了关于自杀的纪录片，我想死",
        "шантаж в сериале, а меня шантажируют по-настоящему",
    ],
)
def test_narrow_exclusions_leave_the_risk_phrase_next_to_them(
    shipped: RiskDetector, text: str
) -> None:
    assert shipped.assess(text).level == "high", text


@pytest.mark.parametrize(
    "text",
    [
        "ten upał mnie zabija",
        "ta piosenka mnie zabija za każdym razem",
        "comprei uma corda nova pro violão",
        "quero morrer de tanto comer chocolate",
        "das ist meine letzte nachricht für heute",
        "je suis mort de rire",
        "sono morto di nuovo contro il boss",
        "転向療法禁止の記事読んだ",
        "看了篇关于禁止扭转治疗的文章",
        "le perso se suicide à la fin du manga, j'ai pleuré",
        "die figur bringt sich am ende um",
        "je suis morte avec ce retournement",
        "sono morta con quel colpo di scena",
        "ülkede intihar oranının düştüğünü okudum",
        "游戏boss杀了我十次",
    ],
)
def test_look_alikes_of_the_ten_languages_are_left_alone(shipped: RiskDetector, text: str) -> None:
    assert shipped.assess(text).level == "none", text


@pytest.mark.parametrize(
    "text",
    [
        # families the blind sets showed missing, in forms none of the sets holds
        "guardei os comprimidos da minha avó e vou tomar hoje",
        "tomei a caixa inteira de dipirona",
        "ich bin auf dem dach von der schule",
        "hab ne ganze packung paracetamol genommen",
        "połknąłem wszystkie tabletki mamy",
        "ilaçları biriktirdim artık hazırım",
        "лезвие спрятано под матрасом",
        "estoy en la azotea de mi edificio",
        "j'ai mis de côté les médocs de mon père",
        "ho messo da parte le pastiglie di mia madre",
        "ロープを買った",
        "绳子已经买好了，就在床底下",
    ],
)
def test_new_families_fire_on_new_wordings(shipped: RiskDetector, text: str) -> None:
    assert shipped.assess(text).level != "none", text


@pytest.mark.parametrize(
    "text",
    ["stoję na moście", "köprüdeyim", "стою на мосту", "estoy en el puente", "sono sul ponte"],
)
def test_a_bridge_alone_is_elevated_a_roof_high(shipped: RiskDetector, text: str) -> None:
    """A bridge is also a view (sightseeing); a roof now, or a bridge with a plan, stays high."""
    assert shipped.assess(text).level == "elevated"
    assert shipped.assess("estoy en la azotea").level == "high"
    assert shipped.assess("vou pular da ponte").level == "high"


def test_an_italian_article_does_not_read_as_a_portuguese_third_person(
    shipped: RiskDetector,
) -> None:
    """ "delle" may be read as "dele" (a double letter is also read single); "dele" and "deles"
    are Portuguese third-person words, and a phrase holding "deles" made that reading count and
    lowered the intent here to elevated. No phrase holds "dele" or "deles" now ("não mora na
    casa dele" is listed as "nao mora na casa"); the detector-side fix is in
    benchmarks/RISK_HISTORY.md."""
    text = "ho messo da parte delle pastiglie per non svegliarmi piu"
    assert shipped.assess(text).level == "high"
