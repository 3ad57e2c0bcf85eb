"""Messages a visitor writes while their words cannot be relayed yet (waiting in the queue, or a
chat being handed over): their ids are kept in `waiting_messages` and passed on later."""

from __future__ import annotations

from typing import Literal

import aiosqlite


async def hold_in(
    conn: aiosqlite.Connection,
    visitor: bytes,
    message_id: int,
    limit: int,
    gate: tuple[str, tuple[object, ...]],
) -> Literal["held", "full"] | None:
    """Keep the id of a message a visitor wrote while their words cannot be relayed yet
    (`waiting_messages`), inside the caller's transaction: None when `gate` (a count query)
    says that time is over (relay it instead), "full" past `limit` messages, else "held"."""
    cur = await conn.execute(
        f"SELECT ({gate[0]}), (SELECT count(*) FROM waiting_messages WHERE visitor = ?)",
        (*gate[1], visitor),
    )
    still, held = await cur.fetchone()
    if not still:
        return None
    if held >= limit:
        return "full"
    await conn.execute(
        "INSERT OR IGNORE INTO waiting_messages (visitor, message_id) VALUES (?, ?)",
        (visitor, message_id),
    )
    return "held"
