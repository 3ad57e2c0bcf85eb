"""A process builds and checks the same lists once (bot/safety/kept.py): the same bytes give
the very detector already built; one changed byte, a new locale or a problem means a full build
and check again, and a problem is said in full every time."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from bot.content.checked import CheckedRecord, ContentFiles
from bot.safety import RiskDetector, load_safety
from bot.safety.kept import Kept
from tests.conftest import detectors_apart

LISTS = (
    "high:\n  intent: ['want to die', 'end my life']\n"
    "elevated:\n  hopeless: ['no way out']\n"
    "exclude: ['want to die laughing']\n"
)


@pytest.fixture(autouse=True)
def kept(monkeypatch: pytest.MonkeyPatch) -> Kept:
    """Each test keeps detectors apart from the rest of the run, as a process of its own."""
    return detectors_apart(monkeypatch)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    (tmp_path / "content" / "en").mkdir(parents=True)
    write(tmp_path / "content", LISTS)
    return tmp_path / "content"


def write(content: Path, text: str, locale: str = "en") -> None:
    (content / locale / "safety.yaml").write_text(text, encoding="utf-8")


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times a detector is built from lists."""
    counted: list[int] = []
    build = RiskDetector.from_lists.__func__  # type: ignore[attr-defined]

    def counting(cls: type[RiskDetector], *args: object, **kwargs: object) -> RiskDetector:
        counted.append(1)
        return build(cls, *args, **kwargs)

    monkeypatch.setattr(RiskDetector, "from_lists", classmethod(counting))
    return counted


def test_the_same_lists_are_built_and_checked_once(content: Path, builds: list[int]) -> None:
    first, problems = load_safety(content)
    assert problems == [] and first is not None
    again, problems = load_safety(content)
    assert problems == [] and again is first
    assert len(builds) == 1
    assert first.assess("I want to die").level == "high"


def test_one_changed_byte_is_built_and_checked_again(content: Path, builds: list[int]) -> None:
    first, _ = load_safety(content)
    write(content, LISTS.replace("'end my life'", "'end my lifE'"))
    changed, problems = load_safety(content)
    assert problems == [] and changed is not None and changed is not first
    assert len(builds) == 2
    write(content, LISTS.replace("no way out", "cannot go on"))
    other, problems = load_safety(content)
    assert problems == [] and other is not None and other is not first
    assert other.assess("I cannot go on").level == "elevated"
    assert other.assess("there is no way out").level == "none"


def test_a_new_locale_is_built_and_checked_again(content: Path, builds: list[int]) -> None:
    first, _ = load_safety(content)
    (content / "fr").mkdir()
    write(content, "high:\n  intent: ['je veux mourir']\nelevated: {}\n", "fr")
    both, problems = load_safety(content)
    assert problems == [] and both is not None and both is not first
    assert both.assess("je veux mourir").level == "high"
    assert len(builds) == 2


def test_problems_are_found_and_said_every_time(content: Path, builds: list[int]) -> None:
    good, _ = load_safety(content)
    write(content, LISTS.replace("'end my life'", "'want to die laughing'"))
    for _ in range(2):
        found, problems = load_safety(content)
        assert found is None
        assert [(file, key) for file, key, _ in problems] == [
            ("content/en/safety.yaml", "high.intent.1")
        ]
        assert "never matches" in problems[0][2]
    assert len(builds) == 3
    write(content, LISTS)  # put back: the sound lists, as built before
    again, problems = load_safety(content)
    assert problems == [] and again is good
    assert len(builds) == 3


def test_a_full_check_never_takes_the_detector_of_a_record(
    content: Path, builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A start a record vouches for takes the detector the record keeps; /reload, uploads and
    `content check` (no record) build and check the lists themselves, even right after."""
    record = CheckedRecord(content.parent / "bot.sqlite3.content-checked", os.urandom(32))
    files = ContentFiles(content, record)
    assert load_safety(content, files)[0] is not None
    files.keep()
    detectors_apart(monkeypatch)  # the next start: a new process
    files = ContentFiles(content, record)
    assert files.checked
    restored, problems = load_safety(content, files)
    assert problems == [] and restored is not None
    assert len(builds) == 1  # from the record, not built
    checked, problems = load_safety(content)
    assert problems == [] and checked is not None and checked is not restored
    assert len(builds) == 2
    assert checked.state() == restored.state()


def test_a_detector_nobody_holds_is_not_kept(content: Path, builds: list[int]) -> None:
    """Keeping costs no memory: once no content holds a detector, it is gone and built again."""
    first, _ = load_safety(content)
    assert first is not None
    del first
    gc.collect()
    again, problems = load_safety(content)
    assert problems == [] and again is not None
    assert len(builds) == 2
