"""After a content load the core gives freed memory back (glibc's malloc_trim), once per
content made: a content this process already released is not collected and trimmed again."""

from __future__ import annotations

from pathlib import Path

from bot import core
from bot.content.loader import load_content

ROOT = Path(__file__).resolve().parent.parent


def test_memory_is_released_once_per_content(monkeypatch):
    calls: list[int] = []
    monkeypatch.setattr(core.gc, "collect", lambda: calls.append(1) or 0)
    content, problems = load_content(ROOT / "content")
    assert content is not None, problems
    core.release_freed_memory(content)
    core.release_freed_memory(content)
    assert calls == [1]
    core.release_freed_memory(None)  # a reload that failed: released all the same
    assert calls == [1, 1]
