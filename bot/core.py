"""The application core: everything the handlers call, wired once from settings.

Handlers reach it as `context.core`. It owns the database, the keys, the live content and the
domain services; none of it imports `telegram`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.config import Settings
from bot.content.loader import Content, ContentError, Problem, load_content
from bot.crypto import PSEUDONYM_KEY_CONTEXT, DataCipher, Pseudonymizer
from bot.storage.db import Database
from bot.storage.repositories import ChatMessageRepository, MetaRepository, VisitorRepository
from bot.visitors import VisitorService

log = logging.getLogger(__name__)


class ContentStore:
    """The live content. `reload()` swaps in new content whole, or keeps the old on errors."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        content, problems = load_content(settings.content_dir, settings.default_locale)
        if content is None:
            raise ContentError(problems)
        self.current: Content = content

    def reload(self) -> list[Problem]:
        content, problems = load_content(self._settings.content_dir, self._settings.default_locale)
        if content is not None:
            self.current = content
        return problems


async def load_pseudonymizer(meta: MetaRepository, cipher: DataCipher) -> Pseudonymizer:
    """The pseudonym key: made once at random, stored only encrypted under the data keys."""
    stored = await meta.get("pseudonym_key")
    if stored is None:
        fresh = cipher.encrypt(Pseudonymizer.new_key(), PSEUDONYM_KEY_CONTEXT)
        stored = await meta.insert_if_absent("pseudonym_key", fresh)
    return Pseudonymizer(cipher.decrypt(stored, PSEUDONYM_KEY_CONTEXT))


@dataclass
class Core:
    settings: Settings
    db: Database
    cipher: DataCipher
    content: ContentStore
    visitors: VisitorService
    admin_pseudonyms: frozenset[bytes]
    clock: Callable[[], float] = field(default=time.time)

    @classmethod
    async def open(cls, settings: Settings, clock: Callable[[], float] = time.time) -> Core:
        content = ContentStore(settings)  # fail fast on bad content, before touching the DB
        db = Database(settings.database_path)
        await db.open()
        try:
            cipher = DataCipher(settings.data_keys)
            pseudonymize = await load_pseudonymizer(MetaRepository(db), cipher)
        except Exception:
            await db.close()
            raise
        visitors = VisitorService(
            VisitorRepository(db), ChatMessageRepository(db), cipher, pseudonymize, clock
        )
        admins = frozenset(pseudonymize(i) for i in settings.admin_ids)
        return cls(settings, db, cipher, content, visitors, admins, clock)

    def is_admin(self, pseudonym: bytes) -> bool:
        return pseudonym in self.admin_pseudonyms

    async def close(self) -> None:
        await self.db.close()
