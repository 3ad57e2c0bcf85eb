"""Helpers for the helpline-tool tests (canned replies, transfers, mentoring): people in any
language, and a chat between them."""

from __future__ import annotations

from bot.harness import Harness
from bot.standin import SimUser
from tests.conftest import press, say
from tests.test_relay import onboard


def text(h: Harness, locale: str, key: str, **values: object) -> str:
    """A text as the bot says it in `locale` (Arabic values isolated as the bot does)."""
    from bot.content.i18n import t

    return t(h.core.content.current.locale(locale), key, **values)


def line(h: Harness, locale: str, key: str, **values: object) -> str:
    return text(h, locale, key, **values).split("\n")[0]


async def queue_in(h: Harness, locale: str = "en", **user: object) -> SimUser:
    """A visitor whose Telegram speaks `locale` asks to talk and accepts the note."""
    visitor = h.standin.user(language_code=locale, **user)
    await say(h, visitor, "/talk")
    await press(h, visitor, text(h, locale, "button.consent"))
    return visitor


async def chat_in(
    h: Harness, locale: str = "en", alias: str = "River Song"
) -> tuple[SimUser, SimUser]:
    """A volunteer on duty who reads `locale` too, and a visitor reading it, in a chat."""
    volunteer = await onboard(h, alias)
    if locale != "en":
        from tests.test_languages import add_language

        await add_language(h, volunteer, locale)
    visitor = await queue_in(h, locale)
    await say(h, volunteer, "/next")
    return visitor, volunteer
