"""SQL for key rotation: every encrypted column, row by row, in one transaction."""

from __future__ import annotations

from collections.abc import Callable

from bot.storage.db import Database

# table, key column, encrypted column, context of a row (from its key)
Rotation = tuple[str, str, str, Callable[[object], bytes]]


async def rotate_columns(
    db: Database, rotate: Callable[[bytes, bytes], bytes], columns: list[Rotation]
) -> dict[str, int]:
    """Re-encrypt every value with `rotate(token, context)`; all or nothing."""
    counts: dict[str, int] = {}
    async with db.transaction() as conn:
        for table, key, column, context in columns:
            cur = await conn.execute(
                f"SELECT {key}, {column} FROM {table} WHERE {column} IS NOT NULL"
            )
            rows = await cur.fetchall()
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
