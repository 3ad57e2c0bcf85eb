"""The shape of the admin-editable content in `content/<locale>/*.yaml`.

English (`en`) is the base: it must be complete and it is the only place where crisis numbers,
links, countries served, sources and verification dates live. Other locales translate words
only, and fall back to English key by key, so a half-translated locale still works and a phone
number can only ever be changed in one reviewed place.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.content.formats import Formats, formats
from bot.content.meta import LocaleMeta

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,23}$"
BASE_LOCALE = "en"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Piece(_Strict):
    """A short self-esteem piece with one small exercise."""

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1, max_length=60)
    body: str = Field(min_length=1, max_length=900)
    exercise: str = Field(min_length=1, max_length=450)


class SelfEsteemFile(_Strict):
    pieces: list[Piece] = Field(min_length=1)


class Step(_Strict):
    """One step of the coming-out guide."""

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1, max_length=60)
    body: str = Field(min_length=1, max_length=1500)


class GuideFile(_Strict):
    steps: list[Step] = Field(min_length=1)


ReachKind = Literal["call", "text", "whatsapp", "chat", "email", "web"]
# What a contact is, so that the crisis reply never presents one kind as another:
# crisis_line: answers people in suicidal or acute crisis; support_line: a listening or
# mental-health line that is not a crisis line; organisation: LGBTQ+ groups, legal aid;
# relocation: shelter or relocation help (never a crisis line); directory: lists other lines.
ContactType = Literal["crisis_line", "support_line", "organisation", "relocation", "directory"]
TYPE_ORDER: tuple[str, ...] = (
    "crisis_line",
    "support_line",
    "organisation",
    "relocation",
    "directory",
)


class Reach(_Strict):
    """One way to reach a service. The value is language-neutral (a number, an address)."""

    kind: ReachKind
    value: str = Field(min_length=1, max_length=200)


Confidence = Literal["high", "medium", "low"]


class Verification(_Strict):
    """How we know a contact's facts. Three states, and only the first may say "checked":

    * `called`: an admin confirmed it by calling; `date` is the day, `by` the admin's alias;
    * `own_page`: found on the service's own page; `month` is when (YYYY-MM);
    * `unconfirmed`: desk research, a secondary source or low confidence: not yet confirmed.

    The validator (`bot/content/crisis_check.py`) enforces which fields go with which state.
    """

    state: Literal["called", "own_page", "unconfirmed"]
    date: dt.date | None = None
    month: str | None = Field(default=None, pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    by: str | None = Field(default=None, min_length=1, max_length=40)

    @property
    def when(self) -> dt.date | None:
        """The day (called) or the first of the month (own page) the facts were last seen."""
        if self.date is not None:
            return self.date
        if self.month is not None:
            year, month = self.month.split("-")
            return dt.date(int(year), int(month), 1)
        return None


class Contact(_Strict):
    """A crisis or support contact, as the English base file holds it."""

    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1, max_length=80)
    type: ContactType
    countries: list[str] = Field(min_length=1)
    anywhere: bool = False  # reachable from any country (text, chat or web), not only its own
    # Empty only where the research found no public way to reach it (never for a crisis line).
    reach: list[Reach] = Field(default_factory=list)
    hours: str = Field(min_length=1, max_length=160)
    about: str = Field(default="", max_length=400)
    source: str = Field(min_length=1, max_length=300)  # where the research found it, by name
    confidence: Confidence  # as the research rated it
    verification: Verification


class ContactText(_Strict):
    """A translation of a contact's words; facts are inherited from English by id."""

    id: str = Field(pattern=ID_PATTERN)
    name: str | None = Field(default=None, max_length=80)
    hours: str | None = Field(default=None, max_length=160)
    about: str | None = Field(default=None, max_length=400)


# Why calling an emergency number (or going to the police) can be dangerous in a country. Each
# reason has its words in ui.yaml as `crisis.caution_<reason>`; the research's country notes
# are the only basis for assigning one.
CautionReason = Literal[
    "police_run",  # the emergency number is run by the police (or sends them)
    "same_sex_crime",  # same-sex relations are a crime
    "men_crime",  # sex between men is a crime
    "gaza",  # a crime in Gaza, not in the West Bank, persecution in both
    "morality_laws",  # no explicit ban, but morality or "debauchery" laws are used
    "arrests",  # arrests or mistreatment of LGBTQ+ people by police or security services
    "entrapment",  # police have used dating apps to trap people
    "armed_groups",  # armed groups have abducted and hurt LGBTQ+ people
    "attempt_crime",  # a suicide attempt can be prosecuted
    "attempt_public",  # a suicide attempt in a public place can be punished
    "attempt_unclear",  # sources disagree whether a suicide attempt can still be prosecuted
    "extremism",  # LGBTQ+ groups are labelled extremist
    "propaganda",  # showing or "promoting" LGBTQ+ lives is an offence
]
EmergencyService = Literal["all", "police", "ambulance", "fire"]


