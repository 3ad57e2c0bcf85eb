"""What a visitor whose words signal danger reads, as plain `Screen`s (no `telegram` import).

Two answers, chosen by what the risk detector saw:

* **risk to themselves**: the country's crisis lines first, if it has any. If it has none, one
  honest line saying so, then (in this order) a volunteer to talk to now, services that work
  from anywhere, then directories. A directory, an organisation or a relocation form is never
  presented as a crisis line.
* **danger from others** (family violence, honour threats, forced marriage, blackmail): short
  immediate safety steps, the LGBTQ+ organisations of the country and relocation help, and the
  guide's steps on safety and on the phone. It never suggests the police where that may be
  dangerous (`loc.police_risky`: no country counts as risky); elsewhere the emergency numbers
  are listed, with the content's own note.

Both may apply to one message; then the visitor gets both, risk to themselves first. The
visitor's own words are never repeated back.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.callbacks import Action
from bot.content.i18n import t
from bot.content.model import Contact, LocaleContent
from bot.safety import RiskAssessment
from bot.screens import Button, Screen, contact_text, emergency_text
from bot.visitors import NO_COUNTRY

# Guide steps the danger-from-others answer links to, when the guide has them.
OTHERS_GUIDE_STEPS = ("safety-plan", "digital-safety", "shelter")
SELF = "self"
OTHERS = "others"


@dataclass(frozen=True)
class Where:
    """What the reply may offer besides contacts, given where the visitor is."""

    may_talk: bool = True  # not already in a chat or waiting: offer a volunteer now


def kinds(risk: RiskAssessment) -> list[str]:
    """Which answers a risk needs: "self", "others", or both (risk to themselves first)."""
    if not risk.at_risk:
        return []
    if not risk.from_others:
        return [SELF]
    others_only = risk.categories <= {"others", "emoji"}
    return [OTHERS] if others_only else [SELF, OTHERS]


def _country(loc: LocaleContent, country: str | None) -> str | None:
    """The chosen country's code, or None (not chosen, rather not say, or no longer listed)."""
    if country is None or country == NO_COUNTRY or country not in loc.countries:
        return None
    return country


def _contacts(items: list[Contact], loc: LocaleContent, country: str | None) -> list[str]:
    return [contact_text(loc, c, country) for c in items]


def _anywhere(loc: LocaleContent, exclude: list[Contact]) -> list[Contact]:
    """Text, chat and phone services reachable from any country (not directories)."""
    return [
        c
        for c in loc.contacts
        if c.anywhere and c.type in ("crisis_line", "support_line") and c not in exclude
    ]


def _directories(loc: LocaleContent) -> list[Contact]:
    return [c for c in loc.contacts if c.type == "directory" and ("global" in c.countries)]


def talk_now_button(loc: LocaleContent) -> Button:
    return Button(t(loc, "button.talk_now"), Action("urgent"))


def _buttons(loc: LocaleContent, where: Where, extra: list[list[Button]]) -> list[list[Button]]:
    rows: list[list[Button]] = []
    if where.may_talk:
        rows.append([talk_now_button(loc)])
    rows.extend(extra)
    rows.append([Button(t(loc, "button.change_country"), Action("country", "?"))])
    rows.append([Button(t(loc, "button.menu"), Action("menu"))])
    return rows


def self_reply(
    loc: LocaleContent, country: str | None, level: str, where: Where, opening: str | None = None
) -> list[Screen]:
    """Risk to themselves: crisis lines first, or an honest line and what there is instead."""
    code = _country(loc, country)
    local, _ = loc.contacts_for(code)
    lines = [c for c in local if c.type == "crisis_line"]
    support = [c for c in local if c.type == "support_line"]
    opening = opening or t(loc, f"safety.{level}")
    if lines:
        parts = [opening, t(loc, f"safety.lines_{level}"), *_contacts(lines, loc, code)]
        parts += _emergency(loc, code)
        if support:
            parts += [t(loc, "safety.local_support"), *_contacts(support, loc, code)]
        if where.may_talk:
            parts.append(t(loc, "safety.volunteer_too"))
        return [Screen("\n\n".join(parts), _buttons(loc, where, []))]
    if code is None:
        first = [opening, t(loc, "safety.no_country")]
    else:
        first = [opening, t(loc, "safety.no_lines", country=loc.countries[code])]
    if where.may_talk:
        first.append(t(loc, "safety.volunteer_now"))
    if support:
        first += [t(loc, "safety.local_support"), *_contacts(support, loc, code)]
    anywhere = _anywhere(loc, support)
    rest: list[str] = []
    if anywhere:
        rest += [t(loc, "safety.anywhere"), *_contacts(anywhere, loc, code)]
    directories = _directories(loc)
    if directories:
        rest += [t(loc, "safety.directories"), *_contacts(directories, loc, code)]
    if not rest or not where.may_talk:
        return [Screen("\n\n".join(first + rest), _buttons(loc, where, []))]
    # The volunteer button goes with the first message, so it comes before the services.
    return [
        Screen("\n\n".join(first), [[talk_now_button(loc)]]),
        Screen("\n\n".join(rest), _buttons(loc, Where(may_talk=False), [])),
    ]


