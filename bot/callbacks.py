"""Inline-button callback data: a tiny, validated grammar.

Callback data comes back from the client and can be forged, so it carries no authority and no
identity: only *which screen*. Every value is parsed here against a fixed grammar; anything else
is `None`, which the handlers answer with a kind "that button has expired".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BYTES = 64  # Telegram's limit for callback_data


@dataclass(frozen=True)
class Action:
    """A parsed button press: `name` of the screen or action, optional `arg`."""

    name: str
    arg: str | None = None

    def encode(self) -> str:
        data = self.name if self.arg is None else f"{self.name}:{self.arg}"
        assert len(data.encode()) <= MAX_BYTES, data
        return data


# name -> pattern of its argument (None: takes no argument)
_GRAMMAR: dict[str, re.Pattern[str] | None] = {
    "menu": None,
    "se": re.compile(r"\d{1,3}"),  # self-esteem page
    "gd": re.compile(r"\d{1,3}"),  # guide step
    "crisis": None,
    # set a country ("XX" another country), "-" prefer not to say, "?" pick a region
    "country": re.compile(r"[A-Z]{2}|-|\?"),
    "region": re.compile(r"[a-z]{2,12}"),  # the countries of one region of the picker
    "talk": None,
    "urgent": None,  # "talk to a volunteer now", from a crisis answer: joins as urgent
    "settings": None,
    "discreet": re.compile(r"on|off"),
    "lang": re.compile(r"[a-z]{2,3}([_-][A-Za-z0-9]{2,8})?|\?[0-9]{0,2}"),
    "exit": None,
    "forget": re.compile(r"ask|yes|no"),
    "help": None,
    # relay
    "consent": None,  # the visitor accepted the note before talking
    "cancel": None,  # leave the queue
    "here": None,  # "I'm still here" (in a chat, or waiting)
    "end": None,  # end the chat
    "rate": re.compile(r"\d{1,12}-[1-5]"),  # session id - rating (checked against the rater)
    # going off duty with a chat open: end or hand back exactly the chats the prompt named (a
    # fingerprint: a prompt left unanswered must not act on chats opened after it), or stay
    "duty": re.compile(r"(end|back)(-[0-9a-f]{12})?|stay"),
    "signoff": re.compile(r"\d{1,12}"),  # staff id (the role is checked on arrival)
    "content": re.compile(r"[ac]\d{1,12}"),  # apply or cancel a content change (admins only)
    "role": re.compile(r"[ac]\d{1,12}"),  # confirm or decline a promotion to admin (admins only)
}


def parse(data: str | None) -> Action | None:
    """The action a button stands for, or None for anything unknown, malformed or oversized."""
    if not data or len(data.encode("utf-8", "replace")) > MAX_BYTES:
        return None
    name, _, arg = data.partition(":")
    if name not in _GRAMMAR:
        return None
    pattern = _GRAMMAR[name]
    if pattern is None:
        return Action(name) if not arg and ":" not in data else None
    if not pattern.fullmatch(arg):
        return None
    return Action(name, arg)
