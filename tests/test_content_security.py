"""Issue 11, finding 11: a content upload can neither freeze nor crash the bot.

Anchors and aliases (an alias bomb), nesting deep enough to exhaust the parser, and format
specs or conversions in placeholders (`{position:>400000000}` would build a 400 MB string
each time the text is shown) are refused with the reason, both on upload and by the content
check; uploads are parsed off the event loop.
"""

from __future__ import annotations

import re
import shutil
import threading
from pathlib import Path

import pytest

import handlers.content_admin
from bot.content import strict_yaml
from bot.content.loader import load_content
from bot.harness import Harness
from tests.conftest import ADMIN_ID, CONTENT
from tests.test_relay import en, last_text, say


async def upload(h: Harness, name: str, data: bytes) -> str:
    admin = h.standin.user(ADMIN_ID)
    await admin.send_document(file_name=name, data=data)
    await h.settle()
    return last_text(admin)


def alias_bomb(levels: int = 9) -> bytes:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        refs = ",".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return ("\n".join(lines) + "\n").encode()


async def test_anchors_and_aliases_are_refused(editable_harness: Harness) -> None:
    h = editable_harness
    ui = h.settings.content_dir / "ar" / "ui.yaml"
    original = ui.read_bytes()
    # A harmless-looking alias: two texts share one anchor. Valid YAML, valid content shape.
    shared = re.sub(r"(?m)^  too_large: .*$", "  too_large: *shared", original.decode(), count=1)
    shared = shared.replace("  bad_name: ", "  bad_name: &shared ", 1)
    reply = await upload(h, "ar-ui.yaml", shared.encode())
    assert "NOT applied" in reply and "anchors and aliases" in reply, reply
    reply = await upload(h, "en-safety.yaml", alias_bomb())  # 10^9 leaves if expanded
    assert "NOT applied" in reply and "anchors and aliases" in reply, reply
    assert ui.read_bytes() == original
    assert en(h, "welcome.text") in (await say(h, h.standin.user(), "/start"))["text"]


async def test_deep_nesting_is_refused_not_a_crash(editable_harness: Harness) -> None:
    h = editable_harness
    reply = await upload(h, "en-guide.yaml", b"steps: " + b"[" * 20000 + b"]" * 20000)
    assert "NOT applied" in reply and "nested more than" in reply, reply


@pytest.mark.parametrize(
    ("name", "placeholder"),
    [("en-ui.yaml", "{position:>400000000}"), ("ar-ui.yaml", "{position!r}")],
)
async def test_format_specs_and_conversions_are_refused(
    editable_harness: Harness, name: str, placeholder: str
) -> None:
    h = editable_harness
    locale = name.split("-")[0]
    ui = h.settings.content_dir / locale / "ui.yaml"
    original = ui.read_bytes()
    changed = original.replace(b"{position}", placeholder.encode(), 1)
    assert changed != original
    reply = await upload(h, name, changed)
    assert "NOT applied" in reply and "placeholders are plain {name}" in reply, reply
    assert ui.read_bytes() == original


def test_content_check_refuses_them_too(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    ui = content / "en" / "ui.yaml"
    ui.write_text(ui.read_text().replace("{position}", "{position.__class__}", 1))
    _, problems = load_content(content)
    assert any("placeholders are plain" in str(p) for p in problems if p.severity == "error")
    ui.write_text(ui.read_text().replace("welcome:", "welcome: &w", 1))
    loaded, problems = load_content(content)
    assert loaded is None and any("anchors and aliases" in str(p) for p in problems)


async def test_uploads_are_parsed_off_the_event_loop(
    editable_harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = editable_harness
    threads: list[int] = []
    real = handlers.content_admin.propose

    def recording(*args: object) -> object:
        threads.append(threading.get_ident())
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(handlers.content_admin, "propose", recording)
    guide = h.settings.content_dir / "ar" / "guide.yaml"
    await upload(h, "ar-guide.yaml", guide.read_bytes())
    assert threads and threading.get_ident() not in threads


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: 2\na: 3\n",
        "classes:\n  tome: [a]\n  pills: [b]\n  tome: [a, c]\n",
        "x:\n  - a: 1\n    a: 2\n",
        "x: {c: 1, c: 2}\n",
    ],
)
def test_a_key_twice_in_one_place_is_refused(text: str) -> None:
    """YAML keeps the last of two equal keys and drops the first without a word: a class or a
    list of risk phrases written twice lost the first (helper t3c lost four rules this way,
    and the Spanish lists held a class twice). Refused, naming the line and the key."""
    with pytest.raises(strict_yaml.StrictYamlError, match="appears twice"):
        strict_yaml.load(text)


@pytest.mark.parametrize("text", ["x:\n  a: 1\ny:\n  a: 1\n", "- a\n- a\n", "a: [a, a]\n"])
def test_the_same_key_in_two_places_is_fine(text: str) -> None:
    strict_yaml.load(text)


def test_content_check_names_a_key_written_twice(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    safety = content / "es" / "safety.yaml"
    safety.write_text(safety.read_text() + "\nexclude:\n  - algo\n", encoding="utf-8")
    loaded, problems = load_content(content)
    assert loaded is None
    assert any("'exclude' appears twice" in str(p) for p in problems), problems
