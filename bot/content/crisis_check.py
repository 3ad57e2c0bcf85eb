"""Checks of the English crisis file: the facts that send a person somewhere.

Numbers, addresses and links must be well formed, every country named, every contact
sourced and dated. Problems are listed, never raised, so `content check` shows them all.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlparse

from bot.content.model import Contact, CountryEmergency, LocaleContent, Verification
from bot.content.problems import Problem

STALE_AFTER_DAYS = 365
# Digits, spaces, dashes, brackets; a leading + or * (Chile's *4141); capitals for a number
# published in letters (800-SAKINA).
_PHONE = re.compile(r"^[+*]?[0-9(][0-9A-Z ()\-]{1,24}$")
_LOCAL_PATH = re.compile(r"(^|[\s(])(/[A-Za-z]|~/|file:)|\b[A-Za-z]:\\")
# Country codes with a meaning of their own in the picker: XX is "another country".
RESERVED_CODES = frozenset({"XX"})
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
    _check_regions(base, file, problems)
    for cc in base.countries:
        if not re.fullmatch(r"[A-Z]{2}", cc) or cc in RESERVED_CODES:
            problems.append(Problem(file, f"countries.{cc}", "use an ISO 3166 two-letter code"))
        if cc not in base.emergency:
            problems.append(
                Problem(
                    file,
                    f"emergency.{cc}",
                    "no emergency entry: every country needs its caution decision "
                    "(police_risky: true with cautions, or false), numbers or not",
                )
            )
    for cc, notes in base.emergency.items():
        _check_emergency(cc, notes, base, file, problems, today)
    if not any("global" in c.countries for c in base.contacts):
        problems.append(Problem(file, "contacts", "no global contact for 'prefer not to say'"))
    for contact in base.contacts:
        _check_contact(contact, base, file, problems, today)
    _check_state_words(base, file, problems)


def _check_regions(base: LocaleContent, file: str, problems: list[Problem]) -> None:
    where: dict[str, str] = {}
    for region in base.regions:
        for cc in region.countries:
            if cc not in base.countries:
                problems.append(Problem(file, f"regions.{region.id}", f"{cc} is not in countries"))
            elif cc in where:
                problems.append(
                    Problem(file, f"regions.{region.id}", f"{cc} is also in {where[cc]}")
                )
            where.setdefault(cc, region.id)
    for cc in base.countries:
        if cc not in where:
            problems.append(Problem(file, f"countries.{cc}", "in no region: the picker hides it"))


def _check_emergency(
    cc: str,
    notes: CountryEmergency,
    base: LocaleContent,
    file: str,
    problems: list[Problem],
    today: dt.date,
) -> None:
    key = f"emergency.{cc}"
    if cc not in base.countries:
        problems.append(Problem(file, key, "country not in countries"))
    for i, number in enumerate(notes.numbers):
        if not _PHONE.match(number.value):
            problems.append(Problem(file, f"{key}.numbers.{i}", "not a phone number"))
    if notes.numbers:
        if not notes.source.strip():
            problems.append(Problem(file, f"{key}.source", "a number needs its source"))
        if notes.confidence is None:
            problems.append(Problem(file, f"{key}.confidence", "a number needs its confidence"))
        if notes.verification is None:
            problems.append(Problem(file, f"{key}.verification", "a number needs its state"))
    _check_source(notes.source, f"{key}.source", file, problems)
    if notes.verification is not None:
        _check_verification(
            notes.verification, notes.confidence, f"{key}.verification", file, problems, today
        )
    if notes.police_risky and not notes.cautions:
        problems.append(
            Problem(file, f"{key}.cautions", "police_risky needs at least one reason (cautions)")
        )
    if notes.cautions and not notes.police_risky:
        problems.append(
            Problem(file, f"{key}.police_risky", "cautions are given, so police_risky must be true")
        )
    for reason in notes.cautions:
        if f"crisis.caution_{reason}" not in base.strings:
            problems.append(
                Problem(file, f"{key}.cautions", f"no text crisis.caution_{reason} in ui.yaml")
            )


def _check_source(source: str, key: str, file: str, problems: list[Problem]) -> None:
    if _LOCAL_PATH.search(source):
        problems.append(Problem(file, key, "names a path on a computer: cite the research by name"))


def _check_verification(
    v: Verification,
    confidence: str | None,
    key: str,
    file: str,
    problems: list[Problem],
    today: dt.date,
) -> None:
    """The three states and the fields each must (and must not) have."""
    if v.state == "called":
        if v.date is None or not v.by:
            problems.append(
                Problem(file, key, "confirmed by calling needs the date and the admin (by)")
            )
        if v.month is not None:
            problems.append(Problem(file, key, "confirmed by calling takes a date, not a month"))
    elif v.state == "own_page":
        if v.month is None:
            problems.append(Problem(file, key, "found on its own page needs the month (YYYY-MM)"))
        if v.date is not None or v.by is not None:
            problems.append(
                Problem(file, key, "found on its own page takes only a month, not a date or by")
            )
        if confidence != "high":
            problems.append(
                Problem(
                    file,
                    key,
                    f"{confidence} confidence (secondary or weak sources) cannot be "
                    "'found on its own page': use unconfirmed, or call it",
                )
            )
    elif v.date is not None or v.month is not None or v.by is not None:
        problems.append(
            Problem(file, key, "not yet confirmed takes no date, month or by: nobody confirmed it")
        )
    when = v.when
    if when is not None and when > today:
        problems.append(Problem(file, key, "date is in the future"))
    elif when is not None and (today - when).days > STALE_AFTER_DAYS:
        problems.append(Problem(file, key, "not checked for over a year", "warning"))


def _check_contact(
    contact: Contact, base: LocaleContent, file: str, problems: list[Problem], today: dt.date
) -> None:
    key = f"contacts.{contact.id}"
    for cc in contact.countries:
        if cc != "global" and cc not in base.countries:
            problems.append(Problem(file, f"{key}.countries", f"{cc} is not in countries"))
    _check_source(contact.source, f"{key}.source", file, problems)
    if not contact.reach:
        if contact.type == "crisis_line":
            problems.append(Problem(file, f"{key}.reach", "a crisis line needs a way to reach it"))
        else:
            problems.append(Problem(file, f"{key}.reach", "no way to reach it listed", "warning"))
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
    _check_verification(
        contact.verification, contact.confidence, f"{key}.verification", file, problems, today
    )
    if contact.verification.state == "unconfirmed":
        problems.append(
            Problem(
                file, key, "not yet confirmed: an admin should call it before launch", "warning"
            )
        )


def _check_state_words(base: LocaleContent, file: str, problems: list[Problem]) -> None:
    """Only a contact confirmed by calling may be called "checked"."""
    for state in ("own_page", "unconfirmed"):
        text = base.strings.get(f"crisis.state_{state}", "")
        if re.search(r"\bcheck", text, re.IGNORECASE):
            problems.append(
                Problem(file, f"ui crisis.state_{state}", "only calling lets a contact say checked")
            )
