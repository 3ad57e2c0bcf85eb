"""Mentoring, the first step: a volunteer may offer to talk with a visitor again; if the visitor
accepts, they can later ask for that volunteer by name from *Talk to a volunteer*.

What links them is one row: the visitor's pseudonym, the volunteer's pseudonym and alias, and a
random handle that the visitor's buttons carry (it is derived from nothing and names no one).
Neither side learns anything new: the volunteer sees a new visitor alias each chat, and is
told only that someone they talked with before asks for them. The visitor's /forget removes
the row; the volunteer's /exit, or their revocation, ends every row of theirs. A visitor who
asks while their volunteer is off duty waits at most MENTOR_WAIT_HOURS, then is told and
offered anyone on duty. No `telegram` import.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Literal

from bot.relay.model import Session
from bot.relay.service import RelayService
from bot.staff import Staff, StaffService
from bot.storage.helpline_repo import MentorRepository, MentorRow

OFFER_WINDOW = 3600  # seconds after a chat's end in which its volunteer may still offer


class MentoringService:
    def __init__(
        self,
        repo: MentorRepository,
        relay: RelayService,
        staff: StaffService,
        clock: Callable[[], float],
        wait_hours: int,
    ) -> None:
        self.repo = repo
        self.relay = relay
        self.staff = staff
        self.clock = clock
        self.wait = wait_hours * 3600

    def may_offer(self, session: Session) -> bool:
        """During a chat, or within an hour of its end (the row is still there)."""
        if session.status == "active":
            return True
        return session.ended_at is not None and self.clock() - session.ended_at < OFFER_WINDOW

    async def chat_to_offer(self, volunteer: bytes) -> Session | None:
        """The chat a volunteer's /mentor means when they have none open: the one that ended
        last, within the hour."""
        return await self.repo.last_closed(volunteer, self.clock() - OFFER_WINDOW)

    async def linked(self, visitor: bytes, volunteer: bytes) -> bool:
        return any(row.volunteer == volunteer for row in await self.repo.of_visitor(visitor))

    async def accept(self, session: Session) -> bool:
        """The visitor said yes: False if the volunteer can no longer take it on."""
        volunteer = await self.staff.get(session.volunteer)
        if volunteer is None or not volunteer.active or not volunteer.alias:
            return False
        handle = secrets.token_urlsafe(12)  # 16 characters, fits the button grammar
        await self.repo.add(
            session.visitor, session.volunteer, volunteer.alias, handle, self.clock()
        )
        return True

    async def mentors(self, visitor: bytes) -> list[MentorRow]:
        """The volunteers this visitor may ask for (ended ones are dropped on the way)."""
        kept = []
        for row in await self.repo.of_visitor(visitor):
            volunteer = await self.staff.get(row.volunteer)
            if volunteer is None or not volunteer.active:
                await self.repo.end_volunteer(row.volunteer)
                continue
            kept.append(row)
        return kept

    async def by_handle(self, visitor: bytes, handle: str) -> MentorRow | None:
        for row in await self.mentors(visitor):
            if row.handle == handle:
                return row
        return None

    async def ask(self, row: MentorRow) -> Literal["on_duty", "off_duty"]:
        """The visitor asks for their volunteer again (durable: kept until answered)."""
        await self.repo.request(row.id, self.clock())
        volunteer = await self.staff.get(row.volunteer)
        return "on_duty" if volunteer is not None and volunteer.on_duty else "off_duty"

    async def get(self, mentor_id: int) -> MentorRow | None:
        return await self.repo.get(mentor_id)

    async def due(self) -> tuple[list[MentorRow], list[MentorRow]]:
        """(requests whose volunteer is on duty and not yet told: mark them told; requests
        waited on past MENTOR_WAIT_HOURS: withdrawn, for their visitors to be told)."""
        now = self.clock()
        alert, expired = [], []
        on_duty = {s.pseudonym for s in await self.staff.on_duty() if s.active}
        active = {s.pseudonym for s in await self.staff.all() if s.active}
        for row in await self.repo.requests():
            assert row.requested_at is not None
            if row.volunteer not in active:  # revoked: their mentorships end
                expired += await self.repo.end_volunteer(row.volunteer)
            elif now - row.requested_at >= self.wait:
                if await self.repo.answered(row.id):
                    expired.append(row)
            elif row.alerted_at is None and row.volunteer in on_duty:
                await self.repo.alerted(row.id, now)
                alert.append(row)
        return alert, expired

    async def connect(self, row: MentorRow, volunteer: Staff) -> Session | str:
        """The volunteer answers: a chat opens between them ("full", "busy", "gone", "off")."""
        if not (volunteer.active and volunteer.on_duty) or row.volunteer != volunteer.pseudonym:
            return "off"
        code = secrets.token_hex(2).upper()
        return await self.repo.connect(row, code, self.relay.caseload_limit, self.clock())

    async def leave(self, person: bytes, *, staff: bool) -> list[MentorRow]:
        """A quick exit: a visitor's request is withdrawn; a volunteer's mentorships end (the
        visitors asking for them now are returned, to be told)."""
        await self.repo.withdraw(person)
        return await self.repo.end_volunteer(person) if staff else []

    async def forget_visitor(self, visitor: bytes) -> None:
        await self.repo.forget_visitor(visitor)

    async def purge(self) -> int:
        return await self.repo.purge()
