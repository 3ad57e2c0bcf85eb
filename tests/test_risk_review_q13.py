"""Look-alikes the lists flag on purpose since session 13's safety review of the older exclusions.

An exclusion silences every risk match lying inside it and keeps the statistical model quiet on
the whole message: a place where a real cry for help is missed. Session 13 (reviewers q13a-d)
read every older exclusion of every list but French, Italian and Arabic and asked of each: could
a person in real danger write this while the danger is real? About 470 lines were removed or
narrowed where the answer was yes: a pretext told at the till for a rope, charcoal or razors
(camping, a barbecue, shaving); a dose or "how many" question; a parent's or a partner's threat;
a "last night" or "last day" somewhere; things given away "for the holidays"; shame after being
outed; a wedding date fixed (forced marriage); a gun bought for hunting; "I'd rather die than
wear that" (a trans child made to wear a dress); despair over debts or work; the prevention line
asked for; times and sums ("in 10 min", "40 bucks"), which silenced the model in every language.

These benign lines of older tests stood inside such exclusions and are flagged now: the cost of
the review, accepted (most at `elevated`: crisis contacts offered gently). Each was a look-alike
of the test file named; it moved here so that nobody puts its exclusion back without seeing
why it went. The lists alone (no model), every locale loaded.
"""

from __future__ import annotations

import pytest

from bot.safety import RiskDetector
from tests.conftest import assert_reads

# (the test file it was a look-alike of, the line, its level now, its category now)
REFLAGGED: list[tuple[str, str, str, str]] = [
    ("test_risk_blind.py", "we want to end things with a nice dinner", "high", "intent"),
    ("test_risk_blind.py", "how many paracetamol a day is safe with a cold", "high", "plan"),
    ("test_risk_blind.py", "she'll kill me if i'm late again", "elevated", "others"),
    ("test_risk_blind.py", "we decided to end it with a group hug", "high", "intent"),
    ("test_risk_classes_lists.py", "прыгнуть с моста в воду летом", "high", "plan"),
    ("round3_t3a.py", "no veo la salida del estacionamiento", "elevated", "hopeless"),
    ("round3_t3a.py", "mañana me corto el pelo por fin", "elevated", "self_harm"),
    ("round3_t3a.py", "vou embora de vez pra portugal em março", "elevated", "farewell"),
    (
        "round3_t3b.py",
        "oddałam książki do biblioteki, już mi się nie przydadzą",
        "high",
        "farewell",
    ),
    ("round3_t3b.py", "utopię się w długach po tych wakacjach", "high", "plan"),
    ("round3_t3b.py", "отец купил ружье для охоты на уток", "high", "plan"),
    ("round3_t3b.py", "это мой последний вечер в москве, завтра домой", "elevated", "farewell"),
    ("round3_t3b.py", "kamp için ip aldım", "high", "plan"),
    ("round3_t3b.py", "ロープを買ってキャンプに行った", "high", "plan"),
    ("round3_t3b.py", "结婚的日子定好了，就下个月", "elevated", "plan"),
    ("round3_t3b.py", "绳子买好了准备露营", "high", "plan"),
    ("round3_t3b.py", "今日返工攰到想死", "high", "intent"),
    ("round3_t3b.py", "結婚嘅日子揀好咗，就下個月", "elevated", "plan"),
    (
        "round3_t3b.py",
        "участковый сказал что если не заплачу штраф, сообщит на работу",
        "high",
        "others",
    ),
    ("round3_t3b.py", "屋上からの夕日が綺麗", "high", "plan"),
    (
        "round3_t3d.py",
        "if i disappeared for a week to the beach nobody would care lol",
        "elevated",
        "hopeless",
    ),
    ("round3_t3d.py", "id rather die than eat another salad lol", "high", "intent"),
    ("round3_t3d.py", "id rather die than wear those shoes", "high", "intent"),
    (
        "round3_t3d.py",
        "after my birthday im done with sugar, already picked the day to start",
        "elevated",
        "plan",
    ),
    ("round3_t3d.py", "standing on the roof to watch the sunset, so pretty", "high", "plan"),
    (
        "round3_t3d.py",
        "tonight is my last night in london, going out with friends",
        "elevated",
        "hopeless",
    ),
    ("round4_t4a.py", "i mog nimma arbeiten heut", "elevated", "hopeless"),
    (
        "round4_t4b.py",
        "oddałam kota na przechowanie na czas wakacji, przepraszam was za spam",
        "high",
        "farewell",
    ),
    ("round4_t4b.py", "婚礼日子定好了，下周五", "elevated", "plan"),
    ("round4_t4b.py", "花粉症の薬を集めてる", "high", "plan"),
    ("round4_t4b.py", "ビルから飛び降りたいくらい恥ずかしい", "high", "plan"),
    ("round4_t4d.py", "so tired of waking up at 6am for work", "elevated", "hopeless"),
    ("round4_t4d.py", "tired of waking up to the neighbours dog barking", "elevated", "hopeless"),
    (
        "round4_t4d.py",
        "went to the roof bar, waiting for the courage to talk to him",
        "elevated",
        "plan",
    ),
    ("round4_t4d.py", "whats the point of waiting, im ready to go home", "elevated", "hopeless"),
    ("round4_t4d.py", "so done with this shift, ready to go home", "elevated", "hopeless"),
    ("round4_t4d.py", "this is my last night in london, going out!", "elevated", "hopeless"),
    ("round4_t4d.py", "i think tonight's the night i finally finish the book", "high", "intent"),
    ("test_risk_together_en.py", "i hit myself on the door frame lol", "elevated", "self_harm"),
    (
        "test_risk_together_t2a.py",
        "voy a una clínica para curarme de la ansiedad",
        "elevated",
        "others",
    ),
    (
        "test_risk_together_t2a.py",
        "me rindo con el inglés, no entiendo nada",
        "elevated",
        "hopeless",
    ),
    ("test_risk_together_t2b.py", "キャンプ用のロープを買った", "high", "plan"),
    ("test_risk_together_t2b.py", "キャンプ用にロープ買った", "high", "plan"),
    ("test_risk_together_t2b.py", "我计划了去海边，腿上晒伤了", "elevated", "self_harm"),
    ("test_risk_together_t2b.py", "买了炭去烧烤", "high", "plan"),
    ("test_risk_together_t2b.py", "露营买了根绳子", "high", "plan"),
    ("test_risk_together_t2b.py", "買了炭去烤肉", "high", "plan"),
    ("test_risk_together_t2b.py", "露營買了一條繩子", "high", "plan"),
    ("test_safety.py", "caffeine overdose lol", "high", "plan"),
    ("test_safety.py", "i can't go on living a lie, i need to come out", "elevated", "hopeless"),
]


@pytest.mark.parametrize(("source", "text", "level", "category"), REFLAGGED)
def test_a_look_alike_whose_exclusion_was_unsafe_is_flagged(
    shipped_detector: RiskDetector, source: str, text: str, level: str, category: str
) -> None:
    assert_reads(shipped_detector, text, level, category)
