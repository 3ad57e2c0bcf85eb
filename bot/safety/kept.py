"""Detectors this process already built from lists found sound, by what they were made of; and
a detector as a content record keeps it.

Building the risk detector from every locale's lists and checking the lists (every phrase is
assessed as written) is most of what a content load costs, seconds, and gives the same detector
for the same bytes: a process runs one version of the code. So they are found here while
they live. No `telegram`.

A record keeps the detector pickled (`dumps`, `loads`): unpickling makes each object of the trie
once, as it was built, nodes and shared payloads alike, in a tenth of a second. Rebuilding it from
a JSON description (`RiskDetector.from_state`) made every node twice, its payloads three times,
and the freed copies left about 30 MB of a start's resident memory in half-used heap pages.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import pickle
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary, WeakValueDictionary

from bot.safety.detector import RiskDetector
from bot.safety.modifiers import Lowering
from bot.safety.schema import FILE_NAME
from bot.safety.typos import Typos
from bot.safety.walk import Trie

if TYPE_CHECKING:
    from bot.content.checked import ContentFiles


def _caches() -> dict[str, Any]:
    """What a run makes for itself, never kept: the model is set beside the lists by each load
    (`RiskDetector.with_model`), the word cache fills as messages come. Fresh for each
    detector pickled (the Arabizi reading's own detector must not share the outer one's cache:
    one dict in both would be pickled once and restored shared)."""
    return {"model": None, "_keys": {}}


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is RiskDetector:  # as pickle would, less what a run makes for itself
            return copyreg.__newobj__, (RiskDetector,), {**vars(obj), **_caches()}
        return NotImplemented


def dumps(detector: RiskDetector) -> bytes:
    """The detector as a content record keeps it (pickled, without its run-time caches)."""
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(detector)
    return out.getvalue()


# The classes a pickled detector is made of, and nothing else: not any class a `bot.safety`
# module can reach (it imports io, pathlib, threading: io.FileIO would create or empty a file).
_CLASSES = {(c.__module__, c.__qualname__): c for c in (RiskDetector, Lowering, Typos, Trie)}


class _Unpickler(pickle.Unpickler):
    """Only the detector's own classes (`_CLASSES`), by their exact names; never a function."""

    def find_class(self, module: str, name: str) -> Any:
        found = _CLASSES.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"a risk detector holds no {module}.{name}")
        return found


def loads(data: bytes) -> RiskDetector | None:
    """The detector `dumps` kept (from a record this bot signed; None: not one this code reads,
    build it again)."""
    try:
        detector = _Unpickler(io.BytesIO(data)).load()
    except Exception:  # a record this code cannot read costs time, never safety
        return None
    return detector if type(detector) is RiskDetector else None


class Kept:
    """Detectors this process built or restored without a problem, by what they were made
    from: the safety files' bytes (a full check) or the record's detector (a start a record
    vouches for). A load takes the detector from here while something still holds it (the
    live content, so a /reload or an upload that left the lists alone; the tests hold the
    shipped lists for the whole run): keeping costs no memory. Lists with a problem are never
    kept: their problems are found, and said in full, each time. A detector is immutable (one
    is shared by every chat already), so one may serve many loads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # uploads are checked in a worker thread
        self._alive: WeakValueDictionary[bytes, RiskDetector] = WeakValueDictionary()
        # a detector with the model beside its lists -> the detector of the lists alone
        self._bases: WeakKeyDictionary[RiskDetector, RiskDetector] = WeakKeyDictionary()

    @staticmethod
    def key_of(
        content_dir: Path, raw: dict[Path, bytes | OSError | None], state: bytes | None
    ) -> bytes | None:
        """What the detector is made of: the record's detector (`dumps`), else every folder and
        its lists' bytes (None: a file could not be read, nothing to key it by)."""
        if state is not None:
            return b"record\0" + hashlib.sha256(state).digest()
        digest = hashlib.sha256(b"lists\0")
        for folder, found in raw.items():
            if isinstance(found, OSError):
                return None
            name = folder.relative_to(content_dir).as_posix().encode()
            digest.update(name + (b"\0-\0" if found is None else b"\0+%d\0" % len(found)))
            digest.update(found or b"")
        return digest.digest()

    def get(self, key: bytes | None) -> RiskDetector | None:
        if key is None:
            return None
        with self._lock:
            return self._alive.get(key)

    def put(self, key: bytes | None, detector: RiskDetector) -> None:
        if key is not None:
            with self._lock:
                self._alive[key] = self._bases.get(detector, detector)

    def holds(self, content_dir: Path) -> bool:
        """True when this process checked the lists of `content_dir` itself, byte for byte, and
        still holds them: a full check of them builds nothing (`bot.content.apart`)."""
        return content_dir.is_dir() and self.get(_lists_key(content_dir, None)) is not None

    def beside(self, copy: RiskDetector, base: RiskDetector) -> RiskDetector:
        """`copy` (the model beside `base`'s lists) holds `base` alive while it lives, so the
        live content keeps the lists' own detector found (the bot runs with the model: without
        this, nothing held it and every load built it again)."""
        with self._lock:
            self._bases[copy] = base
        return copy


KEPT = Kept()


def read(path: Path, files: ContentFiles | None) -> bytes | OSError | None:
    """A safety file's bytes (as the load read them), None when there is none, or why it could
    not be read."""
    found = files.raw(path) if files is not None else None
    if found is not None:
        return found
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return exc


def _lists_key(content_dir: Path, files: ContentFiles | None) -> bytes | None:
    """What a detector checked from the lists of `content_dir` is kept by (their bytes, as
    `files` read them); None: a file could not be read."""
    folders = sorted(p for p in content_dir.iterdir() if p.is_dir())
    return Kept.key_of(content_dir, {f: read(f / FILE_NAME, files) for f in folders}, None)
