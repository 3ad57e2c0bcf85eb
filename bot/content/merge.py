"""Parsing one locale's files and merging a translation over English, key by key and id by id.

English is parsed first and must be complete; every other locale is checked against it (same
keys, same placeholders, same ids) and its gaps are filled from English, so a half-translated
locale still works. Problems are collected, never raised. No `telegram` import.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from bot.content.meta import LocaleMeta, parse_meta, review_problems
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
from bot.content.text_check import MISSING, check_texts

FILES = ("ui.yaml", "self_esteem.yaml", "guide.yaml", "crisis.yaml")
MAX_RENDERED = 3800  # leaves room under Telegram's 4096 for the discreet line and buttons text


def rel(path: Path, root: Path) -> str:
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


def parse_locale(
    code: str,
    files: dict[str, Any],
    root: Path,
    problems: list[Problem],
    base: LocaleContent | None,
    parent: LocaleContent | None = None,
    *,
    check: bool = True,
) -> LocaleContent | None:
    """One locale, checked. English (`base` None) must be complete; another locale is checked
    against English and its gaps filled from English, or from `parent` for a regional variant
    (`pt-PT` over `pt`), which holds only what differs: what it leaves out is no gap. `check`
    False: a full check already found these very texts sound (their messages compile later)."""
    folder = root / code
    f_ui, f_se, f_gd, f_cr = (rel(folder / name, root) for name in FILES)
    ui = files.get("ui.yaml", {})
    meta_data = ui.get("meta") if isinstance(ui, dict) else None
    if isinstance(ui, dict):
        ui = {k: v for k, v in ui.items() if k != "meta"}
    meta = parse_meta(code, meta_data, f_ui, problems).resolved(parent.meta if parent else None)
    problems.extend(review_problems(code, meta, f_ui, BASE_LOCALE))
    start = len(problems)
    names = (f_ui, f_se, f_gd, f_cr)
    loc = _parse_texts(code, meta, ui, files, names, problems, base, parent, check)
    if parent is not None:  # a variant says only what differs: its gaps are not gaps
        problems[start:] = [p for p in problems[start:] if not _gap(p)]
    return loc


def _gap(problem: Problem) -> bool:
    """Something a translation leaves to English ("missing ..."), not something it got wrong."""
    return problem.severity == "incomplete" and problem.message.startswith("missing")


def _parse_texts(
    code: str,
    meta: LocaleMeta,
    ui: Any,
    files: dict[str, Any],
    names: tuple[str, str, str, str],
    problems: list[Problem],
    base: LocaleContent | None,
    parent: LocaleContent | None,
    check: bool,
) -> LocaleContent | None:
    f_ui, f_se, f_gd, f_cr = names
    strings = _flatten(ui, "", f_ui, problems)
    se = files.get("self_esteem.yaml")
    gd = files.get("guide.yaml")
    cr = files.get("crisis.yaml")

    english = base.strings if base else None
    own = check_texts(code, meta, strings, english, f_ui, problems, check=check)
    if base is None:  # English: complete, and the source of every fact
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
            meta=meta,
            strings=strings,
            messages=own,
            pieces=tuple(se_m.pieces),
            steps=tuple(gd_m.steps),
            regions=tuple(cr_m.regions),
            countries=cr_m.countries,
            emergency=cr_m.emergency,
            emergency_note=cr_m.emergency_note,
            contacts=tuple(cr_m.contacts),
        )

    # Another locale: check it against English, then fill its gaps from English (or the parent).
    fill = parent or base
    merged_strings = {**fill.strings, **strings}
    # A text this locale writes plainly must not keep the parent's (or English's) plural forms.
    messages = {k: m for k, m in fill.messages.items() if k not in strings} | own

    pieces = _merge_by_id(fill.pieces, se, "pieces", SelfEsteemFile, f_se, problems)
    steps = _merge_by_id(fill.steps, gd, "steps", GuideFile, f_gd, problems)

    countries = dict(fill.countries)
    regions = list(fill.regions)
    emergency_note = fill.emergency_note
    contacts = list(fill.contacts)
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
            regions = _merge_regions(fill, text, f_cr, problems)
            if text.emergency_note:
                emergency_note = text.emergency_note
            by_id = {c.id: c for c in text.contacts}
            for cid in sorted(set(by_id) - {c.id for c in base.contacts}):
                problems.append(Problem(f_cr, f"contacts.{cid}", "contact not in English"))
            for i, contact in enumerate(fill.contacts):
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
        meta=meta,
        strings=merged_strings,
        messages=messages,
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


def check_rendered_lengths(loc: LocaleContent, root: Path, problems: list[Problem]) -> None:
    for name, items, fields in (
        ("self_esteem.yaml", loc.pieces, ("title", "body", "exercise")),
        ("guide.yaml", loc.steps, ("title", "body")),
    ):
        for item in items:
            size = sum(len(getattr(item, f)) for f in fields)
            if size > MAX_RENDERED:
                problems.append(
                    Problem(rel(root / loc.code / name, root), item.id, f"too long ({size})")
                )
