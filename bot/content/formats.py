"""Numbers, dates and durations in a reader's language, from CLDR through Babel.

Nothing here is hand-written per language: month names, plural forms of units ("1 day",
"6 hours", «ساعتان», «٦ ساعات»), digit grouping and date order all come from CLDR. Two things
are decided by the content instead, in `meta` (see `bot/content/meta.py`):

* digits: `numbers: arab` writes Arabic-Indic digits (٠١٢٣٤٥٦٧٨٩), the way the Arabic
  texts are written; Babel formats with Latin digits only, so they are swapped afterwards;
* the region whose conventions apply when the visitor's country gives none (`region: GB` makes
  English dates read "4 December 2026").

Dates and durations follow the visitor's country where CLDR has that region for the language:
an Arabic reader in Syria, Lebanon, Jordan, Iraq or Palestine reads كانون الثاني, in Algeria or
Tunisia جانفي, in Egypt (and with no country) يناير. No `telegram` import.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal
from babel.units import format_unit

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
DIGITS = {"latn": None, "arab": ARABIC_INDIC}
UNITS = ("minute", "hour", "day", "week")


def babel_locale(code: str, country: str | None = None, region: str | None = None) -> Locale:
    """The CLDR locale for a content locale (`pt-PT`, `zh-Hant`, `es-419`, `ar`), narrowed to
    the visitor's country when CLDR knows the language there in the same script, else to the
    locale's default region (`meta.region`), else the language itself; English if unknown."""
    return _babel_locale(code, country or "", region or "")


@lru_cache(maxsize=512)
def _babel_locale(code: str, country: str, region: str) -> Locale:
    try:
        base = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        try:
            base = Locale.parse(code.replace("-", "_").split("_")[0])
        except (UnknownLocaleError, ValueError):
            return Locale.parse("en")
    script = base.script or _likely_script(base.language)
    for territory in (country.upper(), "" if base.territory else region.upper()):
        if not territory or not territory.isalnum() or territory == base.territory:
            continue
        try:
            narrowed = Locale.parse(
                f"{base.language}_{script}_{territory}"
                if base.script
                else f"{base.language}_{territory}"
            )
        except (UnknownLocaleError, ValueError):
            continue
        if (narrowed.script or _likely_script(narrowed.language, territory)) == script:
            return narrowed
    return base


def _likely_script(language: str, territory: str = "") -> str | None:
    likely = get_global("likely_subtags")
    full = likely.get(f"{language}_{territory}") if territory else None
    full = full or likely.get(language, "")
    parts = full.split("_")
    return parts[1] if len(parts) == 3 else None


@dataclass(frozen=True)
class Formats:
    """How one reader's numbers, dates and durations are written."""

    locale: Locale
    digits: str = "latn"

    def _digits(self, text: str) -> str:
        table = DIGITS.get(self.digits)
        return text.translate(table) if table else text

    def number(self, value: int | float) -> str:
        """A count as prose writes it: "1,234", «١٬٢٣٤», "7"."""
        if isinstance(value, int) and 0 <= value < 1000:
            return self._digits(str(value))
        system = "arab" if self.digits == "arab" else "latn"
        return self._digits(format_decimal(value, locale=self.locale, numbering_system=system))

    def duration(self, value: int | float, unit: str) -> str:
        """ "1 day", "6 hours", «ساعتان», «٦ ساعات»: CLDR's unit pattern with its plural form."""
        if unit not in UNITS:
            raise ValueError(f"unknown unit {unit!r}")
        system = "arab" if self.digits == "arab" else "latn"
        text = format_unit(value, f"duration-{unit}", locale=self.locale, numbering_system=system)
        return self._digits(text)

    def month_year(self, day: dt.date) -> str:
        """ "December 2026", «كانون الأول ٢٠٢٦», "2026年12月"."""
        return self._digits(format_skeleton("yMMMM", day, locale=self.locale))

    def day_month_year(self, day: dt.date) -> str:
        """ "4 December 2026", «٤ كانون الأول ٢٠٢٦», "4. Dezember 2026"."""
        return self._digits(format_date(day, "long", locale=self.locale))


@lru_cache(maxsize=512)
def formats(code: str, digits: str, region: str | None, country: str | None) -> Formats:
    """The formats for a locale (`code`, its meta `digits` and `region`) and a visitor's
    country (None when unknown or not said)."""
    return Formats(babel_locale(code, country, region), digits)
