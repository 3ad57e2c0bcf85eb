"""Volunteers: invites, aliases, sign-off, revocation and shifts. No `telegram` import.

A volunteer is stored like a visitor: by pseudonym, with their chat id encrypted. What others
see is the alias they choose, validated so it cannot be a handle or a phone number.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from bot.crypto import DataCipher, Pseudonymizer
from bot.storage.staff_repo import StaffRepository, StaffRow

INVITE_PREFIX = "v_"  # deep-link payloads starting with this are volunteer invites
ALIAS_MAX = 20


@dataclass(frozen=True)
class Staff:
    id: int
    pseudonym: bytes
    alias: str | None
    role: str
    status: str  # naming, pending, active, revoked
    on_duty: bool
    duty_since: float | None
    rest_reminded: bool = False
    languages: tuple[str, ...] | None = None  # the languages they support; None: not said yet

    def reads(self, language: str | None) -> bool:
        """Can they support a visitor in this language (None: a visitor from before languages
        were asked, whom anyone may take)?"""
        return language is None or language in (self.languages or ())

    @property
    def active(self) -> bool:
        return self.status == "active"

    @property
    def supervises(self) -> bool:
        return self.active and self.role in {"supervisor", "admin"}


ROLES = ("volunteer", "supervisor", "admin")


def _staff(row: StaffRow | None) -> Staff | None:
    if row is None:
        return None
    return Staff(
        row.id,
        row.pseudonym,
        row.alias,
        row.role,
        row.status,
        row.on_duty,
        row.duty_since,
        row.rest_reminded,
        row.languages,
    )


def staff_chat_context(pseudonym: bytes) -> bytes:
    return b"staff.chat:" + pseudonym


def alias_problem(alias: str) -> str | None:
    """Why an alias is refused (a content key suffix), or None if it is fine.

    Letters (any script), spaces, hyphens and apostrophes; 2 to 20 characters; no '@' (a
    handle), no digits (a phone number or an id could hide in them), no links; nothing that
    passes for the bot's own names ("admin-beef" is how the audit log once named a settings
    admin; "Telegram" is the service itself); nothing that could be someone's Telegram username
    (one word of 4 or more Latin letters: "River" could be @river, and a visitor who looks it up
    would tell a stranger who they are). Two words, a hyphen or apostrophe, a letter outside
    A-Z, or 2-3 letters are forms no username can take.
    """
    if not 2 <= len(alias) <= ALIAS_MAX:
        return "length"
    if any(word in _skeleton(alias) for word in RESERVED):
        return "reserved"
    if len(alias) >= USERNAME_MIN and alias.isascii() and alias.isalpha():
        return "username"
    if "@" in alias or "/" in alias or "." in alias:
        return "handle"
    if any(ch.isdigit() for ch in alias):
        return "digits"
    for ch in alias:
        if ch in " -'’":
            continue
        if not unicodedata.category(ch).startswith(("L", "M")):
            return "characters"
    return None


RESERVED = ("admin", "telegram")
USERNAME_MIN = 4  # Telegram usernames: 5+ characters, 4+ for collectible ones (a-z, 0-9, _)


def _skeleton(alias: str) -> str:
    """The alias without case, accents, spaces, hyphens or apostrophes: "Ádmin-Beef" ->
    "adminbeef"."""
    decomposed = unicodedata.normalize("NFKD", alias.casefold())
    return "".join(ch for ch in decomposed if unicodedata.category(ch).startswith("L"))


def clean_alias(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


class StaffService:
    def __init__(
        self,
        repo: StaffRepository,
        cipher: DataCipher,
        pseudonymize: Pseudonymizer,
        *,
        invite_ttl_hours: int = 24,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._repo = repo
        self._cipher = cipher
        self._pseudonymize = pseudonymize
        self._ttl = invite_ttl_hours * 3600
        self._clock = clock

    @staticmethod
    def _hash(code: str) -> bytes:
        return hashlib.sha256(b"invite:" + code.encode()).digest()

    async def create_invite(self) -> str:
        """A fresh single-use code; only its hash is stored."""
        code = secrets.token_urlsafe(16)
        await self._repo.add_invite(self._hash(code), self._clock() + self._ttl)
        return code

    async def redeem(self, code: str, telegram_id: int) -> Literal["ok", "invalid", "already"]:
        pseudonym = self._pseudonymize(telegram_id)
        chat = self._cipher.encrypt_int(telegram_id, staff_chat_context(pseudonym))
        return await self._repo.redeem_invite(self._hash(code), self._clock(), pseudonym, chat)  # type: ignore[return-value]

    async def get(self, pseudonym: bytes) -> Staff | None:
        return _staff(await self._repo.by_pseudonym(pseudonym))

    @staticmethod
    def from_row(row: StaffRow | None) -> Staff | None:
        """A staff member from a row read elsewhere (`Core.identify` reads it with the visitor)."""
        return _staff(row)

    async def by_alias(self, alias: str) -> Staff | None:
        return _staff(await self._repo.by_alias(clean_alias(alias)))

    async def by_id(self, staff_id: int) -> Staff | None:
        return _staff(await self._repo.by_id(staff_id))

    async def all(self) -> list[Staff]:
        return [s for s in map(_staff, await self._repo.all()) if s is not None]

    async def on_duty(self) -> list[Staff]:
        return [s for s in map(_staff, await self._repo.on_duty()) if s is not None]

    async def choose_alias(self, staff: Staff, text: str) -> str | None:
        """Set the alias; returns None on success, else the reason ('taken', 'length', ...)."""
        alias = clean_alias(text)
        problem = alias_problem(alias)
        if problem is not None:
            return problem
        if not await self._repo.set_alias(staff.id, alias):
            return "taken"
        return None

    async def sign_off(self, staff: Staff) -> bool:
        return await self._repo.set_status(
            staff.id, "active", from_status="pending", now=self._clock()
        )

    async def revoke(self, staff: Staff) -> bool:
        return await self._repo.set_status(
            staff.id, "revoked", from_status=staff.status, now=self._clock()
        )

    async def set_role(self, staff: Staff, role: str) -> bool:
        """Promote or demote a signed-off volunteer (volunteer, supervisor, admin)."""
        if role not in ROLES:
            return False
        return await self._repo.set_role(staff.id, role)

    async def set_languages(self, staff: Staff, languages: tuple[str, ...]) -> Staff:
        await self._repo.set_languages(staff.id, languages)
        return replace(staff, languages=languages)

    async def on_duty_languages(self, caseload_limit: int | None = None) -> set[str]:
        return await self._repo.on_duty_languages(caseload_limit)

    async def set_rest_reminded(self, staff: Staff) -> None:
        await self._repo.set_rest_reminded(staff.id, True)

    async def set_duty(self, staff: Staff, on: bool) -> None:
        await self._repo.set_duty(staff.id, on, self._clock())

    async def chat_id(self, pseudonym: bytes) -> int | None:
        row = await self._repo.by_pseudonym(pseudonym)
        return (
            None
            if row is None
            else self._cipher.decrypt_int(row.chat, staff_chat_context(pseudonym))
        )

    async def purge_invites(self) -> int:
        return await self._repo.purge_expired_invites(self._clock())
