"""Normalisation and tokens: the one form both a message and a phrase are read in."""

from __future__ import annotations

import re
import unicodedata

import Stemmer

from bot.safety import cjk

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
    # Turkish dotless ı: folded to i as ş ğ ç ö ü İ lose their marks, so "hayatımı" meets
    # "hayatimi" typed on an ASCII keyboard and "HAYATIMI" (whose I lowercases to i)
    0x0131: "i",
}
for _i in range(10):
    _LETTER_MAP[0x0660 + _i] = str(_i)  # Arabic-Indic digits ٠-٩
    _LETTER_MAP[0x06F0 + _i] = str(_i)  # Extended (Persian/Urdu) digits ۰-۹

# Deleted outright, not turned into a space, so that a character inserted inside a word does not
# split it: apostrophes ("can't" == "cant", and the Arabizi 3' for غ stays one word), tatweel
# (بدي مـــوت), standalone hamza (casual writing drops it: شيء / شي).
_DELETE = frozenset(map(ord, "'`\u2018\u2019\u201b\u02bc\u02bb\u02b9\u2032\u0640\u0621"))
# Apostrophes, for the second reading with words apart (fullwidth too: NFKC makes it ')
_APOSTROPHES = "'`\u2018\u2019\u201b\u02bc\u02bb\u02b9\u2032\uff07"
APOSTROPHE = re.compile(f"[{_APOSTROPHES}]")
# The apostrophes read as a space in the second reading: between two letters or digits (an
# elision: "l'automutilation", "c'è", Arabizi "3'"), not before the ending of an English
# contraction or possessive ("don't", "I'm", "she's", "we're", "I've", "I'll", "I'd"): the lists
# write those glued ("dont"), as people type them; read apart they cost a second scan of nine
# messages in ten with an apostrophe, changed no verdict of the team's sets, and among 6,164
# public posts found 11 false alarms and one real post ("wish i would've died", now listed).
# (The apostrophe is matched first and the letter before it looked back at: a pattern that starts
# with a set of characters is searched for in C, four times faster than a leading look-behind.)
ELISION = re.compile(
    rf"[{_APOSTROPHES}](?<=\w[{_APOSTROPHES}])(?=\w)(?!(?:s|t|m|re|ve|ll|d)(?!\w))",
    re.IGNORECASE,
)
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
# Punctuation that ends a clause becomes a line break: a phrase read with words inserted
# between its own ("want to *really* die") never reaches across one ("end my shift. life...").
BOUNDARY = "\n"
# (。 and 、 end a clause in Chinese and Japanese; their fullwidth ，！？ are , ! ? after NFKC)
_BOUNDARIES = frozenset(
    map(ord, ".,!?;:\u2026\u060c\u061b\u061f\u06d4\u3001\u3002\n\r\u2028\u2029")
)
_CACHE_LIMIT = 65_536  # the per-character table grows lazily; an adversary cannot bloat it
_MANY_DISTINCT = 200  # distinct characters from which a message is handled in one pass
_RUN_OF_FOUR = re.compile(r"(\w)\1\1\1")
_RUN_OF_FOUR_ANY = re.compile(r"(.)\1\1\1", re.DOTALL)  # searched twice as fast as \w


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
    if code in _BOUNDARIES:
        return BOUNDARY
    if code >= 0x3000:
        if code in cjk.VOICED_MARKS:
            return chr(code)
        folded = cjk.fold(code)  # katakana -> hiragana, traditional -> simplified
        if folded is not None:
            return folded
    category = unicodedata.category(chr(code))
    if category in _DELETE_CATEGORIES:
        return None
    if category in _SPACE_CATEGORIES:
        return " "
    return chr(code)


_TABLE = _CharTable()
for _code in [*range(0x00, 0x250), *range(0x0600, 0x0700), *range(0x2000, 0x2070)]:
    _TABLE[_code] = _classify(_code)

WORD = re.compile(r"\w")
_ARABIC_LETTER = re.compile(r"[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF]")


