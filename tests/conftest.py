"""Shared fixtures: the real bot over real HTTP against the local Bot API stand-in."""

from __future__ import annotations

import atexit
import datetime as dt
import io
import logging
import os
import random
import shutil
import socket
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import cycle
from pathlib import Path

import pytest
import yaml

from bot.app import configure_logging
from bot.config import decode_data_key
from bot.content.checked import CheckedRecord
from bot.content.loader import Content, load_content
from bot.crypto import generate_data_key
from bot.harness import DEFAULT_SPEC, Harness, offline_settings
from bot.safety import RiskDetector, SafetyLists, load_safety
from bot.safety import lists as safety_lists
from bot.safety.kept import Kept
from bot.safety.schema import FILE_NAME
from bot.standin import SimUser

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
ADMIN_ID = 7_000_000_001
SECOND_ADMIN_ID = 7_000_000_002
# One content record (bot/content/checked.py) for every bot the tests start, signed with one
# data key: each start after the first reads the shipped content as a restart does, instead of
# checking it in full again (tests/test_content_record.py checks the record itself).
RECORD = Path(tempfile.mkdtemp(prefix="content-record-")) / "content-checked"
SESSION_KEY = decode_data_key(generate_data_key())
atexit.register(shutil.rmtree, RECORD.parent, ignore_errors=True)


