"""Memory after a content load (issue 9's lists against the 150 MB goal): a content record keeps
the risk detector pickled, and a restart unpickles it as it was built (bot/safety/kept.py); a
record is only ever unpickled once its signature holds, and then only into the detector's own
classes."""

from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from bot.content.checked import CheckedRecord, ContentFiles
from bot.safety import RiskDetector, kept, lists, load_safety
from bot.safety.kept import Kept

ROOT = Path(__file__).resolve().parent.parent
LISTS = (
    "high:\n  intent: ['want to die', 'end my life']\n"
    "elevated:\n  hopeless: ['no way out']\n"
    "exclude: ['want to die laughing']\n"
)
SAYINGS = ("I want to die", "i want to die laughing", "there is no way out", "lovely weather")


@pytest.fixture(autouse=True)
def own_kept(monkeypatch: pytest.MonkeyPatch) -> Kept:
    """Each test keeps detectors apart from the rest of the run, as a process of its own."""
    own = Kept()
    monkeypatch.setattr(lists, "KEPT", own)
    return own


@pytest.fixture
def content(tmp_path: Path) -> Path:
    (tmp_path / "content" / "en").mkdir(parents=True)
    (tmp_path / "content" / "en" / "safety.yaml").write_text(LISTS, encoding="utf-8")
    return tmp_path / "content"


@pytest.fixture
def record(content: Path) -> CheckedRecord:
    return CheckedRecord(content.parent / "bot.sqlite3.content-checked", os.urandom(32))


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """How the detector was made: from the lists, or from a JSON description."""
    made: list[str] = []
    from_lists = RiskDetector.from_lists.__func__  # type: ignore[attr-defined]
    from_state = RiskDetector.from_state.__func__  # type: ignore[attr-defined]

    def counting_lists(cls: type[RiskDetector], *args: object, **kw: object) -> RiskDetector:
        made.append("lists")
        return from_lists(cls, *args, **kw)

    def counting_state(cls: type[RiskDetector], *args: object, **kw: object) -> RiskDetector:
        made.append("state")
        return from_state(cls, *args, **kw)

    monkeypatch.setattr(RiskDetector, "from_lists", classmethod(counting_lists))
    monkeypatch.setattr(RiskDetector, "from_state", classmethod(counting_state))
    return made


def full_check(content: Path, record: CheckedRecord) -> RiskDetector:
    files = ContentFiles(content, record)
    detector, problems = load_safety(content, files)
    assert problems == [] and detector is not None
    files.keep()
    return detector


def restart(content: Path, record: CheckedRecord, monkeypatch: pytest.MonkeyPatch) -> RiskDetector:
    monkeypatch.setattr(lists, "KEPT", Kept())  # a new process
    files = ContentFiles(content, record)
    assert files.checked
    detector, problems = load_safety(content, files)
    assert problems == [] and detector is not None
    return detector


def signed(record: CheckedRecord, files: ContentFiles, built: bytes) -> None:
    """A record signed with the bot's own key, the files as a full check keeps them, and
    `built` in place of the detector (what a forger holding the key could write)."""
    parts = files._from_record("files")
    record.write(files.key, dict(parts), {lists.DETECTOR: built})


def test_a_restart_unpickles_the_detector_as_it_was_built(
    content: Path, record: CheckedRecord, builds: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = full_check(content, record)
    assert builds == ["lists"]
    restored = restart(content, record, monkeypatch)
    assert builds == ["lists"]  # neither built nor described again: unpickled
    assert restored.state() == checked.state()
    assert restored.model is None
    for text in SAYINGS:
        assert restored.assess(text) == checked.assess(text), text


def test_the_record_keeps_no_run_time_cache(content: Path) -> None:
    """A detector that has read many words (its word cache full of them) is kept as one that
    has read none: the record, and a restart's memory, do not grow with what was said."""
    detector, _ = load_safety(content)
    assert detector is not None
    before = kept.dumps(detector)
    detector.assess(" ".join(f"word{n}" for n in range(2_000)))
    assert kept.dumps(detector) == before
    again = kept.loads(before)
    assert again is not None and again.state() == detector.state()


class Marker:
    """Something a forged record might try to make: never made."""

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return os.getpid, ()


@pytest.mark.parametrize(
    "built",
    [
        pickle.dumps(Marker()),  # a function
        pickle.dumps(Path("/")),  # a class outside the detector
        pickle.dumps({"children": []}),  # not a detector
        b"not a pickle",
    ],
    ids=["function", "other class", "no detector", "garbage"],
)
def test_a_signed_record_holding_anything_but_a_detector_is_built_again(
    content: Path,
    record: CheckedRecord,
    builds: list[str],
    monkeypatch: pytest.MonkeyPatch,
    built: bytes,
) -> None:
    full_check(content, record)
    signed(record, ContentFiles(content, record), built)
    restored = restart(content, record, monkeypatch)  # still vouched for: the lists are sound
    assert builds == ["lists", "lists"]  # the detector built from the lists instead
    assert restored.assess("I want to die").level == "high"


def test_the_record_itself_makes_no_object_but_data(
    content: Path, record: CheckedRecord, builds: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The record's own parts are read by an unpickler that looks up no class or function: a
    signed body holding one is no record (everything checked in full)."""
    full_check(content, record)
    files = ContentFiles(content, record)
    out = io.BytesIO()
    pickle.Pickler(out).dump({"files": Marker(), "built": {}})
    header = record.path.read_bytes().split(b"\n")[1] + b"\n"
    body = header + out.getvalue()
    record.path.write_bytes(record._sign(body).encode() + b"\n" + body)
    assert ContentFiles(content, record).checked  # signed, for these files...
    monkeypatch.setattr(lists, "KEPT", Kept())
    files = ContentFiles(content, record)
    detector, problems = load_safety(content, files)  # ...but not read: parsed and built again
    assert problems == [] and detector is not None
    assert builds == ["lists", "lists"]


RESTART = """
import os, sys
from pathlib import Path

def rss():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

from bot.content.checked import CheckedRecord
from bot.content.loader import load_content
from bot.core import release_freed_memory
import bot.app  # everything a run imports, before the content is read

record = CheckedRecord(Path(sys.argv[1]), bytes.fromhex(sys.argv[2]))
before = rss()
content, problems = load_content(Path(sys.argv[3]), record=record, model=True)
assert content is not None, problems
release_freed_memory(content)
print(rss() - before)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="resident memory from /proc")
def test_a_restart_with_the_shipped_content_stays_lean(tmp_path: Path) -> None:
    """The real content in a real process: a restart the record vouches for adds the live
    content and little else to the resident memory (about 38 MB with 20,426 phrases; 72 MB when
    the detector was rebuilt from JSON, which left its freed intermediates in the heap)."""
    key = os.urandom(32)
    path = tmp_path / "bot.sqlite3.content-checked"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = [sys.executable, "-c", RESTART, str(path), key.hex(), str(ROOT / "content")]
    subprocess.run(run, cwd=ROOT, env=env, check=True, capture_output=True)  # writes the record
    out = subprocess.run(run, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    assert float(out.stdout) < 55, out.stdout
