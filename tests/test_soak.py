"""Crash soak: the real bot process killed with SIGKILL ten times while it relays 1,000 messages.

The bot runs as an operator runs it (`python -m bot run`, set by environment) against the
stand-in in this process. Two chats are open; 250 messages go each way in each. At ten moments
chosen by a seeded RNG (the n-th relayed message reaching Telegram, then 0-20 ms more) the
process is killed with SIGKILL, no goodbye, and started again on the same database.
Afterwards each person's chat must show every message exactly once, in the order it was sent.

One duplicate is unavoidable and documented (README, Guarantees): the process dies after
Telegram accepted a copy but before the database recorded it, and the copy is sent again at
the next start. A duplicate is accepted as that window only if it is exactly that: the two
copies are adjacent, the first reached Telegram before a kill and the second after it, and that
kill explains at most one duplicate per chat. Each one is reported (a warning, and the numbers
below); anything else fails the test.

Then the privacy scan: the SQLite file, its WAL and every log line the processes wrote hold no
Telegram id, name, username or message text from the run.

SOAK_SEED picks another kill plan; SOAK_REPORT names a file to append a JSON summary to.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import random
import signal
import sqlite3
import struct
import sys
import time
import warnings
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import decode_data_key
from bot.core import Core
from bot.crypto import generate_data_key
from bot.harness import offline_settings
from bot.standin import ApiCall, BotAPIStandIn, SimUser

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
PER_STREAM = 250  # 2 chats x 2 directions x 250 = 1,000 messages
KILLS = 10
CHUNK = 50  # messages queued at a time: a few dozen in flight when a kill comes
SEED = int(os.environ.get("SOAK_SEED", "20261124"))


class SoakWindowWarning(UserWarning):
    """A message was sent twice through the documented crash window (see module docstring)."""


@dataclass
class Stream:
    """One direction of one chat: who writes, who reads, what they should read."""

    name: str
    sender: SimUser
    receiver: SimUser
    texts: list[str] = field(default_factory=list)


async def open_chats(standin: BotAPIStandIn, database: Path, key: str) -> list[SimUser]:
    """Two volunteers on duty, each in a chat with a visitor, made through the core's own
    services in the order the handlers call them. Returns [visitor, volunteer] * 2."""
    settings = offline_settings(
        database, CONTENT, rate_limit=False, data_keys=(decode_data_key(key),)
    )
    core = await Core.open(settings)
    people: list[SimUser] = []
    try:
        for n, alias in enumerate(("River Song", "Noor Ali")):
            volunteer = standin.user(first_name=f"Soakvolname{n}", username=f"soak_vol_{n}_q")
            visitor = standin.user(first_name=f"Soakvisname{n}", username=f"soak_vis_{n}_q")
            for user in (volunteer, visitor):
                standin.state.private_chat(user.as_dict())
            code = await core.staff.create_invite()
            assert await core.staff.redeem(code, volunteer.id) == "ok"
            staff = await core.staff.get(core.visitors.pseudonym(volunteer.id))
            assert staff is not None and await core.staff.choose_alias(staff, alias) is None
            staff = await core.staff.get(staff.pseudonym)
            assert staff is not None and await core.staff.sign_off(staff)
            staff = await core.staff.get(staff.pseudonym)
            assert staff is not None
            await core.staff.set_duty(staff, True)
            staff = await core.staff.get(staff.pseudonym)
            loaded = await core.visitors.load(visitor.id, "en")
            assert (await core.relay.join(loaded.pseudonym)).outcome == "queued"
            session = await core.relay.take_next(staff)
            assert not isinstance(session, str), session
            people += [visitor, volunteer]
    finally:
        await core.close()
    return people


class BotProcess:
    """`python -m bot run` in its own process; every run's stderr kept for the privacy scan."""

    def __init__(self, env: dict[str, str], cwd: Path) -> None:
        self.env = env
        self.cwd = cwd
        self.logs: list[Path] = []
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        log = self.cwd / f"bot-{len(self.logs)}.log"
        self.logs.append(log)
        with log.open("wb") as stderr:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", cwd=self.cwd, env=self.env,
                stdout=asyncio.subprocess.DEVNULL, stderr=stderr,
            )  # fmt: skip

    async def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()

    async def stop(self) -> int:
        assert self.process is not None
        if self.process.returncode is None:
            self.process.terminate()
        return await self.process.wait()

    def log_text(self) -> bytes:
        return b"".join(path.read_bytes() for path in self.logs if path.exists())


