"""Memory after a content load (issue 9's lists against the 150 MB goal): a content record keeps
the risk detector pickled, and a restart unpickles it as it was built (bot/safety/kept.py); a
record is only ever unpickled once its signature holds, and then only into the detector's own
classes."""

from __future__ import annotations

import gc
import io
import logging
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.content import apart
from bot.content.checked import CheckedRecord, ContentFiles
from bot.content.loader import Problem, load_content
from bot.harness import Harness
from bot.safety import RiskDetector, kept, lists, load_safety
from bot.safety.kept import Kept
from tests.conftest import ADMIN_ID, detectors_apart, say

ROOT = Path(__file__).resolve().parent.parent
LISTS = (
    "high:\n  intent: ['want to die', 'end my life']\n"
    "elevated:\n  hopeless: ['no way out']\n"
    "exclude: ['want to die laughing']\n"
)
SAYINGS = ("I want to die", "i want to die laughing", "there is no way out", "lovely weather")


@pytest.fixture(autouse=True)
def own_kept(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Kept | None:
    """Each test keeps detectors apart from the rest of the run, as a process of its own; but
    a running bot shares the run's (the shipped content it may load first is held for the
    whole run: kept apart, every later full check of the run would build it again)."""
    if "editable_harness" in request.fixturenames:
        return None
    return detectors_apart(monkeypatch)


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
    detectors_apart(monkeypatch)  # a new process
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


def _global_call(module: str, name: str, *args: str) -> bytes:
    """A pickle (protocol 4) that calls `module.name(*args)`, as a forged record could."""

    def text(value: str) -> bytes:
        data = value.encode()
        return b"\x8c" + bytes([len(data)]) + data  # SHORT_BINUNICODE

    tuple_of = {1: b"\x85", 2: b"\x86"}[len(args)]  # TUPLE1, TUPLE2
    return (
        b"\x80\x04"
        + text(module)
        + text(name)
        + b"\x93"
        + b"".join(map(text, args))
        + (
            tuple_of + b"R."  # REDUCE, STOP
        )
    )


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("bot.safety.kept", "io.FileIO"),  # a class reached through a name a module imported
        ("bot.safety.kept", "Path"),
        ("bot.safety.detector", "copy.copy"),
    ],
)
def test_a_detector_is_unpickled_from_its_own_classes_and_nothing_else(
    tmp_path: Path, module: str, name: str
) -> None:
    """Even a record signed with the bot's key (someone holding DATA_KEYS) makes nothing but
    the detector's own four classes: a class a `bot.safety` module merely imports (io.FileIO
    would create or empty any file the bot may write) is refused before it is called."""
    target = tmp_path / "made"
    assert kept.loads(_global_call(module, name, str(target), "w")) is None
    assert not target.exists()


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
    detectors_apart(monkeypatch)
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
    content and little else to the resident memory (about 38 MB with 20,426 phrases, 54 MB with
    session 13's lists: the trie's 157,000 nodes; 72 MB when the detector was rebuilt from JSON,
    which left its freed intermediates in the heap, and more now)."""
    key = os.urandom(32)
    path = tmp_path / "bot.sqlite3.content-checked"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = [sys.executable, "-c", RESTART, str(path), key.hex(), str(ROOT / "content")]
    subprocess.run(run, cwd=ROOT, env=env, check=True, capture_output=True)  # writes the record
    out = subprocess.run(run, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    assert float(out.stdout) < 60, out.stdout


# --------------------------------------------------------------------------- checked apart


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """The shipped content with small risk lists (English only): a full check in seconds."""
    folder = tmp_path / "small"
    shutil.copytree(ROOT / "content", folder)
    for path in folder.glob("*/safety.yaml"):
        path.unlink()
    (folder / "en" / "safety.yaml").write_text(LISTS, encoding="utf-8")
    return folder


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The command line of every child process a check ran."""
    ran: list[list[str]] = []
    real = apart.subprocess.run

    def spying(args: list[str], **kw: object) -> subprocess.CompletedProcess[bytes]:
        ran.append(list(args))
        return real(args, **kw)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(apart.subprocess, "run", spying)
    return ran


def said_all(problems: list[Problem]) -> list[str]:
    return sorted(str(p) for p in problems)


