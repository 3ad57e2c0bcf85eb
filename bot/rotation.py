"""`python -m bot rotate-keys`: re-encrypt everything under the newest key in DATA_KEYS.

Afterwards the older keys can be removed from DATA_KEYS. Pseudonyms do not change: the
pseudonym key itself is only re-encrypted, so every row is still found.
"""

from __future__ import annotations

from bot.crypto import PSEUDONYM_KEY_CONTEXT, DataCipher
from bot.inbox_keys import InboxKeys, inbox_context, key_file_of, slot_of
from bot.staff import staff_chat_context
from bot.storage.db import Database
from bot.storage.inbox_repo import InboxRepository
from bot.storage.rotation_repo import Rotation, rotate_columns
from bot.visitors import visitor_chat_context, visitor_prefs_context


def _bytes(key: object) -> bytes:
    return bytes(key)  # type: ignore[arg-type]


COLUMNS: list[Rotation] = [
    ("meta", "key", "value", lambda k: PSEUDONYM_KEY_CONTEXT),
    ("visitors", "pseudonym", "chat", lambda k: visitor_chat_context(_bytes(k))),
    ("visitors", "pseudonym", "prefs", lambda k: visitor_prefs_context(_bytes(k))),
    ("staff", "pseudonym", "chat", lambda k: staff_chat_context(_bytes(k))),
    ("inbox", "update_id", "payload", lambda k: inbox_context(int(k))),  # type: ignore[arg-type]
]


async def rotate_keys(db: Database, cipher: DataCipher) -> dict[str, int]:
    def rotate(token: bytes, context: bytes) -> bytes:
        if slot_of(token) is not None:  # sealed under its own key: see InboxKeys.rewrap
            return token
        return cipher.rotate(token, context)

    counts = await rotate_columns(db, rotate, COLUMNS)
    pending = await InboxRepository(db).pending()
    keys = InboxKeys(key_file_of(db.path), cipher)
    try:
        counts["inbox keys"] = keys.rewrap(
            {u: slot for u, payload in pending if (slot := slot_of(payload)) is not None}
        )
    finally:
        keys.close()
    return counts
