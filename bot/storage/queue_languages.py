"""SQL for the language-matched relay: the language of each waiting visitor, and whether
another language is fine for them (see `bot/relay/languages.py` for the rule).

Every read walks the `queue_language` index (language, any_language, urgent, enqueued_at, id)
a few steps at a time, never the whole queue: the languages present are found by skipping
from one to the next, and each candidate is the first of one range. So `/next` costs the
same with 100 or 100,000 waiting (README, Performance).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.storage.db import Database

# The languages present in the queue, one index step each (a "skip scan"); NULL not included.
PRESENT = (
    "WITH RECURSIVE langs(x) AS ("
    "SELECT (SELECT language FROM queue WHERE language IS NOT NULL ORDER BY language LIMIT 1) "
    "UNION ALL SELECT (SELECT language FROM queue WHERE language > x ORDER BY language LIMIT 1) "
    "FROM langs WHERE x IS NOT NULL) SELECT x FROM langs WHERE x IS NOT NULL"
)
_FIRST = (
    "SELECT * FROM (SELECT visitor, urgent, enqueued_at, language, id, {rank} AS rank "
    "FROM queue WHERE language IS ? AND any_language IS ? AND urgent = ? "
    "ORDER BY enqueued_at, id LIMIT 1)"
)
STATES = (None, 0, 1)  # any_language: not asked, waits for their own, another is fine


def candidates_sql(
    present: Iterable[str | None], reads: tuple[str, ...], covered: set[str] | frozenset[str]
) -> tuple[str, list[Any]] | None:
    """One statement: the first visitor of every (language, answer, urgency) this volunteer
    may take, best first (urgent; then a language they read; then the longest waiting).
    None when no one waits."""
    parts, params = [], []
    for language in present:
        if language is None or language in reads:
            states, rank = STATES, 0
        elif language not in covered:
            states, rank = (None, 1), 1  # not asked, and no free volunteer reads it; or fine
        else:
            states, rank = (1,), 1  # a free volunteer reads it: only if they said it's fine
        for state in states:
            for urgent in (1, 0):
                parts.append(_FIRST.format(rank=rank))
                params += [language, state, urgent]
    if not parts:
        return None
    sql = " UNION ALL ".join(parts) + " ORDER BY urgent DESC, rank, enqueued_at, id LIMIT 1"
    return sql, params


class QueueLanguageSQL:
    """The queue's language columns (a part of `QueueRepository`)."""

    db: Database

    async def present_languages(self) -> list[str | None]:
        """The languages someone waits in (None: visitors from before languages were asked)."""
        rows = await self.db.fetchall(
            f"{PRESENT} UNION ALL SELECT NULL WHERE EXISTS "
            "(SELECT 1 FROM queue WHERE language IS NULL)"
        )
        return [r[0] for r in rows]

    async def set_language(self, visitor: bytes, language: str) -> None:
        """A waiting visitor chose another language for the bot: it is theirs now."""
        await self.db.execute(
            "UPDATE queue SET language = ?, any_language = NULL WHERE visitor = ?",
            (language, visitor),
        )

    async def set_any_language(self, visitor: bytes, value: bool | None) -> bool:
        return (
            await self.db.execute(
                "UPDATE queue SET any_language = ? WHERE visitor = ?",
                (None if value is None else int(value), visitor),
            )
            == 1
        )

    async def ask_to_wait(
        self, covered: set[str] | frozenset[str], visitor: bytes | None = None
    ) -> int:
        """Visitors, not urgent, not asked yet, whose language nobody on duty reads: from now
        they wait for someone who does (they are told, and may say another is fine). With
        `visitor`: only them (they just joined)."""
        if visitor is not None:
            row = await self.db.fetchone("SELECT language FROM queue WHERE visitor = ?", (visitor,))
            languages = [] if row is None or row[0] in covered else [row[0]]
        else:
            languages = [x for x in await self.present_languages() if x not in covered]
        changed = 0
        for language in languages:
            if language is None:
                continue
            changed += await self.db.execute(
                "UPDATE queue SET any_language = 0 WHERE language = ? AND any_language IS NULL "
                "AND urgent = 0" + (" AND visitor = ?" if visitor is not None else ""),
                (language, visitor) if visitor is not None else (language,),
            )
        return changed

    async def by_language(self, cap: int) -> dict[str | None, int]:
        """How many wait in each language, each count stopping at `cap`."""
        counts = {}
        for language in await self.present_languages():
            r = await self.db.fetchone(
                "SELECT count(*) FROM (SELECT 1 FROM queue WHERE language IS ? LIMIT ?)",
                (language, cap),
            )
            counts[language] = r[0]
        return counts

    async def waiting_since(self, before: float, cap: int) -> int:
        """How many joined before `before` (a requeued visitor counts from their first join),
        stopping at `cap`: two ranges of the queue_order index."""
        r = await self.db.fetchone(
            "SELECT min(?, (SELECT count(*) FROM (SELECT 1 FROM queue WHERE urgent = 1 "
            "AND enqueued_at < ? LIMIT ?)) + (SELECT count(*) FROM (SELECT 1 FROM queue "
            "WHERE urgent = 0 AND enqueued_at < ? LIMIT ?)))",
            (cap, before, cap, before, cap),
        )
        return r[0]
