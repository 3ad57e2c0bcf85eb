"""Words that signal danger together: the `together:` rules of `content/<locale>/safety.yaml`.

A phrase list finds what a person writes in a known wording. Much of what people in danger
write names no death word at all: the means stated as a fact ("the rope is in my backpack"),
the place ("on the roof of my building rn"), the violence told as what happened ("my brother
broke my nose when he saw my messages"). What gives them away is two things side by side: a
means and having it ready, a high place and being there now, a family member and a blow.

A rule is two to four parts joined by `+`, each part a phrase or a word class of the file:

    together:
      high:
        plan:
          - "{means} + {stashed}"            # "counted the pills twice", "blades in my drawer"
      elevated:
        ...

It fires when every part is found, in any order, within `SPAN` words of one another (`CJK_SPAN`
characters for a rule in Chinese or Japanese), the parts
not overlapping; each part is matched exactly as written (no words inserted inside a part).
Exclusions apply to each part (a part lying inside a benign look-alike does not count). A
negation just before any part, in its clause, cancels the rule: a rule is circumstantial, and
"the cop didn't arrest me" or "i don't have the rope anymore" deny the very fact it stands on
(a high *phrase* is only lowered: "I don't want to die" is what anxious people say). A third
person before the first part lowers a high rule to elevated, as for a phrase. The result names
the rule's category, never the words.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate

SEPARATOR = "+"
MIN_PARTS, MAX_PARTS = 2, 4
SPAN = 12  # words from the first part's first word to the last part's last word
# ... and for a rule written in Chinese or Japanese, whose every character is a token: a
# natural sentence puts its parts 14 to 20 characters apart (「今までありがとう。返事がなかったら」)
CJK_SPAN = 24
PART = -1  # the rank a trie payload of a rule's part carries: (PART, rule, part)

Rule = tuple[int, str, int, int]  # (rank, category, number of parts, span)
Found = tuple[int, int, int, int]  # (start, end, rule, part): a part found in a message


def parts(line: str) -> list[str]:
    """The parts of a rule line, stripped: "{means} + {stashed}" -> ["{means}", "{stashed}"]."""
    return [part.strip() for part in line.split(SEPARATOR)]


def matched(
    rules: Sequence[Rule], found: Sequence[Found], excluded: Sequence[tuple[int, int]]
) -> list[tuple[int, int, int, str, list[tuple[int, int]]]]:
    """The rules whose parts all stand within their rule's span (`SPAN` words, `CJK_SPAN`
    characters): (start, end, rank, category, the span of each part). Parts inside an
    exclusion do not count."""
    # most messages hold a part or two of some rule and never all of one: those rules are
    # dropped first, by part number alone (an exclusion can only take a part away)
    seen: dict[int, set[int]] = {}
    for *_, rule, part in found:
        parts_seen = seen.get(rule)
        if parts_seen is None:
            seen[rule] = {part}
        else:
            parts_seen.add(part)
    complete = {rule for rule, parts_seen in seen.items() if len(parts_seen) == rules[rule][2]}
    if not complete:
        return []
    by_rule: dict[int, list[set[tuple[int, int]]]] = {}
    inside = _inside(excluded)
    for start, end, rule, part in found:
        if rule not in complete or inside(start, end):
            continue
        slots = by_rule.get(rule)
        if slots is None:
            slots = by_rule[rule] = [set() for _ in range(rules[rule][2])]
        slots[part].add((start, end))
    hits: list[tuple[int, int, int, str, list[tuple[int, int]]]] = []
    for rule, slots in by_rule.items():
        if all(slots):
            taken = _together([sorted(slot) for slot in slots], rules[rule][3])
            if taken is not None:
                rank, category, *_ = rules[rule]
                start, end = min(s for s, _ in taken), max(e for _, e in taken)
                hits.append((start, end, rank, category, taken))
    return hits


def _inside(excluded: Sequence[tuple[int, int]]) -> Callable[[int, int], bool]:
    """Does (start, end) lie inside one of the excluded spans? In log time: the spans sorted by
    start, with the furthest end reached so far."""
    spans = sorted(excluded)
    starts = [s for s, _ in spans]
    furthest = list(accumulate((e for _, e in spans), max))

    def inside(start: int, end: int) -> bool:
        i = bisect_right(starts, start) - 1
        return i >= 0 and furthest[i] >= end

    return inside


def _together(slots: list[list[tuple[int, int]]], span: int) -> list[tuple[int, int]] | None:
    """The first run of at most `span` tokens holding one occurrence of every part, none
    overlapping another; each window starts at some part's occurrence. Linear in the text: a
    window looks only at the occurrences that start inside it."""
    starts = sorted({start for slot in slots for start, _ in slot})
    for lo in starts:
        limit = lo + span - 1
        taken: list[tuple[int, int]] = []
        for slot in slots:
            pick = None
            for start, end in slot[bisect_left(slot, (lo, -1)) :]:
                if start > limit:
                    break
                if end <= limit and all(end < s or e < start for s, e in taken):
                    pick = (start, end)
                    break
            if pick is None:
                break
            taken.append(pick)
        else:
            return taken
    return None
