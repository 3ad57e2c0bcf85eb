"""Turning content keys into the words a person reads, in their language.

One function, `t()`, used everywhere: no visitor-facing text is written in Python.
"""

from __future__ import annotations

import datetime as dt
import logging

from bot.content.model import LocaleContent

log = logging.getLogger(__name__)

# Unicode directional isolates: keep a phone number or link left-to-right inside Arabic text
# (without them "+961 ..." renders with the plus sign on the wrong side).
LRI, PDI = "\u2066", "\u2069"


class _Missing(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def t(loc: LocaleContent, key: str, **values: object) -> str:
    """The text for `key` in `loc` (English where the locale has none), with values filled in."""
    template = loc.strings.get(key)
    if template is None:
        log.error("content key missing in every locale: %s", key)
        return key
    return template.format_map(_Missing(values)) if values else template


def isolate(loc: LocaleContent, value: str) -> str:
    """Wrap a left-to-right value (number, address, date) so it reads right in RTL text."""
    return f"{LRI}{value}{PDI}" if loc.rtl else value


def month_year(loc: LocaleContent, day: dt.date) -> str:
    """'November 2026': a contact's check date, as precise as the research behind it."""
    return t(loc, "date.month_year", month=t(loc, f"date.month_{day.month}"), year=day.year)
