"""Arabizi read through the Arabic lists: a second reading of a message written in Latin letters
and digits, word by word as its consonant skeleton (`bot.safety.skeleton`).

Why: the Arabic lists hold thousands of phrases in Arabic script; Arabizi ("ana 3ayez amoot",
"ra7 e2tol 7ali") has no fixed spelling, and its own lines in `content/ar/safety.yaml` name a
few spellings of a few phrases. On blind Arabizi the lists alone found about one risk line in
three, and one in five at `high` (the model raises to `elevated` only): a person planning to end
their life in Arabizi got the gentle answer, not the urgent one. Read as skeletons, "3ayez
amoot" and "عايز اموت" are both "3z mt", so every high phrase an admin writes in Arabic also
holds for its Arabizi spellings. Figures (before and after, on sets nobody tuned on) in the
README, "Risk detection: figures".

What is read (`derived`): only what stays specific once the vowels are gone.
* Phrases: the `high` phrases written in Arabic script (and the Arabizi ones, generalised to
  every spelling), of at least `MIN_CONSONANTS` consonants in all; **not danger from others**
  (a threat's verb has the skeleton of every "it killed me" of an exam, a match or the heat,
  and Arabizi threats have lines of their own), not `elevated` phrases (hopelessness, a bare
  mention: the model raises those already), not `together` rules (their single words are too
  common once the vowels go).
* Exclusions: every Arabic and Arabizi exclusion, read the same way, and every exclusion found
  in the message as written ("bdi mout mn el malal" reads "bdi mt mn mll", not "bdi mt mn ml"
  as "بدي موت من الملل" does).
* The article is no part of a skeleton: "الضحك" and "el da7k" are both "dhk". A first ي/y is
  kept (the third person: "yemoot" is not "amoot"), and a last one (the first person: "nafsi"
  is not "nafso"); neither counts as a consonant.
* A skeleton that a phrase of a milder level or of danger from others reads too is left out:
  "انتحر" (I kill myself, high) and "انتحار" (suicide, a mention) are both "nthr".
Lowering as written: a negation or third person of the lists just before a phrase this reading
found, among the message's own words, lowers it as it lowers the phrase itself ("ma bade amoot",
"ما بدي اموت, ana mni7": `RiskDetector.lowers_at`). Only a message that looks like Arabizi is
read: one word in `ARABIZI_SHARE` or more with a digit for an Arabic letter
(`skeleton.arabizi_word`), text-speak not counted ("l8er", "me2", "2day": `_TEXT_SPEAK`), so
English, French or Turkish seldom is, nor a long English post with a code in it ("9zxfog" made
its English words read as Arabic). No `telegram` import; nothing is stored (a bounded cache in
memory keeps the skeletons of the first words met, for speed, and dies with the process).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from bot.safety import skeleton
from bot.safety.merge import Merged
from bot.safety.schema import OTHERS_CATEGORY
from bot.safety.walk import Span

# a message is read when at least one word in this many is an Arabizi word with a digit: 3,498 of
# the team's 3,502 lines with such a word, 5 of 144 public English posts with one (a code, "b4")
ARABIZI_SHARE = 20
# in all the words of a phrase, the person marks (y, i) not counted: "bdi mt" (بدي موت) yes,
# "mt" (موت) and "bi mt" (ابي اموت: "buy meat") no
MIN_CONSONANTS = 4
_ARTICLE = "ال"
_DIGITS = "2356789"  # an Arabizi word has one of these (`skeleton.arabizi_word`)
# ... but these are text-speak of the languages read beside Arabizi, not a digit for an Arabic
# letter: "l8er", "gr8", "b4", "a2m1", "2day", "2do", "me2", "salu2", "gta5"
_TEXT_SPEAK = re.compile(r"[0148]|^2[^aeiou\d]|[aeiou][258]$")
_HE = frozenset("يy")
_MY = frozenset("يiey")  # a last ي/i/e/y: "my", "me" ("7boubi": my pills, not "حبوب": pills)
# ... but not the ى these words end with, which normalising made a ي: "على" is "3ala", "3la"
_NOT_MY = frozenset({"علي", "الي", "حتي"})
# the skeletons of the first words met, for speed (like the detector's own key cache: in memory
# only, never a number, dies with the process)
_CACHE_LIMIT = 16_384
_SKELETONS: dict[str, str] = {}


def _skeleton(token: str, latin: bool) -> str:
    """A token's skeleton in this reading ("" when it has none or is the article). A first ي/y
    is kept: it marks the third person ("yemoot", "يموت": he dies; "amoot", "اموت": I die); so
    is a last one, as "i": the first person ("nafsi", "نفسي": myself; "nafso", "نفسه": himself)."""
    if token.startswith(_ARTICLE) and len(token) > len(_ARTICLE) + 1:
        token = token[len(_ARTICLE) :]
    he = len(token) > 2 and token[0] in _HE
    found = skeleton.skeleton(token[1:] if he else token, latin) or ""
    if he and (found or not latin):
        found = "y" + found
    if found and token[-1] in _MY and token not in _NOT_MY:
        found += "i"
    return "" if found == "l" else found  # the article written apart: "el", "al", "l"


def _phrase(seq: Sequence[str]) -> tuple[str, ...] | None:
    """A phrase or exclusion of the lists as this reading holds it, or None: Arabic script
    throughout, or Arabizi (a word with a digit for a letter); never English or French."""
    if all(skeleton.ARABIC_WORD.fullmatch(t) for t in seq):
        latin = False
    elif all(t.isascii() for t in seq) and skeleton.arabizi(seq):
        latin = True
    else:
        return None
    out = tuple(s for t in seq if (s := _skeleton(t, latin)))
    return out or None


def derived(merged: Merged) -> Merged | None:
    """The lists of this reading, from every locale's lists merged (None when there is nothing
    to read)."""
    out = Merged()
    milder: set[tuple[str, ...]] = set()  # read so, a phrase of a lower level (or of others)
    for seq, payloads in merged.phrases.items():
        if (skel := _phrase(seq)) is None:
            continue
        kept = {(lv, cat) for lv, cat in payloads if lv == "high" and cat != OTHERS_CATEGORY}
        if len(kept) < len(payloads):
            milder.add(skel)
        if kept and sum(len(word.strip("iy")) for word in skel) >= MIN_CONSONANTS:
            out.phrases.setdefault(skel, set()).update(kept)
    for skel in milder:  # ambiguous once the vowels are gone: "انتحار" (suicide) is "انتحر"
        out.phrases.pop(skel, None)
    if not out.phrases:
        return None
    out.excludes = {skel for seq in merged.excludes if (skel := _phrase(seq))}
    return out


def reading(
    normalized: str, toks: list[str], bounds: list[int]
) -> tuple[list[str], list[int], list[int]]:
    """A message's tokens and clause bounds (`normalize.read_normalized`) as this reading reads
    them: each word's skeleton, the words without one left out, and where each stood among
    `toks`; nothing at all unless the message looks like Arabizi."""
    if not any(digit in normalized for digit in _DIGITS):  # most messages: at once
        return [], [0], []
    need, found = -(-len(toks) // ARABIZI_SHARE), 0  # one word in ARABIZI_SHARE, rounded up
    for tok in toks:
        if not tok.isalpha() and skeleton.arabizi_word(tok) and not _TEXT_SPEAK.search(tok):
            found += 1
            if found >= need:
                break
    else:
        return [], [0], []
    out: list[str] = []
    out_bounds: list[int] = []
    where: list[int] = []
    cache = _SKELETONS
    for i, (tok, bound) in enumerate(zip(toks, bounds, strict=False)):
        skel = cache.get(tok)
        if skel is None:
            skel = _skeleton(tok, True)
            if len(cache) < _CACHE_LIMIT and not tok.isdigit():  # no number kept
                cache[tok] = skel
        if skel:
            out.append(skel)
            out_bounds.append(bound)
            where.append(i)
    out_bounds.append(bounds[-1])
    return out, out_bounds, where


def spans(excluded: Sequence[Span], where: Sequence[int]) -> list[Span]:
    """Exclusions found in the message as written (spans of its tokens), as spans of this
    reading's tokens (`where`: the place of each among the message's)."""
    out = []
    for start, end in excluded:
        first, last = bisect.bisect_left(where, start), bisect.bisect_right(where, end) - 1
        if first <= last:
            out.append((first, last))
    return out