def normalize(text: str, table: _CharTable = _TABLE) -> str:
    """Fold `text` to the canonical form used on both sides of the match.

    Steps: NFKC (fullwidth and "bold" letters, Arabic presentation forms and the لا ligature
    become plain letters), casefold, NFKD + dropping every combining mark (Arabic harakat, shadda,
    superscript alef, Latin accents, and the hamza/madda of أ إ آ ؤ ئ), dropping invisible format
    characters (zero-width, bidi controls, soft hyphen), tatweel, apostrophes and standalone
    hamza, Arabic letter variants (ٱ→ا, ى→ي, ة→ه, ک→ك, ی→ي) and Arabic-Indic digits to ASCII,
    punctuation to spaces (clause punctuation to a line break, `BOUNDARY`), katakana to
    hiragana and traditional Chinese characters to simplified ones (`bot.safety.cjk`), then
    any letter repeated three or more times to exactly three ("goooooodbye" -> "gooodbye").

    Only runs of three or more are elongation: a double letter is part of the word ("noose" is
    not "nose", "odd" is not "od"). A run of three marks the word as elongated, and the detector
    reads it as the double or the single letter, whichever is a word of its lists ("gooodbye" ->
    "goodbye", "dieee" -> "die"; see `elongated_readings`). Digits are never collapsed (they
    are numbers more often than Arabizi letters).
    """
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    if text.isascii():
        text = text.translate(table)  # str.translate is fast on ASCII only
    else:
        # Same result as text.translate(_TABLE): outside ASCII, str.translate and even set()
        # cost ~80 ns per character in CPython, so the distinct characters are computed once
        # and only the few that change are replaced (each replace runs in C). Chinese text has
        # hundreds of distinct characters: there one translate is cheaper than many replaces.
        distinct = set(text)
        if len(distinct) > _MANY_DISTINCT:
            text = text.translate(table)
        else:
            for char in distinct:
                replacement = table[ord(char)]
                if replacement != char:
                    text = text.replace(char, replacement or "")
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)  # e.g. Hangul jamo back into syllables
    # (tidied first: a run of spaces or clause marks is gone, so the search for a run of four
    # finds letters, digits or symbols only; shortening and tidying do not touch each other)
    return _shorten_runs(_tidy(text))


def _shorten_runs(text: str) -> str:
    """Any letter repeated four or more times, to three. The same as replacing each run of
    four or more of one letter by three with a regular expression, several times faster in
    CPython: most texts have no run of four of anything (one quick search); in the others only
    the distinct letters are visited (with many distinct characters, only those in a run)."""
    if _RUN_OF_FOUR_ANY.search(text) is None:
        return text
    present = set(text)
    if len(present) > _MANY_DISTINCT:
        present = {match[1] for match in _RUN_OF_FOUR.finditer(text)}
    for char in present:
        if char.isalpha():
            quadruple, triple = char * 4, char * 3
            while quadruple in text:
                text = text.replace(quadruple, triple)
    return text


def _tidy(text: str) -> str:
    """Single spaces within each clause, no empty clause."""
    if BOUNDARY not in text:
        return " ".join(text.split())
    clauses = (" ".join(part.split()) for part in text.split(BOUNDARY))
    return BOUNDARY.join(clause for clause in clauses if clause)


# Both readings of a message with apostrophes from one normalisation: each apostrophe is first
# replaced by `_MARK` (a control character the table keeps, that str.split() does not take for
# a space), then deleted for the first reading and made a space for the second.
_MARK = "\x01"
_MARK_TABLE = _CharTable(_TABLE)
_MARK_TABLE[ord(_MARK)] = _MARK


def readings(text: str) -> tuple[str, str | None]:
    """`text` normalised, and, when it has an elision (`ELISION`), normalised with those
    apostrophes read as spaces (None otherwise): the same two strings as `normalize(text)` and
    `normalize(ELISION.sub(" ", text))`, for about the cost of one."""
    if ELISION.search(text) is None:
        return normalize(text), None
    if _MARK in text:  # the marker is the person's own character: the plain way
        return normalize(text), normalize(ELISION.sub(" ", text))
    marked = normalize(ELISION.sub(_MARK, text), _MARK_TABLE)
    # a run longer than three in the glued reading met across an apostrophe ("soo'ooo")
    return _shorten_runs(_tidy(marked.replace(_MARK, ""))), _tidy(marked.replace(_MARK, " "))


def tokens(text: str) -> tuple[str, ...]:
    """The tokens of `text` after normalisation: words (letters and digits) and single symbols.

    Clause boundaries are dropped: this is how a phrase of the lists is read."""
    return tuple(split(normalize(text)))


def split(normalized: str) -> list[str]:
    """Tokens of normalised text; plain `split()` when there is no emoji and no CJK character
    (the common case). Each Chinese or Japanese character is a token (see `bot.safety.cjk`)."""
    if not normalized or (
        normalized.replace(" ", "").isalnum()
        and (normalized.isascii() or cjk.CJK.search(normalized) is None)
    ):
        return normalized.split()
    return cjk.TOKEN.findall(normalized)


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """A phrase of the lists as the trie holds it: its tokens, with `cjk.GAP_TOKEN` where a `*`
    stands between two parts (see `bot.safety.cjk`); a `*` at either end counts for nothing."""
    if cjk.GAP_MARK not in phrase:
        return tokens(phrase)
    out: list[str] = []
    for part in phrase.split(cjk.GAP_MARK):
        part_tokens = tokens(part)
        if not part_tokens:
            continue
        if out:
            out.append(cjk.GAP_TOKEN)
        out.extend(part_tokens)
    return tuple(out)


