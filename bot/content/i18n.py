"""Turning content keys into the words a person reads, in their language.

One function, `t()`, used everywhere: no visitor-facing text is written in Python.
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
        template = isolate_commands(template)
        values = {
            k: f"{FSI}{v}{PDI}" if k in ISOLATED_VALUES and not _isolated(v) else v
            for k, v in values.items()
        }
    return template.format_map(_Missing(values)) if values else template


def _isolated(value: object) -> bool:
    return isinstance(value, str) and value[:1] in {LRI, FSI}


def isolate_commands(text: str) -> str:
    """Wrap each `/command` (with its Latin arguments) in a left-to-right isolate, so Arabic
    text shows "/exit" and not "exit/". Idempotent."""
    return _COMMAND.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", text)


def isolate(loc: LocaleContent, value: str) -> str:
    """Wrap a left-to-right value (number, address, date) so it reads right in RTL text."""
    return f"{LRI}{value}{PDI}" if loc.rtl else value


def month_year(loc: LocaleContent, day: dt.date) -> str:
    """'November 2026': a contact's check date, as precise as the research behind it."""
    return t(loc, "date.month_year", month=t(loc, f"date.month_{day.month}"), year=day.year)
