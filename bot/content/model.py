"""The shape of the admin-editable content in `content/<locale>/*.yaml`.

English (`en`) is the base: it must be complete and it is the only place where crisis numbers,
links, countries served, sources and verification dates live. Other locales translate words
only, and fall back to English key by key, so a half-translated locale still works and a phone
number can only ever be changed in one reviewed place.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

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


ReachKind = Literal["call", "text", "chat", "email", "web"]
# What a contact is, so that the crisis reply never presents one kind as another:
# crisis_line: answers people in suicidal or acute crisis; support_line: a listening or
# mental-health line that is not a crisis line; organisation: LGBTQ+ groups, legal aid;
# relocation: shelter or relocation help (never a crisis line); directory: lists other lines.
ContactType = Literal["crisis_line", "support_line", "organisation", "relocation", "directory"]


class Reach(_Strict):
    """One way to reach a service. The value is language-neutral (a number, an address)."""

    kind: ReachKind
    value: str = Field(min_length=1, max_length=200)


class Contact(_Strict):
    """A crisis or support contact, as the English base file holds it."""

    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1, max_length=80)
    type: ContactType
    countries: list[str] = Field(min_length=1)
    anywhere: bool = False  # reachable from any country (text, chat or web), not only its own
    reach: list[Reach] = Field(min_length=1)
    hours: str = Field(min_length=1, max_length=160)
    about: str = Field(default="", max_length=400)
    source: str = Field(min_length=1)
    verified: dt.date
    status: Literal["checked", "unverified"]


class ContactText(_Strict):
    """A translation of a contact's words; facts are inherited from English by id."""

    id: str = Field(pattern=ID_PATTERN)
    name: str | None = Field(default=None, max_length=80)
    hours: str | None = Field(default=None, max_length=160)
    about: str | None = Field(default=None, max_length=400)


class CrisisFile(_Strict):
    """English crisis contacts: the single source of truth for numbers and links."""

    countries: dict[str, str] = Field(min_length=1)
    emergency: dict[str, str] = Field(default_factory=dict)
    emergency_note: str = ""
    contacts: list[Contact] = Field(min_length=1)


class CrisisText(_Strict):
    """A locale's translation of the crisis file: country names and contact words only."""

    countries: dict[str, str] = Field(default_factory=dict)
    emergency_note: str | None = None
    contacts: list[ContactText] = Field(default_factory=list)


class LocaleContent(BaseModel):
    """Everything one locale shows, already merged with English where it says nothing."""

    model_config = ConfigDict(frozen=True)

    code: str
    strings: dict[str, str]
    pieces: tuple[Piece, ...]
    steps: tuple[Step, ...]
    countries: dict[str, str]
    emergency: dict[str, str]
    emergency_note: str
    contacts: tuple[Contact, ...]

    @property
    def rtl(self) -> bool:
        return self.strings.get("meta.direction", "ltr") == "rtl"

    @property
    def language_name(self) -> str:
        return self.strings.get("meta.language_name", self.code)

    def contacts_for(self, country: str | None) -> tuple[list[Contact], list[Contact]]:
        """(local contacts for `country`, global contacts). No country gives only global ones."""
        local = [c for c in self.contacts if country and country in c.countries]
        glob = [c for c in self.contacts if "global" in c.countries]
        return local, glob
