"""Texts with plural forms: Project Fluent inside the YAML values.

Most texts are plain, with `{name}` placeholders, and never touch Fluent (`t()` fills them with
`str.format_map`). A text with anything else in braces is a Fluent pattern, e.g. a count:

    full: "{ $limit -> [one] You have one chat open *[other] You have { $limit } chats open }."
    blocked: "This visitor is blocked for { DAYS($days) }."

Conventions (written for translators at the top of `content/en/ui.yaml`):

* `{name}` is shorthand for `{ $name }`, so a placeholder reads the same in every text;
* a select may be written on one line: each `[key]` / `*[key]` starts a variant, and the one
  marked `*` is used when no other fits (Fluent itself wants every variant on its own line;
  `to_ftl` puts them there);
* plural keys are CLDR's categories: zero, one, two, few, many, other (and exact numbers like
  [0]); Babel's plural rules for the locale pick one. `content check` demands every category
  a whole number can take in that language;
* `{ MINUTES($n) }`, `{ HOURS($n) }`, `{ DAYS($n) }`, `{ WEEKS($n) }` write a duration with
  CLDR's own unit and plural form ("1 day", "6 hours", «ساعتان», «٦ ساعات»);
* nothing else: no other functions, terms, message references or attributes (a NUMBER() with
  a huge minimumIntegerDigits could freeze the bot, as a `{x:>99999999}` format spec could).

No `telegram` import.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from babel import Locale
from babel.plural import to_python
from fluent.runtime import FluentBundle
from fluent.runtime.resolver import CurrentEnvironment, ResolverEnvironment
from fluent.runtime.types import FluentInt, FluentType
from fluent.runtime.utils import native_to_fluent
from fluent.syntax import FluentParser
from fluent.syntax import ast as ftl

from bot.content.formats import Formats

log = logging.getLogger(__name__)

# Anything in braces other than a plain `{name}` makes a text Fluent.
FLUENT = re.compile(r"\{(?![A-Za-z_][A-Za-z0-9_]*\})")
_SHORTHAND = re.compile(r"\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}")
_VARIANT = re.compile(r"\s*(\*?\[\s*[A-Za-z0-9_.-]+\s*\])[ \t]*")
CATEGORIES = ("zero", "one", "two", "few", "many", "other")
FUNCTIONS = {"MINUTES": "minute", "HOURS": "hour", "DAYS": "day", "WEEKS": "week"}
_PARSER = FluentParser(with_spans=False)
LONG_VALUE = 200  # longer values (a diff, a list of problems) are put in after Fluent


def is_fluent(text: str) -> bool:
    return FLUENT.search(text) is not None


def to_ftl(text: str) -> str:
    """The YAML value as a Fluent pattern: shorthand `{name}` expanded, each variant of a select
    on its own line and the select's closing brace on the next, continuation lines indented."""
    text = _SHORTHAND.sub(r"{ $\1 }", text)
    out: list[str] = []
    selects: list[bool] = []  # one entry per open brace: is it a select expression?
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == '"' and selects:  # a string literal inside a placeable: copy it whole
            end = i + 1
            while end < len(text) and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            out.append(text[i : end + 1])
            i = end + 1
            continue
        if ch == "{":
            selects.append(False)
        elif ch == "}" and selects:
            if selects.pop():
                _rstrip(out)
                out.append("\n")
        elif text.startswith("->", i) and selects:
            selects[-1] = True
            out.append("->")
            i += 2
            continue
        elif selects and selects[-1] and (m := _VARIANT.match(text, i)):
            _rstrip(out)
            out.append("\n" + m.group(1).replace(" ", "") + " ")
            i = m.end()
            continue
        out.append(ch)
        i += 1
    lines = "".join(out).split("\n")
    return "\n".join([lines[0], *("    " + line if line.strip() else "" for line in lines[1:])])


def _rstrip(out: list[str]) -> None:
    while out and not out[-1].strip():
        out.pop()
    if out:
        out[-1] = out[-1].rstrip(" \t")


@dataclass(frozen=True)
class Analysis:
    """What a Fluent text holds: its variables, the plural selects (variable and the keys it
    has), and the problems that stop it being used (syntax, or something not allowed)."""

    variables: frozenset[str]
    plurals: tuple[tuple[str, frozenset[str]], ...]
    counts: frozenset[str]  # variables that are counted (a plural select or a duration)
    errors: tuple[str, ...]
    value: Any  # the parsed pattern (fluent.syntax), None if it did not parse