class Deliveries:
    """Every relayed message as it reaches Telegram, with the moment it arrived."""

    def __init__(self, standin: BotAPIStandIn, chats: set[int]) -> None:
        self.standin = standin
        self.chats = chats
        self.arrivals: dict[str, list[float]] = defaultdict(list)
        self.calls = 0
        self._waiter: tuple[int, asyncio.Event] | None = None
        self.unique_target: tuple[int, asyncio.Event] | None = None
        standin.on_call.append(self.observe)

    def observe(self, call: ApiCall) -> None:
        if not call.ok or call.method not in {"sendMessage", "copyMessage"}:
            return
        if call.chat_id not in self.chats:
            return
        text = (self.standin.text_sent(call) or "").split("\n")[-1]
        if not text.startswith("soak-"):
            return
        self.arrivals[text].append(time.monotonic())
        self.calls += 1
        if self._waiter is not None and self.calls >= self._waiter[0]:
            self._waiter[1].set()
        if self.unique_target is not None and len(self.arrivals) >= self.unique_target[0]:
            self.unique_target[1].set()

    async def wait_calls(self, target: int, timeout: float) -> None:  # noqa: ASYNC109
        if self.calls >= target:
            return
        event = asyncio.Event()
        self._waiter = (target, event)
        try:
            async with asyncio.timeout(timeout):
                await event.wait()
        finally:
            self._waiter = None

    async def wait_unique(self, target: int, timeout: float) -> None:  # noqa: ASYNC109
        if len(self.arrivals) >= target:
            return
        event = asyncio.Event()
        self.unique_target = (target, event)
        try:
            async with asyncio.timeout(timeout):
                await event.wait()
        except TimeoutError:
            raise AssertionError(
                f"only {len(self.arrivals)} of {target} messages arrived in {timeout} s"
            ) from None
        finally:
            self.unique_target = None


def read_chat(standin: BotAPIStandIn, stream: Stream) -> list[str]:
    """What the receiver's Telegram shows from this stream, in order (discreet line dropped)."""
    out = []
    for message in standin.chat_history(stream.receiver.id):
        if standin.state.is_from_bot(message):
            text = message.get("text", "").split("\n")[-1]
            if text.startswith(f"soak-{stream.name}-"):
                out.append(text)
    return out


def judge(
    streams: list[Stream],
    shown: dict[str, list[str]],
    arrivals: dict[str, list[float]],
    kill_times: list[float],
) -> tuple[list[str], list[str]]:
    """(problems, window duplicates): what breaks exactly-once-in-order, and what is only the
    documented crash window."""
    problems: list[str] = []
    window: list[str] = []
    for stream in streams:
        got = shown[stream.name]
        missing = [t for t in stream.texts if t not in got]
        if missing:
            problems.append(f"{stream.name}: {len(missing)} lost, first {missing[:3]}")
        collapsed = [t for i, t in enumerate(got) if i == 0 or got[i - 1] != t]
        if collapsed != [t for t in stream.texts if t in got]:
            problems.append(f"{stream.name}: out of order")
        if len(collapsed) != len(set(collapsed)):
            problems.append(f"{stream.name}: a message shown twice, not adjacent")
        kills_used: set[int] = set()
        for text in sorted({t for t in got if got.count(t) > 1}, key=got.index):
            times = arrivals.get(text, [])
            if len(times) != got.count(text):
                problems.append(f"{text}: shown {got.count(text)} times, sent {len(times)}")
                continue
            # every extra copy needs its own kill between it and the copy before
            for first, second in itertools.pairwise(times):
                between = [
                    k for k, at in enumerate(kill_times)
                    if first <= at <= second and k not in kills_used
                ]  # fmt: skip
                if not between:
                    problems.append(f"{text}: sent again with no crash in between to explain it")
                    break
                kills_used.add(between[0])
                window.append(text)
    return problems, window


def append_report(summary: dict[str, object]) -> None:
    """One JSON line per run in $SOAK_REPORT, to count the window over many runs."""
    if os.environ.get("SOAK_REPORT"):
        with Path(os.environ["SOAK_REPORT"]).open("a") as report:
            report.write(json.dumps(summary) + "\n")


