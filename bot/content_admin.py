"""Changing content from Telegram: validate, summarise, confirm, apply, roll back.

An admin sends one content file (named `<locale>-<file>.yaml`, e.g. `ar-guide.yaml`). It is
checked together with the rest of the content in a staging copy; if valid, the admin sees what
would change (keys added, changed, removed) and confirms. Applying writes the file atomically
and keeps the previous version, so `/rollback` can restore it. A change to a crisis number,
link or source needs a second admin: a swapped crisis number is an attack. No `telegram`
import.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.content import strict_yaml
from bot.content.loader import FILES, Problem, load_content
from bot.content.model import BASE_LOCALE
from bot.safety import FILE_NAME as SAFETY_FILE

EDITABLE = (*FILES, SAFETY_FILE)
MAX_BYTES = 256 * 1024
_LOCALE_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")


@dataclass(frozen=True)
class Proposal:
    locale: str
    file: str
    body: bytes
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    crisis_facts_changed: bool

    @property
    def path(self) -> str:
        return f"{self.locale}/{self.file}"

    def summary(self, limit: int = 15) -> str:
        """`+ key`, `~ key`, `- key` lines, shortened for a chat message."""
        lines = (
            [f"+ {k}" for k in self.added]
            + [f"~ {k}" for k in self.changed]
            + [f"- {k}" for k in self.removed]
        )
        if len(lines) > limit:
            lines = [*lines[:limit], f"… +{len(lines) - limit}"]
        return "\n".join(lines)


def parse_name(file_name: str | None) -> tuple[str, str] | None:
    """`ar-guide.yaml` -> ('ar', 'guide.yaml'); None if it names no editable file."""
    if not file_name:
        return None
    locale, sep, name = file_name.partition("-")
    if not sep or name not in EDITABLE or not locale or not set(locale) <= _LOCALE_CHARS:
        return None
    return locale, name


def _flatten(data: object, prefix: str = "") -> dict[str, object]:
    """Every leaf by dotted key; list items by their `id` when they have one."""
    out: dict[str, object] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            out.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(data, list) and all(isinstance(i, dict) and "id" in i for i in data):
        for item in data:
            out.update(_flatten(item, f"{prefix}.{item['id']}"))
    else:
        out[prefix] = data
    return out


_FACT_FIELDS = (".reach", ".source", ".countries")


def _crisis_facts(flat: dict[str, object]) -> dict[str, object]:
    """The parts of a crisis file that send people somewhere: numbers, links, sources."""
    return {
        k: v
        for k, v in flat.items()
        if k.startswith("emergency.")
        or (k.startswith("contacts.") and any(field in k for field in _FACT_FIELDS))
    }


def propose(
    content_dir: Path, locale: str, file: str, body: bytes
) -> tuple[Proposal | None, list[Problem]]:
    """Validate `body` as `content/<locale>/<file>` together with the rest of the content."""
    if len(body) > MAX_BYTES:
        return None, [Problem(f"{locale}/{file}", "-", "file too large")]
    try:
        new_data = strict_yaml.load(body.decode("utf-8"))
    except strict_yaml.StrictYamlError as exc:
        return None, [Problem(f"{locale}/{file}", "-", str(exc))]
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        return None, [Problem(f"{locale}/{file}", "-", f"not valid YAML: {exc}")]
    with tempfile.TemporaryDirectory(prefix="content-check-") as tmp:
        staging = Path(tmp) / content_dir.name
        shutil.copytree(content_dir, staging)
        (staging / locale).mkdir(exist_ok=True)
        (staging / locale / file).write_bytes(body)
        _, problems = load_content(staging)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        return None, errors
    old_path = content_dir / locale / file
    old_data = strict_yaml.load(old_path.read_text("utf-8")) if old_path.exists() else {}
    old, new = _flatten(old_data), _flatten(new_data)
    crisis = file == "crisis.yaml"
    return Proposal(
        locale=locale,
        file=file,
        body=body,
        added=tuple(sorted(set(new) - set(old))),
        changed=tuple(sorted(k for k in set(new) & set(old) if new[k] != old[k])),
        removed=tuple(sorted(set(old) - set(new))),
        crisis_facts_changed=crisis
        and locale == BASE_LOCALE
        and _crisis_facts(old) != _crisis_facts(new),
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
