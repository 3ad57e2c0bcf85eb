"""Checking one locale's screen texts (`ui.yaml`) and compiling those with plural forms.

Per text: placeholders are plain `{name}` (no format specs), a Fluent text parses and uses only
what content may use (see `bot/content/messages.py`), and every plural select has each form a
whole number can take in that language (CLDR, through Babel: Arabic zero one two few many
other, Polish and Russian one few many other, English one other). Against English: no text
missing (incomplete), none English lacks, the same variables, and a count English writes with
plural forms is written with plural forms (or a duration such as DAYS()) too. No `telegram` import.
"""

from __future__ import annotations

import re
import string

from bot.content.formats import babel_locale, formats
from bot.content.messages import (
    CATEGORIES,
    Message,
    analyse,
    compile_messages,
    is_fluent,
    required_forms,
    variables,
)
from bot.content.meta import LocaleMeta
from bot.content.problems import Problem

MISSING = "missing (English is shown instead)"
UNSAFE_PLACEHOLDER = "<format spec>"
UNBALANCED = "<unbalanced braces>"
PLAIN = "placeholders are plain {name}: no : ! . or []"
_FORMAT_SPEC = re.compile(r"\{\s*[A-Za-z_]\w*\s*[:!.\[]")
# Keys English no longer has because Babel writes them now (month names, date order): a
# translation that still has them is told to drop them, without being refused.
RETIRED = frozenset(
    f"date.{name}"
    for name in ("month_year", "day_month_year", *(f"month_{i}" for i in range(1, 13)))
)


def placeholders(text: str) -> set[str]:
    """The names `{name}` in a plain text. A format spec, a conversion or an attribute or
    index (`{position:>400000000}`, `{x!r}`, `{x.y}`) would let a text freeze the bot or reach
    into a value, so any of them is reported as UNSAFE_PLACEHOLDER."""
    try:
        parsed = string.Formatter().parse(text)
        fields = [(n, spec, conv) for _, n, spec, conv in parsed if n is not None]
    except ValueError:
        return {UNBALANCED}
    names = {name for name, _, _ in fields if name}
    if any(spec or conv or not name.isidentifier() for name, spec, conv in fields):
        names.add(UNSAFE_PLACEHOLDER)
    return names


def _ordered(forms: set[str] | frozenset[str]) -> str:
    return ", ".join(c for c in CATEGORIES if c in forms)


def check_texts(
    code: str,
    meta: LocaleMeta,
    texts: dict[str, str],
    base: dict[str, str] | None,
    file: str,
    problems: list[Problem],
    *,
    check: bool = True,
) -> dict[str, Message]:
    """Check one locale's own texts (`base`: English's, None for English itself) and return
    its compiled Fluent messages (a text that does not compile is reported and left out).
    `check` False: texts a full check found sound, byte for byte: only the messages."""
    if not check:
        locale = babel_locale(code, None, meta.region)
        formats_ = formats(code, meta.numbers or "latn", meta.region, None)
        return compile_messages(locale, formats_, texts, check=False)[0]
    for key, text in texts.items():
        if is_fluent(text):
            if _FORMAT_SPEC.search(text):  # {x:>9999}, {x!r}, {x.y}: refused, and said plainly
                problems.append(Problem(file, key, PLAIN))
            continue
        names = placeholders(text)
        if UNSAFE_PLACEHOLDER in names:
            problems.append(Problem(file, key, PLAIN))
        if UNBALANCED in names:
            problems.append(Problem(file, key, "unbalanced { } in text"))
    locale = babel_locale(code, None, meta.region)
    messages, broken = compile_messages(
        locale, formats(code, meta.numbers or "latn", meta.region, None), texts
    )
    for key, errors in broken.items():
        problems.extend(Problem(file, key, error) for error in errors)
    required = required_forms(locale)
    for key in messages:
        for name, forms in analyse(texts[key]).plurals:
            if missing := required - forms:
                problems.append(
                    Problem(
                        file,
                        key,
                        f"plural forms missing for {{ ${name} }}: {_ordered(missing)} "
                        f"({meta.language_name} needs {_ordered(required)})",
                        "incomplete",
                    )
                )
    if base is not None:
        _against_english(texts, base, required, file, problems)
    return messages


def _against_english(
    texts: dict[str, str],
    base: dict[str, str],
    required: frozenset[str],
    file: str,
    problems: list[Problem],
) -> None:
    for key in sorted(set(base) - set(texts)):
        problems.append(Problem(file, key, MISSING, "incomplete"))
    for key in sorted(set(texts) - set(base)):
        if key in RETIRED:
            problems.append(
                Problem(file, key, "no longer used (Babel writes dates): delete it", "warning")
            )
        else:
            problems.append(Problem(file, key, "not in English: a typo, or a key no longer used"))
    for key in sorted(set(texts) & set(base)):
        want = variables(base[key])
        if variables(texts[key]) != want:
            names = ", ".join(sorted(want)) or "none"
            problems.append(Problem(file, key, f"placeholders differ from English ({names})"))
            continue
        if len(required) < 2 or not is_fluent(base[key]):
            continue
        counted = analyse(texts[key]).counts if is_fluent(texts[key]) else frozenset()
        for name in sorted(analyse(base[key]).counts - counted):
            problems.append(
                Problem(
                    file,
                    key,
                    f"English counts {{{name}}} with plural forms: write this language's forms "
                    f"({_ordered(required)}) in a select, or a duration like {{ DAYS(${name}) }}",
                    "incomplete",
                )
            )
