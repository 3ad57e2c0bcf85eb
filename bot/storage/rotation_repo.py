"""SQL for key rotation: new pseudonyms in every table, every encrypted column re-encrypted.

All of it runs on the connection of one `Database.transaction()`: all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import aiosqlite

# table, key column, encrypted column, context of a row (from its key)
Rotation = tuple[str, str, str, Callable[[object], bytes]]

# Every column that holds a pseudonym (besides `visitors` and `staff`, whose rows carry the
# encrypted chat id each new pseudonym is computed from), and what becomes of a value whose
# Telegram id cannot be recovered (the person's rows are gone: `/forget`, or silence):
#   delete:   the row is about that person alone and is of no use without them
#   scramble: the row stays until its own retention; it gets random bytes that name no one
#             (the same for each of that person's rows, as before)
#   null:     the column may be empty
# A table that gains a pseudonym column must be listed here: `tests/test_rotation.py` looks
# for any old pseudonym left anywhere in the database after a rotation.
PSEUDONYM_COLUMNS: list[tuple[str, str, str]] = [
    ("chat_messages", "pseudonym", "delete"),  # message ids for the quick exit
    ("waiting_messages", "visitor", "delete"),  # held messages of someone unreachable
    ("queue", "visitor", "delete"),  # a place for someone unreachable
    ("blocks", "pseudonym", "delete"),  # cannot follow the person: lifted, and reported
    ("sessions", "visitor", "scramble"),
    ("sessions", "volunteer", "scramble"),
    ("sessions", "observer", "null"),
    ("content_changes", "proposed_by", "scramble"),  # pending ones are cancelled first
    ("transfers", "from_staff", "delete"),  # a transfer nobody can answer any more
    ("transfers", "to_staff", "delete"),
    ("queue_notes", "visitor", "delete"),  # a note for someone unreachable
    ("mentorships", "visitor", "delete"),  # a link to someone who is gone
    ("mentorships", "volunteer", "delete"),
]


class RotationRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn  # inside a transaction

    async def meta(self, key: str) -> bytes | None:
        rows = await self.conn.execute_fetchall("SELECT value FROM meta WHERE key = ?", (key,))
        rows = list(rows)
        return bytes(rows[0][0]) if rows else None

    async def set_meta(self, key: str, value: bytes) -> None:
        await self.conn.execute("UPDATE meta SET value = ? WHERE key = ?", (value, key))

    async def visitors(self) -> list[tuple[bytes, bytes, bytes]]:
        """(pseudonym, encrypted chat, encrypted preferences) of every visitor."""
        rows = await self.conn.execute_fetchall("SELECT pseudonym, chat, prefs FROM visitors")
        return [(bytes(p), bytes(c), bytes(s)) for p, c, s in rows]

    async def staff(self) -> list[tuple[bytes, bytes]]:
        """(pseudonym, encrypted chat) of every volunteer, supervisor and admin."""
        rows = await self.conn.execute_fetchall("SELECT pseudonym, chat FROM staff")
        return [(bytes(p), bytes(c)) for p, c in rows]

    async def rekey(
        self,
        visitors: list[tuple[bytes, bytes, bytes, bytes]],
        staff: list[tuple[bytes, bytes, bytes]],
        mapping: dict[bytes, bytes],
    ) -> dict[str, int]:
        """Give everyone their new pseudonym. `visitors` holds (new pseudonym, chat, prefs, old
        pseudonym), `staff` (new pseudonym, chat, old pseudonym), both re-encrypted for their
        new row; `mapping` is old -> new for everyone whose id is known. Returns counts."""
        conn = self.conn
        counts: dict[str, int] = {}
        await conn.executemany(
            "UPDATE visitors SET pseudonym = ?, chat = ?, prefs = ? WHERE pseudonym = ?", visitors
        )
        await conn.executemany(
            "UPDATE staff SET pseudonym = ?, chat = ? WHERE pseudonym = ?", staff
        )
        counts["visitors"], counts["staff"] = len(visitors), len(staff)
        # In memory (temp_store=MEMORY): the old -> new table never reaches the disk.
        await conn.execute(
            "CREATE TEMP TABLE rekey (old BLOB PRIMARY KEY, new BLOB NOT NULL) WITHOUT ROWID"
        )
        try:
            await conn.executemany("INSERT INTO temp.rekey VALUES (?, ?)", mapping.items())
            for table, column, unknown in PSEUDONYM_COLUMNS:
                await self._rekey_column(table, column, unknown, counts)
        finally:
            await conn.execute("DROP TABLE temp.rekey")
        return counts

    async def _rekey_column(
        self, table: str, column: str, unknown: str, counts: dict[str, int]
    ) -> None:
        conn = self.conn
        lost = f"{column} IS NOT NULL AND {column} NOT IN (SELECT old FROM temp.rekey)"
        rows = await conn.execute_fetchall(f"SELECT count(*) FROM {table} WHERE {lost}")
        counts[f"{table}.{column} unknown"] = next(iter(rows))[0]
        if table == "content_changes":  # nobody could tell the proposer from a second admin
            cursor = await conn.execute(
                f"UPDATE content_changes SET status = 'cancelled' WHERE status = 'pending' "
                f"AND {lost}"
            )
            counts["content_changes cancelled"] = cursor.rowcount
        if unknown == "delete":
            await conn.execute(f"DELETE FROM {table} WHERE {lost}")
        elif unknown == "null":
            await conn.execute(f"UPDATE {table} SET {column} = NULL WHERE {lost}")
        else:  # one random stand-in per unknown person: counts of distinct visitors stay right
            await conn.execute(
                "INSERT INTO temp.rekey SELECT old, randomblob(16) FROM "
                f"(SELECT DISTINCT {column} AS old FROM {table} WHERE {lost})"
            )
        cursor = await conn.execute(
            f"UPDATE {table} SET {column} = (SELECT new FROM temp.rekey WHERE old = {column}) "
            f"WHERE {column} IN (SELECT old FROM temp.rekey)"
        )
        counts[f"{table}.{column}"] = cursor.rowcount


async def rotate_columns(
    conn: aiosqlite.Connection, rotate: Callable[[bytes, bytes], bytes], columns: list[Rotation]
) -> dict[str, int]:
    """Re-encrypt every value with `rotate(token, context)`, inside the caller's transaction."""
    counts: dict[str, int] = {}
    for table, key, column, context in columns:
        rows = await conn.execute_fetchall(
            f"SELECT {key}, {column} FROM {table} WHERE {column} IS NOT NULL"
        )
        changed = 0
        for row_key, token in rows:
            new = rotate(bytes(token), context(row_key))
            if new != bytes(token):
                await conn.execute(
                    f"UPDATE {table} SET {column} = ? WHERE {key} = ?", (new, row_key)
                )
                changed += 1
        counts[f"{table}.{column}"] = changed
    return counts