@lru_cache(maxsize=4096)
def analyse(text: str) -> Analysis:
    """Parse one text (cached: English texts are analysed once for every locale)."""
    source = "m = " + to_ftl(text) + "\n"
    resource = _PARSER.parse(source)
    errors: list[str] = []
    variables: set[str] = set()
    counts: set[str] = set()
    plurals: list[tuple[str, frozenset[str]]] = []
    entries = resource.body
    if len(entries) != 1 or not isinstance(entries[0], ftl.Message):
        for entry in entries:
            for note in getattr(entry, "annotations", []):
                errors.append(f"Fluent syntax: {note.message} ({note.code})")
        return Analysis(frozenset(), (), frozenset(), tuple(errors or ["Fluent syntax"]), None)
    message = entries[0]
    if message.attributes:
        errors.append("attributes (.name =) are not used in content")
    _walk(message.value, variables, counts, plurals, errors)
    return Analysis(
        frozenset(variables), tuple(plurals), frozenset(counts), tuple(errors), message.value
    )


def _walk(
    node: Any,
    variables: set[str],
    counts: set[str],
    plurals: list[tuple[str, frozenset[str]]],
    errors: list[str],
) -> None:
    if isinstance(node, ftl.Pattern):
        for element in node.elements:
            _walk(element, variables, counts, plurals, errors)
    elif isinstance(node, ftl.TextElement | ftl.StringLiteral | ftl.NumberLiteral):
        return
    elif isinstance(node, ftl.Placeable):
        _walk(node.expression, variables, counts, plurals, errors)
    elif isinstance(node, ftl.VariableReference):
        variables.add(node.id.name)
    elif isinstance(node, ftl.SelectExpression):
        if not isinstance(node.selector, ftl.VariableReference):
            errors.append("a select chooses on a variable: { $name -> ... }")
            return
        name = node.selector.id.name
        variables.add(name)
        keys = [v.key.name if isinstance(v.key, ftl.Identifier) else None for v in node.variants]
        named = {k for k in keys if k is not None}
        if named - {"other"} and named <= set(CATEGORIES):
            plurals.append((name, frozenset(named)))
            counts.add(name)
        elif named & (set(CATEGORIES) - {"other"}):
            wrong = ", ".join(sorted(named - set(CATEGORIES)))
            errors.append(f"not a plural form: {wrong} (forms: {', '.join(CATEGORIES)})")
        elif None in keys and named <= {"other"}:
            counts.add(name)  # exact numbers ([0] [1]) and other
        for variant in node.variants:
            _walk(variant.value, variables, counts, plurals, errors)
    elif isinstance(node, ftl.FunctionReference) and node.id.name in FUNCTIONS:
        args = node.arguments
        if (
            len(args.positional) != 1
            or args.named
            or not isinstance(args.positional[0], ftl.VariableReference)
        ):
            errors.append(f"{node.id.name}($name) takes one variable and nothing else")
            return
        variables.add(args.positional[0].id.name)
        counts.add(args.positional[0].id.name)
    else:
        kind = type(node).__name__
        allowed = ", ".join(f"{name}()" for name in FUNCTIONS)
        errors.append(f"only {{ $name }}, selects and {allowed} are allowed here, not {kind}")


def variables(text: str) -> frozenset[str]:
    """The names a text fills in, Fluent or plain (`{name}`)."""
    if is_fluent(text):
        return analyse(text).variables
    return frozenset(_SHORTHAND.findall(text))


def required_forms(locale: Locale) -> frozenset[str]:
    """The plural categories a whole number under 10,000 can take in this language, and
    `other` (Fluent's default): Arabic all six, Polish and Russian one few many other,
    English one other, Japanese other. (French "many" is only for millions: not required.)"""
    return _forms(tuple(sorted(locale.plural_form.rules.items())))


@lru_cache(maxsize=64)
def _forms(rules: tuple[tuple[str, str], ...]) -> frozenset[str]:
    # Every CLDR rule reaches all the categories of whole numbers under 10,000 by 199 (they
    # look at n mod 10 and n mod 100); tests/test_i18n.py checks it for our languages.
    rule = to_python(dict(rules))
    return frozenset({rule(n) for n in range(200)} | {"other"})


class _Count(FluentInt):
    """A number given to a Fluent text: chooses plural forms as a number, and is written with
    the locale's digits and grouping (Babel alone writes Latin digits only)."""

    formats: Formats

    def format(self, locale: Locale) -> str:
        return self.formats.number(int(self))


def _count(value: int, formats: Formats) -> _Count:
    number = _Count(value)
    number.formats = formats
    return number


