"""Roles, the audit log and blocks: the admin side of the core. No `telegram` import.

Authority always comes from the database (or `ADMIN_IDS`) at the moment a command or button
arrives, never from callback data. Every admin and supervisor action is appended to the audit
log under the actor's alias.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Literal

from bot.staff import Staff
from bot.storage.admin_repo import AuditRepository, AuditRow, BlockRepository, BlockRow

Role = Literal["visitor", "volunteer", "supervisor", "admin"]
RANK: dict[str, int] = {"visitor": 0, "volunteer": 1, "supervisor": 2, "admin": 3}


def role_of(pseudonym: bytes, staff: Staff | None, admins: frozenset[bytes]) -> Role:
    """The highest role a person holds right now."""
    if pseudonym in admins:
        return "admin"
    if staff is None or not staff.active:
        return "visitor"
    return staff.role  # type: ignore[return-value]


def actor_alias(pseudonym: bytes, staff: Staff | None) -> str:
    """How the audit log names someone: their alias, or a stable tag for a settings admin.

    The tag has a '#', which no alias may contain (`bot.staff.alias_problem`), so a volunteer
    can never pass for a settings admin in the log ("admin-beef" was the old form: aliases
    with "admin" in them are refused too)."""
    if staff is not None and staff.alias:
        return staff.alias
    return "admin#" + pseudonym[:2].hex()


class AuditLog:
    def __init__(self, repo: AuditRepository, clock: Callable[[], float] = time.time) -> None:
        self._repo = repo
        self._clock = clock

    async def record(self, actor: str, action: str, detail: str = "") -> None:
        await self._repo.append(self._clock(), actor, action, detail)

    async def latest(self, limit: int = 20) -> list[AuditRow]:
        return await self._repo.latest(limit)


class Blocks:
    """Visitors a volunteer blocked: their pseudonym can't queue until the block expires."""

    def __init__(self, repo: BlockRepository, clock: Callable[[], float] = time.time) -> None:
        self._repo = repo
        self._clock = clock

    async def block(self, pseudonym: bytes, ref: str, by: str, days: int) -> None:
        now = self._clock()
        await self._repo.add(pseudonym, ref, by, now, now + days * 86400)

    async def is_blocked(self, pseudonym: bytes) -> bool:
        return await self._repo.active(pseudonym, self._clock())

    async def unblock(self, ref: str) -> bool:
        return await self._repo.remove(ref.strip().upper())

    async def list(self) -> list[BlockRow]:
        return await self._repo.list(self._clock())

    async def purge(self) -> int:
        return await self._repo.purge(self._clock())
