"""The application core: everything the handlers call, wired once from settings.

Handlers reach it as `context.core`. It owns the database, the keys, the live content and the
domain services; none of it imports `telegram`.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import hashlib
import logging
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.admin import AuditLog, Blocks
from bot.config import Settings
from bot.content import apart
from bot.content.checked import CheckedRecord
from bot.content.loader import Content, ContentError, Problem
from bot.crypto import PSEUDONYM_KEY_CONTEXT, DataCipher, Pseudonymizer
from bot.fence import Fence
from bot.mentoring import MentoringService
from bot.metrics import Metrics
from bot.notes import NoteService
from bot.practice import PracticeService
from bot.relay import RelayService
from bot.relay.transfer import TransferService
from bot.staff import Staff, StaffService
from bot.stats import StatsReport, compute
from bot.storage.admin_repo import (
    AuditRepository,
    BlockRepository,
    ContentChangeRepository,
    RoleRequestRepository,
)
from bot.storage.db import Database
from bot.storage.helpline_repo import MentorRepository, TransferRepository
from bot.storage.notes_repo import NoteRepository
from bot.storage.pair_repo import PairRepository
from bot.storage.practice_repo import PracticeRepository
from bot.storage.queue_repo import QueueRepository
from bot.storage.repositories import ChatMessageRepository, MetaRepository, VisitorRepository
from bot.storage.session_repo import SessionRepository
from bot.storage.staff_repo import StaffRepository
from bot.storage.stats_repo import StatsRepository
from bot.storage.topics_repo import TopicRepository
from bot.visitors import Prefs, Visitor, VisitorService

log = logging.getLogger(__name__)

MENUS_KEY = "menus_published"  # meta: digest of the command menus Telegram has


class ContentStore:
    """The live content. `reload()` swaps in new content whole, or keeps the old on errors."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._reloading = threading.Lock()
        # Beside the database: what a full check of the content found, so that a restart with
        # the same content and code skips parsing and checking it again (bot/content/checked.py).
        self._record = CheckedRecord(settings.content_record_path, settings.data_keys[0])
        content, problems = self._load(full=False)
        if content is None:
            raise ContentError(problems)
        self.current: Content = content
        self.version = content_version(settings.content_dir)
        release_freed_memory(content)

    def _load(self, *, full: bool) -> tuple[Content | None, list[Problem]]:
        """A full check runs in a child process and the content is taken from the record it
        writes, as a restart takes it (`bot.content.apart`): this process's memory holds what
        the content is, not what checking it took."""
        s = self._settings
        return apart.load(
            s.content_dir,
            s.default_locale,
            self._record,
            model=s.risk_model,
            readier=s.risk_model_readier,
            full=full,
        )

    def reload(self) -> list[Problem]:
        """Everything checked (the admin reads every problem, warnings too); no record used
        (the check writes a new one). Takes seconds (a child process checks): handlers call it
        in a worker thread, one reload at a time, so the bot goes on answering meanwhile."""
        with self._reloading:
            content, problems = self._load(full=True)
            if content is not None:
                self.current = content
                self.version = content_version(self._settings.content_dir)
            release_freed_memory(content)
            return problems


_RELEASED: weakref.WeakValueDictionary[int, Content] = weakref.WeakValueDictionary()


def release_freed_memory(content: Content | None) -> None:
    """Give the memory a load of the content used and freed back to the system: building and
    checking the risk lists makes tens of megabytes of short-lived objects, and glibc keeps
    their pages otherwise (about 15 MB of the resident memory). Once per content made (a
    content this process already made and released is taken as it is); with glibc only."""
    if content is not None:
        if _RELEASED.get(id(content)) is content:
            return
        _RELEASED[id(content)] = content
    gc.collect()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)


