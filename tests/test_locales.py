"""Locales: the `meta` block, regional variants built on a parent (`pt-PT` over `pt`), locale
folder names like `zh-Hant`, and content uploads for them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.content.i18n import t
from bot.content.loader import load_content
from bot.content_admin import parse_name, propose

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"

PT = """\
meta:
  language_name: Português
  direction: ltr
  review: {status: needs-native-review}
menu:
  text: "O que te ajudaria agora?"
button:
  menu: "☰ Menu"
  next: "Próximo ›"
"""
PT_PT = """\
meta:
  language_name: Português (Portugal)
  parent: pt
  review: {status: signed-off, by: Rio Alves, date: 2026-12-04}
button:
  next: "Seguinte ›"
"""


def copy_with(tmp_path: Path, files: dict[str, str], fresh: tuple[str, ...] = ()) -> Path:
    """The shipped content with `files` written over it; the `fresh` locale folders start empty
    (a stub must not be mixed with a shipped translation's other files)."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    for folder in fresh:
        shutil.rmtree(copy / folder, ignore_errors=True)
    for name, text in files.items():
        path = copy / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return copy


def test_shipped_locales_have_meta() -> None:
    content, problems = load_content(CONTENT)
    assert content is not None
    en, ar = content.locale("en"), content.locale("ar")
    assert (en.language_name, en.meta.direction, en.meta.parent) == ("English", "ltr", None)
    assert (ar.language_name, ar.meta.direction, ar.rtl) == ("العربية", "rtl", True)
    assert ar.meta.review is not None and ar.meta.review.status == "needs-native-review"
    assert not any(k.startswith("meta.") for k in en.strings)  # meta is not a text
    review = [p for p in problems if p.key == "meta.review"]
    # every locale awaiting native review is a warning, never a blocking problem
    assert ("content/ar/ui.yaml", "warning") in [(p.file, p.severity) for p in review]
    assert all(p.severity == "warning" for p in review)


def test_a_regional_variant_takes_its_gaps_from_its_parent_then_english(tmp_path: Path) -> None:
    files = {"pt/ui.yaml": PT, "pt-PT/ui.yaml": PT_PT}
    copy = copy_with(tmp_path, files, fresh=("pt", "pt-PT"))
    content, problems = load_content(copy)
    assert content is not None
    en, pt, pt_pt = (content.locale(c) for c in ("en", "pt", "pt-PT"))
    assert t(pt_pt, "button.next") == "Seguinte ›"  # its own
    assert t(pt_pt, "menu.text") == "O que te ajudaria agora?"  # the parent's
    assert t(pt_pt, "button.talk") == t(en, "button.talk")  # English, where pt has nothing
    assert pt_pt.pieces == pt.pieces == en.pieces
    assert pt_pt.language_name == "Português (Portugal)" and pt_pt.meta.direction == "ltr"
    assert pt_pt.meta.review is not None and pt_pt.meta.review.by == "Rio Alves"
    # pt is incomplete (it is a test stub); pt-PT holds only what differs, which is no gap.
    assert any(p.severity == "incomplete" and p.file == "content/pt/ui.yaml" for p in problems)
    assert not any("pt-PT" in p.file and p.severity != "warning" for p in problems)


def test_a_variant_inherits_right_to_left_from_its_parent(tmp_path: Path) -> None:
    variant = "meta:\n  language_name: العربية (مصر)\n  parent: ar\n"
    content, _ = load_content(copy_with(tmp_path, {"ar-EG/ui.yaml": variant}))
    assert content is not None and content.locale("ar-EG").rtl


@pytest.mark.parametrize("folder", ["zh-Hant", "pt-PT", "es-ES", "es-419", "zh"])
def test_locale_folder_names_are_accepted(tmp_path: Path, folder: str) -> None:
    ui = "meta:\n  language_name: X\n  review: {status: needs-native-review}\n"
    content, problems = load_content(copy_with(tmp_path, {f"{folder}/ui.yaml": ui}))
    assert content is not None and folder in content.locales
    assert not any("not a locale code" in p.message for p in problems)


@pytest.mark.parametrize(
    ("meta", "key", "words"),
    [
        ("  language_name: X\n  parent: xx\n", "meta.parent", "no full locale 'xx'"),
        ("  language_name: X\n  direction: up\n", "meta.direction", "'ltr' or 'rtl'"),
        ("  language_name: X\n  review: {status: signed-off}\n", "meta.review", "alias (by)"),
        ("  language_name: X\n  review: {status: ok}\n", "meta.review.status", "Input should"),
        ("  language_name: X\n  colour: red\n", "meta.colour", "Extra inputs"),
        ("  direction: ltr\n", "meta.language_name", "Field required"),
    ],
)
def test_a_broken_meta_block_is_named(tmp_path: Path, meta: str, key: str, words: str) -> None:
    content, problems = load_content(copy_with(tmp_path, {"fr/ui.yaml": f"meta:\n{meta}"}))
    assert content is None
    assert any(p.key == key and words in p.message for p in problems), problems


def test_a_variant_of_a_variant_is_refused(tmp_path: Path) -> None:
    chain = "meta:\n  language_name: X\n  parent: pt-PT\n"
    files = {"pt/ui.yaml": PT, "pt-PT/ui.yaml": PT_PT, "pt-AO/ui.yaml": chain}
    content, problems = load_content(copy_with(tmp_path, files))
    assert content is None
    assert any(p.file == "content/pt-AO/ui.yaml" and p.key == "meta.parent" for p in problems)


def test_a_locale_without_meta_is_incomplete_and_named_by_its_code(tmp_path: Path) -> None:
    content, problems = load_content(copy_with(tmp_path, {"de/ui.yaml": "menu:\n  text: Hallo\n"}))
    assert content is not None and content.locale("de").language_name == "de"
    assert any(p.key == "meta" and p.severity == "incomplete" for p in problems)


@pytest.mark.parametrize(
    ("name", "parsed"),
    [
        ("ar-guide.yaml", ("ar", "guide.yaml")),
        ("pt-PT-ui.yaml", ("pt-PT", "ui.yaml")),
        ("zh-Hant-self_esteem.yaml", ("zh-Hant", "self_esteem.yaml")),
        ("es-419-crisis.yaml", ("es-419", "crisis.yaml")),
        ("-ui.yaml", None),
        ("pt--ui.yaml", None),
        ("../ui.yaml", None),
        ("pt-PT-notes.yaml", None),
    ],
)
def test_upload_names_take_regional_locales(name: str, parsed: tuple[str, str] | None) -> None:
    assert parse_name(name) == parsed


def test_a_variant_file_uploads_and_its_review_date_shows_in_the_diff(tmp_path: Path) -> None:
    copy = copy_with(tmp_path, {"pt/ui.yaml": PT})
    proposal, problems = propose(copy, "pt-PT", "ui.yaml", PT_PT.encode())
    assert proposal is not None, problems
    assert '+ meta.review.date: "2026-12-04"' in proposal.lines
    assert '+ button.next: "Seguinte ›"' in proposal.lines


def test_an_upload_with_broken_plural_forms_is_refused_by_key(tmp_path: Path) -> None:
    copy = copy_with(tmp_path, {})
    ui = (copy / "ar" / "ui.yaml").read_text(encoding="utf-8")
    start = ui.index("  caseload_full: ")
    end = ui.index("\n", start)
    broken = ui[:start] + '  caseload_full: "{ $limit -> [one] محادثة }"' + ui[end:]
    proposal, problems = propose(copy, "ar", "ui.yaml", broken.encode())
    assert proposal is None
    assert any(
        p.key == "volunteer.caseload_full" and "Fluent syntax" in p.message for p in problems
    )
    fewer = ui[:start] + '  caseload_full: "{ $limit -> [one] محادثة *[other] محادثات }"' + ui[end:]
    proposal, problems = propose(copy, "ar", "ui.yaml", fewer.encode())
    assert proposal is not None  # works (the * form), but the check says what is missing
    assert any("plural forms missing" in p.message and p.severity == "incomplete" for p in problems)
    assert any(line.startswith("~ volunteer.caseload_full:") for line in proposal.lines)
