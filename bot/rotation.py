"""`python -m bot rotate-keys`: a new pseudonym key, and everything under the newest data key.

What a rotation must defeat: someone who once got an old data key and an old copy of the
database (a backup) learns the pseudonym key in it. If that key stayed, every later copy of
the database could be searched for any Telegram id, for ever. So a rotation makes a *new*
random pseudonym key and gives every row its new pseudonym. That is possible because the bot
can read the chat id of everyone it can write to (visitors and staff): the chat id of a private
chat is the person's Telegram id. All of it happens in one transaction; the old pseudonym key
is overwritten (`secure_delete`) and the WAL truncated, so it is gone from the file.

A pseudonym whose Telegram id cannot be recovered (the person's rows are gone, after `/forget`
or a long silence) cannot follow: see `PSEUDONYM_COLUMNS` for what happens to each such value.
Afterwards the older data keys can be removed from DATA_KEYS.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.crypto import PSEUDONYM_KEY_CONTEXT, DataCipher, Pseudonymizer
from bot.inbox_keys import InboxKeys, inbox_context, key_file_of, slot_of
from bot.notes import note_context as chat_note_context
from bot.relay.transfer import note_context, queue_note_context
from bot.staff import staff_chat_context
from bot.storage.db import Database
from bot.storage.inbox_repo import InboxRepository
from bot.storage.rotation_repo import Rotation, RotationRepository, rotate_columns
from bot.visitors import visitor_chat_context, visitor_prefs_context

PSEUDONYM_KEY = "pseudonym_key"

# Encrypted columns whose context does not name a pseudonym (visitors and staff are re-keyed,
# and so re-encrypted, with their pseudonyms). Only payloads stored before per-update keys are
# DataCipher tokens; the others' keys are re-wrapped in the key file.
COLUMNS: list[Rotation] = [
    ("inbox", "update_id", "payload", lambda k: inbox_context(int(k))),  # type: ignore[call-overload]
    ("transfers", "id", "note", lambda k: note_context(int(k))),  # type: ignore[call-overload]
    ("queue_notes", "id", "note", lambda k: queue_note_context(int(k))),  # type: ignore[call-overload]
    ("notes", "id", "body", lambda k: chat_note_context(int(k))),  # type: ignore[call-overload]
]


class RotationError(Exception):
    """The database holds something a rotation cannot carry over; nothing was changed."""


async def rotate_keys(
    db: Database, cipher: DataCipher, admin_ids: Iterable[int] = ()
) -> dict[str, int]:
    """Rotate; returns counts by table and column. `admin_ids` (ADMIN_IDS) lets the admins
    named in settings keep what they proposed even if they have no row of their own."""
    keys = InboxKeys(key_file_of(db.path), cipher)
    keys.open()  # before anything changes: refused while the bot runs (it holds the file)
    try:
        async with db.transaction() as conn:
            repo = RotationRepository(conn)
            stored = await repo.meta(PSEUDONYM_KEY)
            if stored is None:  # a database no one has used yet: nothing to re-key
                counts: dict[str, int] = {}
            else:
                counts = await _new_pseudonyms(repo, cipher, stored, admin_ids)
            counts.update(await rotate_columns(conn, _data_key_rotation(cipher), COLUMNS))
        await db.scrub()  # no old page (the old key, old pseudonyms) stays in the WAL
        pending = await InboxRepository(db).pending()
        counts["inbox keys"] = keys.rewrap(
            {u: slot for u, payload in pending if (slot := slot_of(payload)) is not None}
        )
    finally:
        keys.close()
    return counts


async def _new_pseudonyms(
    repo: RotationRepository, cipher: DataCipher, stored: bytes, admin_ids: Iterable[int]
) -> dict[str, int]:
    old = Pseudonymizer(cipher.decrypt(stored, PSEUDONYM_KEY_CONTEXT))
    new_key = Pseudonymizer.new_key()
    new = Pseudonymizer(new_key)
    mapping = {old(i): new(i) for i in admin_ids}
    visitors = []
    for pseudonym, chat, prefs in await repo.visitors():
        chat_id = cipher.decrypt_int(chat, visitor_chat_context(pseudonym))
        fresh = mapping[pseudonym] = _checked(old, new, pseudonym, chat_id)
        visitors.append(
            (
                fresh,
                cipher.encrypt_int(chat_id, visitor_chat_context(fresh)),
                cipher.encrypt(
                    cipher.decrypt(prefs, visitor_prefs_context(pseudonym)),
                    visitor_prefs_context(fresh),
                ),
                pseudonym,
            )
        )
    staff = []
    for pseudonym, chat in await repo.staff():
        chat_id = cipher.decrypt_int(chat, staff_chat_context(pseudonym))
        fresh = mapping[pseudonym] = _checked(old, new, pseudonym, chat_id)
        staff.append((fresh, cipher.encrypt_int(chat_id, staff_chat_context(fresh)), pseudonym))
    counts = await repo.rekey(visitors, staff, mapping)
    counts["people"] = len({row[-1] for row in visitors} | {row[-1] for row in staff})
    await repo.set_meta(PSEUDONYM_KEY, cipher.encrypt(new_key, PSEUDONYM_KEY_CONTEXT))
    counts["meta.pseudonym_key"] = 1
    return counts


def _checked(old: Pseudonymizer, new: Pseudonymizer, pseudonym: bytes, chat_id: int) -> bytes:
    """The new pseudonym of the person whose private chat is `chat_id`."""
    if old(chat_id) != pseudonym:  # cannot happen: a private chat's id is its user's id
        raise RotationError("a row's chat id does not match its pseudonym")
    return new(chat_id)


def _data_key_rotation(cipher: DataCipher):  # type: ignore[no-untyped-def]
    def rotate(token: bytes, context: bytes) -> bytes:
        if slot_of(token) is not None:  # sealed under its own key: re-wrapped in the key file
            return token
        return cipher.rotate(token, context)

    return rotate
