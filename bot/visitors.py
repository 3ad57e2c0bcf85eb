"""Visitors: their preferences, and the message ids a quick exit may delete.

A visitor is known only by pseudonym. Their chat id and preferences are stored encrypted,
bound to that pseudonym. Nothing here imports `telegram`: callers pass plain ids.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, replace

from bot.crypto import DataCipher, Pseudonymizer
from bot.storage.repositories import ChatMessageRepository, VisitorRepository, VisitorRow
from bot.storage.staff_repo import StaffRow

NO_COUNTRY = "-"  # the visitor chose "prefer not to say"
DELETE_WINDOW = 48 * 3600  # Telegram lets a bot delete private-chat messages for 48 hours


@dataclass(frozen=True)
class Prefs:
    locale: str
    country: str | None = None  # None: not asked yet; NO_COUNTRY: prefer not to say
    discreet: bool = True
    welcomed: bool = False  # has seen the privacy note


@dataclass(frozen=True)
class Visitor:
    pseudonym: bytes
    prefs: Prefs
    is_new: bool


def visitor_chat_context(pseudonym: bytes) -> bytes:
    return b"visitors.chat:" + pseudonym


def visitor_prefs_context(pseudonym: bytes) -> bytes:
    return b"visitors.prefs:" + pseudonym


class VisitorService:
    def __init__(
        self,
        visitors: VisitorRepository,
        messages: ChatMessageRepository,
        cipher: DataCipher,
        pseudonymize: Pseudonymizer,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._visitors = visitors
        self._messages = messages
        self._cipher = cipher
        self._pseudonymize = pseudonymize
        self._clock = clock

    def pseudonym(self, telegram_id: int) -> bytes:
        return self._pseudonymize(telegram_id)

    def _today(self) -> int:
        return int(self._clock() // 86400)

    async def load(self, telegram_id: int, default_locale: str) -> Visitor:
        """The visitor behind a Telegram id, created (with a guessed locale) on first contact."""
        pseudonym = self._pseudonymize(telegram_id)
        return await self._from_row(
            telegram_id, pseudonym, await self._visitors.get(pseudonym), default_locale
        )

    async def load_with_staff(
        self, telegram_id: int, default_locale: str
    ) -> tuple[Visitor, StaffRow | None]:
        """`load`, plus the person's staff row if they have one, read together."""
        pseudonym = self._pseudonymize(telegram_id)
        row, staff = await self._visitors.get_with_staff(pseudonym)
        return await self._from_row(telegram_id, pseudonym, row, default_locale), staff

    async def _from_row(
        self, telegram_id: int, pseudonym: bytes, row: VisitorRow | None, default_locale: str
    ) -> Visitor:
        if row is not None:
            prefs = Prefs(**self._cipher.decrypt_json(row.prefs, visitor_prefs_context(pseudonym)))
            if row.seen_day != self._today():
                await self._visitors.touch(pseudonym, self._today())
            return Visitor(pseudonym, prefs, is_new=False)
        prefs = Prefs(locale=default_locale)
        await self._write(pseudonym, telegram_id, prefs)
        return Visitor(pseudonym, prefs, is_new=True)

    async def _write(self, pseudonym: bytes, chat_id: int, prefs: Prefs) -> None:
        await self._visitors.upsert(
            VisitorRow(
                pseudonym=pseudonym,
                chat=self._cipher.encrypt_int(chat_id, visitor_chat_context(pseudonym)),
                prefs=self._cipher.encrypt_json(asdict(prefs), visitor_prefs_context(pseudonym)),
                seen_day=self._today(),
            )
        )

    async def update(self, telegram_id: int, visitor: Visitor, **changes: object) -> Visitor:
        """Save changed preferences (language, country, discreet, welcomed)."""
        prefs = replace(visitor.prefs, **changes)  # type: ignore[arg-type]
        await self._write(visitor.pseudonym, telegram_id, prefs)
        return replace(visitor, prefs=prefs)

    async def contact(self, pseudonym: bytes) -> tuple[int, Prefs] | None:
        """(chat id, preferences) of a visitor, to write to them outside their own update."""
        row = await self._visitors.get(pseudonym)
        if row is None:
            return None
        prefs = Prefs(**self._cipher.decrypt_json(row.prefs, visitor_prefs_context(pseudonym)))
        return self._cipher.decrypt_int(row.chat, visitor_chat_context(pseudonym)), prefs

    async def remember_message(self, pseudonym: bytes, message_id: int) -> None:
        """Note a message id in the visitor's chat, so a quick exit can delete it."""
        await self._messages.add(pseudonym, message_id, int(self._clock()))

    async def remember_messages(self, pseudonym: bytes, message_ids: list[int]) -> None:
        """Note message ids the bot put in someone's chat (a copy may be several), in one
        write: whoever's chat it is, visitor or volunteer, their quick exit deletes them."""
        await self._messages.add_many([(pseudonym, i) for i in message_ids], int(self._clock()))

    async def remember_incoming(self, messages: list[tuple[int, int]]) -> None:
        """(Telegram id, message id) of messages people wrote in their chat with the bot, all
        noted in one write as they arrive, so a quick exit can delete them too."""
        await self._messages.add_many(
            [(self._pseudonymize(user), message_id) for user, message_id in messages],
            int(self._clock()),
        )

    async def deletable_messages(self, pseudonym: bytes) -> list[int]:
        """Message ids still inside Telegram's 48-hour deletion window."""
        return await self._messages.since(pseudonym, int(self._clock()) - DELETE_WINDOW + 60)

    async def clear_messages(self, pseudonym: bytes, deleted: list[int]) -> None:
        """Forget the message ids a quick exit has deleted."""
        await self._messages.delete_ids(pseudonym, deleted)

    async def forget(self, pseudonym: bytes, deleted: list[int]) -> None:
        """Delete every row about this visitor. Ids of messages that were not deleted (typed
        while the deletion ran, or refused by Telegram) stay, so a later exit finds them."""
        await self._messages.delete_ids(pseudonym, deleted)
        await self._visitors.delete(pseudonym)

    async def purge_unseen(self, days: int, keep: Iterable[bytes] = ()) -> int:
        """Forget visitors who have not written for `days` days: keep as little as possible.
        If they come back, they start afresh (language guessed again, country asked again)."""
        return await self._visitors.purge_unseen(self._today() - days, keep)

    async def purge_expired_messages(self) -> int:
        """Drop message ids the bot can no longer delete anyway (older than 48 hours)."""
        return await self._messages.purge_older_than(int(self._clock()) - DELETE_WINDOW)