def read(text: str) -> tuple[list[str], list[int]]:
    """A message as the detector reads it: its tokens, and for each position k the number of
    clause boundaries before token k (one more entry at the end), so that "is there a boundary
    between tokens i and j" is `bounds[j] != bounds[i]`."""
    return read_normalized(normalize(text))


def read_normalized(normalized: str) -> tuple[list[str], list[int]]:
    """`read()` of a text already normalised."""
    if BOUNDARY not in normalized:
        toks = split(normalized)
        return toks, [0] * (len(toks) + 1)
    toks, bounds = [], []
    for clause_no, clause in enumerate(normalized.split(BOUNDARY)):
        clause_tokens = split(clause)
        toks.extend(clause_tokens)
        bounds.extend([clause_no] * len(clause_tokens))
    bounds.append(bounds[-1] if bounds else 0)
    return toks, bounds


def prefixed_variants(seq: tuple[str, ...]) -> list[tuple[str, ...]]:
    """`seq` plus its forms with و or ف glued to an Arabic first word (see module docstring)."""
    variants = [seq]
    if seq and _ARABIC_LETTER.match(seq[0]):
        for prefix in ("و", "ف"):
            first = normalize(prefix + seq[0])  # "و" + "ودي" folds to "ودي": same as the phrase
            variant = (first, *seq[1:])
            if variant not in variants:
                variants.append(variant)
    return variants


# --------------------------------------------------------------------------- match keys

# Inflected forms meet their phrase through the Snowball English stemmer (PyStemmer, in C):
# "killing myself", "taking my life", "wished i was dead", "slit my wrist" read as the listed
# "kill myself", "take my life", "wish i was dead", "slit my wrists". Only words of ASCII
# letters are stemmed (English, French and Arabizi after normalisation: both sides the same way,
# so a French phrase still meets its own forms). Arabic script is not stemmed: light stemmers
# strip the prefixes that turn "بموت فيك" (I adore you) into "موت" (death); Arabic forms are
# listed instead.
_STEMMER = Stemmer.Stemmer("english")
_KEY_CACHE: dict[str, str] = {}


def match_key(token: str) -> str:
    """The form a token is matched by: its English stem when it is a word of ASCII letters."""
    key = _KEY_CACHE.get(token)
    if key is None:
        key = _STEMMER.stemWord(token) if token.isascii() and token.isalpha() else token
        if len(_KEY_CACHE) < _CACHE_LIMIT and not token.isdigit():  # no time or phone number kept
            _KEY_CACHE[token] = key
    return key


_RUN_OF_THREE = re.compile(r"([^\W\d_])\1\1")


def elongated_readings(token: str) -> tuple[str, str] | None:
    """For a word with a letter run of three (elongated, see `normalize`): its readings with
    each such run made double, then single. None for a word without one."""
    if _RUN_OF_THREE.search(token) is None:
        return None
    return _RUN_OF_THREE.sub(r"\1\1", token), _RUN_OF_THREE.sub(r"\1", token)


_DOUBLE_VOWEL = re.compile(r"([aeiou])\1")
_ANY_DOUBLE = re.compile(r"(.)\1", re.DOTALL)


def has_double(token: str) -> bool:
    """Whether some character of `token` is written twice in a row (else `single_vowels` and
    `single_letters` give `token` back)."""
    return _ANY_DOUBLE.search(token) is not None


def single_vowels(token: str) -> str:
    """`token` with each doubled Latin vowel made single ("amoot" -> "amot")."""
    return _DOUBLE_VOWEL.sub(r"\1", token)


def single_letters(token: str) -> str:
    """`token` with every doubled letter made single ("bddi" -> "bdi")."""
    out: list[str] = []
    for char in token:
        if not (out and char == out[-1] and char.isalpha()):
            out.append(char)
    return "".join(out)


def resolve(token: str, words: frozenset[str]) -> str:
    """An elongated word reads as its double- or single-letter form, whichever is listed
    (double first); a word with a doubled letter that is not listed, as its single-letter
    form of three letters or more when that one is listed (Arabizi and misspellings:
    "amoot" -> "amot", "bddi" -> "bdi", "mourrir" -> "mourir"); any other word as itself.
    A listed word is never changed ("noose" is not "nose"), and no word becomes one of two
    letters ("odd" is not "od")."""
    readings = elongated_readings(token)
    if readings is None:
        key = match_key(token)
        # "amoot" is "amot", "bddi" is "bdi", "mourrir" is "mourir" (a word with no letter
        # written twice in a row has no other reading: most words, passed over at once)
        if key not in words and has_double(token):
            for other in (single_vowels(token), single_letters(token)):
                found = match_key(other)
                if other != token and len(found) >= 3 and found in words:
                    return found
        return key
    for reading in readings:
        if match_key(reading) in words:
            return match_key(reading)
    return match_key(readings[0])
