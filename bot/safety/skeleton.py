"""One reading of Arabic for the risk model, whatever the letters it is written in: the word's
consonant skeleton.

Why: Arabic written in Latin letters and digits (Arabizi: "bidi mout", "ma3ad ba2dar") has no
fixed spelling: the same word is "7abibi", "habibi", "7abeebi"; vowels come and go, letters
double. The lists and the model's own character n-grams see each spelling as a different word,
so the model learnt little from one writer that held for the next (Arabizi was the weakest
language on every blind set). The skeleton keeps the consonants, one letter per sound class (ح,
7 and h are one; خ, 5, kh and x are one; ق, 2, 9 and q are one), drops the vowels and the
letters that are as often vowels (ا و ي: a, e, i, o, u, w, y), a doubled letter read once
(before the vowels go) and the feminine ending: "7abeebi", "habibi" and "حبيبي" all read
"hbb". The model adds the skeleton of each word, its 2- and 3-grams and the pairs of
neighbouring skeletons to its features, so a word learnt in one spelling or script counts in
another. Measured with writers held out (`benchmarks/RISK_HISTORY.md`,
session 8): Arabizi recall 0.46 -> 0.56, Arabic 0.72 -> 0.75, the other languages within noise.

Which words: every word in Arabic letters; words in Latin letters only in a message that looks
like Arabizi (a word with letters and a digit that stands for an Arabic letter: "3ayez", "7aya",
"ba2dar"; not "2nd", "5pm", "22yo"), so English, French or Turkish is read as before. No
`telegram` import; nothing is written anywhere (the model's in-memory cache of words met, see
`bot.safety.model`, holds their skeletons too and dies with the process).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Arabic letters -> one Latin letter per sound class; "" for the letters that are vowels as often
# as consonants, the hamza seats read as q (the glottal stop, "2")
_ARABIC = str.maketrans(
    {
        **dict.fromkeys("بپ", "b"),
        **dict.fromkeys("تثطة", "t"),
        "ج": "j",
        **dict.fromkeys("حه", "h"),
        "خ": "x",
        **dict.fromkeys("دذض", "d"),
        "ر": "r",
        **dict.fromkeys("زظ", "z"),
        **dict.fromkeys("سص", "s"),
        **dict.fromkeys("شچ", "c"),
        "ع": "3",
        **dict.fromkeys("غگ", "g"),
        **dict.fromkeys("فڤ", "f"),
        **dict.fromkeys("قءأإئؤ", "q"),
        "ك": "k",
        "ل": "l",
        "م": "m",
        "ن": "n",
        **dict.fromkeys("اآوىي", ""),
    }
)
ARABIC_WORD = re.compile(r"[\u0621-\u064a\u067e\u0686\u06a4\u06af]+")  # a word in Arabic letters
_FEMININE = re.compile(r"(?<=..)ه$")  # ة, folded to ه by normalisation: Arabizi writes a vowel
# Latin spellings -> the same classes, in one pass (a digraph before its letters: "gh" is غ,
# never "g" read again as ج); then vowels, w and y dropped
_LATIN = {
    "sh": "c",
    "ch": "c",
    "kh": "x",
    "gh": "g",
    "th": "t",
    "dh": "d",
    "2": "q",
    "5": "x",
    "6": "t",
    "7": "h",
    "8": "g",
    "9": "q",
    "p": "b",
    "v": "f",
    "g": "j",
}
_LATIN_SPELLING = re.compile("|".join(sorted(_LATIN, key=len, reverse=True)))
_LATIN_DROPPED = re.compile(r"[aeiouwy']")
_DOUBLED = re.compile(r"(.)\1+")
_ARABIZI_WORD = re.compile(r"[a-z0-9']*[a-z][a-z0-9']*")
_ARABIZI_DIGITS = frozenset("2356789")
_VOWELS = frozenset("aeiouy")
# a number and a word's ending, in the languages read beside Arabizi: "2nd", "5pm", "3km",
# "2morrow", German "3mal", "5ten", Turkish "5'te", "9'da", Polish "2gi", "5lat", French "3eme"
_NOT_ARABIZI = re.compile(
    r"\d'?(st|nd|rd|th|am|pm|h|k|km|kg|min|mins|x|morrow|day|days|nite|night|yo|yrs|ever"
    r"|mal|te|ten|ter|tes|tel|ta|de|da|den|dan|nci|ncu|nde|gi|ga|go|lat|eme|er|e|ans)"
)
_DIGIT_RUN = re.compile(r"\d\d")
MIN_LENGTH = 2  # a skeleton shorter than this gives no word or n-gram feature of its own
GRAMS = (2, 3)


def arabizi(words: Sequence[str]) -> bool:
    """Does the message look like Arabizi: a word of letters with a digit standing for an Arabic
    letter ("3ayez", "ma7adesh", "ma3"), not a number glued to a word ("22yo", "covid19", "2nd",
    "5pm", "3km", "2morrow", "3mal") nor a name without a vowel ("mp3")?"""
    return any(arabizi_word(w) for w in words)


def arabizi_word(word: str) -> bool:
    """Is this one word Arabizi: letters with a digit for an Arabic letter (see `arabizi`)?"""
    if _ARABIZI_DIGITS.isdisjoint(word) or not _ARABIZI_WORD.fullmatch(word):
        return False
    letters = [ch for ch in word if ch.isalpha()]
    return (
        len(letters) >= 2
        and not _VOWELS.isdisjoint(letters)  # "ma3", "2albi"; not "mp3"
        and not _DIGIT_RUN.search(word)
        and not _NOT_ARABIZI.fullmatch(word)
    )


def skeleton(word: str, latin: bool) -> str | None:
    """The word's consonant skeleton, or None when it is not read: a word in Arabic letters
    always is; one in Latin letters only when `latin` (the message looks like Arabizi). Doubled
    letters are one before the vowels go ("7abbibi" is "7abibi", "hbb"; "mama" keeps "mm")."""
    if ARABIC_WORD.fullmatch(word):
        found = _FEMININE.sub("", _DOUBLED.sub(r"\1", word)).translate(_ARABIC)
    elif latin and word.isascii() and word.isalnum() and not word.isdigit():  # no number
        found = _LATIN_SPELLING.sub(lambda m: _LATIN[m[0]], _DOUBLED.sub(r"\1", word.lower()))
        found = _LATIN_DROPPED.sub("", found)
    else:
        return None
    return found or None


def own_features(skel: str) -> list[str]:
    """A skeleton's own features: itself and its 2- and 3-grams with its edges marked (none for
    one shorter than `MIN_LENGTH`)."""
    if len(skel) < MIN_LENGTH:
        return []
    marked = f"<{skel}>"
    grams = ["@#" + marked[i : i + n] for n in GRAMS for i in range(len(marked) - n + 1)]
    return ["@" + skel, *grams]


def pair_feature(a: str, b: str) -> str:
    """The feature of two neighbouring skeletons."""
    return f"@{a} {b}"
