"""Settings: one clear line naming a bad setting; tools that need none."""

import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import SettingsError, load_settings
from bot.crypto import generate_data_key

ROOT = Path(__file__).resolve().parent.parent
GOOD = {"TELEGRAM_BOT_TOKEN": "123:abc", "DATA_KEYS": generate_data_key()}


def test_defaults() -> None:
    s = load_settings(GOOD, env_file=None)
    assert s.api_base_url == "https://api.telegram.org/bot"
    assert str(s.database_path) == "data/bot.sqlite3"
    assert s.retention_days == 7 and s.rate_limit and s.default_locale == "en"
    assert s.risk_model and not load_settings({**GOOD, "RISK_MODEL": "off"}, None).risk_model
    assert "abc" not in repr(s)  # the token never shows up in a repr


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"TELEGRAM_BOT_TOKEN": ""}, "TELEGRAM_BOT_TOKEN"),
        ({"TELEGRAM_BOT_TOKEN": "nonsense"}, "TELEGRAM_BOT_TOKEN"),
        ({"DATA_KEYS": ""}, "DATA_KEYS"),
        ({"DATA_KEYS": "short"}, "DATA_KEYS"),
        ({"ADMIN_IDS": "12,abc"}, "ADMIN_IDS"),
        ({"RETENTION_DAYS": "-1"}, "RETENTION_DAYS"),
        ({"VISITOR_RETENTION_DAYS": "3"}, "VISITOR_RETENTION_DAYS"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"TELEGRAM_RATE_LIMIT": "maybe"}, "TELEGRAM_RATE_LIMIT"),
        ({"RISK_MODEL": "yes"}, "RISK_MODEL"),
        ({"TELEGRAM_API_BASE_URL": "ftp://x"}, "TELEGRAM_API_BASE_URL"),
    ],
)
def test_bad_setting_is_named(change: dict[str, str], named: str) -> None:
    with pytest.raises(SettingsError) as err:
        load_settings({**GOOD, **change}, env_file=None)
    assert named in str(err.value)
    assert "\n" not in str(err.value)


def test_env_file_is_read_and_environment_wins(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text(
        f"TELEGRAM_BOT_TOKEN=9:fromfile\nDATA_KEYS={generate_data_key()}\nADMIN_IDS=5,6\n"
    )
    s = load_settings({"ADMIN_IDS": "7"}, env_file=env)
    assert s.token == "9:fromfile" and s.admin_ids == frozenset({7})


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_start_without_settings_says_one_line(tmp_path: Path) -> None:
    result = _run("run", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "TELEGRAM_BOT_TOKEN" in result.stderr and "Traceback" not in result.stderr


def test_keygen_needs_no_settings(tmp_path: Path) -> None:
    result = _run("keygen", cwd=tmp_path)
    assert result.returncode == 0
    assert len(result.stdout.strip()) == 43


async def test_an_old_sqlite_stops_the_start_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The inbox stores a batch with RETURNING (SQLite 3.35): older, the bot says so and stops
    instead of starting deaf."""
    import sqlite3

    from bot.storage.db import Database, StorageError

    monkeypatch.setattr(sqlite3, "sqlite_version_info", (3, 31, 1))
    monkeypatch.setattr(sqlite3, "sqlite_version", "3.31.1")
    with pytest.raises(StorageError, match=r"SQLite 3\.31\.1 is too old.*3\.35\.0"):
        await Database(tmp_path / "bot.sqlite3").open()


def _b64(raw: bytes) -> str:
    import base64

    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    "raw",
    [
        bytes(32),  # all zero
        b"\xff" * 32,  # one byte repeated
        b"abcd" * 8,  # a short pattern repeated
        b"correct horse battery staple!!!!",  # words, not randomness
        bytes(range(16)),  # too short
    ],
    ids=["zeros", "repeated-byte", "pattern", "words", "short"],
)
def test_a_degenerate_data_key_is_refused_by_name(raw: bytes) -> None:
    """A key anyone could guess protects nothing: refused at start, in one line."""
    with pytest.raises(SettingsError) as err:
        load_settings({**GOOD, "DATA_KEYS": f"{generate_data_key()},{_b64(raw)}"}, env_file=None)
    message = str(err.value)
    assert "DATA_KEYS" in message and "keygen" in message and "\n" not in message


def test_a_degenerate_key_stops_the_start_with_one_line(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"TELEGRAM_BOT_TOKEN=1:x\nDATA_KEYS={_b64(bytes(32))}\n")
    result = _run("run", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "DATA_KEYS" in result.stderr and "Traceback" not in result.stderr
