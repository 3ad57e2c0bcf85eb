"""Relaying exactly once: each message is claimed before it is sent and its copy recorded after."""

from __future__ import annotations

from bot.relay.model import Session, Side
from bot.relay.state import RelayState


class PairOps(RelayState):
    async def claim(self, session: Session, origin: Side, message_id: int) -> bool:
        """May this message be sent now? Yes if new, or if a previous run claimed it and died
        before recording its copy; no if its copy is recorded (a replayed update)."""
        if await self.pairs.claim(session.id, origin, message_id):
            return True
        _, copy_id = await self.pairs.get(session.id, origin, message_id)
        return copy_id is None

    async def record_copy(self, session: Session, origin: Side, message_id: int, copy: int) -> None:
        await self.pairs.complete(session.id, origin, message_id, copy)
        await self.touch(session, origin)

    async def release(self, session: Session, origin: Side, message_id: int) -> None:
        """The copy could not be sent: a retry may send it."""
        await self.pairs.release(session.id, origin, message_id)

    async def copy_of(self, session: Session, origin: Side, message_id: int) -> int | None:
        """The id of the copy of `origin`'s message in the other chat."""
        return (await self.pairs.get(session.id, origin, message_id))[1]

    async def owns(self, session: Session, origin: Side, message_id: int) -> bool:
        """Was this message (in `origin`'s chat) part of this session, as original or copy?"""
        other: Side = "volunteer" if origin == "visitor" else "visitor"
        if await self.pairs.by_copy(session.id, other, message_id) is not None:
            return True
        return (await self.pairs.get(session.id, origin, message_id))[0]

    async def reply_target(self, session: Session, origin: Side, replied_id: int) -> int | None:
        """In the other chat, the message that a reply to `replied_id` should answer."""
        other: Side = "volunteer" if origin == "visitor" else "visitor"
        original = await self.pairs.by_copy(session.id, other, replied_id)
        if original is not None:
            return original  # a reply to a copy: answer the other side's original
        return await self.copy_of(session, origin, replied_id)  # a reply to one's own