def test_a_first_start_is_checked_in_a_child_and_taken_from_its_record(
    small: Path, tmp_path: Path, children: list[list[str]], builds: list[str]
) -> None:
    record = CheckedRecord(tmp_path / "data" / "bot.sqlite3.content-checked", os.urandom(32))
    content, problems = apart.load(small, "en", record, model=True)
    assert content is not None and content.risk is not None
    assert len(children) == 1 and builds == []  # built and checked in the child, not here
    assert record.path.exists() and ContentFiles(small, record).checked
    assert not list(record.path.parent.glob("*.checking"))
    in_process, here = load_content(small)  # the same check, in this process
    assert said_all(problems) == said_all(here)  # every problem said, warnings too
    assert in_process is not None and in_process.risk is not None
    assert content.risk.state() == in_process.risk.state()
    for text in SAYINGS:
        assert content.risk.lists_verdict(text)[0] == in_process.risk.assess(text), text
    assert content.risk.model is not None  # the model beside the lists, as the bot runs
    again, _ = apart.load(small, "en", record, model=True)  # a restart: no child
    assert again is not None and len(children) == 1


def test_a_reload_is_a_full_check_in_a_child_every_time(
    small: Path, tmp_path: Path, children: list[list[str]]
) -> None:
    """/reload never uses the record: every problem is said, each time; the record it writes
    is for the new content."""
    record = CheckedRecord(tmp_path / "bot.sqlite3.content-checked", os.urandom(32))
    assert apart.load(small, "en", record, model=False)[0] is not None
    for _ in range(2):
        content, problems = apart.load(small, "en", record, model=False, full=True)
        assert content is not None
        assert said_all(problems) == said_all(load_content(small)[1])
    assert len(children) == 3
    (small / "en" / "safety.yaml").write_text(LISTS.replace("no way out", "cannot go on"))
    content, _ = apart.load(small, "en", record, model=False, full=True)
    assert content is not None and content.risk is not None
    assert content.risk.assess("I cannot go on").level == "elevated"
    assert ContentFiles(small, record).checked  # the record follows the live content


def test_content_with_an_error_is_refused_and_the_record_kept(
    small: Path, tmp_path: Path, children: list[list[str]]
) -> None:
    record = CheckedRecord(tmp_path / "bot.sqlite3.content-checked", os.urandom(32))
    assert apart.load(small, "en", record, model=False)[0] is not None
    kept_record = record.path.read_bytes()
    (small / "en" / "safety.yaml").write_text(LISTS.replace("'end my life'", "'want to die'"))
    for full in (False, True):  # a start after the change, and /reload
        content, problems = apart.load(small, "en", record, model=False, full=full)
        assert content is None
        errors = [(p.file, p.key) for p in problems if p.severity == "error"]
        assert errors == [("small/en/safety.yaml", "high.intent.1")]
    assert record.path.read_bytes() == kept_record
    assert not list(record.path.parent.glob("*.checking"))


def test_the_signing_key_goes_on_stdin_never_on_a_command_line(
    small: Path, tmp_path: Path, children: list[list[str]]
) -> None:
    key = os.urandom(32)
    record = CheckedRecord(tmp_path / "bot.sqlite3.content-checked", key)
    assert apart.load(small, "en", record, model=False)[0] is not None
    assert children == [[sys.executable, "-m", "bot.content.apart"]]
    assert record.signing_key.hex() not in " ".join(children[0]) and key != record.signing_key


def test_where_no_child_can_run_the_check_runs_here(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builds: list[str]
) -> None:
    monkeypatch.setattr(apart.sys, "executable", str(tmp_path / "no-python"))
    record = CheckedRecord(tmp_path / "bot.sqlite3.content-checked", os.urandom(32))
    content, problems = apart.load(small, "en", record, model=False)
    assert content is not None and builds == ["lists"]  # checked here, as before
    assert said_all(problems) == said_all(load_content(small)[1])
    assert ContentFiles(small, record).checked


def test_where_the_record_cannot_be_written_the_check_runs_here(
    small: Path, tmp_path: Path, children: list[list[str]], builds: list[str]
) -> None:
    (tmp_path / "a file").write_text("not a folder")
    record = CheckedRecord(tmp_path / "a file" / "bot.sqlite3.content-checked", os.urandom(32))
    content, _ = apart.load(small, "en", record, model=False)
    assert content is not None and len(children) == 1 and builds == ["lists"]


def test_lists_this_process_checked_itself_are_not_checked_apart(
    small: Path, tmp_path: Path, children: list[list[str]], builds: list[str]
) -> None:
    held, _ = load_content(small)  # checked here, and held
    record = CheckedRecord(tmp_path / "bot.sqlite3.content-checked", os.urandom(32))
    content, _ = apart.load(small, "en", record, model=True, full=True)
    assert content is not None and content.risk is not None and held is not None
    assert children == [] and builds == ["lists"]  # the held detector, beside the model
    again, _ = apart.load(small, "en", record, model=True, full=True)
    assert again is not None and children == [] and builds == ["lists"]
    assert apart.check(small) == load_content(small)[1]
    assert children == []


