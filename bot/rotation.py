"""`python -m bot rotate-keys`: re-encrypt everything under the newest key in DATA_KEYS.

Afterwards the older keys can be removed from DATA_KEYS. Pseudonyms do not change: the
pseudonym key itself is only re-encrypted, so every row is still found.
"""

from __future__ import annotations

from bot.crypto import PSEUDONYM_KEY_CONTEXT, DataCipher
from bot.polling import inbox_context
from bot.staff import staff_chat_context
from bot.storage.db import Database
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
    return await rotate_columns(db, cipher.rotate, COLUMNS)
