"""The words of the Urgent-help screen: contacts, emergency numbers and their cautions.

Plain text only (the buttons are in `bot/screens.py`), so the crisis reply can reuse each part:
`contact_text` for one contact, `emergency_text` for a country's numbers with their caution.
Every contact says how we know it (confirmed by calling, found on its own page, or not yet
confirmed), and only a call lets it say "checked".
"""

from __future__ import annotations

from bot.content.i18n import day_month_year, isolate, month_year, t
from bot.content.model import Contact, LocaleContent, Verification

OTHER_COUNTRY = "XX"  # "another country": not in our list, shown the international contacts


def verification_text(loc: LocaleContent, v: Verification, country: str | None = None) -> str:
    """How we know this, in plain words, with the date or month where there is one (month
    names as the visitor's country writes them)."""
    if v.state == "called" and v.date is not None:
        return t(loc, "crisis.state_called", date=day_month_year(loc, v.date, country))
    if v.state == "own_page" and v.when is not None:
        return t(loc, "crisis.state_own_page", date=month_year(loc, v.when, country))
    return t(loc, "crisis.state_unconfirmed")


def contact_text(loc: LocaleContent, contact: Contact, country: str | None = None) -> str:
    """One contact as the visitor reads it: name and what it is, how to reach it, hours, about,
    and how we know it."""
    lines = [
        t(
            loc,
            "crisis.contact_title",
            name=contact.name,
            kind=t(loc, f"crisis.type_{contact.type}"),
        )
    ]
    for reach in contact.reach:
        lines.append(t(loc, f"reach.{reach.kind}", value=isolate(loc, reach.value)))
    if not contact.reach:
        lines.append(t(loc, "crisis.no_reach"))
    lines.append(t(loc, "crisis.hours", hours=contact.hours))
    if contact.about:
        lines.append(contact.about)
    lines.append(verification_text(loc, contact.verification, country))
    return "\n".join(lines)


def caution_text(loc: LocaleContent, country: str | None) -> str:
    """Why calling the police or emergency services may not be safe in `country`, or ""."""
    reasons = loc.cautions(country)
    if not reasons:
        return ""
    lines = [t(loc, "crisis.caution_intro")]
    lines.extend(f"• {t(loc, f'crisis.caution_{reason}')}" for reason in reasons)
    lines.append(t(loc, "crisis.caution_close"))
    return "\n".join(lines)


def emergency_text(loc: LocaleContent, country: str | None) -> str:
    """A country's emergency numbers, each with what it reaches and how we know it, then the
    caution wherever calling may be dangerous (or the general note where it is not). Empty
    when the country has neither numbers nor a caution."""
    notes = loc.emergency.get(country or "")
    if notes is None:
        return ""
    lines = [
        t(loc, f"crisis.emergency_{number.service}", number=isolate(loc, number.value))
        for number in notes.numbers
    ]
    if notes.numbers and notes.verification is not None:
        lines.append(verification_text(loc, notes.verification, country))
    caution = caution_text(loc, country)
    if caution:
        lines.append(caution)
    elif notes.numbers and loc.emergency_note:
        lines.append(loc.emergency_note.strip())
    return "\n".join(lines)


def crisis_text(loc: LocaleContent, country: str) -> str:
    """The Urgent-help screen for a chosen country, "rather not say" or "another country"."""
    known = country in loc.countries
    local, glob = loc.contacts_for(country if known else None)
    if known:
        parts = [t(loc, "crisis.intro_country", country=loc.countries[country])]
    elif country == OTHER_COUNTRY:
        parts = [t(loc, "crisis.intro_other")]
    else:
        parts = [t(loc, "crisis.intro")]
    if known:
        region = loc.region_of(country)
        if region is not None and region.meet_warning:
            parts.append(t(loc, "crisis.meet_warning"))
        if emergency := emergency_text(loc, country):
            parts.append(emergency)
        if not local:
            parts.append(t(loc, "crisis.no_local", country=loc.countries[country]))
        elif not any(c.type == "crisis_line" for c in local):
            parts.append(t(loc, "crisis.no_line", country=loc.countries[country]))
    parts.extend(contact_text(loc, c, country) for c in local)
    parts.append(t(loc, "crisis.global"))
    parts.extend(contact_text(loc, c, country) for c in glob)
    return "\n\n".join(parts)