def test_an_upload_is_checked_apart(small: Path, children: list[list[str]]) -> None:
    (small / "en" / "safety.yaml").write_text(LISTS.replace("end my life", "want to die laughing"))
    problems = apart.check(small)
    assert len(children) == 1
    assert said_all(problems) == said_all(load_content(small)[1])
    errors = [p for p in problems if p.severity == "error"]
    assert [p.key for p in errors] == ["high.intent.1"] and "never matches" in errors[0].message


FIRST_START = """
import os, sys
from pathlib import Path

def rss():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

from bot.core import ContentStore
from bot.harness import offline_settings
import bot.app  # everything a run imports, before the content is read

settings = offline_settings(
    Path(sys.argv[1]), Path(sys.argv[2]), data_keys=(bytes.fromhex(sys.argv[3]),)
)
before = rss()
ContentStore(settings)
print(rss() - before)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="resident memory from /proc")
def test_a_first_start_with_the_shipped_content_is_as_lean_as_a_restart(tmp_path: Path) -> None:
    """The real content in a real process, as `python -m bot run` loads it: a first start
    (no record) checks in a child and ends as lean as a restart (about 38 MB with 20,426
    phrases, 54 MB with session 13's lists; 106 MB when it checked in its own process)."""
    database = tmp_path / "bot.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = [sys.executable, "-c", FIRST_START, str(database), str(ROOT / "content")]
    run.append(os.urandom(32).hex())
    out = subprocess.run(run, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    assert (tmp_path / "bot.sqlite3.content-checked").exists()
    assert float(out.stdout) < 60, out.stdout


def test_the_lists_detector_lives_as_long_as_the_model_beside_it(
    content: Path, builds: list[str]
) -> None:
    """The bot runs with the model beside the lists, on a copy of the lists' detector: the
    copy holds the lists' own detector, so a full check of the same lists builds nothing while
    the content lives (before, nothing held it and every /reload built it again)."""
    live, _ = load_safety(content, model=True)
    assert live is not None and live.model is not None
    gc.collect()
    again, problems = load_safety(content, model=True)
    assert problems == [] and again is not None and builds == ["lists"]
    lists_alone, _ = load_safety(content)
    assert lists_alone is not None and lists_alone.model is None and builds == ["lists"]


async def test_a_reload_of_new_lists_in_the_running_bot(editable_harness: Harness) -> None:
    """/reload in the real bot: new lists checked apart and live; lists with an error refused,
    named, and the old ones stay live."""
    h = editable_harness
    admin = h.standin.user(ADMIN_ID)
    safety = h.settings.content_dir / "en" / "safety.yaml"
    text = safety.read_text(encoding="utf-8")
    assert h.core.content.current.risk is not None
    assert h.core.content.current.risk.assess("my kettle is whistling goodbye").level == "none"
    lines = text.split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith("high:")) + 1

    def with_category(*phrases: str) -> str:
        return "\n".join([*lines[:at], f"  whistle: {list(phrases)}", *lines[at:]])

    safety.write_text(with_category("kettle is whistling goodbye"), encoding="utf-8")
    assert "Content reloaded" in (await say(h, admin, "/reload"))["text"]
    risk = h.core.content.current.risk
    assert risk is not None and risk.assess("my kettle is whistling goodbye").level == "high"
    assert ContentFiles(h.settings.content_dir, h.core.content._record).checked
    safety.write_text(with_category("want to die", "want to die"), encoding="utf-8")
    msg = await say(h, admin, "/reload")
    assert "NOT reloaded" in msg["text"] and "en/safety.yaml" in msg["text"]
    assert h.core.content.current.risk is risk  # the old content stays live


def test_a_first_start_with_a_damaged_model_says_so_once(
    small: Path,
    tmp_path: Path,
    children: list[list[str]],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The child checks the content (sound); the model beside it is this installation's and
    damaged: the start is refused with that one problem, and the content is not checked again
    in this process (it was, at about a second more, saying its record could not be used)."""
    from bot.safety import model as model_module

    def damaged(cls: type, path: Path | None = None) -> None:
        raise ValueError("the model file is damaged")

    monkeypatch.setattr(model_module.RiskModel, "load", classmethod(damaged))
    monkeypatch.setattr(model_module, "_shipped", model_module._UNREAD)
    record = CheckedRecord(tmp_path / "bot.sqlite3.content-checked", os.urandom(32))
    with caplog.at_level(logging.INFO, logger="bot.content.apart"):
        content, problems = apart.load(small, "en", record, model=True)
    assert content is None and len(children) == 1
    assert [p.file for p in problems if p.severity == "error"] == ["bot/safety/risk_model.bin.gz"]
    assert "checked in this process" not in caplog.text
