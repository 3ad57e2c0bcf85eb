"""Risk-phrase detection: does a visitor's message suggest they may be in danger right now?

Every message a visitor writes is checked. A match makes the bot show crisis contacts at once
and moves the visitor up the volunteer queue; nothing is ever sent to authorities. The result
carries a level and the *categories* that matched ("intent", "plan", ...), never the matched
words, so nothing downstream can echo a method word back to someone in crisis.

The phrase lists are admin-editable YAML (`content/<locale>/safety.yaml`). All locales are
merged into one detector, because a visitor whose interface is English may well write Arabic,
Arabizi, or both in one message.

How matching works, and why:

* Text and phrases go through the same `normalize()`: what matters is that both sides are
  treated identically, so a list editor never has to think about case, diacritics, hamza and
  alef variants, ta marbuta, tatweel, elongation, zero-width characters or Arabic-Indic digits.
* The normalised text is split into tokens: runs of letters and digits (Arabizi digits such as
  the 3 in "3ayez" stay inside their word) and single symbols (emoji). Every phrase is a token
  sequence, so a phrase only ever matches whole words ("skill myself" is not "kill myself"),
  while an emoji is a token of its own and therefore matches wherever it stands, even glued to
  a word.
* All phrases and exclusions live in ONE Aho-Corasick automaton over tokens, so a message is
  scanned in a single left-to-right pass whatever the number of phrases; there is no loop over
  phrases and no per-phrase regex. Measured with ~1000 phrases on a 200-character message:
  the token scan takes ~5-10 µs, normalisation ~10-30 µs (Arabic costs more: CPython string
  operations outside ASCII are slower). A flat alternation regex took ~80-180 µs and one regex
  per phrase ~2-7 ms; a trie-shaped regex is about as fast as the automaton but cannot report
  overlapping matches, which exclusions need, and needs lookarounds for word boundaries.
* Arabic attaches the conjunctions و and ف to the next word ("وبدي موت", "فقررت ..."). Every
  phrase that starts with an Arabic letter also matches with one of those two letters glued to
  its first word. The lists cannot mark parts of speech, so this is applied to all Arabic-script
  phrases, not only those starting with a verb; "والانتحار" is as worrying as "الانتحار".
  Other clitics (ب, ل, ال, the future س/ه/ح/رح) are not stripped: they change meaning too often
  ("بموت فيك" means "I adore you"), so such forms are listed explicitly.
* Exclusions are benign look-alikes. A risk match lying entirely inside an occurrence of an
  exclusion does not count ("kill myself laughing"); anything outside it still does.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TextIO

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

RiskLevel = Literal["high", "elevated", "none"]
FILE_NAME = "safety.yaml"
BASE_LOCALE = "en"
EMOJI_CATEGORY = "emoji"
_LEVELS: tuple[RiskLevel, ...] = ("none", "elevated", "high")  # index = rank
_RANK: dict[str, int] = {level: rank for rank, level in enumerate(_LEVELS)}
_CATEGORY_NAME = re.compile(r"^[a-z][a-z_]{0,31}$")


# --------------------------------------------------------------------------- normalisation

# Arabic letter variants people use interchangeably (and Persian/Urdu keyboard forms).
# Hamza-carrying letters (أ إ آ ؤ ئ) need no entry: NFKD splits them into a base letter plus a
# combining hamza/madda, and combining marks are dropped.
_LETTER_MAP: dict[int, str] = {
    0x0671: "ا",  # ٱ alef wasla
    0x0649: "ي",  # ى alef maqsura
    0x0629: "ه",  # ة ta marbuta
    0x06A9: "ك",  # ک keheh (Persian kaf)
    0x06AA: "ك",  # ڪ swash kaf
    0x06CC: "ي",  # ی Farsi yeh
    0x06D2: "ي",  # ے yeh barree
    0x06BE: "ه",  # ھ heh doachashmee
    0x06C1: "ه",  # ہ heh goal
    0x06C3: "ه",  # ۃ ta marbuta goal
    0x06D5: "ه",  # ە ae
}
for _i in range(10):
    _LETTER_MAP[0x0660 + _i] = str(_i)  # Arabic-Indic digits ٠-٩
    _LETTER_MAP[0x06F0 + _i] = str(_i)  # Extended (Persian/Urdu) digits ۰-۹

# Deleted outright, not turned into a space, so that a character inserted inside a word does not
# split it: apostrophes ("can't" == "cant", and the Arabizi 3' for غ stays one word), tatweel
# (بدي مـــوت), standalone hamza (casual writing drops it: شيء / شي).
_DELETE = frozenset(map(ord, "'`\u2018\u2019\u201b\u02bc\u02bb\u02b9\u2032\u0640\u0621"))
# Apostrophes, for the second reading with words apart (fullwidth too: NFKC makes it ')
_APOSTROPHE = re.compile("['`\u2018\u2019\u201b\u02bc\u02bb\u02b9\u2032\uff07]")
# Zero-width and bidi controls, BOM, soft hyphen: deleted by name so that this never depends on
# the Unicode version; every other format character (category Cf) is deleted by category.
_INVISIBLE = frozenset(
    [*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF, 0x00AD]
)
_DELETE_CATEGORIES = frozenset({"Mn", "Me", "Cf"})  # marks/diacritics and invisible format chars
# Punctuation, separators, control characters, maths and currency symbols become spaces. Other
# symbols (So, Sk: emoji, skin-tone modifiers) are kept as one-character tokens.
_SPACE_CATEGORIES = frozenset(
    {"Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Zs", "Zl", "Zp", "Cc", "Sm", "Sc"}
)
_CACHE_LIMIT = 65_536  # the per-character table grows lazily; an adversary cannot bloat it


class _CharTable(dict[int, str | None]):
    """`str.translate` table computed lazily per code point and cached (bounded)."""

    def __missing__(self, code: int) -> str | None:
        value = _classify(code)
        if len(self) < _CACHE_LIMIT:
            self[code] = value
        return value


def _classify(code: int) -> str | None:
    if code in _LETTER_MAP:
        return _LETTER_MAP[code]
    if code in _DELETE or code in _INVISIBLE:
        return None
    category = unicodedata.category(chr(code))
    if category in _DELETE_CATEGORIES:
        return None
    if category in _SPACE_CATEGORIES:
        return " "
    return chr(code)


_TABLE = _CharTable()
for _code in [*range(0x00, 0x250), *range(0x0600, 0x0700), *range(0x2000, 0x2070)]:
    _TABLE[_code] = _classify(_code)

_TOKEN = re.compile(r"\w+|[^\w\s]")
_WORD = re.compile(r"\w")
_ARABIC_LETTER = re.compile(r"[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF]")


def normalize(text: str) -> str:
    """Fold `text` to the canonical form used on both sides of the match.

    Steps: NFKC (fullwidth and "bold" letters, Arabic presentation forms and the لا ligature
    become plain letters), casefold, NFKD + dropping every combining mark (Arabic harakat, shadda,
    superscript alef, Latin accents, and the hamza/madda of أ إ آ ؤ ئ), dropping invisible format
    characters (zero-width, bidi controls, soft hyphen), tatweel, apostrophes and standalone
    hamza, Arabic letter variants (ٱ→ا, ى→ي, ة→ه, ک→ك, ی→ي) and Arabic-Indic digits to ASCII,
    punctuation to spaces, then any letter repeated two or more times to one letter.

    Collapsing doubles, not only runs of three, is deliberate: elongation ("goooodbye",
    "killl", "موووت") then always lands on the same form as the phrase ("godbye", "kil", "موت").
    The price is that words differing only by a doubled letter fold together, which with
    whole-phrase matching has not produced a false match in the shipped lists. Digits are not
    collapsed (they are numbers more often than Arabizi letters).
    """
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    if text.isascii():
        text = text.translate(_TABLE)  # str.translate is fast on ASCII only
        present = set(text)
    else:
        # Same result as text.translate(_TABLE): outside ASCII, str.translate and even set()
        # cost ~80 ns per character in CPython, so the distinct characters are computed once
        # and only the few that change are replaced (each replace runs in C).
        present = set()
        for char in set(text):
            replacement = _TABLE[ord(char)]
            if replacement != char:
                text = text.replace(char, replacement or "")
            if replacement:
                present.add(replacement)
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)  # e.g. Hangul jamo back into syllables
            present = set(text)
    # Equivalent to re.sub(r"([^\W\d_])\1+", r"\1", text), several times faster in CPython:
    # only the distinct letters of the message are visited.
    for char in present:
        if char.isalpha():
            double = char + char
            while double in text:
                text = text.replace(double, char)
    return " ".join(text.split())


def tokens(text: str) -> tuple[str, ...]:
    """The tokens of `text` after normalisation: words (letters and digits) and single symbols."""
    return tuple(_split(normalize(text)))


def _split(normalized: str) -> list[str]:
    """Tokens of normalised text; plain `split()` when there is no emoji (the common case)."""
    if normalized.replace(" ", "").isalnum() or not normalized:
        return normalized.split()
    return _TOKEN.findall(normalized)


def _prefixed_variants(seq: tuple[str, ...]) -> list[tuple[str, ...]]:
    """`seq` plus its forms with و or ف glued to an Arabic first word (see module docstring)."""
    variants = [seq]
    if seq and _ARABIC_LETTER.match(seq[0]):
        for prefix in ("و", "ف"):
            first = normalize(prefix + seq[0])  # "و" + "ودي" folds to "ودي": same as the phrase
            variant = (first, *seq[1:])
            if variant not in variants:
                variants.append(variant)
    return variants


# --------------------------------------------------------------------------- schema


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EmojiLists(_Strict):
    """Emoji are weak signals on their own; keep these lists short."""

    high: list[str] = Field(default_factory=list)
    elevated: list[str] = Field(default_factory=list)


class SafetyLists(_Strict):
    """The shape of `content/<locale>/safety.yaml`."""

    high: dict[str, list[str]]
    elevated: dict[str, list[str]]
    emoji: EmojiLists = Field(default_factory=EmojiLists)
    exclude: list[str] = Field(default_factory=list)


# --------------------------------------------------------------------------- detector


@dataclass(frozen=True)
class RiskAssessment:
    """What the bot may know about a message: a level and which kinds of signal were seen.

    `categories` holds category names only ("intent", "plan", "farewell", "hopeless",
    "self_harm", "emoji"), from every level that matched, so a volunteer sees e.g. that self-harm
    was mentioned alongside intent. The matched words are deliberately not kept.
    """

    level: RiskLevel
    categories: frozenset[str]

    @property
    def at_risk(self) -> bool:
        return self.level != "none"


NO_RISK = RiskAssessment("none", frozenset())

_Payload = tuple[str, str] | None  # (level, category); None marks an exclusion


class RiskDetector:
    """One Aho-Corasick automaton over tokens holding every phrase and exclusion of all locales.

    Immutable once built, so a reload can build a new one and swap it in whole. `phrase_count`
    is the number of distinct phrases and emoji after normalisation (exclusions and the و/ف
    variants not counted).
    """

    def __init__(
        self,
        phrases: Mapping[tuple[str, ...], Iterable[tuple[str, str]]],
        excludes: Iterable[tuple[str, ...]] = (),
    ) -> None:
        """Build from normalised token sequences: phrase -> {(level, category)}, and exclusions."""
        self.phrase_count: int = sum(1 for seq in phrases if seq)
        entries: dict[tuple[str, ...], set[_Payload]] = {}
        for seq, payloads in phrases.items():
            if seq:
                for variant in _prefixed_variants(seq):
                    entries.setdefault(variant, set()).update(payloads)
        for seq in excludes:
            if seq:
                for variant in _prefixed_variants(seq):
                    entries.setdefault(variant, set()).add(None)
        self._build(entries)

    @classmethod
    def from_lists(cls, lists: Iterable[SafetyLists]) -> RiskDetector:
        """Merge the lists of all locales; a phrase listed twice keeps every (level, category)."""
        phrases: dict[tuple[str, ...], set[tuple[str, str]]] = {}
        excludes: set[tuple[str, ...]] = set()
        for item in lists:
            for level, groups in (("high", item.high), ("elevated", item.elevated)):
                for category, entries in groups.items():
                    for phrase in entries:
                        phrases.setdefault(tokens(phrase), set()).add((level, category))
            for level, entries in (("high", item.emoji.high), ("elevated", item.emoji.elevated)):
                for emoji in entries:
                    phrases.setdefault(tokens(emoji), set()).add((level, EMOJI_CATEGORY))
            for phrase in item.exclude:  # each also as read apart (see `assess`)
                excludes.update({tokens(phrase), tokens(_APOSTROPHE.sub(" ", phrase))})
        phrases.pop((), None)
        excludes.discard(())
        return cls(phrases, excludes)

    def _build(self, entries: Mapping[tuple[str, ...], set[_Payload]]) -> None:
        goto: list[dict[str, int]] = [{}]
        own: list[list[tuple[int, _Payload]]] = [[]]
        for seq, payloads in entries.items():
            state = 0
            for tok in seq:
                nxt = goto[state].get(tok)
                if nxt is None:
                    nxt = len(goto)
                    goto[state][tok] = nxt
                    goto.append({})
                    own.append([])
                state = nxt
            # Sorted only so that builds are deterministic; order does not affect the result.
            own[state].extend((len(seq), p) for p in sorted(payloads, key=lambda p: p or ("",)))
        fail = [0] * len(goto)
        out: list[tuple[tuple[int, _Payload], ...]] = [()] * len(goto)
        queue: deque[int] = deque()
        for child in goto[0].values():
            queue.append(child)
            out[child] = tuple(own[child])
        while queue:
            state = queue.popleft()
            for tok, child in goto[state].items():
                f = fail[state]
                while f and tok not in goto[f]:
                    f = fail[f]
                fail[child] = goto[f].get(tok, 0)
                out[child] = tuple(own[child]) + out[fail[child]]
                queue.append(child)
        self._goto, self._fail, self._out = goto, fail, out

    def assess(self, text: str) -> RiskAssessment:
        """Scan `text`. High beats elevated; exclusions cancel matches lying inside them.

        A text with an apostrophe is also read with the words apart: normalising deletes
        apostrophes (so "can't" is "cant" and Arabizi 3' stays one word), which glues a French
        elision onto its word ("l'automutilation" = "lautomutilation"); read apart, the phrase
        "automutilation" is found too. Both readings count.
        """
        result = self._scan(_split(normalize(text)))
        if _APOSTROPHE.search(text) is None:
            return result
        return _both(result, self._scan(_split(normalize(_APOSTROPHE.sub(" ", text)))))

    def _scan(self, toks: list[str]) -> RiskAssessment:
        goto, fail, out = self._goto, self._fail, self._out
        root_get = goto[0].get
        hits: list[tuple[int, int, str, str]] = []
        excluded: list[tuple[int, int]] = []
        state = 0
        for end, tok in enumerate(toks):
            if state:
                nxt = goto[state].get(tok)
                while nxt is None and state:
                    state = fail[state]
                    nxt = goto[state].get(tok)
                state = nxt or 0
            else:
                state = root_get(tok, 0)
            if state and out[state]:
                for length, payload in out[state]:
                    if payload is None:
                        excluded.append((end - length + 1, end))
                    else:
                        hits.append((end - length + 1, end, *payload))
        if not hits:
            return NO_RISK
        rank = 0
        categories: set[str] = set()
        for start, end, level, category in hits:
            if any(s <= start and end <= e for s, e in excluded):
                continue
            categories.add(category)
            rank = max(rank, _RANK[level])
        if not rank:
            return NO_RISK
        return RiskAssessment(_LEVELS[rank], frozenset(categories))


def _both(a: RiskAssessment, b: RiskAssessment) -> RiskAssessment:
    """Two readings of one message: the higher level, and every category either one saw."""
    if not b.at_risk:
        return a
    if not a.at_risk:
        return b
    level = a.level if _RANK[a.level] >= _RANK[b.level] else b.level
    return RiskAssessment(level, a.categories | b.categories)


# --------------------------------------------------------------------------- loading & checks

SafetyProblem = tuple[str, str, str]  # (file relative to the content folder's parent, key, message)


def load_safety(content_dir: Path) -> tuple[RiskDetector | None, list[SafetyProblem]]:
    """Read every `content/<locale>/safety.yaml`, check them, and build one merged detector.

    A locale without the file is fine (English phrases still apply to it); English without it is
    a problem. Returns no detector when there is any problem: the caller should keep the
    previous detector (on reload) or refuse to start, never run without one.
    """
    problems: list[SafetyProblem] = []
    if not content_dir.is_dir():
        return None, [(str(content_dir), "-", "content folder not found")]
    parsed: list[tuple[str, SafetyLists]] = []
    for folder in sorted(p for p in content_dir.iterdir() if p.is_dir()):
        path = folder / FILE_NAME
        rel = _rel(path, content_dir)
        if not path.exists():
            if folder.name == BASE_LOCALE:
                problems.append((rel, "-", "required file missing"))
            continue
        lists = _parse(path, rel, problems)
        if lists is not None:
            parsed.append((rel, lists))
    if not (content_dir / BASE_LOCALE).is_dir():
        problems.append(
            (_rel(content_dir / BASE_LOCALE / FILE_NAME, content_dir), "-", "required file missing")
        )
    _check(parsed, problems)
    if problems:
        return None, problems
    return RiskDetector.from_lists(lists for _, lists in parsed), problems


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root.parent).as_posix()
    except ValueError:
        return str(path)


def _parse(path: Path, rel: str, problems: list[SafetyProblem]) -> SafetyLists | None:
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        problems.append((rel, "-", f"not valid YAML: {exc}"))
        return None
    except OSError as exc:
        problems.append((rel, "-", f"cannot read: {exc.strerror or exc}"))
        return None
    try:
        return SafetyLists.model_validate({} if data is None else data)
    except ValidationError as exc:
        for err in exc.errors():
            key = ".".join(str(part) for part in err["loc"]) or "-"
            problems.append((rel, key, err["msg"]))
        return None


def _entries(lists: SafetyLists) -> Iterable[tuple[str, str, bool]]:
    """(key, phrase, is_emoji) for every risk phrase of a file, in file order."""
    for level, groups in (("high", lists.high), ("elevated", lists.elevated)):
        for category, phrases in groups.items():
            for i, phrase in enumerate(phrases):
                yield f"{level}.{category}.{i}", phrase, False
    for level, emojis in (("high", lists.emoji.high), ("elevated", lists.emoji.elevated)):
        for i, emoji in enumerate(emojis):
            yield f"emoji.{level}.{i}", emoji, True


def _check(parsed: list[tuple[str, SafetyLists]], problems: list[SafetyProblem]) -> None:
    """Problems an editor can fix: names, empties, duplicates, phrases an exclusion swallows."""
    all_excludes: dict[tuple[str, ...], str] = {}
    for rel, lists in parsed:
        for i, phrase in enumerate(lists.exclude):
            for seq in (tokens(phrase), tokens(_APOSTROPHE.sub(" ", phrase))):  # both readings
                all_excludes.setdefault(seq, f"{rel}: exclude.{i}")
    for rel, lists in parsed:
        for level, groups in (("high", lists.high), ("elevated", lists.elevated)):
            for category in groups:
                if not _CATEGORY_NAME.match(category) or category == EMOJI_CATEGORY:
                    problems.append(
                        (
                            rel,
                            f"{level}.{category}",
                            "category names are short lowercase words like 'intent'",
                        )
                    )
        seen: dict[tuple[str, ...], str] = {}
        for key, phrase, is_emoji in _entries(lists):
            seq = tokens(phrase)
            if not seq:
                problems.append((rel, key, "empty after normalisation"))
                continue
            if seq in seen:
                problems.append((rel, key, f"duplicate of {seen[seq]} after normalisation"))
                continue
            seen[seq] = key
            if is_emoji and _WORD.search(" ".join(seq)):
                problems.append((rel, key, "not an emoji: words belong under high or elevated"))
            if seq in all_excludes:
                problems.append((rel, key, f"never matches: the same as {all_excludes[seq]}"))
        seen_excludes: dict[tuple[str, ...], str] = {}
        for i, phrase in enumerate(lists.exclude):
            key, seq = f"exclude.{i}", tokens(phrase)
            if not seq:
                problems.append((rel, key, "empty after normalisation"))
            elif seq in seen_excludes:
                problems.append(
                    (rel, key, f"duplicate of {seen_excludes[seq]} after normalisation")
                )
            else:
                seen_excludes[seq] = key


# --------------------------------------------------------------------------- CLI


def run_risk_cli(content_dir: Path, stdin: TextIO, stdout: TextIO) -> int:
    """`python -m bot risk`: print "<level>\\t<line>" for each input line, to try the lists out.

    Exits 1 without reading input if the lists have problems (printed to stderr), so an editor
    never tests against lists the bot would refuse to load.
    """
    detector, problems = load_safety(content_dir)
    if detector is None:
        for file, key, message in problems:
            print(f"error: {file}: {key}: {message}", file=sys.stderr)
        print(f"{len(problems)} problem(s) in the safety lists", file=sys.stderr)
        return 1
    for raw in stdin:
        line = raw.rstrip("\r\n")
        print(f"{detector.assess(line).level}\t{line}", file=stdout, flush=True)
    return 0