async def test_sigkill_soak_delivers_every_message_once_and_in_order(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    standin = BotAPIStandIn(token="424242:SOAK-TEST-TOKEN")
    await standin.start()
    try:
        key = generate_data_key()
        database = tmp_path / "bot.sqlite3"
        v0, w0, v1, w1 = await open_chats(standin, database, key)
        streams = [
            Stream("a", v0, w0), Stream("b", w0, v0), Stream("c", v1, w1), Stream("d", w1, v1)
        ]  # fmt: skip
        for stream in streams:
            stream.texts = [f"soak-{stream.name}-{i:03d}-Qz" for i in range(PER_STREAM)]
        total = len(streams) * PER_STREAM
        env = dict(os.environ)
        env.update(
            TELEGRAM_BOT_TOKEN=standin.token, TELEGRAM_API_BASE_URL=standin.base_url,
            DATA_KEYS=key, DATABASE_PATH=str(database), CONTENT_DIR=str(CONTENT),
            TELEGRAM_RATE_LIMIT="off", FLOOD_LIMIT="600", LOG_LEVEL="INFO", PYTHONPATH=str(ROOT),
        )  # fmt: skip
        deliveries = Deliveries(standin, {user.id for user in (v0, w0, v1, w1)})
        kill_at = sorted(rng.sample(range(20, total - 20), KILLS))
        kill_times: list[float] = []
        bot = BotProcess(env, tmp_path)
        await bot.start()
        started = time.monotonic()
        interleaved = [(s, t) for i in range(PER_STREAM) for s in streams for t in [s.texts[i]]]
        for offset in range(0, total, CHUNK):
            for stream, text in interleaved[offset : offset + CHUNK]:
                await stream.sender.send(text)
            pushed = offset + CHUNK
            while kill_at and kill_at[0] <= pushed:
                await deliveries.wait_calls(kill_at.pop(0), timeout=60)
                # Right after a copy reached Telegram the bot is, by construction, inside the
                # window; a seeded pause of 0-20 ms moves the kill to an arbitrary point of its
                # work. (The pause places the kill; it synchronises nothing.)
                await asyncio.sleep(rng.uniform(0, 0.02))
                await bot.kill()
                kill_times.append(time.monotonic())
                await bot.start()
        await deliveries.wait_unique(total, timeout=90)
        await standin.wait_delivered(timeout=30)
        wal = database.with_name(database.name + "-wal")
        wal_bytes = wal.read_bytes() if wal.exists() else b""
        assert await bot.stop() == 0, "the bot did not stop cleanly after the soak"
        elapsed = time.monotonic() - started

        with sqlite3.connect(database) as db:
            (unfinished,) = db.execute("SELECT count(*) FROM inbox WHERE done = 0").fetchone()
        assert unfinished == 0, f"{unfinished} updates left unhandled in the inbox"

        shown = {s.name: read_chat(standin, s) for s in streams}
        problems, window = judge(streams, shown, deliveries.arrivals, kill_times)
        summary = {
            "seed": SEED, "kills": len(kill_times), "messages": total,
            "window_duplicates": len(window), "duplicated": window, "seconds": round(elapsed, 1),
        }  # fmt: skip
        append_report(summary)
        assert problems == [], problems
        if window:
            warnings.warn(
                SoakWindowWarning(
                    f"{len(window)} of {total} messages were delivered twice through the "
                    f"documented window (killed after Telegram accepted the copy, before the "
                    f"database recorded it): {window}"
                ),
                stacklevel=1,
            )

        # privacy: the file, its WAL (as it was while the bot ran) and every log line
        people = (v0, w0, v1, w1)
        secrets = [t.encode() for s in streams for t in s.texts]
        for person in people:
            secrets += [str(person.id).encode(), struct.pack(">q", person.id),
                        struct.pack("<q", person.id)]  # fmt: skip
            secrets += [person.first_name.encode(), (person.username or "").encode()]
        for name, data in (
            ("database", database.read_bytes()),
            ("WAL", wal_bytes),
            ("logs", bot.log_text()),
        ):
            found = [s for s in secrets if s in data]
            assert found == [], f"the {name} holds {found[:5]}"
        assert standin.token.split(":")[1].encode() not in bot.log_text()
        assert standin.internal_errors == []
    finally:
        await standin.stop()
