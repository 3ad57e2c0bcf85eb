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
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from bot.content import strict_yaml
from bot.content.crisis_check import check_contacts
from bot.content.model import (
    BASE_LOCALE,
    CrisisFile,
    CrisisText,
    GuideFile,
    LocaleContent,
    Region,
    SelfEsteemFile,
)
from bot.content.problems import Problem
from bot.hours import FILE_NAME as SERVICE_FILE
from bot.hours import ServiceHours, parse_service
from bot.safety import RiskDetector, load_safety
from bot.zones import SEVERAL_ZONES, SINGLE_ZONE

FILES = ("ui.yaml", "self_esteem.yaml", "guide.yaml", "crisis.yaml")
MISSING = "missing (English is shown instead)"
MAX_RENDERED = 3800  # leaves room under Telegram's 4096 for the discreet line and buttons text
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
    service: ServiceHours | None = None  # operating hours; None: no set hours

    def locale(self, code: str | None) -> LocaleContent:
        if code and code in self.locales:
            return self.locales[code]
        return self.locales.get(self.default_locale) or self.locales[BASE_LOCALE]

    def match_language(self, language_code: str | None) -> str:
        """The supported locale for a Telegram `language_code` like `ar-EG`, else the default."""
        if language_code:
            code = language_code.replace("_", "-")
            for candidate in (code, code.split("-")[0].lower()):
                if candidate in self.locales:
                    return candidate
        return self.default_locale if self.default_locale in self.locales else BASE_LOCALE


