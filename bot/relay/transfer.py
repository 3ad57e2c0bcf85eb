"""Warm transfer: a volunteer hands a chat to a named colleague on duty (who accepts or
declines, within TRANSFER_TIMEOUT_MINUTES) or back to the queue, with a short handover note.

While a transfer is pending the chat stays open with the volunteer who offered it, but what the
visitor writes is held (by message id, as in the queue) and passed on to whoever has the chat
once the transfer settles. Pending transfers and held messages are in the database, so a
restart keeps them; the note is encrypted and deleted once shown. No `telegram` import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from bot.crypto import DataCipher
from bot.relay.model import HELD_MESSAGES, Session
from bot.relay.service import RelayService
from bot.staff import Staff, StaffService
from bot.storage.helpline_repo import TransferRepository, TransferRow

NOTE_LENGTH = 500  # characters: a handover note, not a case file


def note_context(transfer_id: int) -> bytes:
    return b"transfer-note:%d" % transfer_id


def queue_note_context(note_id: int) -> bytes:
    return b"queue-note:%d" % note_id


@dataclass(frozen=True)
class Transfer:
    id: int
    session_id: int
    sender: bytes
    sender_alias: str
    receiver: bytes
    receiver_alias: str
    note: str | None
    expires_at: float


class TransferService:
    def __init__(
        self,
        repo: TransferRepository,
        relay: RelayService,
        staff: StaffService,
        cipher: DataCipher,
        clock: Callable[[], float],
        timeout_minutes: int,
    ) -> None:
        self.repo = repo
        self.relay = relay
        self.staff = staff
        self.cipher = cipher
        self.clock = clock
        self.timeout = timeout_minutes * 60
        # Chats with a transfer pending: the visitor's messages are held. Rebuilt at start.
        self._pending: set[int] = set()
        # How many chats have changed hands: a visitor's message read before one did is
        # relayed to the chat as it now is (see handlers.relay).
        self.moves = 0

    async def recall(self) -> None:
        self._pending = set(await self.repo.pending_sessions())

    def pending(self, session_id: int) -> bool:
        """Is this chat being handed over (its visitor's messages held)? In memory: asked on
        every message a visitor writes."""
        return session_id in self._pending

    def _plain(self, row: TransferRow) -> Transfer:
        note = None
        if row.note is not None:
            note = self.cipher.decrypt(row.note, note_context(row.id)).decode()
        return Transfer(
            row.id,
            row.session_id,
            row.from_staff,
            row.from_alias,
            row.to_staff,
            row.to_alias,
            note,
            row.expires_at,
        )

    async def candidates(self, session: Session) -> list[Staff]:
        """Who may be asked: volunteers and supervisors on duty, with a name, but not the one
        who has the chat."""
        return [
            s
            for s in await self.staff.on_duty()
            if s.active and s.alias and s.pseudonym != session.volunteer
        ]

    async def offer(
        self, session: Session, receiver: Staff, note: str | None
    ) -> Transfer | Literal["pending", "gone"]:
        current = await self.relay.session(session.id)
        if current is None or current.status != "active" or receiver.alias is None:
            return "gone"
        now = self.clock()
        transfer_id = await self.repo.add(
            session.id,
            (session.volunteer, session.volunteer_alias),
            (receiver.pseudonym, receiver.alias),
            now,
            now + self.timeout,
        )
        if transfer_id is None:
            return "pending"
        if note:
            await self.repo.set_note(
                transfer_id, self.cipher.encrypt(note.encode(), note_context(transfer_id))
            )
        self._pending.add(session.id)
        row = await self.repo.get(transfer_id)
        assert row is not None
        return self._plain(row)

    async def of_session(self, session_id: int) -> Transfer | None:
        row = await self.repo.of_session(session_id)
        return None if row is None else self._plain(row)

    async def get(self, transfer_id: int) -> Transfer | None:
        row = await self.repo.get(transfer_id)
        return None if row is None else self._plain(row)

    async def settle(self, transfer_id: int) -> Transfer | None:
        """End a pending transfer (whatever the outcome); None if it had already settled."""
        row = await self.repo.take(transfer_id)
        if row is None:
            return None
        self._pending.discard(row.session_id)
        return self._plain(row)

    async def accept(
        self, transfer_id: int, receiver: Staff
    ) -> tuple[Transfer, Session] | Literal["gone", "off", "full"]:
        """The receiver takes the chat: it continues with them (atomic: only one answer, or a
        timeout, settles a transfer)."""
        row = await self.repo.get(transfer_id)
        if row is None or row.to_staff != receiver.pseudonym or not receiver.alias:
            return "gone"
        if not (receiver.active and receiver.on_duty):
            return "off"
        mine = await self.relay.sessions_of_volunteer(receiver.pseudonym)
        if len(mine) >= self.relay.caseload_limit:
            return "full"
        transfer = await self.settle(transfer_id)
        if transfer is None:
            return "gone"
        session = await self.relay.session(transfer.session_id)
        if session is None or session.status != "active":
            return "gone"
        if not await self.relay.hand_over(session, receiver.pseudonym, receiver.alias):
            return "gone"
        self.moves += 1
        moved = await self.relay.session(session.id)
        assert moved is not None
        return transfer, moved

    async def due(self) -> list[Transfer]:
        """Transfers nobody answered in time, or whose chat has ended meanwhile: settled now."""
        settled = []
        for row in await self.repo.due(self.clock()):
            transfer = await self.settle(row.id)
            if transfer is not None:
                settled.append(transfer)
        return settled

    async def hold(self, session: Session, message_id: int) -> str:
        """A message the visitor wrote while the chat is being handed over: "held", "full",
        or "settled" (the transfer settled meanwhile: relay the message instead)."""
        held = await self.repo.hold(session.visitor, session.id, message_id, HELD_MESSAGES)
        if held == "held":
            self.relay._holding.add(session.visitor)
        return held

    async def to_queue(self, session: Session, note: str | None) -> Session | None:
        """Hand the chat back to the queue: the visitor goes back to the place they first had
        (urgency kept), with the note for whoever takes them next. None if it had ended."""
        closed = await self.repo.requeue(session.id, "transfer", self.clock())
        if closed is None:
            return None
        if note:
            note_id = await self.repo.put_queue_note(
                session.visitor, session.volunteer_alias, self.clock()
            )
            await self.repo.set_queue_note(
                note_id, self.cipher.encrypt(note.encode(), queue_note_context(note_id))
            )
        return closed

    async def queue_note(self, visitor: bytes) -> tuple[str, str] | None:
        """(from alias, note) left for whoever takes this visitor; shown once."""
        found = await self.repo.pop_queue_note(visitor)
        if found is None:
            return None
        note_id, alias, token = found
        return alias, self.cipher.decrypt(token, queue_note_context(note_id)).decode()

    async def forget_visitor(self, visitor: bytes) -> None:
        await self.repo.forget_visitor(visitor)

    async def purge(self) -> int:
        return await self.repo.purge_orphan_notes()
