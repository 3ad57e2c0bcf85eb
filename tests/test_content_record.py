"""The content record: a restart with the same content skips what a full check already did,
and gives exactly the same content; anything else is checked in full (bot/content/checked.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bot.content.checked import CheckedRecord, ContentFiles
from bot.content.loader import Content, load_content
from bot.content.messages import variables
from bot.harness import Harness
from bot.safety import RiskDetector
from tests.conftest import ADMIN_ID, say

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SAYINGS = (
    "I have the rope ready",
    "my family will kill me if they find out",
    "I don't want to die",
    "Noose? no, my nose is running",
    "كتبت رسالة الوداع لأهلي",
    "я хочу умереть",
    "quiero morir",
    "lovely weather today",
)


def said(content: Content) -> dict[tuple[str, str], str]:
    """Every Fluent text of every locale, filled in with a count and a name."""
    out: dict[tuple[str, str], str] = {}
    for code, loc in content.locales.items():
        for key, message in loc.messages.items():
            values = {name: 3 for name in message.counts}
            values |= {n: "River" for n in variables(message.text) - message.counts}
            out[code, key] = message.format(values)
            values = {name: 21 for name in message.counts} | values
            out[code, key + "#21"] = message.format(values)
    return out


def test_a_second_load_of_the_same_content_comes_from_the_record_and_is_the_same(
    record: CheckedRecord,
) -> None:
    full, _ = load_content(CONTENT, record=record)
    assert full is not None and record.path.exists()
    assert oct(record.path.stat().st_mode & 0o777) == "0o600"
    assert ContentFiles(CONTENT, record).checked
    again, _ = load_content(CONTENT, record=record)
    assert again is not None
    for code, loc in full.locales.items():
        other = again.locales[code]
        assert (other.strings, other.pieces, other.steps) == (loc.strings, loc.pieces, loc.steps)
        assert (other.contacts, other.countries) == (loc.contacts, loc.countries)
        assert set(other.messages) == set(loc.messages)
    assert said(again) == said(full)  # plural forms and all, in every locale
    assert (again.canned, again.practice, again.service) == (
        full.canned,
        full.practice,
        full.service,
    )
    assert full.risk is not None and again.risk is not None
    for text in SAYINGS:
        assert again.risk.assess(text) == full.risk.assess(text), text
    assert again.risk.phrase_count == full.risk.phrase_count


def copy(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    return folder


def test_one_changed_byte_means_a_full_check(tmp_path: Path, record: CheckedRecord) -> None:
    content = copy(tmp_path)
    assert load_content(content, record=record)[0] is not None
    safety = content / "en" / "safety.yaml"
    text = safety.read_text(encoding="utf-8")
    safety.write_text(
        text.replace("    - got the rope\n", "    - got the rope\n    - got the rope\n", 1)
    )
    assert not ContentFiles(content, record).checked
    loaded, problems = load_content(content, record=record)
    assert loaded is None
    assert any("duplicate" in p.message for p in problems), problems


def test_a_new_file_means_a_full_check(tmp_path: Path, record: CheckedRecord) -> None:
    content = copy(tmp_path)
    assert load_content(content, record=record)[0] is not None
    (content / "service.yaml").write_text("timezone: Nowhere/City\n", encoding="utf-8")
    assert not ContentFiles(content, record).checked
    assert load_content(content, record=record)[0] is None  # the zone is refused


def test_a_record_signed_with_another_key_or_edited_is_not_trusted(
    tmp_path: Path, record: CheckedRecord
) -> None:
    assert load_content(CONTENT, record=record)[0] is not None
    other = CheckedRecord(record.path, os.urandom(32))  # DATA_KEYS changed, or another bot's
    assert not ContentFiles(CONTENT, other).checked
    raw = record.path.read_bytes()
    record.path.write_bytes(raw.replace(b"got the rope", b"got the soap", 1))
    assert not ContentFiles(CONTENT, record).checked
    record.path.write_bytes(b"not a record")
    assert not ContentFiles(CONTENT, record).checked
    assert load_content(CONTENT, record=record)[0] is not None  # checked in full, rewritten
    assert ContentFiles(CONTENT, record).checked


def test_content_with_errors_leaves_no_record(tmp_path: Path, record: CheckedRecord) -> None:
    content = copy(tmp_path)
    (content / "en" / "ui.yaml").write_text("menu: [not, text]\n", encoding="utf-8")
    assert load_content(content, record=record)[0] is None
    assert not record.path.exists()


def test_a_file_json_cannot_give_back_exactly_means_no_record(
    tmp_path: Path, record: CheckedRecord
) -> None:
    folder = tmp_path / "c"
    (folder / "en").mkdir(parents=True)
    (folder / "en" / "a.yaml").write_text("when: 2026-12-04\n", encoding="utf-8")  # a date
    (folder / "en" / "b.yaml").write_text("words: [one, two]\n", encoding="utf-8")
    files = ContentFiles(folder, record)
    assert files.parse(folder / "en" / "b.yaml") == {"words": ["one", "two"]}
    files.parse(folder / "en" / "a.yaml")
    files.keep()
    assert not record.path.exists()
    files = ContentFiles(folder, record)
    files.parse(folder / "en" / "b.yaml")
    files.keep()
    again = ContentFiles(folder, record)
    assert again.checked and again.parse(folder / "en" / "b.yaml") == {"words": ["one", "two"]}


def test_a_place_the_bot_cannot_write_only_costs_time(tmp_path: Path) -> None:
    (tmp_path / "a file").write_text("not a folder")
    record = CheckedRecord(tmp_path / "a file" / "bot.sqlite3.content-checked", os.urandom(32))
    assert load_content(CONTENT, record=record)[0] is not None  # loaded, nothing kept
    assert not ContentFiles(CONTENT, record).checked


async def test_a_restart_publishes_no_menu_telegram_already_has(editable_harness: Harness) -> None:
    """Telegram keeps command menus between restarts: a restart with the same content sends
    none (and reads the content from its record); /reload and changed words publish again."""
    h = editable_harness

    def published() -> list[dict]:
        calls = h.standin.calls_to("setMyCommands")
        return [c.params for c in calls if c.params["scope"]["type"] == "all_private_chats"]

    first = len(published())
    assert first >= 2  # the default menu and one per language
    assert h.settings.content_record_path.exists()
    await h.restart()
    assert len(published()) == first
    await say(h, h.standin.user(ADMIN_ID), "/reload")
    assert len(published()) == 2 * first
    ui = h.settings.content_dir / "en" / "ui.yaml"
    text = ui.read_text(encoding="utf-8")
    ui.write_text(text.replace('  help: "Help"\n', '  help: "Help and rules"\n', 1))
    await h.restart()
    calls = published()[2 * first :]
    assert len(calls) == first
    assert "Help and rules" in [c["description"] for c in calls[0]["commands"]]


def test_a_restart_takes_the_risk_detector_from_the_record(
    record: CheckedRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The trie built from the lists is kept too: the same lists read by the same code give
    the same trie, so a restart does not build it again (about a fifth of a start)."""
    full, _ = load_content(CONTENT, record=record)
    assert full is not None and full.risk is not None

    def never(*_args: object) -> None:
        raise AssertionError("built again")

    monkeypatch.setattr(RiskDetector, "from_lists", classmethod(never))
    again, _ = load_content(CONTENT, record=record)
    assert again is not None and again.risk is not None
    assert again.risk.state() == full.risk.state()
    for text in SAYINGS:
        assert again.risk.assess(text) == full.risk.assess(text), text


def test_a_restart_lets_the_record_bytes_go_once_read(record: CheckedRecord) -> None:
    """The record's bytes (some megabytes) are not held once its parts are read: held, they
    stood beside the detector being unpickled, at the peak of a restart's memory (session 13:
    151.1 -> 144.5 MB). The files stay vouched for, and what was built is still there."""
    full, _ = load_content(CONTENT, record=record)
    assert full is not None
    files = ContentFiles(CONTENT, record)
    assert files.checked and files._vouched is not None
    assert files.built("risk detector")
    assert files._vouched is None
    assert files.checked and files.built("risk detector")
