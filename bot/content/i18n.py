"""Turning content keys into the words a person reads, in their language.

One function, `t()`, used everywhere: no visitor-facing text is written in Python. A plain text
is filled with `str.format_map` (the relay's path: no Fluent, no Babel unless a number needs
it); a text with plural forms was compiled by Fluent when the content loaded
(`bot/content/messages.py`). Whole numbers are written with the locale's digits (`meta.numbers`)
and, from 1,000 on, CLDR's grouping; dates come from Babel (`month_year`, `day_month_year`).
"""

from __future__ import annotations

import datetime as dt
import logging
import re

from bot.content.model import LocaleContent

log = logging.getLogger(__name__)

# Unicode directional isolates: keep a phone number or link left-to-right inside Arabic text
# (without them "+961 ..." renders with the plus sign on the wrong side).
LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"
# A command with its Latin arguments ("/exit", "/block 7", "/stats 30"), not a link's path.
_COMMAND = re.compile(r"(?<![\w/.:\u2066])/[a-z][a-z0-9_]*(?: [A-Za-z0-9_]+\b(?!\u2069))*")
# Values that are codes or names typed by people (aliases, references, paths, links): in RTL
# text they are isolated so "Visitor 7F3A" or a Latin alias keeps its own order. First-strong
# isolation (FSI) lets an Arabic alias read right to left and a Latin one left to right.
ISOLATED_VALUES = frozenset(
    {"alias", "visitor", "volunteer", "supervisor", "by", "code", "ref", "path", "link", "chat"}
)
# Whole numbers that are names, not amounts: typed back in commands (/join 12), so never
# regrouped nor written in another script.
IDENTIFIERS = frozenset({"chat", "ref", "code", "year"})


class _Missing(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def t(loc: LocaleContent, key: str, **values: object) -> str:
    """The text for `key` in `loc` (English where the locale has none), with values filled in."""
    template = loc.strings.get(key)
    if template is None:
        log.error("content key missing in every locale: %s", key)
        return key
    if loc.rtl:
        values = {
            k: f"{FSI}{v}{PDI}" if k in ISOLATED_VALUES and not _isolated(v) else v
            for k, v in values.items()
        }
    message = loc.messages.get(key)
    if message is not None:
        text = message.format(values, IDENTIFIERS)
        return isolate_commands(text) if loc.rtl else text
    if loc.rtl:
        template = isolate_commands(template)
    if not values:
        return template
    other_digits = loc.other_digits
    if any(type(v) is int and (other_digits or not 0 <= v < 1000) for v in values.values()):
        values = _numbers(loc, values)
    return template.format_map(_Missing(values))


def _numbers(loc: LocaleContent, values: dict[str, object]) -> dict[str, object]:
    """Whole numbers as the locale writes them (a plural text does the same in Fluent).
    Latin digits under 1,000 need nothing: `str.format` writes them as they are."""
    fmt = loc.formats()
    return {
        k: fmt.number(v) if type(v) is int and k not in IDENTIFIERS else v
        for k, v in values.items()
    }


def _isolated(value: object) -> bool:
    return isinstance(value, str) and value[:1] in {LRI, FSI}


def isolate_commands(text: str) -> str:
    """Wrap each `/command` (with its Latin arguments) in a left-to-right isolate, so Arabic
    text shows "/exit" and not "exit/". Idempotent."""
    return _COMMAND.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", text)


def isolate(loc: LocaleContent, value: str) -> str:
    """Wrap a left-to-right value (number, address, date) so it reads right in RTL text."""
    return f"{LRI}{value}{PDI}" if loc.rtl else value


def month_year(loc: LocaleContent, day: dt.date, country: str | None = None) -> str:
    """'November 2026', «تشرين الثاني ٢٠٢٦»: a contact's check month, with the month names of
    the visitor's country where CLDR has them (Babel)."""
    return loc.formats(country).month_year(day)


def day_month_year(loc: LocaleContent, day: dt.date, country: str | None = None) -> str:
    """'4 December 2026', «٤ كانون الأول ٢٠٢٦»: a day, written the way the visitor's language
    and country write it (Babel's long date)."""
    return loc.formats(country).day_month_year(day)
