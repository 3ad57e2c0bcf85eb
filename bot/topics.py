"""Topics for reports: at the end of a chat its volunteer taps the topics it touched.

The list is content: the `topic:` section of `content/en/ui.yaml` (ids stable, in the order
shown; every locale names them in its own `ui.yaml`). What is kept is a counter per day,
language and topic (`bot/storage/topics_repo.py`), never which chat or person. The buttons
carry the chosen topics as a bit mask, so nothing is kept while the volunteer is choosing.
No `telegram` import.
"""

from __future__ import annotations

import re

from bot.callbacks import Action
from bot.content.i18n import t
from bot.content.model import LocaleContent
from bot.screens import Button, Screen

PREFIX = "topic."
MAX_TOPICS = 24  # the mask fits in 6 hex digits of the 64-byte callback data
ASK_KEY = "topics.ask"  # the notice a volunteer gets after a chat (see bot/relay/sessions.py)
_ARG = re.compile(r"(\d{1,12})-([0-9a-f]{1,6})-(\d{1,2}|d)")


def topic_ids(loc: LocaleContent) -> list[str]:
    """The configured topics, in the order of the English file."""
    return [k[len(PREFIX) :] for k in loc.strings if k.startswith(PREFIX)][:MAX_TOPICS]


def parse(arg: str) -> tuple[int, int, int | None] | None:
    """(chat, chosen mask, topic index to toggle or None for Done), or None if malformed."""
    match = _ARG.fullmatch(arg)
    if match is None:
        return None
    what = match.group(3)
    return int(match.group(1)), int(match.group(2), 16), None if what == "d" else int(what)


def chosen(loc: LocaleContent, mask: int) -> list[str]:
    return [tid for i, tid in enumerate(topic_ids(loc)) if mask >> i & 1]


def screen(loc: LocaleContent, chat: int, mask: int = 0) -> Screen:
    """Toggle buttons, two a row (✓ on those chosen), and Done."""
    buttons = [
        Button(
            ("✓ " if mask >> i & 1 else "") + t(loc, PREFIX + tid),
            Action("tp", f"{chat}-{mask:x}-{i}"),
        )
        for i, tid in enumerate(topic_ids(loc))
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([Button(t(loc, "topics.done"), Action("tp", f"{chat}-{mask:x}-d"))])
    return Screen(t(loc, ASK_KEY, chat=chat), rows)
