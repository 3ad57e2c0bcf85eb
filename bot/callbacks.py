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
    # ("/s": the picker was opened from Settings, and goes back there once a country is set)
    "country": re.compile(r"(?:[A-Z]{2}|-|\?)(?:/s)?"),
    "region": re.compile(r"[a-z]{2,12}(?:/s)?"),  # the countries of one region of the picker
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
    "end": None,  # end the chat (asks first)
    "endchat": re.compile(r"\d{1,12}|no"),  # yes (the session id), or keep talking
    # /block confirmed: session id - days - fingerprint of that chat; or not
    "block": re.compile(r"\d{1,12}-\d{1,3}-[0-9a-f]{8}|no"),
    "revoke": re.compile(r"\d{1,12}|no"),  # /revoke confirmed: staff id (admins only); or not
    "anylang": None,  # a waiting visitor: another language is fine
    # a volunteer's languages: toggle one (a locale code), or done
    "langs": re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?|done"),
    "rate": re.compile(r"\d{1,12}-[1-5]"),  # session id - rating (checked against the rater)
    # going off duty with a chat open: end or hand back exactly the chats the prompt named (a
    # fingerprint: a prompt left unanswered must not act on chats opened after it), or stay
    "duty": re.compile(r"(end|back)(-[0-9a-f]{12})?|stay"),
    "signoff": re.compile(r"\d{1,12}"),  # staff id (the role is checked on arrival)
    "content": re.compile(r"[ac]\d{1,12}"),  # apply or cancel a content change (admins only)
    "role": re.compile(r"[ac]\d{1,12}"),  # confirm or decline a promotion to admin (admins only)
    # canned replies (volunteers): l list, p preview, s send as is, e edit first; chat . reply id
    "cn": re.compile(r"l\d{1,12}|[pse]\d{1,12}\.[a-z0-9][a-z0-9-]{0,23}"),
    # warm transfer: o offer to a staff id, q back to the queue, x cancel (the sender, by chat);
    # a accept, d decline (the receiver, by transfer id)
    "xf": re.compile(r"[oqx]\d{1,12}(\.\d{1,12})?|[ad]\d{1,12}"),
    # mentoring: o offer accepted, n declined (visitor, by chat); a ask again, s someone else
    # (visitor, by opaque handle); t talk now (the volunteer, by request id)
    # practice chats (volunteers): s start a scenario by id; c a choice: run token . step . index
    "pr": re.compile(r"s[a-z0-9][a-z0-9-]{0,23}|c[0-9a-f]{8}\.[a-z0-9][a-z0-9-]{0,23}\.[0-3]"),
    "mt": re.compile(r"[on]\d{1,12}|[as][A-Za-z0-9_-]{16}|t\d{1,12}"),
    # a chat's topics, tapped by its volunteer at the end: chat - chosen mask - toggle i or done
    "tp": re.compile(r"\d{1,12}-[0-9a-f]{1,6}-(\d{1,2}|d)"),
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
