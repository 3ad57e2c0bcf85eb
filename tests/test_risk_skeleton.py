"""The model's reading of Arabic in any spelling or script (`bot.safety.skeleton`): one skeleton
for the spellings of a word, Arabizi read only where a message looks like it, and what one
spelling teaches the model counts for another."""

from __future__ import annotations

import pytest

from benchmarks.risk_model_fit import score, train
from bot.safety import skeleton
from bot.safety.model import buckets, features
from tests.test_risk_model_shipped import _toks


@pytest.mark.parametrize(
    ("words", "latin"),
    [
        (["7abibi", "habibi", "7abeebi", "habeebi", "حبيبي"], True),
        (["mout", "moot", "mot", "موت"], True),
        (["5alas", "khalas", "5alass", "خلاص"], True),
        (["2albi", "qalbi", "قلبي"], True),
        (["3ayez", "3ayz", "عايز"], True),
        (["ghareeb", "8areeb", "gharib", "غريب"], True),  # غ is never ج ("gh" read once)
        (["7elwa", "7elwe", "حلوة"], True),  # the feminine ending is a vowel in Arabizi
        (["mama", "mamma", "ماما"], True),  # doubles go before the vowels: "mm", not "m"
    ],
)
def test_the_spellings_of_a_word_share_one_skeleton(words, latin):
    assert len({skeleton.skeleton(_toks(w)[0], latin) for w in words}) == 1


@pytest.mark.parametrize(
    "text",
    ["ana 3ayez amoot", "ma3ad ba2dar", "bidi mout w 5alas", "ya rab khalas ma3ad ba2dar"],
)
def test_arabizi_is_recognised(text):
    assert skeleton.arabizi(_toks(text))


@pytest.mark.parametrize(
    "text",
    [
        "I was born on the 2nd, at 5pm, 3km from here",
        "I want to die",
        "je veux mourir",
        "mp3 of the 90s",
        "ölmek istiyorum",
        "im 22yo and had covid19 twice, see you 2morrow",
        "ich war 3mal da, am 5ten",
        "saat 5'te, 9'da çıkıyorum",
        "to już 2gi raz w ciągu 5lat",
        "j'ai 25ans, en 3eme année",
    ],
)
def test_other_latin_text_is_not_read_as_arabizi(text):
    toks = _toks(text)
    assert not skeleton.arabizi(toks)
    assert not [f for f in features(toks) if f.startswith("@")]


def test_a_number_has_no_skeleton_even_in_arabizi():
    """A number (a time, a phone number) is no Arabic word: no skeleton, nothing kept of it."""
    from bot.safety import model

    assert skeleton.skeleton("0612345678", True) is None
    model.message_buckets(_toks("ana 3ayez 0612345678"))
    assert "0612345678" not in model._WORD_BUCKETS and "0612345678" not in model._SKELETONS
    assert "3ayez" in model._SKELETONS  # a word is kept, for speed
    found = features(_toks("ana 3ayez 0612345678"))
    assert not [
        f for f in found if f.startswith("@") and any(ch.isdigit() and ch != "3" for ch in f)
    ]


def test_a_word_in_arabic_letters_is_always_read():
    found = features(_toks("بدي موت"))
    assert {"@bd", "@mt", "@bd mt"} <= found


def test_what_one_spelling_teaches_counts_for_another():
    """Trained on Arabic letters only, the model scores the same words in Arabizi above an
    ordinary Arabizi message: through the skeleton, not through any word they share."""
    risk = ["بدي موت", "بدي موت خلاص", "خلاص بدي موت الليلة"]
    calm = ["بدي نام", "بدي اكل", "الجو حلو اليوم", "رايح عالشغل"]
    docs = [
        (set(map(str, buckets(features(_toks(t))))), y, 1.0)
        for t, y in (
            *((t, True) for t in risk),
            *((t, False) for t in calm),
        )
    ]
    model = train(docs, min_count=1)

    def scored(text: str) -> float:
        return score(model, set(map(str, buckets(features(_toks(text))))))

    assert not set(_toks("bedi mout 5alas")) & set(_toks(" ".join(risk)))
    assert scored("bedi mout 5alas") > scored("bedi 2akol 5obz")
