"""Which of our locales fits a Telegram `language_code` best.

Telegram sends the app's language as an IETF tag: `en`, `pt-br`, `zh-hans`, `zh-hant`, `es-419`,
sometimes a region only a phone knows (`zh-hk`, `es-mx`, `en-gb`). We keep a few full locales
and regional variants (`pt` Brazilian and `pt-PT`, `es` Latin-American and `es-ES`, `zh`
Simplified and `zh-Hant`). The closest one shares the language and the script (CLDR's likely
script when the tag names only a region: `zh-tw` and `zh-hk` are Traditional, `zh-sg`
Simplified), then the region if a variant is made for it or for a CLDR parent of it (Angola
reads European Portuguese, Mexico Latin-American Spanish), else the language's base locale.
No `telegram` import.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global


def _parts(tag: str) -> tuple[str, str | None, str | None] | None:
    """(language, script, territory) of a tag, the script filled in from CLDR's likely
    subtags; None if it is not a language tag at all."""
    tag = tag.strip().replace("-", "_")
    if not tag or len(tag) > 35:
        return None
    try:
        locale = Locale.parse(tag)
    except (UnknownLocaleError, ValueError, TypeError):
        pieces = tag.split("_")
        if not pieces[0].isalpha() or not 2 <= len(pieces[0]) <= 3:
            return None
        try:
            locale = Locale.parse(pieces[0].lower())
        except (UnknownLocaleError, ValueError):
            return pieces[0].lower(), None, None
    script = locale.script or _likely_script(locale.language, locale.territory)
    return locale.language, script, locale.territory


def _likely_script(language: str, territory: str | None) -> str | None:
    likely = get_global("likely_subtags")
    full = (likely.get(f"{language}_{territory}") if territory else None) or likely.get(language)
    if not full:
        return None
    pieces = full.split("_")
    return pieces[1] if len(pieces) == 3 else None


@lru_cache(maxsize=4096)
def closest(language_code: str, available: tuple[str, ...]) -> str | None:
    """The locale (one of `available`, folder names) closest to a Telegram `language_code`, or
    None if none speaks that language. Cached: it runs for every update."""
    wanted = _parts(language_code)
    if wanted is None:
        return None
    language, script, territory = wanted
    candidates: list[tuple[str, str | None, str | None]] = []
    for code in available:
        parts = _parts(code)
        if parts is not None and parts[0] == language:
            candidates.append((code, parts[1], _territory(code)))
    if not candidates:
        return None
    same_script = [c for c in candidates if c[1] == script] or candidates
    for region in _regions(language, territory):  # pt-AO: AO, then PT (CLDR's parent)
        for code, _, made_for in same_script:
            if made_for == region:
                return code
    bases = [c for c in same_script if c[2] is None] or same_script
    return sorted(bases, key=lambda c: len(c[0]))[0][0]


def _territory(code: str) -> str | None:
    """The region a locale folder is made for (`pt-PT` PT, `es-419` 419), if it names one."""
    pieces = code.replace("_", "-").split("-")[1:]
    for piece in pieces:
        if (len(piece) == 2 and piece.isalpha()) or (len(piece) == 3 and piece.isdigit()):
            return piece.upper()
    return None


def _regions(language: str, territory: str | None) -> list[str]:
    """The territory, then those of its CLDR parents: Angolan Portuguese is European
    Portuguese's child, Mexican Spanish Latin-American Spanish's (es-419)."""
    if not territory:
        return []
    found = [territory]
    parents = get_global("parent_exceptions")
    tag = f"{language}_{territory}"
    while (tag := parents.get(tag, "")) and tag != "root" and len(found) < 5:
        region = tag.split("_")[-1]
        if region.isupper() or region.isdigit():
            found.append(region)
    return found
