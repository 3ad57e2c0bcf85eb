"""Changing content from Telegram: validate, summarise, confirm, apply, roll back.

An admin sends one content file (named `<locale>-<file>.yaml`, e.g. `ar-guide.yaml`). It is
checked together with the rest of the content in a staging copy; if valid, the admin sees what
would change (every old -> new value). Every change, a rollback too, needs a second admin:
whatever a visitor reads (a crisis number, the hours beside it, a country name, the safety
phrase lists that decide whether the crisis reply fires at all) can be turned against them, and
no rule that tries to tell the harmless changes apart has held up. The proposer can never apply
their own change; the proposal is checked again against the live files when Apply is pressed
and expires after `PROPOSAL_TTL_HOURS`. Applying writes the file atomically and keeps the
previous version, so `/rollback` can restore it. No `telegram` import.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.content import apart, strict_yaml
from bot.content.canned import CANNED_FILE
from bot.content.loader import FILES, Problem
from bot.content.practice import PRACTICE_FILE
from bot.content_diff import diff_lines, fit, flatten
from bot.hours import FILE_NAME as SERVICE_FILE
from bot.safety import FILE_NAME as SAFETY_FILE

EDITABLE = (*FILES, SAFETY_FILE, CANNED_FILE, PRACTICE_FILE)
MAX_BYTES = 256 * 1024
PROPOSAL_TTL_HOURS = 24  # a proposal nobody confirmed in a day is no longer what was discussed
DIFF_BUDGET = 9000  # old -> new shown in full up to this (about three messages), then counted
_LOCALE_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


@dataclass(frozen=True)
class Proposal:
    """A checked content file and what it would change, against the live file it was checked
    against (`base`: a hash of that file, so a proposal made stale by another change is
    refused when someone presses Apply, instead of quietly reverting that change)."""

    locale: str
    file: str
    body: bytes
    base: bytes
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    lines: tuple[str, ...]

    @property
    def path(self) -> str:
        return content_path(self.locale, self.file)

    def summary(self, budget: int = DIFF_BUDGET) -> tuple[str, int]:
        """Every old -> new value that fits in `budget` characters, and how many lines did not."""
        return fit(list(self.lines), budget)


def content_path(locale: str, file: str) -> str:
    """`ar/guide.yaml`; `service.yaml` (the opening hours: no locale) at the top."""
    return f"{locale}/{file}" if locale else file


def parse_name(file_name: str | None) -> tuple[str, str] | None:
    """`ar-guide.yaml` -> ('ar', 'guide.yaml'), `pt-PT-ui.yaml` -> ('pt-PT', 'ui.yaml');
    `service.yaml` (the opening hours, for every language) -> ('', 'service.yaml'); None if it
    names no editable file. (No file name has a hyphen, so the last one ends the locale.)"""
    if not file_name:
        return None
    if file_name == SERVICE_FILE:
        return "", SERVICE_FILE
    locale, sep, name = file_name.rpartition("-")
    if not sep or name not in EDITABLE or not locale or not set(locale) <= _LOCALE_CHARS:
        return None
    if locale.startswith("-") or locale.endswith("-") or "--" in locale:
        return None
    return locale, name


def propose(
    content_dir: Path, locale: str, file: str, body: bytes
) -> tuple[Proposal | None, list[Problem]]:
    """Validate `body` as `content/<locale>/<file>` together with the rest of the content."""
    if len(body) > MAX_BYTES:
        return None, [Problem(content_path(locale, file), "-", "file too large")]
    try:
        new_data = strict_yaml.load(body.decode("utf-8"))
    except strict_yaml.StrictYamlError as exc:
        return None, [Problem(content_path(locale, file), "-", str(exc))]
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        return None, [Problem(content_path(locale, file), "-", f"not valid YAML: {exc}")]
    with tempfile.TemporaryDirectory(prefix="content-check-") as tmp:
        staging = Path(tmp) / content_dir.name
        shutil.copytree(content_dir, staging)
        (staging / locale).mkdir(exist_ok=True)
        (staging / locale / file).write_bytes(body)
        problems = apart.check(staging)  # in a child process (see bot/content/apart.py)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        return None, errors
    old_path = content_dir / locale / file
    old_body = old_path.read_bytes() if old_path.exists() else b""
    old_data = strict_yaml.load(old_body.decode("utf-8")) if old_body else {}
    old, new = flatten(old_data), flatten(new_data)
    return Proposal(
        locale=locale,
        file=file,
        body=body,
        base=hashlib.sha256(old_body).digest(),
        added=tuple(sorted(set(new) - set(old))),
        changed=tuple(sorted(k for k in set(new) & set(old) if new[k] != old[k])),
        removed=tuple(sorted(set(old) - set(new))),
        lines=tuple(diff_lines(old, new)),
    ), problems


class ContentFiles:
    """Writes content files and keeps every replaced version for `/rollback`."""

    def __init__(self, content_dir: Path, history_dir: Path) -> None:
        self.content_dir = content_dir
        self.history_dir = history_dir

    def apply(self, locale: str, file: str, body: bytes, stamp: str, *, keep: bool = True) -> None:
        """Keep the current version in the history (unless this is a rollback, which walks
        back through it), then replace the file atomically."""
        target = self.content_dir / locale / file
        target.parent.mkdir(parents=True, exist_ok=True)
        if keep:
            self.history_dir.mkdir(parents=True, exist_ok=True)
            previous = target.read_bytes() if target.exists() else b""
            (self.history_dir / f"{stamp}__{locale}__{file}").write_bytes(previous)
        temporary = target.with_name(target.name + ".new")
        temporary.write_bytes(body)
        temporary.replace(target)

    def last_change(self) -> tuple[str, str, bytes, str] | None:
        """(locale, file, previous body, history entry name) of the latest applied change."""
        if not self.history_dir.is_dir():
            return None
        entries = sorted(self.history_dir.iterdir())
        if not entries:
            return None
        latest = entries[-1]
        _, locale, file = latest.name.split("__", 2)
        return locale, file, latest.read_bytes(), latest.name

    def consume(self, entry: str) -> None:
        """A history entry that was rolled back to is used up: the next rollback goes further."""
        if "/" not in entry and entry:
            (self.history_dir / entry).unlink(missing_ok=True)