class _Bundle(FluentBundle):
    """A FluentBundle that keeps the numbers we wrap (`_Count`) instead of re-wrapping them."""

    def format_pattern(self, pattern: Any, args: dict[str, Any] | None = None) -> Any:
        fluent_args = {
            k: v if isinstance(v, FluentType) else native_to_fluent(v)
            for k, v in (args or {}).items()
        }
        errors: list[Exception] = []
        env = ResolverEnvironment(
            context=self, current=CurrentEnvironment(args=fluent_args), errors=errors
        )
        try:
            result = pattern(env)
        except ValueError as exc:
            errors.append(exc)
            result = "{???}"
        return result, errors


class BundleSlot:
    """One locale's Fluent bundle, made when its first text is said (making it reads the
    locale's CLDR data: a start pays for no language nobody has spoken yet)."""

    def __init__(self, locale: str, functions: dict[str, Any]) -> None:
        self._locale = locale
        self._functions = functions

    @cached_property
    def bundle(self) -> FluentBundle:
        return _Bundle([self._locale], functions=self._functions, use_isolating=False)


@dataclass(frozen=True)
class Message:
    """One Fluent text, bound to its own locale's plural rules and formats. Parsed and compiled
    on first use: a start compiles nothing it may never say (the content check, and a load
    that checks, parse every text up front to find the broken ones)."""

    key: str
    slot: BundleSlot
    id: str
    text: str
    formats: Formats

    @property
    def bundle(self) -> FluentBundle:
        return self.slot.bundle

    @property
    def counts(self) -> frozenset[str]:
        """The variables this text counts (plural selects, durations)."""
        return analyse(self.text).counts

    @cached_property
    def pattern(self) -> Any:
        value = analyse(self.text).value
        if value is None:  # content no check has seen (never so when loaded): shown as written
            log.error("content %s does not parse as Fluent", self.key)
            value = ftl.Pattern(elements=[ftl.TextElement(self.text)])
        message = ftl.Message(id=ftl.Identifier(self.id), value=value)
        self.bundle.add_resource(ftl.Resource(body=[message]))  # a copy is compiled
        return self.bundle.get_message(self.id).value

    def format(self, values: dict[str, object], identifiers: frozenset[str] = frozenset()) -> str:
        """The text with `values` filled in; whole numbers choose the plural forms and are
        written with the locale's digits, except `identifiers` (typed back in commands)."""
        args: dict[str, object] = {}
        long: dict[str, str] = {}
        for name, value in values.items():
            if name in identifiers:
                value = str(value)
            elif isinstance(value, str) and value.isdigit() and len(value) < 16:
                value = int(value)  # "30": a figure already written as text
            if isinstance(value, int) and not isinstance(value, bool):
                args[name] = _count(value, self.formats)
            elif isinstance(value, float):
                args[name] = value
            else:
                value = str(value)
                if len(value) > LONG_VALUE:  # Fluent refuses values over 2,500 characters
                    token = f"\ue000{len(long)}\ue001"
                    long[token] = value
                    value = token
                args[name] = value
        text, errors = self.bundle.format_pattern(self.pattern, args)
        if errors:  # the names only: values may be someone's words
            log.error("content %s: %s", self.key, ", ".join(type(e).__name__ for e in errors))
        text = str(text)
        for token, value in long.items():
            text = text.replace(token, value, 1)
        return text


def compile_messages(
    locale: Locale, formats: Formats, texts: dict[str, str], *, check: bool = True
) -> tuple[dict[str, Message], dict[str, tuple[str, ...]]]:
    """One bundle for the Fluent texts of one locale. Returns the messages and, by key, the
    problems of those that cannot be used (they are left out). With `check` False (content a
    full check found sound, byte for byte) nothing is parsed now: each text on first use."""

    def duration(unit: str) -> Any:
        def write(value: Any) -> str:
            if isinstance(value, int | float) and not isinstance(value, bool):
                return formats.duration(int(value) if isinstance(value, int) else value, unit)
            return str(value)  # "1000+", "n/a": already words

        return write

    functions = {name: duration(unit) for name, unit in FUNCTIONS.items()}
    slot = BundleSlot(str(locale), functions)
    problems: dict[str, tuple[str, ...]] = {}
    messages: dict[str, Message] = {}
    for key, text in texts.items():
        if not is_fluent(text):
            continue
        if check and (errors := analyse(text).errors):
            problems[key] = errors
            continue
        messages[key] = Message(key, slot, f"m{len(messages)}", text, formats)
    return messages, problems