def _emergency(loc: LocaleContent, code: str | None) -> list[str]:
    """The emergency numbers, only where suggesting them is not itself a danger."""
    if code is None or loc.police_risky(code):
        return []
    text = emergency_text(loc, code)
    return [text] if text else []


def _guide_buttons(loc: LocaleContent) -> list[list[Button]]:
    index = {step.id: i for i, step in enumerate(loc.steps)}
    return [
        [Button(loc.steps[index[step]].title, Action("gd", str(index[step])))]
        for step in OTHERS_GUIDE_STEPS
        if step in index
    ]


def others_reply(loc: LocaleContent, country: str | None, where: Where) -> list[Screen]:
    """Danger from others: safety steps, organisations and relocation help, digital safety."""
    code = _country(loc, country)
    local, glob = loc.contacts_for(code)
    organisations = [c for c in local if c.type == "organisation"]
    relocation = [c for c in local + glob if c.type == "relocation"]
    parts = [t(loc, "safety.others"), t(loc, "safety.others_steps"), *_emergency(loc, code)]
    if organisations:
        parts += [
            t(loc, "safety.others_organisations", country=loc.countries[code or ""]),
            *_contacts(organisations, loc, code),
        ]
    elif code is not None:
        parts.append(t(loc, "safety.others_no_organisation", country=loc.countries[code]))
    if relocation:
        parts += [t(loc, "safety.others_relocation"), *_contacts(relocation, loc, code)]
    parts.append(t(loc, "safety.others_guide"))
    if where.may_talk:
        parts.append(t(loc, "safety.volunteer_too"))
    return [Screen("\n\n".join(parts), _buttons(loc, where, _guide_buttons(loc)))]


def reply(
    loc: LocaleContent,
    country: str | None,
    risk: RiskAssessment,
    where: Where,
    only: str | None = None,
) -> list[Screen]:
    """Everything the visitor is sent for this risk (`only`: just one of the two answers)."""
    screens: list[Screen] = []
    for kind in kinds(risk):
        if only is not None and kind != only:
            continue
        if kind == SELF:
            level = risk.level if risk.level in ("high", "elevated") else "elevated"
            screens += self_reply(loc, country, level, where)
        else:
            screens += others_reply(loc, country, where)
    return screens


def quiet_close(loc: LocaleContent, country: str | None) -> list[Screen]:
    """An urgent chat that went quiet: contacts, and how to come back (no rating)."""
    return self_reply(loc, country, "elevated", Where(), opening=t(loc, "relay.ended_quiet"))


def nobody(loc: LocaleContent, country: str | None) -> Screen:
    """No volunteer on duty: said plainly first, then what can help now."""
    code = _country(loc, country)
    local, _ = loc.contacts_for(code)
    lines = [c for c in local if c.type in ("crisis_line", "support_line")]
    parts = [t(loc, "talk.nobody")]
    if lines:
        parts += [t(loc, "talk.nobody_contacts"), *_contacts(lines, loc, code)]
    anywhere = _anywhere(loc, lines)
    if anywhere:
        parts += [t(loc, "safety.anywhere"), *_contacts(anywhere, loc, code)]
    if not lines:
        directories = _directories(loc)
        if directories:
            parts += [t(loc, "safety.directories"), *_contacts(directories, loc, code)]
    rows = [
        [Button(t(loc, "button.crisis"), Action("crisis"))],
        [Button(t(loc, "button.self_esteem"), Action("se", "0"))],
        [Button(t(loc, "button.menu"), Action("menu"))],
    ]
    return Screen("\n\n".join(parts), rows)
