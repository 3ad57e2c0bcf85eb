"""Detectors this process already built from lists found sound, by what they were made of.

Building the risk detector from every locale's lists and checking the lists (every phrase is
assessed as written) is most of what a content load costs, seconds, and gives the same detector
for the same bytes: a process runs one version of the code. So they are found here while
they live. No `telegram`.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from weakref import WeakValueDictionary

from bot.safety.detector import RiskDetector


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

    @staticmethod
    def key_of(
        content_dir: Path, raw: dict[Path, bytes | OSError | None], state: str | None
    ) -> bytes | None:
        """What the detector is made of: the record's detector, else every folder and its
        lists' bytes (None: a file could not be read, nothing to key it by)."""
        if state is not None:
            return b"record\0" + hashlib.sha256(state.encode()).digest()
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
                self._alive[key] = detector


KEPT = Kept()
