"""Shared pieces of the benchmarks: a bot on the stand-in, open relay sessions, counting.

Every benchmark talks to the local Bot API stand-in on 127.0.0.1 with the bot's rate limiter
off (the limiter would make every figure read "30 a second", Telegram's cap, and hide the bot's
own cost). Sessions are opened through the core (the same services the handlers call), not by
replaying the onboarding conversation: that keeps set-up fast and makes the figures measure
only the relay. Synchronisation is by protocol (stand-in observers), never by sleeping.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import socket
import string
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bot.config import Listen
from bot.harness import Harness, offline_settings
from bot.standin import ApiCall, BotAPIStandIn, SimUser

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
RELAY_METHODS = frozenset({"copyMessage", "sendMessage"})
# Flood control (FLOOD_LIMIT, 20 a minute by default) drops a visitor's messages past the
# limit by design; the benchmarks send hundreds a minute per visitor to load the relay.
NO_FLOOD_LIMIT = 1_000_000


def alias_for(index: int) -> str:
    """A unique volunteer alias made of letters only (digits are refused by the bot), in two
    words (one Latin word could be someone's Telegram username, which the bot refuses)."""
    letters = string.ascii_lowercase
    suffix = ""
    index += 26 * 26  # at least three letters
    while index:
        index, rest = divmod(index, 26)
        suffix = letters[rest] + suffix
    return "Vol " + suffix


def percentile(values: Iterable[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100); NaN for no values."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


@contextlib.asynccontextmanager
async def running_bot(
    *,
    latency: float = 0.0,
    caseload: int = 1,
    directory: Path | None = None,
    webhook: bool = False,
) -> AsyncIterator[Harness]:
    """The real bot (as `python -m bot` builds it) against a fresh stand-in, on a fresh DB.

    Rate limiter and flood control off: they would measure Telegram's caps, not the bot.
    """
    with contextlib.ExitStack() as stack:
        if directory is None:
            directory = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-")))
        settings = offline_settings(
            directory / "bot.sqlite3",
            CONTENT,
            rate_limit=False,
            caseload_limit=caseload,
            flood_limit=NO_FLOOD_LIMIT,
        )
        if webhook:  # the stand-in POSTs each update to the bot, as Telegram does
            with socket.socket() as sock:
                sock.bind(("127.0.0.1", 0))
                port = sock.getsockname()[1]
            settings = replace(
                settings,
                webhook_url=f"http://127.0.0.1:{port}/hook",
                webhook_secret="benchmark-webhook-secret",
                webhook_listen=Listen("127.0.0.1", port),
            )
        harness = Harness(settings, latency=latency, webhook=webhook)
        await harness.start()
        try:
            yield harness
        finally:
            await harness.stop()


@dataclass
class Pair:
    """One open relay session: the visitor and the volunteer, as simulated Telegram users."""

    visitor: SimUser
    volunteer: SimUser


async def open_sessions(h: Harness, count: int, *, per_volunteer: int = 1) -> list[Pair]:
    """`count` active sessions, each visitor paired with a volunteer on duty.

    Uses the core's own services in the order the handlers do (invite, redeem, alias, sign-off,
    duty; visitor joins; volunteer takes next), so the rows are exactly what the bot makes.
    """
    core = h.core
    assert core is not None
    standin = h.standin
    pairs: list[Pair] = []
    volunteers: list[SimUser] = []
    for i in range(math.ceil(count / per_volunteer)):
        user = standin.user(first_name=f"Volunteer {i}", username=f"vol_{i}_tg")
        standin.state.private_chat(user.as_dict())  # Telegram knows the chat once they wrote
        await core.visitors.load(user.id, "en")  # as their /start did, before the invite
        code = await core.staff.create_invite()
        assert await core.staff.redeem(code, user.id) == "ok"
        staff = await core.staff.get(core.visitors.pseudonym(user.id))
        assert staff is not None
        assert await core.staff.choose_alias(staff, alias_for(i)) is None
        staff = await core.staff.get(staff.pseudonym)
        assert staff is not None and await core.staff.sign_off(staff)
        staff = await core.staff.get(staff.pseudonym)
        assert staff is not None
        await core.staff.set_duty(staff, True)
        volunteers.append(user)
    for i in range(count):
        volunteer = volunteers[i // per_volunteer]
        visitor = standin.user(first_name=f"Visitor {i}", username=f"visitor_{i}_tg")
        standin.state.private_chat(visitor.as_dict())
        loaded = await core.visitors.load(visitor.id, "en")
        joined = await core.relay.join(loaded.pseudonym)
        assert joined.outcome == "queued", joined.outcome
        staff = await core.staff.get(core.visitors.pseudonym(volunteer.id))
        assert staff is not None
        session = await core.relay.take_next(staff)
        assert not isinstance(session, str), session
        assert session.visitor == loaded.pseudonym
        pairs.append(Pair(visitor, volunteer))
    return pairs


class DeliveryCounter:
    """Counts successful relayed sends that reach the stand-in, and wakes a waiter at a target.

    Registered as a stand-in `on_call` observer: the count moves the instant the stand-in has
    stored the copy, so waiting on it is waiting on the protocol, not on time.
    """

    def __init__(
        self,
        standin: BotAPIStandIn,
        *,
        methods: frozenset[str] = RELAY_METHODS,
        chats: set[int] | None = None,
        on_delivery: Callable[[ApiCall, float], None] | None = None,
    ) -> None:
        self.standin = standin
        self.methods = methods
        self.chats = chats
        self.on_delivery = on_delivery
        self.count = 0
        self._target: int | None = None
        self._event = asyncio.Event()
        standin.on_call.append(self._observe)

    def _observe(self, call: ApiCall) -> None:
        if not call.ok or call.method not in self.methods:
            return
        if self.chats is not None and call.chat_id not in self.chats:
            return
        self.count += 1
        if self.on_delivery is not None:
            self.on_delivery(call, time.monotonic())
        if self._target is not None and self.count >= self._target:
            self._event.set()

    async def wait_for(self, target: int, timeout: float) -> None:  # noqa: ASYNC109
        """Return once `target` sends in total have been counted; TimeoutError otherwise."""
        if self.count >= target:
            return
        self._target = target
        self._event.clear()
        try:
            async with asyncio.timeout(timeout):
                await self._event.wait()
        except TimeoutError:
            raise TimeoutError(
                f"only {self.count} of {target} relayed messages arrived in {timeout} s"
            ) from None
        finally:
            self._target = None

    def close(self) -> None:
        with contextlib.suppress(ValueError):
            self.standin.on_call.remove(self._observe)


def texts_from_bot(standin: BotAPIStandIn, chat_id: int, prefix: str) -> list[str]:
    """Relayed texts in a chat, in the order the chat shows them; the discreet line dropped."""
    out = []
    for message in standin.chat_history(chat_id):
        if not standin.state.is_from_bot(message):
            continue
        text = message.get("text", "").split("\n")[-1]
        if text.startswith(prefix):
            out.append(text)
    return out


@dataclass
class Figure:
    """One line of the results table."""

    benchmark: str
    name: str
    value: float
    unit: str
    goal: str = ""
    met: bool | None = None
    note: str = ""


@dataclass
class Result:
    """What one benchmark measured: table lines plus raw figures for the JSON line."""

    name: str
    figures: list[Figure] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    def add(
        self,
        name: str,
        value: float,
        unit: str,
        *,
        goal: str = "",
        met: bool | None = None,
        note: str = "",
    ) -> None:
        self.figures.append(Figure(self.name, name, value, unit, goal, met, note))
        self.raw[name] = round(value, 6) if isinstance(value, float) else value


def print_table(results: list[Result]) -> None:
    rows = [("benchmark", "figure", "value", "unit", "goal", "met")]
    for result in results:
        for f in result.figures:
            value = f"{f.value:.4g}" if isinstance(f.value, float) else str(f.value)
            met = "" if f.met is None else ("yes" if f.met else "NO")
            rows.append((f.benchmark, f.name, value, f.unit, f.goal, met))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
    notes = [f for r in results for f in r.figures if f.note]
    for f in notes:
        print(f"note ({f.benchmark}/{f.name}): {f.note}")


def json_line(results: list[Result]) -> str:
    return json.dumps({r.name: r.raw for r in results}, sort_keys=True)


def report(results: list[Result]) -> None:
    """The table, then one JSON line with every figure (what scripts should parse)."""
    print_table(results)
    print(json_line(results), flush=True)
