"""Risk-phrase detection: does a visitor's message suggest they may be in danger right now?

Every message a visitor writes is checked. A match makes the bot show crisis contacts at once
and moves the visitor up the volunteer queue; nothing is ever sent to authorities. The result
carries a level and the *categories* that matched ("intent", "plan", "others", ...), never the
matched words, so nothing downstream can echo a method word back to someone in crisis.

The phrase lists are admin-editable YAML (`content/<locale>/safety.yaml`). All locales are
merged into one detector, because a visitor whose interface is English may well write Arabic,
Arabizi, or both in one message.

How matching works, and why:

* Text and phrases go through the same `normalize()` (case, diacritics, Arabic letter variants,
  tatweel, elongation of three or more letters, invisible characters, Arabic-Indic digits), then
  each word becomes its *match key*: its Snowball English stem for words of ASCII letters
  ("killing" -> "kill", "wrists" -> "wrist"), the word itself otherwise. A phrase only ever
  matches whole words ("skill myself" is not "kill myself"); an emoji is a token of its own.
* A phrase of three words or more tolerates a few words inserted between its own: up to
  `walk.MAX_GAP` at any one place and `walk.MAX_GAPS` in all ("I want to *fucking* die", "end my
  *miserable* life", "I wish I could *just* die"), but never across clause punctuation (a full
  stop, comma, question mark...). Two-word phrases match only as written ("kill myself"): with
  room between two words almost anything would match.
* All phrases and exclusions live in ONE trie of match keys. The text is read once, left to
  right, carrying the few partial matches still alive (each dies after `MAX_GAP` words without
  progress), so the cost grows linearly with the text and hardly with the lists.
* Chinese and Japanese are read character by character, and their phrases match only as
  written except at a `*` of the phrase (see `bot.safety.cjk`). Japanese negates after the
  verb ("死にたいわけじゃない"): `negation_after` words just after a high phrase lower it too.
* Arabic attaches the conjunctions و and ف to the next word ("وبدي موت", "فقررت ..."). Every
  phrase that starts with an Arabic letter also matches with one of those two letters glued to
  its first word. Other clitics (ب, ل, ال, the future س/ه/ح/رح) are not stripped: they change
  meaning too often ("بموت فيك" means "I adore you"), so such forms are listed explicitly.
* Exclusions are benign look-alikes, matched exactly as written, within one clause ("想死你"
  (I miss you so) is no exclusion in "我想死，你们别管我"). A risk match lying entirely
  inside an occurrence of an exclusion does not count ("kill myself laughing"); one read with
  words inserted does not count if it merely overlaps one ("I don't want to live *with them*
  anymore" against the exclusion "don't want to live with").
* Arabizi is also read as consonant skeletons against the skeletons of the Arabic `high`
  phrases, in a second small trie (`bot.safety.arabizi`): "3ayez amoot" is "عايز اموت".
* Levels mean something: first-person intent, plans and means, farewells and attempts are
  `high`; a bare mention ("suicide" in the news) and hopelessness are `elevated`. A `negation`
  or `third_person` word of the lists just before a high phrase, in the same clause, lowers it
  to elevated, never further ("I don't want to die" still gets the contacts, gently).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from bot.safety import arabizi, cjk
from bot.safety.assessment import NO_RISK, RiskAssessment, both
from bot.safety.merge import merged
from bot.safety.model import MODEL_CATEGORY, RiskModel
from bot.safety.modifiers import Lowering
from bot.safety.normalize import match_key, prefixed_variants, read_normalized, readings, resolve
from bot.safety.schema import (
    EMOJI_CATEGORY,
    LEVELS,
    OTHERS_CATEGORY,
    RANK,
    SafetyLists,
)
from bot.safety.together import CJK_SPAN, PART, SPAN, Found, Rule, matched
from bot.safety.typos import Typos
from bot.safety.walk import MAX_GAP, Span, Trie, ignored, walk

EMOJI_WORDS = 3  # an emoji of the lists counts only in a message of at most this many words
_KEY_LIMIT = 65_536
MODEL_RAISED = RiskAssessment("elevated", frozenset({MODEL_CATEGORY}))
# ... near a rule of danger from others: both answers, the one for a risk to oneself first
MODEL_RAISED_OTHERS = RiskAssessment("elevated", frozenset({MODEL_CATEGORY, OTHERS_CATEGORY}))


class Unlisted(NamedTuple):
    """What the model may read of a message the lists left at none with no exclusion matched:
    its tokens, whether a part of some `together` rule was found in it (a near miss of the
    lists), and whether a part of a rule of danger from others was."""

    tokens: list[str]
    near: bool
    others: bool


Lowers = Callable[[int, int, bool], bool]  # (start, end, danger from others) -> lowered?
_LEAF: dict[str, int] = {}  # the children of every leaf of a built trie: never written to


# (rank, category, gaps allowed) for a risk phrase; (PART, rule, part) for a part of a
# `together` rule; None marks an exclusion
_Payload = tuple[int, str, bool] | tuple[int, int, int] | None


class RiskDetector:
    """One trie over match keys holding every phrase and exclusion of all locales.

    Immutable once built, so a reload can build a new one and swap it in whole. `phrase_count`
    is the number of distinct phrases and emoji after normalisation (exclusions and the و/ف
    variants not counted).
    """

    def __init__(
        self,
        phrases: Mapping[tuple[str, ...], Iterable[tuple[str, str]]],
        excludes: Iterable[tuple[str, ...]] = (),
        *,
        negation: Iterable[str] = (),
        third_person: Iterable[str] = (),
        negation_after: Iterable[str] = (),
        not_negation_after: Iterable[str] = (),
        together: Iterable[tuple[str, str, Sequence[Iterable[tuple[str, ...]]]]] = (),
        typo_words: Iterable[str] = (),
        plain: bool = False,
    ) -> None:
        """Build from normalised token sequences: phrase -> {(level, category)}, exclusions
        (a CJK phrase may hold `cjk.GAP_TOKEN`), the words that lower a following high
        phrase (or, `negation_after`, a preceding one), `together` rules: (level,
        category, the phrases of each part), and the English words of the lists a slip of the
        keyboard is read as (`bot.safety.typos`). `plain`: every word is its own key (no stem,
        no elongation: the skeletons of `bot.safety.arabizi`)."""
        self._plain = plain
        self.phrase_count: int = sum(1 for seq in phrases if seq)
        rules = [(level, category, [list(part) for part in ps]) for level, category, ps in together]
        self._rules: list[Rule] = [
            (RANK[lv], cat, len(ps), CJK_SPAN if _any_cjk(ps) else SPAN) for lv, cat, ps in rules
        ]
        # A phrase written elongated ("want to dieee") reads like a message: its word takes the
        # double- or single-letter form that is a word of the lists ("die"). A word of the lists,
        # exclusions included, is itself: as a message's word is read, whatever other lists say
        # ("cook" of an exclusion is not Turkish "cok" with a vowel doubled).
        excludes = list(excludes)
        parts = (seq for *_, ps in rules for part in ps for seq in part)
        self._listed = frozenset(
            match_key(t) for seqs in (phrases, excludes, parts) for seq in seqs for t in seq
        )
        self._children: list[dict[str, int]] = [{}]
        self._out: list[Sequence[_Payload]] = [[]]  # lists while building, then tuples
        self._gap_limit: list[int] = [0]  # words that may be inserted after this node
        self._gap_child: dict[int, int] = {}  # node -> its node after a `*` (CJK)
        for seq, payloads in phrases.items():
            for variant in prefixed_variants(seq) if seq else ():
                node = self._insert(variant)
                gaps = cjk.GAP_TOKEN in variant or (len(variant) >= 3 and not cjk.is_cjk(variant))
                for level, category in sorted(payloads):
                    self._out[node].append((RANK[level], category, gaps))
        for seq in excludes:
            for variant in prefixed_variants(seq) if seq else ():
                self._out[self._insert(variant)].append(None)
        for r, (*_, part_seqs) in enumerate(rules):
            for p, part in enumerate(part_seqs):
                for seq in part:
                    for variant in prefixed_variants(seq) if seq else ():
                        payloads = self._out[self._insert(variant, gaps=False)]
                        if (PART, r, p) not in payloads:
                            payloads.append((PART, r, p))
        self._lowering = Lowering(negation, third_person, negation_after, not_negation_after)
        typo_words = list(typo_words)
        self._typos = Typos.build(typo_words) if typo_words else Typos(())
        self._arabizi: RiskDetector | None = None  # Arabizi through the Arabic lists: from_lists
        self._derive()

    def state(self) -> dict[str, Any]:
        """Everything the detector holds, as JSON values: a content record keeps it so that a
        restart with the same lists and code need not build the trie again."""
        return {
            "phrase_count": self.phrase_count,
            "rules": [list(rule) for rule in self._rules],
            "listed": sorted(self._listed),
            "children": self._children,
            "out": [[None if p is None else list(p) for p in payloads] for payloads in self._out],
            "gap_limit": self._gap_limit,
            "gap_child": sorted(self._gap_child.items()),
            "lowering": self._lowering.state(),
            "typos": self._typos.state(),
            "plain": self._plain,
            "arabizi": None if self._arabizi is None else self._arabizi.state(),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> RiskDetector:
        """The detector `state()` described (from a record this bot signed)."""
        d = cls.__new__(cls)
        d.phrase_count = state["phrase_count"]
        d._rules = [(rank, category, n, span) for rank, category, n, span in state["rules"]]
        d._listed = frozenset(state["listed"])
        d._children = state["children"]
        d._out = [[None if p is None else tuple(p) for p in out] for out in state["out"]]
        d._gap_limit = state["gap_limit"]
        d._gap_child = {int(node): int(child) for node, child in state["gap_child"]}
        d._lowering = Lowering.from_state(state["lowering"])
        d._typos = Typos.from_state(state["typos"])
        d._plain = state["plain"]
        d._arabizi = None if state["arabizi"] is None else cls.from_state(state["arabizi"])
        d._derive()
        return d

    def _derive(self) -> None:
        """What follows from the trie, and the per-word caches. The trie is made lean first:
        every leaf shares one empty mapping and each node's payloads are one shared tuple (most
        nodes have the same few), about a third of its memory."""
        self._children = [node or _LEAF for node in self._children]
        shared: dict[Any, Any] = {}
        self._out = [
            shared.setdefault(key, key)
            for key in (tuple(shared.setdefault(p, p) for p in payloads) for payloads in self._out)
        ]
        # the statistical model beside the lists (`bot.safety.model`), set by `load_safety`
        self.model: RiskModel | None = None
        self._vocabulary = frozenset(k for node in self._children for k in node)
        # The words that lead into a node a `*` (CJK) continues from: only after one of them
        # does the scan look for such a node among the partial matches.
        self._gap_keys = frozenset(
            k for node in self._children for k, child in node.items() if child in self._gap_child
        )
        self._keys: dict[str, str] = {}
        self._walked = Trie(
            self._children, self._out, self._gap_limit, self._gap_child, self._gap_keys
        )

    def _insert(self, seq: tuple[str, ...], gaps: bool = True) -> int:
        node = 0
        keys = [self._listed_key(tok) for tok in seq]
        # gaps anywhere (not CJK: at `*` only; never inside a part of a `together` rule)
        words = gaps and len(keys) >= 3 and not cjk.is_cjk(seq)
        for depth, key in enumerate(keys):
            nxt = self._children[node].get(key)
            if nxt is None:
                nxt = len(self._children)
                self._children[node][key] = nxt
                self._children.append({})
                self._out.append([])
                self._gap_limit.append(0)
            if key == cjk.GAP_TOKEN:
                self._gap_child[node] = nxt
                self._gap_limit[nxt] = cjk.GAP
            node = nxt
            if words and depth < len(keys) - 1:
                self._gap_limit[node] = MAX_GAP  # a longer phrase continues from here
        return node

    def _listed_key(self, token: str) -> str:
        return token if self._plain else resolve(token, self._listed)

    @classmethod
    def from_lists(
        cls, lists: Iterable[SafetyLists], typo_words: Iterable[str] = ()
    ) -> RiskDetector:
        """Merge the lists of all locales (`bot.safety.merge`); a phrase listed twice keeps every
        (level, category). `typo_words`: the English words of the lists (`bot.safety.typos`)."""
        m = merged(lists)
        detector = cls(**vars(m), typo_words=typo_words)  # Merged's fields: our params
        if (skeletal := arabizi.derived(m)) is not None:
            detector._arabizi = cls(**vars(skeletal), plain=True)
        return detector

    def key(self, token: str) -> str:
        """A token's match key: its stem, or for an elongated word ("dieee", "gooodbye") the
        reading that is a word of the lists. A plain double letter stays ("odd" is not "od").

        A single character is its own key, at once: it has no run of three to shorten, no
        doubled letter, the stemmer leaves it be and the typo index reads words of six letters
        or more (the full way agrees on every code point of the Basic Multilingual Plane and a
        sample beyond: tests). Each Chinese or Japanese character and each emoji is a token, so
        4,096 characters never met (or met after the cache filled) cost well under a
        microsecond each, not the several of the full way."""
        if self._plain:
            return token
        key = self._keys.get(token)
        if key is None:
            key = token if len(token) == 1 else self._computed_key(token)
            if len(self._keys) < _KEY_LIMIT and not token.isdigit():  # no number kept
                self._keys[token] = key
        return key

    def _computed_key(self, token: str) -> str:
        """`key` the full way, without the cache."""
        key = resolve(token, self._vocabulary)
        if key not in self._vocabulary and (fixed := self._typos.correct(token)) is not None:
            key = match_key(fixed)  # "myslef" is "myself"
        return key

    def assess(self, text: str) -> RiskAssessment:
        """Scan `text`. High beats elevated; exclusions cancel matches lying inside them.

        A text with an elision is also read with the words apart: normalising deletes
        apostrophes (so "can't" is "cant" and Arabizi 3' stays one word), which glues a French
        elision onto its word ("l'automutilation" = "lautomutilation"); read apart, the phrase
        "automutilation" is found too. Both readings count. An English contraction or
        possessive is read glued only (`normalize.ELISION`). Where the lists find nothing, no
        exclusion matched, the model (if any) may raise the message to `elevated`: more readily
        where a part of some `together` rule was found (a near miss of the lists).
        """
        verdict, unlisted = self.lists_verdict(text)
        if (
            unlisted is None
            or self.model is None
            or not self.model.raises(unlisted.tokens, unlisted.near)
        ):
            return verdict
        return MODEL_RAISED_OTHERS if unlisted.others else MODEL_RAISED

    def with_model(self, model: RiskModel | None) -> RiskDetector:
        """This detector with `model` beside its lists: a shallow copy sharing the trie (a
        detector another caller holds is never changed)."""
        other = copy.copy(self)
        other.model = model
        return other

    def lists_verdict(self, text: str) -> tuple[RiskAssessment, Unlisted | None]:
        """The lists' own verdict, and what the model may read: only where the lists found
        nothing and no exclusion matched; None otherwise."""
        glued, apart = readings(text)
        toks, bounds = read_normalized(glued)
        result, excluded, near = self._scan(toks, bounds)
        quiet = bool(excluded)
        if self._arabizi is not None and (skeletal := arabizi.reading(glued, toks, bounds))[0]:
            # its own exclusions, and those found in the message as written ("bdi mout mn el
            # malal" is "bdi mt mn mll", not "بدي موت من الملل": "bdi mt mn ml")
            too = arabizi.spans(excluded, skeletal[2])
            lowers = self.lowers_at(toks, bounds, skeletal[2])  # as the words stand, written
            result = both(result, self._arabizi._scan(*skeletal[:2], too, lowers)[0])
        if apart is not None:
            other, quiet_apart, near_apart = self._scan(*read_normalized(apart))
            result, quiet = both(result, other), quiet or bool(quiet_apart)
            near |= near_apart
        if quiet or result.at_risk:
            return result, None
        return result, Unlisted(toks, bool(near), OTHERS_CATEGORY in near)

    def lowers_at(self, toks: list[str], bounds: list[int], where: Sequence[int]) -> Lowers:
        """Does a negation or third person of these lists lower a high phrase found by another
        reading at its tokens `start`..`end`, which stand at `where[start]`..`where[end]` among
        `toks` (the Arabizi reading: "ma bade amoot" is lowered as "ما بدي اموت" is)?"""
        keys = [self.key(tok) for tok in toks]
        return lambda start, end, others: self._lowering.lowers(
            toks, keys, bounds, where[start], where[end], others
        )

    def _scan(
        self,
        toks: list[str],
        bounds: list[int],
        excluded_too: Sequence[Span] = (),
        lowers_too: Lowers | None = None,
    ) -> tuple[RiskAssessment, list[Span], frozenset[str]]:
        """The lists' verdict on one reading, the exclusions found in it (with `excluded_too`,
        found by another reading), and, where the verdict is none, the categories of the
        `together` rules a part of which was found. `lowers_too`: another reading's lowering
        (`lowers_at`)."""
        cache = self._keys
        keys = (
            toks  # every word its own key
            if self._plain
            else [k if (k := cache.get(tok)) is not None else self.key(tok) for tok in toks]
        )
        hits, excluded, found = walk(self._walked, keys, toks, bounds, self._lowering.negates)
        if excluded_too:
            excluded = [*excluded, *excluded_too]
        for start, end, rank, category, spans in (
            matched(self._rules, found, excluded) if found else ()
        ):
            # a negation before any part denies the fact the rule stands on: nothing (a word of
            # another part of the rule is that part's own: "if i don't pay" + "send")
            if not any(
                self._lowering.lowers(toks, keys, bounds, s, e, True, spans) for s, e in spans
            ):
                hits.append((start, end, rank, category, False))
        if not hits:
            return NO_RISK, excluded, self._near(found)
        rank = 0
        categories: set[str] = set()
        wordy = any(h[3] == EMOJI_CATEGORY for h in hits) and (
            sum(1 for tok in toks if tok.isalnum()) > EMOJI_WORDS
        )
        for start, end, level, category, gapped in hits:
            if ignored((start, end, level, category, gapped), excluded, wordy):
                continue
            others = category == OTHERS_CATEGORY
            if level == RANK["high"] and (
                self._lowering.lowers(toks, keys, bounds, start, end, others)
                or (lowers_too is not None and lowers_too(start, end, others))
            ):
                level = RANK["elevated"]
            categories.add(category)
            rank = max(rank, level)
        if not rank:
            return NO_RISK, excluded, self._near(found)
        return RiskAssessment(LEVELS[rank], frozenset(categories)), excluded, frozenset()

    def _near(self, found: list[Found]) -> frozenset[str]:
        """The categories of the rules of the parts found (a near miss of the lists)."""
        return frozenset(self._rules[rule][1] for _, _, rule, _ in found)


def _any_cjk(part_seqs: Sequence[Iterable[tuple[str, ...]]]) -> bool:
    """A rule with a part in Chinese or Japanese counts its span in characters."""
    return any(cjk.is_cjk(seq) for part in part_seqs for seq in part)
