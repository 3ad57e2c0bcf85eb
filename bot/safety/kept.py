"""Detectors this process already built from lists found sound, by what they were made of.

Building the risk detector from every locale's lists and checking the lists (every phrase is
assessed as written) is most of what a content load costs, seconds, and gives the same detector
for the same bytes: a process runs one version of the code. So they are kept here. No
`telegram`.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from pathlib import Path
from weakref import WeakValueDictionary

from bot.safety.detector import RiskDetector


class Kept:
    """Detectors this process built or restored without a problem, by what they were made
    from: the safety files' bytes (a full check) or the record's detector (a start a record
    vouches for). A restart in the same process, a /reload or an upload that left the lists
    alone, every bot the tests start take the detector from here. Lists with a problem are
    never kept: their problems are found, and said in full, each time. A detector is immutable
    (one is shared by every chat already), so one may serve many loads.

    The last `RECENT` are held; an older one is found here as long as something else holds it
    (the live content), so keeping costs at most one detector's memory beyond the live one."""

    RECENT = 2

    def __init__(self) -> None:
        self._lock = threading.Lock()  # uploads are checked in a worker thread
        self._recent: OrderedDict[bytes, RiskDetector] = OrderedDict()
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
            found = self._recent.get(key) or self._alive.get(key)
            if found is not None:
                self._hold(key, found)
            return found

    def put(self, key: bytes | None, detector: RiskDetector) -> None:
        if key is None:
            return
        with self._lock:
            self._alive[key] = detector
            self._hold(key, detector)

    def _hold(self, key: bytes, detector: RiskDetector) -> None:
        self._recent[key] = detector
        self._recent.move_to_end(key)
        while len(self._recent) > self.RECENT:
            self._recent.popitem(last=False)


KEPT = Kept()
