"""Fill a real bot database fast: many waiting visitors, volunteers on duty, active sessions.

Rows are written with `executemany` in the exact shape the bot writes them (read
bot/storage/migrations.py): pseudonyms from the bot's own key, chat ids and preferences
encrypted under the bot's own contexts, so the bot started on this file can read every row and
write to every person. Only the speed differs from a hundred thousand `/talk`s.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field

from bot.core import Core
from bot.staff import staff_chat_context
from bot.visitors import Prefs, visitor_chat_context, visitor_prefs_context

FIRST_VISITOR_ID = 6_000_000_001
FIRST_VOLUNTEER_ID = 8_000_000_001


@dataclass
class Population:
    """Telegram ids of everyone written, by role (so a benchmark can act as them)."""

    waiting: list[int] = field(default_factory=list)
    in_session: list[tuple[int, int]] = field(default_factory=list)  # (visitor, volunteer)
    volunteers: list[int] = field(default_factory=list)


def _letters(index: int) -> str:
    out = ""
    index += 26 * 26
    while index:
        index, rest = divmod(index, 26)
        out = chr(ord("a") + rest) + out
    return out


async def populate(
    core: Core,
    *,
    waiting: int,
    sessions: int = 0,
    volunteers: int = 20,
    caseload: int = 1,
    seed: int = 1,
    visitor_rows: bool = True,
) -> Population:
    """Write `waiting` queued visitors, `volunteers` on duty and `sessions` active chats."""
    rng = random.Random(seed)
    now = core.clock()
    cipher, pseudonym = core.cipher, core.visitors.pseudonym
    db = core.db
    population = Population()
    prefs = asdict(Prefs(locale="en", welcomed=True))
    day = int(now // 86400)

    staff_rows = []
    for i in range(volunteers):
        tid = FIRST_VOLUNTEER_ID + i
        p = pseudonym(tid)
        languages = "en,ar" if i % 2 else "en"  # the language-matched relay has work to do
        staff_rows.append(
            (
                p,
                cipher.encrypt_int(tid, staff_chat_context(p)),
                f"Vol{_letters(i)}",
                now - 3600,
                languages,
            )
        )
        population.volunteers.append(tid)
    await db.executemany(
        "INSERT INTO staff (pseudonym, chat, alias, role, status, on_duty, duty_since, "
        "created_at, languages) VALUES (?, ?, ?, 'volunteer', 'active', 1, ?, 0, ?)",
        staff_rows,
    )

    visitor_ids = [FIRST_VISITOR_ID + i for i in range(waiting + sessions)]
    if visitor_rows:
        batch = []
        for tid in visitor_ids:
            p = pseudonym(tid)
            batch.append(
                (
                    p,
                    cipher.encrypt_int(tid, visitor_chat_context(p)),
                    cipher.encrypt_json(prefs, visitor_prefs_context(p)),
                    day,
                )
            )
            if len(batch) >= 10_000:
                await db.executemany("INSERT INTO visitors VALUES (?, ?, ?, ?)", batch)
                batch = []
        if batch:
            await db.executemany("INSERT INTO visitors VALUES (?, ?, ?, ?)", batch)

    queue_rows = []
    for n, tid in enumerate(visitor_ids[:waiting]):
        enqueued = now - (waiting - n) * 0.5  # oldest first, half a second apart
        language = "ar" if rng.random() < 0.1 else "en"  # one in ten waits in Arabic
        queue_rows.append((pseudonym(tid), int(rng.random() < 0.05), enqueued, now, language))
        population.waiting.append(tid)
    if queue_rows:
        await db.executemany(
            "INSERT INTO queue (visitor, urgent, enqueued_at, last_seen, language) "
            "VALUES (?, ?, ?, ?, ?)",
            queue_rows,
        )

    session_rows = []
    for n, tid in enumerate(visitor_ids[waiting:]):
        index = (n // caseload) % max(volunteers, 1)
        volunteer = FIRST_VOLUNTEER_ID + index
        session_rows.append(
            (pseudonym(tid), pseudonym(volunteer), f"{n:04X}"[-4:], f"Vol{_letters(index)}",
             now - 600, now - 30)
        )  # fmt: skip
        population.in_session.append((tid, volunteer))
    if session_rows:
        # both sides have spoken lately, so no timeout of the sweep fires on them
        await db.executemany(
            "INSERT INTO sessions (visitor, volunteer, visitor_alias, volunteer_alias, status, "
            "urgent, waited, started_at, last_visitor_at, last_volunteer_at) "
            "VALUES (?, ?, ?, ?, 'active', 0, 60, ?, ?, ?)",
            [(*row, now) for row in session_rows],
        )
    return population