# Ports for a test's own servers (webhook, a port nothing listens on, `python -m http.server`):
# below the kernel's ephemeral range (32768 and up, which port 0 and every outgoing connection
# draw from), a block of its own for each pytest-xdist worker (12,000 ports shared by however
# many workers run), so a port one test checked free is never taken by another worker, nor by
# a client's connection, before the test binds it. Each run starts at a random place in its
# blocks, so two runs side by side (two checkouts on one machine) hardly ever meet either.
_PORT_FIRST, _PORT_SPAN = 20_000, 12_000
_WORKERS = max(1, int(os.environ.get("PYTEST_XDIST_WORKER_COUNT") or 1))
_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0")[2:] or 0) % _WORKERS
_BLOCK = range(
    _PORT_FIRST + _WORKER * (_PORT_SPAN // _WORKERS),
    _PORT_FIRST + (_WORKER + 1) * (_PORT_SPAN // _WORKERS),
)
_START = random.randrange(len(_BLOCK))
_PORTS = cycle([*_BLOCK[_START:], *_BLOCK[:_START]])


def free_port() -> int:
    """A port of this worker's block that nothing listens on now."""
    for _ in _BLOCK:
        port = next(_PORTS)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue  # taken by something else on this machine: the next one
            return port
    raise AssertionError(f"no free port in {_BLOCK}")


@dataclass
class FakeClock:
    """A clock tests move by hand: the bot and the stand-in read the same time."""

    now: float = 1_795_000_000.0  # November 2026

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def api_spec() -> Path | None:
    return DEFAULT_SPEC if DEFAULT_SPEC.is_file() else None


def together_only(
    locale: str, rule: tuple[str, str, str] | None = None, *, exclude: bool = True
) -> RiskDetector:
    """The detector of a shipped file's `together` rules (or of one rule: level, category,
    line) with the file's classes, modifiers and (unless `exclude` is False) exclusions, and none
    of its phrase lists: what a rule catches by itself."""
    data = _parsed((CONTENT / locale / FILE_NAME).read_text(encoding="utf-8"))
    keep = {key: data[key] for key in ("classes", "together", "modifiers") if key in data}
    if exclude and "exclude" in data:
        keep["exclude"] = data["exclude"]
    if rule is not None:
        level, category, line = rule
        keep["together"] = {level: {category: [line]}}
    return RiskDetector.from_lists(
        [SafetyLists.model_validate({"high": {}, "elevated": {}, **keep})]
    )


def shipped_lists(locale: str) -> SafetyLists:
    """A shipped safety file, as its schema reads it."""
    data = _parsed((CONTENT / locale / FILE_NAME).read_text(encoding="utf-8"))
    return SafetyLists.model_validate(data)


def assert_reads(detector: RiskDetector, text: str, level: str, category: str = "") -> None:
    """A variant fires at `level` with `category` among its categories; a look-alike (level
    "none") stays quiet. The one check of every language's list of wordings."""
    found = detector.assess(text)
    if level == "none":
        assert found.level == "none", (text, found)
    else:
        assert found.level == level and category in found.categories, (text, found)


def rules_no_text_reaches(
    locale: str, texts: list[str], picked: Callable[[str], bool]
) -> tuple[int, list[str]]:
    """Each `together` rule of a shipped file that `picked(rule)` chooses, alone in a detector
    with the file's classes and modifiers and no phrases: (how many were chosen, those that
    none of `texts` reaches). The file is parsed once; a detector per rule is cheap."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load((CONTENT / locale / FILE_NAME).read_text(encoding="utf-8"), Loader=loader)
    keep = {key: data[key] for key in ("classes", "modifiers")}
    untested, seen = [], 0
    for level, groups in data["together"].items():
        for category, rules in groups.items():
            for rule in filter(picked, rules):
                seen += 1
                lists = {
                    "high": {},
                    "elevated": {},
                    **keep,
                    "together": {level: {category: [rule]}},
                }
                detector = RiskDetector.from_lists([SafetyLists.model_validate(lists)])
                if not any(detector.assess(text).at_risk for text in texts):
                    untested.append(f"{level}.{category}: {rule}")
    return seen, untested


def detectors_apart(monkeypatch: pytest.MonkeyPatch) -> Kept:
    """Detectors kept apart from the rest of the run, as in a process of its own (a new start)."""
    own = Kept()
    monkeypatch.setattr(safety_lists, "KEPT", own)
    return own


@pytest.fixture
def record(tmp_path: Path) -> CheckedRecord:
    """A content record beside a database in `tmp_path`, signed with a key of its own."""
    return CheckedRecord(tmp_path / "bot.sqlite3.content-checked", os.urandom(32))


def rule_of(locale: str, line: str) -> tuple[str, str]:
    """(level, category) of a `together` rule line of a shipped file."""
    together = shipped_lists(locale).together
    for level, groups in (("high", together.high), ("elevated", together.elevated)):
        for category, rules in groups.items():
            if line in rules:
                return level, category
    raise AssertionError(f"{locale}: no together rule {line!r}")


@cache
def _parsed(text: str) -> dict:
    """A shipped safety file as YAML reads it, once per text (read only, never changed)."""
    return yaml.safe_load(text)


@pytest.fixture(scope="session")
def shipped_detector() -> RiskDetector:
    """The risk detector of the shipped lists, checked and built once for the whole run."""
    found, problems = load_safety(CONTENT)
    assert problems == [] and found is not None, problems
    return found


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(time.time())


@pytest.fixture
def log_output() -> io.StringIO:
    """Everything the bot logs, formatted exactly as it would reach the operator's console."""
    stream = io.StringIO()
    configure_logging(None, level="DEBUG", stream=stream)
    yield stream
    logging.getLogger().handlers.clear()


@lru_cache(maxsize=1)
def shipped_content(today: dt.date) -> tuple[Content, Content]:
    """The shipped content as every bot the tests start loads it, loaded once a day and held
    for the whole run: checked in full (which writes the shared record), then as a start the
    record vouches for. While they are held, every start and every full check of the same
    files takes them (bot/content/checked.py `Loaded`, bot/safety/kept.py), as a restart in
    one process would, instead of making them again."""
    record = CheckedRecord(RECORD, SESSION_KEY)
    full, problems = load_content(CONTENT, today=today, record=record)
    assert full is not None, [str(p) for p in problems if p.severity == "error"]
    vouched, _ = load_content(CONTENT, today=today, record=record)
    assert vouched is not None
    return full, vouched


@asynccontextmanager
async def running_harness(
    tmp_path: Path, clock: FakeClock, *, content: Path = CONTENT, **changes: object
) -> AsyncIterator[Harness]:
    """The real bot against the stand-in on a fresh database; checks the Bot API on exit."""
    shipped_content(dt.date.today())
    shared = {"data_keys": (SESSION_KEY,), "content_record": RECORD}
    settings = offline_settings(
        tmp_path / "data" / "bot.sqlite3",
        content,
        admin_ids=frozenset({ADMIN_ID, SECOND_ADMIN_ID}),
        **(shared | changes),
    )
    h = Harness(settings, api_spec=api_spec(), clock=clock)
    await h.start()
    try:
        yield h
    finally:
        await h.stop()
    assert h.standin.spec_violations == [], h.standin.spec_violations
    assert h.standin.unused_rules() == [], "arranged failures the bot never met"


@pytest.fixture
async def harness(
    tmp_path: Path, clock: FakeClock, log_output: io.StringIO
) -> AsyncIterator[Harness]:
    """The bot with Telegram's flood limits off (the stand-in is local; tests stay quick).
    `tests/test_visitor_flows.py` runs with them on, as in production."""
    async with running_harness(tmp_path, clock, rate_limit=False) as h:
        yield h


@pytest.fixture
async def editable_harness(
    tmp_path: Path, clock: FakeClock, log_output: io.StringIO
) -> AsyncIterator[Harness]:
    """Like `harness`, on a private copy of the content that tests may change."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    async with running_harness(tmp_path, clock, content=content, rate_limit=False) as h:
        yield h


async def say(h: Harness, user: SimUser, text: str) -> dict:
    """Send as `user`, wait until the bot has handled it, return its latest message."""
    await user.send(text)
    await h.settle()
    return user.last_bot_message()


async def press(h: Harness, user: SimUser, button: str | int) -> dict:
    """Press a button as `user`, wait until the bot has handled it."""
    await user.press(button)
    await h.settle()
    return user.last_bot_message()
