"""Shared fixtures: the real bot over real HTTP against the local Bot API stand-in."""

from __future__ import annotations

import io
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.app import configure_logging
from bot.harness import DEFAULT_SPEC, Harness, offline_settings

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
ADMIN_ID = 7_000_000_001


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


@pytest.fixture
async def harness(
    tmp_path: Path, clock: FakeClock, log_output: io.StringIO
) -> AsyncIterator[Harness]:
    settings = offline_settings(tmp_path / "bot.sqlite3", CONTENT, admin_ids=frozenset({ADMIN_ID}))
    h = Harness(settings, api_spec=api_spec(), clock=clock)
    await h.start()
    try:
        yield h
    finally:
        await h.stop()
    assert h.standin.spec_violations == [], h.standin.spec_violations
