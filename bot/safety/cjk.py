"""Chinese and Japanese in the risk lists: text written without spaces between words.

The matcher reads words; Chinese and Japanese put no space between them ("我真的不想活了"), so a
whole sentence would be one "word" and no phrase could be found inside it. Here every Han,
hiragana and katakana character is a token of its own, and a phrase of the lists is the
sequence of its characters: "不想活" is found inside "我真的不想活了" the way "want to die" is
found inside "i really want to die". Everything else of the matcher stays as it is: one trie,
exclusions, negation and third-person modifiers, clause boundaries (。、，！？ end a clause).

Folding, on the message and on the phrases alike (in `normalize`):

* Traditional characters are folded to Simplified ones, character by character, with OpenCC's
  own table (the `opencc` library, `t2s`): "不想活了" written 繁體 or 简体 is one phrase
  ("殺" = "杀", "憂鬱" = "忧郁"). Regional wording still differs (Taiwan 「輕生」, mainland
  「轻生」 fold together; 「想不開」 is written per locale as usual), so zh and zh-Hant keep
  lists of their own. Japanese kanji go through the same fold, on both sides, so nothing is
  lost: a Japanese phrase still meets its own messages.
* Katakana is folded to hiragana ("シニタイ" = "しにたい"); halfwidth katakana and fullwidth
  letters are already folded by NFKC. The voiced marks (゛ ゜) are kept: "はか" (grave) is not
  "ばか" (fool).
* Kanji and kana spellings of one word ("死にたい" / "しにたい" / "タヒにたい") are different
  texts: the lists write each one they need.

Gaps. Characters are small units, and a gap of a few characters turns "不想活" into "不想去
活动" (not wanting to go to an activity). So a CJK phrase matches its characters in a row,
except where it says otherwise: a `*` between two characters of a phrase lets up to `GAP`
characters stand there (none needed), never across clause punctuation. "想*死" matches "想死",
"想去死", "好想快点死", not "想，去死"; "想死你了" (I miss you so) is an exclusion of the lists.
"""

from __future__ import annotations

import re
from functools import cache

GAP = 3  # characters that may stand at a `*` of a CJK phrase
GAP_MARK = "*"
GAP_TOKEN = "\x00"  # the `*` of a phrase in the trie: no message token can be this

# Han (unified, extension A, compatibility), hiragana and katakana (with ー and 々)
_RANGES = "\u3005\u3006\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
CJK = re.compile(f"[{_RANGES}]")
# A token is one CJK character, a run of other letters and digits, or one symbol (emoji).
TOKEN = re.compile(f"[{_RANGES}]|[^\\W{_RANGES}]+|[^\\w\\s]")
_HAN_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000))
_KATAKANA = range(0x30A1, 0x30F7)  # ァ..ヶ -> ぁ..ゖ (ー, ・ and ヽヾ are not moved)
VOICED_MARKS = frozenset({0x3099, 0x309A})  # combining ゛ ゜: kept, NFC recomposes が, ぱ


@cache
def _traditional_to_simplified() -> dict[int, str]:
    """{code point: simplified character} for every Han character OpenCC's t2s changes.

    Built once, in one call (about 12 ms): each character is converted on a line of its own, so
    OpenCC's phrase table cannot join two of them."""
    import opencc  # loaded on the first CJK character only

    chars = [chr(code) for start, end in _HAN_BLOCKS for code in range(start, end)]
    converted = opencc.OpenCC("t2s.json").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # never seen; then no fold rather than a wrong one
        return {}
    table = {ord(a): b for a, b in zip(chars, converted, strict=True) if a != b and len(b) == 1}
    for code, simple in table.items():  # one chain (薴 -> 苧 -> 苎): fold to the end, once
        while ord(simple) in table and table[ord(simple)] != simple:
            simple = table[ord(simple)]
        table[code] = simple
    return table


def fold(code: int) -> str | None:
    """The folded form of one CJK code point (see module docstring), or None if it stays."""
    if code in _KATAKANA:
        return chr(code - 0x60)
    if 0x3400 <= code < 0xA000:
        return _traditional_to_simplified().get(code)
    return None


def is_cjk(seq: tuple[str, ...]) -> bool:
    """Whether a phrase is read character by character (it holds a CJK character)."""
    return any(CJK.match(tok) for tok in seq)
