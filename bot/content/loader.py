"""Load and validate `content/<locale>/*.yaml`.

`load_content()` reads every locale folder, checks it (schema, every locale against English,
links and numbers, verification dates, placeholders) and returns the merged content together
with every problem found. Three severities:

* error: the content cannot be used (`/reload` keeps the old content live, start-up stops);
* incomplete: a translation lacks something English has; it works (English is shown in its
  place, key by key) but `content check` fails, so a release is never half-translated by accident;
* warning: shown, never blocking (an `unverified` contact, one not re-checked for a year).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.content import strict_yaml
from bot.content.canned import CannedReply, load_canned
from bot.content.checked import LOADED, CheckedRecord, ContentFiles, Loaded
from bot.content.crisis_check import check_contacts
from bot.content.languages import closest
from bot.content.merge import FILES, MISSING, check_rendered_lengths, parse_locale, rel
from bot.content.model import BASE_LOCALE, LocaleContent
from bot.content.practice import Scenario, load_practice
from bot.content.problems import Problem
from bot.hours import FILE_NAME as SERVICE_FILE
from bot.hours import ServiceHours, parse_service
from bot.safety import RiskDetector, load_safety
from bot.zones import SEVERAL_ZONES, SINGLE_ZONE

__all__ = ["FILES", "MISSING", "Content", "ContentError", "Problem", "load_content"]

_LOCALE = re.compile(r"^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})?$")


class ContentError(Exception):
    """Content has errors; `problems` lists them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"{len(errors)} content error(s); first: {errors[0] if errors else '-'}")


@dataclass(frozen=True)
class Content:
    """All locales, merged, and the risk detector built from their phrase lists.

    Immutable: `/reload` swaps in a new one whole, words and phrase lists together.
    """

    locales: dict[str, LocaleContent]
    default_locale: str = BASE_LOCALE
    risk: RiskDetector | None = None
    canned: dict[str, tuple[CannedReply, ...]] = field(default_factory=dict)
    service: ServiceHours | None = None  # operating hours; None: no set hours
    practice: dict[str, tuple[Scenario, ...]] = field(default_factory=dict)

    def locale(self, code: str | None) -> LocaleContent:
        if code and code in self.locales:
            return self.locales[code]
        return self.locales.get(self.default_locale) or self.locales[BASE_LOCALE]

    def match_language(self, language_code: str | None) -> str:
        """The closest locale for a Telegram `language_code` (`pt-br` pt, `zh-tw` zh-Hant,
        `es-mx` es, `pt-ao` pt-PT), else the default: see `bot/content/languages.py`."""
        if language_code:
            found = closest(language_code, tuple(self.locales))
            if found is not None:
                return found
        return self.default_locale if self.default_locale in self.locales else BASE_LOCALE

    def canned_for(self, code: str | None) -> tuple[CannedReply, ...]:
        """The canned replies in a locale (English where it has none)."""
        return self.canned.get(code or "") or self.canned.get(BASE_LOCALE, ())

    def practice_for(self, code: str | None) -> tuple[Scenario, ...]:
        """The practice scenarios in a locale (English where it has none)."""
        return self.practice.get(code or "") or self.practice.get(BASE_LOCALE, ())