def content_version(directory: Path) -> str:
    """A short hash of every content file: which content is live (for /metrics), no more."""
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*/*.yaml")):
        digest.update(path.relative_to(directory).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


async def load_pseudonymizer(meta: MetaRepository, cipher: DataCipher) -> Pseudonymizer:
    """The pseudonym key: made once at random, stored only encrypted under the data keys."""
    stored = await meta.get("pseudonym_key")
    if stored is None:
        fresh = cipher.encrypt(Pseudonymizer.new_key(), PSEUDONYM_KEY_CONTEXT)
        stored = await meta.insert_if_absent("pseudonym_key", fresh)
    return Pseudonymizer(cipher.decrypt(stored, PSEUDONYM_KEY_CONTEXT))


@dataclass(frozen=True)
class Contact:
    """A person the bot can write to: pseudonym, chat id, preferences if they have any."""

    pseudonym: bytes
    chat_id: int
    prefs: Prefs | None


@dataclass
class Core:
    settings: Settings
    db: Database
    cipher: DataCipher
    content: ContentStore
    visitors: VisitorService
    staff: StaffService
    relay: RelayService
    audit: AuditLog
    blocks: Blocks
    content_changes: ContentChangeRepository
    admin_pseudonyms: frozenset[bytes]
    clock: Callable[[], float] = field(default=time.time)
    fence: Fence = field(init=False)  # what is on its way into whose chat (quick exit)
    metrics: Metrics = field(init=False)  # aggregate figures for /metrics (bot/health.py)
    transfers: TransferService = field(init=False)  # warm transfers (bot.relay.transfer)
    mentoring: MentoringService = field(init=False)
    practice: PracticeService = field(init=False)  # practice chats (bot.practice)

    def __post_init__(self) -> None:
        self.fence = Fence(self.visitors.remember_messages)
        self.metrics = Metrics(self.clock)
        self.metrics.content_live(self.content.version)
        s = self.settings
        self.transfers = TransferService(
            TransferRepository(self.db),
            self.relay,
            self.staff,
            self.cipher,
            self.clock,
            s.transfer_timeout_minutes,
        )
        self.mentoring = MentoringService(
            MentorRepository(self.db), self.relay, self.staff, self.clock, s.mentor_wait_hours
        )
        self.practice = PracticeService(PracticeRepository(self.db), self.clock)

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
        staff = StaffService(
            StaffRepository(db),
            cipher,
            pseudonymize,
            invite_ttl_hours=settings.invite_ttl_hours,
            clock=clock,
        )
        relay = RelayService(
            QueueRepository(db),
            SessionRepository(db),
            PairRepository(db),
            staff,
            caseload_limit=settings.caseload_limit,
            visitor_idle_minutes=settings.visitor_idle_minutes,
            volunteer_reply_minutes=settings.volunteer_reply_minutes,
            queue_timeout_minutes=settings.queue_timeout_minutes,
            shift_reminder_hours=settings.shift_reminder_hours,
            clock=clock,
        )
        await relay.recall_held()
        admins = frozenset(pseudonymize(i) for i in settings.admin_ids)
        core = cls(
            settings,
            db,
            cipher,
            content,
            visitors,
            staff,
            relay,
            AuditLog(AuditRepository(db), clock),
            Blocks(BlockRepository(db), clock),
            ContentChangeRepository(db),
            admins,
            clock,
        )
        await core.transfers.recall()  # chats being handed over when the last run stopped
        await core.practice.recall()  # and practices going on
        return core

    @property
    def role_requests(self) -> RoleRequestRepository:
        """Promotions to admin waiting for a second admin (a view on the database)."""
        return RoleRequestRepository(self.db)

    @property
    def notes(self) -> NoteService:
        """Volunteers' private notes on chats (encrypted; see bot/notes.py)."""
        return NoteService(NoteRepository(self.db), self.cipher, self.clock)

    @property
    def topics(self) -> TopicRepository:
        """Topic counters noted at the end of chats (a view on the database)."""
        return TopicRepository(self.db)

    def is_settings_admin(self, pseudonym: bytes) -> bool:
        """An admin named in ADMIN_IDS (admins promoted in the bot are staff with role admin)."""
        return pseudonym in self.admin_pseudonyms

    async def admins(self) -> list[bytes]:
        """Pseudonyms of every admin: from settings, and promoted in the bot."""
        promoted = [s.pseudonym for s in await self.staff.all() if s.active and s.role == "admin"]
        return sorted(set(self.admin_pseudonyms) | set(promoted))

    async def seniors(self, exclude: bytes | None = None) -> list[bytes]:
        """Whom to alert when a volunteer or a visitor at risk needs more than the rota: the
        supervisors and admins on duty, or, if none is, every supervisor and admin."""
        seniors = [s for s in await self.staff.all() if s.supervises and s.pseudonym != exclude]
        on_duty = [s.pseudonym for s in seniors if s.on_duty]
        targets = on_duty or [s.pseudonym for s in seniors] + [
            a for a in self.admin_pseudonyms if a != exclude
        ]
        return list(dict.fromkeys(targets))

    async def identify(self, telegram_id: int, default_locale: str) -> tuple[Visitor, Staff | None]:
        """Who is writing: their visitor record (made on first contact) and their staff record,
        if any, in one read. Roles are read fresh for every update, never cached."""
        visitor, staff_row = await self.visitors.load_with_staff(telegram_id, default_locale)
        return visitor, self.staff.from_row(staff_row)

    async def contact(self, pseudonym: bytes) -> Contact | None:
        """Where to write to a person, with their preferences; None if they are gone."""
        found = await self.visitors.contact(pseudonym)
        if found is not None:
            return Contact(pseudonym, found[0], found[1])
        chat_id = await self.staff.chat_id(pseudonym)
        return None if chat_id is None else Contact(pseudonym, chat_id, None)

    async def stats(self, days: int) -> StatsReport:
        """The aggregate figures of the last `days` days (small numbers suppressed on display)."""
        return await compute(StatsRepository(self.db), days, self.clock(), self.topics)

    async def forget(self, pseudonym: bytes, deleted: list[int]) -> None:
        """Every row about a visitor: queue place, closed-session links, preferences, and the
        ids of the messages the quick exit that goes with it has deleted."""
        await self.relay.forget_visitor(pseudonym)
        await self.transfers.forget_visitor(pseudonym)
        await self.mentoring.forget_visitor(pseudonym)
        await self.visitors.forget(pseudonym, deleted)
        await self.db.scrub()  # and no old copy of those rows stays in the WAL

    async def menus_published(self) -> bytes | None:
        """The digest of the command menus last published to Telegram (None: never)."""
        return await MetaRepository(self.db).get(MENUS_KEY)

    async def mark_menus_published(self, digest: bytes) -> None:
        await MetaRepository(self.db).put(MENUS_KEY, digest)

    async def close(self) -> None:
        await self.db.close()