def load_content(
    directory: Path, default_locale: str = BASE_LOCALE, today: dt.date | None = None
) -> tuple[Content | None, list[Problem]]:
    """Read and check every locale under `directory`. Content is None if there are errors."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    if not directory.is_dir():
        return None, [Problem(str(directory), "-", "content folder not found")]
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
                    problems.append(Problem(_rel(path, directory), "-", "required file missing"))
                continue
            try:
                data = strict_yaml.load(path.read_text(encoding="utf-8"))
            except (yaml.YAMLError, strict_yaml.StrictYamlError, UnicodeDecodeError) as exc:
                problems.append(Problem(_rel(path, directory), "-", f"not valid YAML: {exc}"))
                continue
            raw[folder.name][name] = {} if data is None else data
    if BASE_LOCALE not in raw:
        problems.append(Problem(str(directory / BASE_LOCALE), "-", "the English base is missing"))
        return None, problems
    if default_locale not in raw:
        problems.append(Problem(str(directory), "-", f"DEFAULT_LOCALE {default_locale!r} absent"))

    base = _parse_locale(BASE_LOCALE, raw[BASE_LOCALE], directory, problems, None)
    if base is None:
        return None, problems
    locales = {BASE_LOCALE: base}
    for code, files in raw.items():
        if code != BASE_LOCALE:
            merged = _parse_locale(code, files, directory, problems, base)
            if merged is not None:
                locales[code] = merged
    for loc in locales.values():
        _check_rendered_lengths(loc, directory, problems)
    check_contacts(base, _rel(directory / BASE_LOCALE / "crisis.yaml", directory), problems, today)
    risk, safety_problems = load_safety(directory)
    problems.extend(Problem(file, key, message) for file, key, message in safety_problems)
    service = _load_service(directory, problems)
    _check_topics(base, _rel(directory / BASE_LOCALE / "ui.yaml", directory), problems)
    for cc in sorted(set(base.countries) - set(SINGLE_ZONE) - SEVERAL_ZONES):
        problems.append(
            Problem(
                "bot/zones.py",
                cc,
                "no time zone listed for this country: opening times show the service's zone",
                "warning",
            )
        )
    if any(p.severity == "error" for p in problems):
        return None, problems
    return (
        Content(locales=locales, default_locale=default_locale, risk=risk, service=service),
        problems,
    )


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


def _load_service(directory: Path, problems: list[Problem]) -> ServiceHours | None:
    """`content/service.yaml` (operating hours), if there is one."""
    path = directory / SERVICE_FILE
    if not path.exists():
        return None
    file = _rel(path, directory)
    try:
        data = strict_yaml.load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, strict_yaml.StrictYamlError, UnicodeDecodeError) as exc:
        problems.append(Problem(file, "-", f"not valid YAML: {exc}"))
        return None
    service, found = parse_service(data, file)
    problems.extend(found)
    return service


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _model(cls: type[BaseModel], data: Any, file: str, problems: list[Problem]) -> BaseModel | None:
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            key = ".".join(str(part) for part in err["loc"]) or "-"
            problems.append(Problem(file, key, err["msg"]))
        return None


def _flatten(data: Any, prefix: str, file: str, problems: list[Problem]) -> dict[str, str]:
    out: dict[str, str] = {}
    if not isinstance(data, dict):
        problems.append(Problem(file, prefix or "-", "expected a mapping of keys to texts"))
        return out
    for key, value in data.items():
        full = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            out.update(_flatten(value, full, file, problems))
        elif isinstance(value, str):
            out[full] = value.strip()
        else:
            problems.append(Problem(file, full, "expected text"))
    return out


UNSAFE_PLACEHOLDER = "<format spec>"


def _placeholders(text: str) -> set[str]:
    """The names `{name}` in a text. A format spec, a conversion or an attribute or index
    (`{position:>400000000}`, `{x!r}`, `{x.y}`) would let a text freeze the bot or reach into
    a value, so any of them is reported as UNSAFE_PLACEHOLDER."""
    try:
        parsed = string.Formatter().parse(text)
        fields = [(n, spec, conv) for _, n, spec, conv in parsed if n is not None]
    except ValueError:
        return {"<unbalanced braces>"}
    names = {name for name, _, _ in fields if name}
    if any(spec or conv or not name.isidentifier() for name, spec, conv in fields):
        names.add(UNSAFE_PLACEHOLDER)
    return names


def _parse_locale(
    code: str,
    files: dict[str, Any],
    root: Path,
    problems: list[Problem],
    base: LocaleContent | None,
) -> LocaleContent | None:
    folder = root / code
    f_ui, f_se, f_gd, f_cr = (_rel(folder / name, root) for name in FILES)
    strings = _flatten(files.get("ui.yaml", {}), "", f_ui, problems)
    se = files.get("self_esteem.yaml")
    gd = files.get("guide.yaml")
    cr = files.get("crisis.yaml")

    for key, text in strings.items():
        if UNSAFE_PLACEHOLDER in _placeholders(text):
            problems.append(Problem(f_ui, key, "placeholders are plain {name}: no : ! . or []"))
    if base is None:  # English: complete, and the source of every fact
        for key, text in strings.items():
            if "<unbalanced braces>" in _placeholders(text):
                problems.append(Problem(f_ui, key, "unbalanced { } in text"))
        se_m = _model(SelfEsteemFile, se, f_se, problems)
        gd_m = _model(GuideFile, gd, f_gd, problems)
        cr_m = _model(CrisisFile, cr, f_cr, problems)
        if not (se_m and gd_m and cr_m):
            return None
        assert isinstance(se_m, SelfEsteemFile)
        assert isinstance(gd_m, GuideFile)
        assert isinstance(cr_m, CrisisFile)
        _unique_ids(se_m.pieces, f_se, "pieces", problems)
        _unique_ids(gd_m.steps, f_gd, "steps", problems)
        _unique_ids(cr_m.contacts, f_cr, "contacts", problems)
        _unique_ids(cr_m.regions, f_cr, "regions", problems)
        return LocaleContent(
            code=code,
            strings=strings,
            pieces=tuple(se_m.pieces),
            steps=tuple(gd_m.steps),
            regions=tuple(cr_m.regions),
            countries=cr_m.countries,
            emergency=cr_m.emergency,
            emergency_note=cr_m.emergency_note,
            contacts=tuple(cr_m.contacts),
        )

    # Another locale: check it against English, then fill its gaps from English.
    for key in sorted(set(base.strings) - set(strings)):
        problems.append(Problem(f_ui, key, MISSING, "incomplete"))
    for key in sorted(set(strings) - set(base.strings)):
        problems.append(Problem(f_ui, key, "not in English: a typo, or a key no longer used"))
    for key in sorted(set(strings) & set(base.strings)):
        if _placeholders(strings[key]) != _placeholders(base.strings[key]):
            want = ", ".join(sorted(_placeholders(base.strings[key]))) or "none"
            problems.append(Problem(f_ui, key, f"placeholders differ from English ({want})"))
    merged_strings = {**base.strings, **strings}

    pieces = _merge_by_id(base.pieces, se, "pieces", SelfEsteemFile, f_se, problems)
    steps = _merge_by_id(base.steps, gd, "steps", GuideFile, f_gd, problems)

    countries = dict(base.countries)
    regions = list(base.regions)
    emergency_note = base.emergency_note
    contacts = list(base.contacts)
    if cr is None:
        problems.append(Problem(f_cr, "-", MISSING, "incomplete"))
    else:
        text = _model(CrisisText, cr, f_cr, problems)
        if isinstance(text, CrisisText):
            for cc in sorted(set(base.countries) - set(text.countries)):
                problems.append(
                    Problem(f_cr, f"countries.{cc}", "missing country name", "incomplete")
                )
            for cc in sorted(set(text.countries) - set(base.countries)):
                problems.append(Problem(f_cr, f"countries.{cc}", "country not in English"))
            countries.update({k: v for k, v in text.countries.items() if k in countries})
            regions = _merge_regions(base, text, f_cr, problems)
            if text.emergency_note:
                emergency_note = text.emergency_note
            by_id = {c.id: c for c in text.contacts}
            for cid in sorted(set(by_id) - {c.id for c in base.contacts}):
                problems.append(Problem(f_cr, f"contacts.{cid}", "contact not in English"))
            for i, contact in enumerate(base.contacts):
                tr = by_id.get(contact.id)
                if tr is None:
                    problems.append(
                        Problem(f_cr, f"contacts.{contact.id}", "missing translation", "incomplete")
                    )
                    continue
                update = {k: v for k in ("name", "hours", "about") if (v := getattr(tr, k))}
                contacts[i] = contact.model_copy(update=update)
    return LocaleContent(
        code=code,
        strings=merged_strings,
        pieces=pieces,
        steps=steps,
        regions=tuple(regions),
        countries=countries,
        emergency=dict(base.emergency),
        emergency_note=emergency_note,
        contacts=tuple(contacts),
    )


def _merge_regions(
    base: LocaleContent, text: CrisisText, file: str, problems: list[Problem]
) -> list[Region]:
    """English regions with this locale's names; the countries in each stay English's."""
    names = {r.id: r.name for r in text.regions}
    for rid in sorted({r.id for r in base.regions} - set(names)):
        problems.append(Problem(file, f"regions.{rid}", "missing region name", "incomplete"))
    for rid in sorted(set(names) - {r.id for r in base.regions}):
        problems.append(Problem(file, f"regions.{rid}", "region not in English"))
    return [
        r.model_copy(update={"name": names[r.id]}) if r.id in names else r for r in base.regions
    ]


def _unique_ids(items: Any, file: str, key: str, problems: list[Problem]) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            problems.append(Problem(file, f"{key}.{item.id}", "id used twice"))
        seen.add(item.id)


def _merge_by_id(
    base_items: tuple[Any, ...],
    data: Any,
    key: str,
    cls: type[BaseModel],
    file: str,
    problems: list[Problem],
) -> tuple[Any, ...]:
    if data is None:
        problems.append(Problem(file, "-", MISSING, "incomplete"))
        return base_items
    parsed = _model(cls, data, file, problems)
    if parsed is None:
        return base_items
    items = {item.id: item for item in getattr(parsed, key)}
    base_ids = [item.id for item in base_items]
    for item_id in base_ids:
        if item_id not in items:
            problems.append(Problem(file, f"{key}.{item_id}", MISSING, "incomplete"))
    for item_id in items:
        if item_id not in base_ids:
            problems.append(Problem(file, f"{key}.{item_id}", "id not in English"))
    return tuple(items.get(b.id, b) for b in base_items)


def _check_rendered_lengths(loc: LocaleContent, root: Path, problems: list[Problem]) -> None:
    for name, items, fields in (
        ("self_esteem.yaml", loc.pieces, ("title", "body", "exercise")),
        ("guide.yaml", loc.steps, ("title", "body")),
    ):
        for item in items:
            size = sum(len(getattr(item, f)) for f in fields)
            if size > MAX_RENDERED:
                problems.append(
                    Problem(_rel(root / loc.code / name, root), item.id, f"too long ({size})")
                )
