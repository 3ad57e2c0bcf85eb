"""A start a record vouches for is made once in a process (bot/content/checked.py `Loaded`):
the same files, folder, day and default locale give the very content already made; anything
else, and every full check (/reload, uploads, `content check`), is made again."""

from __future__ import annotations

import datetime as dt
import gc
import shutil
from pathlib import Path

import pytest

from bot.content import loader
from bot.content.checked import CheckedRecord, Loaded
from bot.content.loader import load_content

CONTENT = Path(__file__).resolve().parent.parent / "content"


@pytest.fixture(autouse=True)
def loaded(monkeypatch: pytest.MonkeyPatch) -> Loaded:
    """Each test keeps what it loaded apart from the rest of the run, as a process of its own."""
    own = Loaded()
    monkeypatch.setattr(loader, "LOADED", own)
    return own


def test_the_same_start_is_made_once(record: CheckedRecord) -> None:
    full, _ = load_content(CONTENT, record=record)  # a full check writes the record
    first, warnings = load_content(CONTENT, record=record)
    again, same = load_content(CONTENT, record=record)
    assert full is not None and first is not None and first is not full
    assert again is first
    assert same == warnings and same is not warnings and warnings  # unverified contacts
    assert load_content(CONTENT)[0] not in (None, first)  # a full check: made again


def test_another_day_or_default_locale_is_made_again(record: CheckedRecord) -> None:
    load_content(CONTENT, record=record)
    first, _ = load_content(CONTENT, record=record)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    later, _ = load_content(CONTENT, today=tomorrow, record=record)
    assert later is not None and later is not first
    arabic, _ = load_content(CONTENT, "ar", record=record)
    assert arabic is not None and arabic is not first and arabic.default_locale == "ar"


def test_another_folder_or_a_new_subfolder_is_made_again(
    tmp_path: Path, record: CheckedRecord
) -> None:
    load_content(CONTENT, record=record)
    first, _ = load_content(CONTENT, record=record)
    folder = tmp_path / "copy" / "content"
    shutil.copytree(CONTENT, folder)
    copied, _ = load_content(folder, record=record)  # the same bytes: the record vouches
    assert copied is not None and copied is not first
    assert load_content(folder, record=record)[0] is copied
    (folder / "not a locale").mkdir()
    broken, problems = load_content(folder, record=record)
    assert broken is None
    assert "folder name is not a locale code" in [p.message for p in problems]


def test_content_nobody_holds_is_made_again(
    record: CheckedRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keeping costs no memory: once nothing holds the content, a start makes it again."""
    load_content(CONTENT, record=record)
    made: list[int] = []
    check = loader.check_contacts
    monkeypatch.setattr(loader, "check_contacts", lambda *a: made.append(1) or check(*a))
    first, _ = load_content(CONTENT, record=record)
    assert first is not None and load_content(CONTENT, record=record)[0] is first
    assert len(made) == 1
    del first
    gc.collect()
    assert load_content(CONTENT, record=record)[0] is not None
    assert len(made) == 2