def load_content(
    directory: Path,
    default_locale: str = BASE_LOCALE,
    today: dt.date | None = None,
    record: CheckedRecord | None = None,
    model: bool = False,
    files: ContentFiles | None = None,
    *,
    readier: bool = False,
) -> tuple[Content | None, list[Problem]]:
    """Read and check every locale under `directory`. Content is None if there are errors.

    With a `record` (the bot's own start and /reload), files a full check already found sound,
    byte for byte, are not parsed and checked again (see `bot/content/checked.py`); a load
    without errors writes the record for the next time. A load a record vouches for that this
    process already made (the same files, folder, day, default locale and `model`) is not made
    again (`checked.Loaded`). With `model`, the risk detector has the statistical model beside
    the lists (the bot, unless `RISK_MODEL=off`), with `readier` its readier thresholds
    (`RISK_MODEL=on`, the bot's default; `careful`: without). `files`: the files of
    `directory` already read, with or without a record (`bot.content.apart`)."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    if not directory.is_dir():
        return None, [Problem(str(directory), "-", "content folder not found")]
    files = files or ContentFiles(directory, record)
    loaded = Loaded.key_of(files, directory, default_locale, today)
    if loaded is not None:
        loaded = (*loaded, ("model, readier" if readier else "model") if model else "lists alone")
    found = LOADED.get(loaded)
    if found is not None:  # this very load, already made in this process and still held
        return found
    raw: dict[str, dict[str, Any]] = {}
    for folder in sorted(p for p in directory.iterdir() if p.is_dir() and p.name[0] != "."):
        if not _LOCALE.match(folder.name):
            problems.append(Problem(str(folder), "-", "folder name is not a locale code"))
            continue
        raw[folder.name] = {}
        for name in FILES:
            path = folder / name
            if not path.exists():
                if folder.name == BASE_LOCALE:
                    problems.append(Problem(rel(path, directory), "-", "required file missing"))
                continue
            try:
                data = files.parse(path)
            except (yaml.YAMLError, strict_yaml.StrictYamlError, UnicodeDecodeError) as exc:
                problems.append(Problem(rel(path, directory), "-", f"not valid YAML: {exc}"))
                continue
            except OSError as exc:
                problems.append(Problem(rel(path, directory), "-", f"cannot read: {exc}"))
                continue
            raw[folder.name][name] = {} if data is None else data
    if BASE_LOCALE not in raw:
        problems.append(Problem(str(directory / BASE_LOCALE), "-", "the English base is missing"))
        return None, problems
    if default_locale not in raw:
        problems.append(Problem(str(directory), "-", f"DEFAULT_LOCALE {default_locale!r} absent"))

    base = parse_locale(
        BASE_LOCALE, raw[BASE_LOCALE], directory, problems, None, check=not files.checked
    )
    if base is None:
        return None, problems
    locales = {BASE_LOCALE: base}
    variants = {code: _parent_of(files) for code, files in raw.items() if code != BASE_LOCALE}
    for code in sorted(c for c, parent in variants.items() if parent is None):
        merged = parse_locale(code, raw[code], directory, problems, base, check=not files.checked)
        if merged is not None:
            locales[code] = merged
    for code in sorted(c for c, parent in variants.items() if parent is not None):
        parent = variants[code]
        if parent not in locales or variants.get(parent) is not None or parent == code:
            file = rel(directory / code / "ui.yaml", directory)
            problems.append(Problem(file, "meta.parent", f"no full locale {parent!r} to build on"))
            continue
        merged = parse_locale(
            code, raw[code], directory, problems, base, locales[parent], check=not files.checked
        )
        if merged is not None:
            locales[code] = merged
    for loc in locales.values():
        check_rendered_lengths(loc, directory, problems)
    check_contacts(base, rel(directory / BASE_LOCALE / "crisis.yaml", directory), problems, today)
    risk, safety_problems = load_safety(directory, files, model=model, readier=readier)
    problems.extend(Problem(file, key, message) for file, key, message in safety_problems)
    service = _load_service(directory, problems, files)
    _check_topics(base, rel(directory / BASE_LOCALE / "ui.yaml", directory), problems)
    for cc in sorted(set(base.countries) - set(SINGLE_ZONE) - SEVERAL_ZONES):
        problems.append(
            Problem(
                "bot/zones.py",
                cc,
                "no time zone listed for this country: opening times show the service's zone",
                "warning",
            )
        )
    parents = {code: parent for code, parent in variants.items() if parent}
    canned, canned_problems = load_canned(directory, list(locales), parents, files)
    problems.extend(canned_problems)
    practice, practice_problems = load_practice(directory, list(locales), parents, files)
    problems.extend(practice_problems)
    if any(p.severity == "error" for p in problems):
        return None, problems
    files.keep()
    content = Content(locales, default_locale, risk, canned, service, practice)
    LOADED.put(loaded, content, problems)
    return content, problems


_TOPIC_ID = re.compile(r"^[a-z][a-z0-9_]{0,23}$")
MAX_TOPICS = 24  # the topics screen's buttons carry the choice as a 24-bit mask


def _check_topics(base: LocaleContent, file: str, problems: list[Problem]) -> None:
    """The `topic:` list (end-of-chat topics for /stats): plain ids, at most `MAX_TOPICS`."""
    ids = [k.removeprefix("topic.") for k in base.strings if k.startswith("topic.")]
    for tid in ids:
        if not _TOPIC_ID.match(tid):
            problems.append(Problem(file, f"topic.{tid}", "a topic id is a-z, 0-9 and _"))
    if len(ids) > MAX_TOPICS:
        problems.append(Problem(file, "topic", f"at most {MAX_TOPICS} topics"))


def _load_service(
    directory: Path, problems: list[Problem], files: ContentFiles
) -> ServiceHours | None:
    """`content/service.yaml` (operating hours), if there is one."""
    path = directory / SERVICE_FILE
    if not path.exists():
        return None
    file = rel(path, directory)
    try:
        data = files.parse(path)
    except (yaml.YAMLError, strict_yaml.StrictYamlError, UnicodeDecodeError, OSError) as exc:
        problems.append(Problem(file, "-", f"not valid YAML: {exc}"))
        return None
    service, found = parse_service(data, file)
    problems.extend(found)
    return service


def _parent_of(files: dict[str, Any]) -> str | None:
    """The locale a regional variant builds on (`meta.parent`), read before anything is parsed
    so that every parent is ready before its variants."""
    ui = files.get("ui.yaml")
    meta = ui.get("meta") if isinstance(ui, dict) else None
    parent = meta.get("parent") if isinstance(meta, dict) else None
    return parent if isinstance(parent, str) and parent else None
