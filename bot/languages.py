"""Languages as the relay matches them: a locale's base language, and the languages a volunteer
can say they support (each named in itself). No `telegram` import.

A regional variant (`pt-PT`, `es-ES`: `meta.parent` in its ui.yaml) counts as its parent's
language: someone who reads Portuguese supports a visitor who chose European Portuguese. A
full locale of its own (`zh-Hant`) is a language of its own.
"""

from __future__ import annotations

from bot.content.loader import Content


def base_language(content: Content, code: str | None) -> str:
    """The language a visitor with this bot locale is matched by."""
    loc = content.locale(code)
    return loc.strings.get("meta.parent") or loc.code


def supported(content: Content) -> list[tuple[str, str]]:
    """(code, name in itself) of every language a volunteer may support, in a stable order."""
    return sorted(
        (code, loc.language_name)
        for code, loc in content.locales.items()
        if not loc.strings.get("meta.parent")
    )


def name_of(content: Content, code: str) -> str:
    """A language's name in itself ("العربية"); the code if the content no longer has it."""
    loc = content.locales.get(code)
    return loc.language_name if loc is not None else code
