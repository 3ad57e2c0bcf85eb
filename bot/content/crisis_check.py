"""Checks of the English crisis file: the facts that send a person somewhere.

Numbers, addresses and links must be well formed, every country named, every contact
sourced and dated. Problems are listed, never raised, so `content check` shows them all.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlparse

from bot.content.model import Contact, LocaleContent
from bot.content.problems import Problem

STALE_AFTER_DAYS = 365
_PHONE = re.compile(r"^\+?[0-9(][0-9 ()\-]{1,24}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)


def _check_link(value: str) -> str | None:
    url = urlparse(value)
    if url.scheme != "https":
        return "links must start with https://"
    if not url.hostname or "." not in url.hostname or " " in value:
        return "not a valid web address"
    return None


def check_contacts(base: LocaleContent, file: str, problems: list[Problem], today: dt.date) -> None:
    """Every problem of the English crisis facts, added to `problems`."""
    for cc in base.countries:
        if not re.fullmatch(r"[A-Z]{2}", cc):
            problems.append(Problem(file, f"countries.{cc}", "use an ISO 3166 two-letter code"))
    for cc, number in base.emergency.items():
        if cc not in base.countries:
            problems.append(Problem(file, f"emergency.{cc}", "country not in countries"))
        if not _PHONE.match(number) and not number.isdigit():
            problems.append(Problem(file, f"emergency.{cc}", "not a phone number"))
    if not any("global" in c.countries for c in base.contacts):
        problems.append(Problem(file, "contacts", "no global contact for 'prefer not to say'"))
    for contact in base.contacts:
        _check_contact(contact, base, file, problems, today)


def _check_contact(
    contact: Contact, base: LocaleContent, file: str, problems: list[Problem], today: dt.date
) -> None:
    key = f"contacts.{contact.id}"
    for cc in contact.countries:
        if cc != "global" and cc not in base.countries:
            problems.append(Problem(file, f"{key}.countries", f"{cc} is not in countries"))
    if (err := _check_link(contact.source)) is not None:
        problems.append(Problem(file, f"{key}.source", err))
    for i, reach in enumerate(contact.reach):
        where = f"{key}.reach.{i}"
        if reach.kind in {"web", "chat"}:
            if (err := _check_link(reach.value)) is not None:
                problems.append(Problem(file, where, err))
        elif reach.kind == "email":
            if not _EMAIL.match(reach.value):
                problems.append(Problem(file, where, "not an email address"))
        elif not _PHONE.match(reach.value):
            problems.append(Problem(file, where, "not a phone number"))
    if contact.verified > today:
        problems.append(Problem(file, f"{key}.verified", "date is in the future"))
    elif (today - contact.verified).days > STALE_AFTER_DAYS:
        problems.append(Problem(file, f"{key}.verified", "not checked for over a year", "warning"))
    if contact.status == "unverified":
        problems.append(
            Problem(file, key, "marked unverified: confirm it before launch", "warning")
        )
