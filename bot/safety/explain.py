"""What of the lists fired on a line, for an editor of the lists (`python -m bot risk --explain`).

The detector's verdict names categories, never words: nothing downstream may echo a method
word back to a person in crisis. An admin trying the lists on their own test lines needs the
words, to trace a false alarm or a miss to a line of `safety.yaml`: which phrase, `together`
rule or exclusion was found. Each finding is shown as the line's own normalised words (a phrase
may have matched with words inserted, through a word class, as a stem or with و/ف glued on:
search the yaml for its words). Read the same way `RiskDetector._scan` reads a message; never
used by the bot itself, only by the command line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from bot.safety import arabizi
from bot.safety.detector import EMOJI_WORDS, Lowers, RiskDetector
from bot.safety.normalize import read_normalized, readings
from bot.safety.schema import LEVELS, OTHERS_CATEGORY, RANK
from bot.safety.together import matched
from bot.safety.walk import Span, ignored, walk

_IGNORED = {  # why a phrase found does not count (`walk.ignored`), as an editor reads it
    "emoji": "an emoji counts only alone or nearly alone: ignored",
    "exclusion": "inside an exclusion: ignored",
}
ARABIZI_NOTE = "Arabizi read through the Arabic lists, by consonants"


class Finding(NamedTuple):
    """One thing of the lists found in a line: a risk `phrase`, a `together` rule whose parts
    all stood (`rule`: its parts' words joined by " | "), or an `exclusion`; with what became of
    it (`note`: words inserted, inside an exclusion, lowered, cancelled...)."""

    kind: str
    level: str  # "high" or "elevated" ("" for an exclusion)
    category: str
    words: str
    note: str


def findings(detector: RiskDetector, text: str) -> list[Finding]:
    """Every phrase, rule and exclusion of `detector`'s lists found in `text`, in both of its
    readings (see `RiskDetector.assess`), each once."""
    out: list[Finding] = []
    glued, apart = readings(text)
    excluded: list[Span] = []  # found in the glued reading: they silence the Arabizi one too
    for n, reading in enumerate((glued, apart)):
        if reading is None:
            continue
        found, spans = _read(detector, *read_normalized(reading))
        if n == 0:  # the glued reading, the one the Arabizi reading reads
            excluded = spans
        out.extend(finding for finding in found if finding not in out)
    skeletal = detector._arabizi
    toks, bounds = read_normalized(glued)
    if skeletal is not None and (skel := arabizi.reading(glued, toks, bounds))[0]:
        too, lowers = arabizi.spans(excluded, skel[2]), detector.lowers_at(toks, bounds, skel[2])
        for finding in _read(skeletal, *skel[:2], too, lowers)[0]:  # its words: skeletons
            note = ", ".join(filter(None, (ARABIZI_NOTE, finding.note)))
            out.append(finding._replace(note=note))
    return out


def _read(
    detector: RiskDetector,
    toks: list[str],
    bounds: list[int],
    excluded_too: Sequence[Span] = (),
    lowers_too: Lowers | None = None,
) -> tuple[list[Finding], list[Span]]:
    """What of `detector`'s lists is found in one reading, and the exclusions found in it
    (`excluded_too`: found in another reading, silencing this one's hits too; `lowers_too`:
    another reading's lowering, `RiskDetector.lowers_at`)."""
    keys = [detector.key(tok) for tok in toks]
    lowering = detector._lowering
    hits, own, found = walk(detector._walked, keys, toks, bounds, lowering.negates)
    excluded = [*own, *excluded_too]

    def words(start: int, end: int) -> str:
        return " ".join(toks[start : end + 1])

    out = [Finding("exclusion", "", "", words(s, e), "") for s, e in own]
    wordy = sum(1 for tok in toks if tok.isalnum()) > EMOJI_WORDS
    for hit in hits:
        start, end, rank, category, gapped = hit
        notes = ["words inserted"] if gapped else []
        why = ignored(hit, excluded, wordy)
        if why:
            notes.append(_IGNORED[why])
        elif rank == RANK["high"] and (
            lowering.lowers(toks, keys, bounds, start, end, category == OTHERS_CATEGORY)
            or (lowers_too is not None and lowers_too(start, end, category == OTHERS_CATEGORY))
        ):
            notes.append("lowered to elevated: a negation or a third person next to it")
        out.append(Finding("phrase", LEVELS[rank], category, words(start, end), ", ".join(notes)))
    for _, _, rank, category, spans in matched(detector._rules, found, excluded):
        cancelled = any(lowering.lowers(toks, keys, bounds, s, e, True, spans) for s, e in spans)
        parts = " | ".join(words(s, e) for s, e in spans)
        note = "cancelled: a negation before a part" if cancelled else ""
        out.append(Finding("rule", LEVELS[rank], category, parts, note))
    return out, own