class EmergencyNumber(_Strict):
    value: str = Field(min_length=1, max_length=20)
    service: EmergencyService


class CountryEmergency(_Strict):
    """One country's emergency numbers (possibly none) and the caution decision that goes with
    them: is suggesting the police dangerous here, and why. Every country has one, so the
    crisis reply can always ask."""

    numbers: list[EmergencyNumber] = Field(default_factory=list)
    source: str = Field(default="", max_length=300)
    confidence: Confidence | None = None
    verification: Verification | None = None
    police_risky: bool
    cautions: list[CautionReason] = Field(default_factory=list)


class Region(_Strict):
    """A group of countries in the picker: the visitor picks a region, then a country."""

    id: str = Field(pattern=r"^[a-z]{2,12}$")
    name: str = Field(min_length=1, max_length=60)
    countries: list[str] = Field(min_length=1)
    # Show the warning about people from apps who offer help (entrapment is documented here).
    meet_warning: bool = False


class RegionText(_Strict):
    id: str = Field(pattern=r"^[a-z]{2,12}$")
    name: str = Field(min_length=1, max_length=60)


class CrisisFile(_Strict):
    """English crisis contacts: the single source of truth for numbers and links."""

    regions: list[Region] = Field(min_length=1)
    countries: dict[str, str] = Field(min_length=1)
    emergency: dict[str, CountryEmergency] = Field(default_factory=dict)
    emergency_note: str = ""
    contacts: list[Contact] = Field(min_length=1)


class CrisisText(_Strict):
    """A locale's translation of the crisis file: region, country and contact words only."""

    regions: list[RegionText] = Field(default_factory=list)
    countries: dict[str, str] = Field(default_factory=dict)
    emergency_note: str | None = None
    contacts: list[ContactText] = Field(default_factory=list)


class LocaleContent(BaseModel):
    """Everything one locale shows, already merged with English where it says nothing."""

    model_config = ConfigDict(frozen=True)

    code: str
    meta: LocaleMeta
    strings: dict[str, str]
    # The texts with plural forms, compiled (bot/content/messages.py): key -> Message.
    messages: dict[str, Any] = Field(default_factory=dict)
    pieces: tuple[Piece, ...]
    steps: tuple[Step, ...]
    regions: tuple[Region, ...]
    countries: dict[str, str]
    emergency: dict[str, CountryEmergency]
    emergency_note: str
    contacts: tuple[Contact, ...]

    @cached_property
    def rtl(self) -> bool:  # read on every t(): worked out once
        return self.meta.rtl

    @cached_property
    def other_digits(self) -> bool:
        """Whether numbers are written with other digits than 0-9 (`meta.numbers`)."""
        return self.meta.numbers not in (None, "latn")

    @property
    def language_name(self) -> str:
        return self.meta.language_name

    def formats(self, country: str | None = None) -> Formats:
        """Numbers, dates and durations for this locale, by the visitor's country if known."""
        if country is None:
            return self._formats
        return formats(self.code, self.meta.numbers or "latn", self.meta.region, country)

    @cached_property
    def _formats(self) -> Formats:
        return formats(self.code, self.meta.numbers or "latn", self.meta.region, None)

    def contacts_for(self, country: str | None) -> tuple[list[Contact], list[Contact]]:
        """(local contacts for `country`, global contacts). No country gives only global ones.

        Local contacts come crisis lines first, then support lines, organisations, relocation
        help and directories, each in the file's order."""
        local = [c for c in self.contacts if country and country in c.countries]
        local.sort(key=lambda c: TYPE_ORDER.index(c.type))
        glob = [c for c in self.contacts if "global" in c.countries]
        return local, glob

    def police_risky(self, country: str | None) -> bool:
        """Whether suggesting the police (or an emergency number) may endanger a visitor in
        `country`. Unknown countries and "rather not say" count as risky: we cannot know."""
        notes = self.emergency.get(country or "")
        return True if notes is None else notes.police_risky

    def cautions(self, country: str | None) -> list[str]:
        """The reasons (`CautionReason`) calling the police may be dangerous in `country`."""
        notes = self.emergency.get(country or "")
        return list(notes.cautions) if notes else []

    def region_of(self, country: str) -> Region | None:
        return next((r for r in self.regions if country in r.countries), None)
