"""What each visitor screen says and which buttons it has, as plain data.

Screens know nothing of Telegram: the handlers turn a `Screen` into a message with an inline
keyboard. This keeps the words and the navigation unit-testable and identical across flows.
Every screen but the crisis one carries a crisis-contacts button: help is one tap away.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.callbacks import Action
from bot.content.i18n import t
from bot.content.model import LocaleContent

# The crisis words live in bot/crisis_screens.py; contact_text and emergency_text stay
# importable from here for the crisis reply.
from bot.crisis_screens import OTHER_COUNTRY, crisis_text
from bot.crisis_screens import contact_text as contact_text
from bot.crisis_screens import emergency_text as emergency_text
from bot.visitors import NO_COUNTRY, Prefs

TELEGRAM_TEXT_LIMIT = 4096


@dataclass(frozen=True)
class Button:
    label: str
    action: Action


@dataclass(frozen=True)
class Screen:
    text: str
    rows: list[list[Button]] = field(default_factory=list)


def _b(loc: LocaleContent, key: str, name: str, arg: str | None = None) -> Button:
    return Button(t(loc, key), Action(name, arg))


def _crisis_row(loc: LocaleContent) -> list[Button]:
    return [_b(loc, "button.crisis", "crisis")]


def _menu_row(loc: LocaleContent, with_crisis: bool = True) -> list[Button]:
    row = [_b(loc, "button.menu", "menu")]
    return row + _crisis_row(loc) if with_crisis else row


def main_menu(loc: LocaleContent, *, first_time: bool = False) -> Screen:
    intro = t(loc, "menu.text")
    if first_time:
        intro = f"{t(loc, 'welcome.text')}\n\n{t(loc, 'privacy.note')}\n\n{intro}"
    return Screen(
        intro,
        [
            [_b(loc, "button.self_esteem", "se", "0")],
            [_b(loc, "button.guide", "gd", "0")],
            [_b(loc, "button.crisis", "crisis")],
            [_b(loc, "button.talk", "talk")],
            [_b(loc, "button.settings", "settings"), _b(loc, "button.language", "lang", "?")],
        ],
    )


def _pager(loc: LocaleContent, name: str, index: int, count: int) -> list[Button]:
    row = []
    if index > 0:
        row.append(_b(loc, "button.back", name, str(index - 1)))
    if index + 1 < count:
        row.append(_b(loc, "button.next", name, str(index + 1)))
    return row


def self_esteem(loc: LocaleContent, index: int) -> Screen | None:
    """Piece `index`, or None if there is no such piece (a stale button)."""
    if not 0 <= index < len(loc.pieces):
        return None
    piece = loc.pieces[index]
    text = "\n\n".join(
        [
            piece.title,
            piece.body,
            t(loc, "self_esteem.exercise", exercise=piece.exercise),
            t(loc, "page.position", n=index + 1, total=len(loc.pieces)),
        ]
    )
    return Screen(text, [_pager(loc, "se", index, len(loc.pieces)), _menu_row(loc)])


def guide(loc: LocaleContent, index: int) -> Screen | None:
    """Guide step `index`, or None if there is no such step."""
    if not 0 <= index < len(loc.steps):
        return None
    step = loc.steps[index]
    text = "\n\n".join(
        [step.title, step.body, t(loc, "page.position", n=index + 1, total=len(loc.steps))]
    )
    return Screen(text, [_pager(loc, "gd", index, len(loc.steps)), _menu_row(loc)])


FROM_SETTINGS = "/s"  # a picker opened from Settings: the chosen country leads back there


def country_picker(loc: LocaleContent, *, from_settings: bool = False) -> Screen:
    """First step of choosing a country: the regions, then "another country" and "rather not
    say" (both show the international contacts). From Settings, it leads back to Settings."""
    back = FROM_SETTINGS if from_settings else ""
    rows = [[Button(region.name, Action("region", region.id + back))] for region in loc.regions]
    rows.append([_b(loc, "button.other_country", "country", OTHER_COUNTRY + back)])
    rows.append([_b(loc, "button.prefer_not", "country", NO_COUNTRY + back)])
    if from_settings:
        rows.append([_b(loc, "button.back", "settings")])
    rows.append(_menu_row(loc, with_crisis=False))
    return Screen(t(loc, "crisis.ask_country"), rows)


def region_picker(
    loc: LocaleContent, region_id: str, *, from_settings: bool = False
) -> Screen | None:
    """The countries of one region, two a row, by name; None for an unknown region."""
    region = next((r for r in loc.regions if r.id == region_id), None)
    if region is None:
        return None
    back = FROM_SETTINGS if from_settings else ""
    names = sorted(((cc, loc.countries[cc]) for cc in region.countries), key=lambda kv: kv[1])
    rows = [
        [Button(name, Action("country", code + back)) for code, name in names[i : i + 2]]
        for i in range(0, len(names), 2)
    ]
    rows.append([_b(loc, "button.other_region", "country", "?" + back)])
    rows.append([_b(loc, "button.other_country", "country", OTHER_COUNTRY + back)])
    rows.append([_b(loc, "button.prefer_not", "country", NO_COUNTRY + back)])
    return Screen(t(loc, "crisis.ask_country_in", region=region.name), rows)


def crisis(loc: LocaleContent, country: str | None) -> Screen:
    """Contacts for the visitor's country (and the global ones); asks the country first."""
    if country is None:
        return country_picker(loc)
    rows = [
        [_b(loc, "button.talk", "talk")],
        [_b(loc, "button.change_country", "country", "?")],
        _menu_row(loc, with_crisis=False),
    ]
    return Screen(crisis_text(loc, country), rows)


def settings(loc: LocaleContent, prefs: Prefs) -> Screen:
    if prefs.country is None:
        country = t(loc, "settings.country_unset")
    elif prefs.country == NO_COUNTRY:
        country = t(loc, "settings.country_none")
    elif prefs.country == OTHER_COUNTRY:
        country = t(loc, "settings.country_other")
    else:
        country = loc.countries.get(prefs.country, prefs.country)
    discreet_key = "settings.discreet_on" if prefs.discreet else "settings.discreet_off"
    text = t(
        loc,
        "settings.text",
        language=loc.language_name,
        country=country,
        discreet=t(loc, discreet_key),
    )
    toggle = "off" if prefs.discreet else "on"
    return Screen(
        text,
        [
            [
                _b(loc, "button.language", "lang", "?"),
                _b(loc, "button.country", "country", "?" + FROM_SETTINGS),
            ],
            [_b(loc, f"button.discreet_{toggle}", "discreet", toggle)],
            [_b(loc, "button.quick_exit", "exit")],
            [_b(loc, "button.forget", "forget", "ask")],
            _menu_row(loc),
        ],
    )


LANGUAGES_PER_PAGE = 16  # eight rows of two: a phone shows them without scrolling


def language_picker(loc: LocaleContent, locales: list[LocaleContent], page: int = 0) -> Screen:
    """Every language in its own name ("Français", «العربية»), two a row in the order of
    their codes (so a button never moves when the reader's language changes), paged beyond
    `LANGUAGES_PER_PAGE`."""
    ordered = sorted(locales, key=lambda other: other.code.lower())
    pages = max(1, -(-len(ordered) // LANGUAGES_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = ordered[page * LANGUAGES_PER_PAGE : (page + 1) * LANGUAGES_PER_PAGE]
    buttons = [Button(other.language_name, Action("lang", other.code)) for other in shown]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    if pages > 1:
        nav = []
        if page > 0:
            nav.append(_b(loc, "button.back", "lang", f"?{page - 1}"))
        if page + 1 < pages:
            nav.append(_b(loc, "button.next", "lang", f"?{page + 1}"))
        rows.append(nav)
    rows.append(_menu_row(loc))
    return Screen(t(loc, "language.ask"), rows)


def forget_confirm(loc: LocaleContent) -> Screen:
    return Screen(
        t(loc, "forget.confirm"),
        [
            [_b(loc, "button.forget_yes", "forget", "yes")],
            [_b(loc, "button.forget_no", "forget", "no")],
        ],
    )


def simple(loc: LocaleContent, key: str, **values: object) -> Screen:
    """A short message with the menu and crisis buttons (help, unknown input, errors)."""
    return Screen(t(loc, key, **values), [_menu_row(loc)])


def split_text(text: str, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """Split at paragraph, then line, then word boundaries so each part fits in one message.

    Length is counted in UTF-16 code units, as Telegram counts it (an emoji may be two).
    """

    def size(s: str) -> int:
        return len(s.encode("utf-16-le")) // 2

    if size(text) <= limit:
        return [text]
    for sep in ("\n\n", "\n", " "):
        pieces = text.split(sep)
        if len(pieces) == 1:
            continue
        parts: list[str] = []
        current = ""
        for piece in pieces:
            candidate = f"{current}{sep}{piece}" if current else piece
            if size(candidate) <= limit:
                current = candidate
                continue
            if current:
                parts.append(current)
            current = piece
        parts.append(current)
        return [p for part in parts for p in split_text(part, limit)]
    # One unbroken run longer than the limit: cut it.
    cut = limit
    while size(text[:cut]) > limit:
        cut -= 1
    return [text[:cut], *split_text(text[cut:], limit)]
