"""Content files read once per load, and a record of the last full check kept beside the database.

Reading the content is most of what a start costs: parsing some hundred YAML files (and walking
each one first for anchors, aliases and deep nesting) and checking every safety list against
the detector built from them. None of that can give a different answer for the same bytes and
the same checking code. So after content loaded without an error, the bot writes a *record*
beside its database: a key (SHA-256 over the checking code's source and every content file's
name and bytes), the files as parsed (JSON), and what was built from them (the risk detector,
pickled: restored as it was built, in one pass and with nothing left over, where rebuilding it
from a JSON description left tens of megabytes of freed intermediates in the heap). At the
next start, if the key still matches, the files come from the record and those checks are
skipped, with the texts' own checks (placeholders and plural forms against English: each
Fluent text is parsed when first said); everything else (the models of every file, crisis
facts against English, verification dates) runs as always. One changed byte, one new file,
a new version of the checking code: the key differs, everything is checked and a new record
written. `python -m bot content check`, `/reload` and content uploads never use a record (a
/reload writes a new one: see `bot.content.apart`, where full checks run in a child process).

The record is signed with a key derived from the newest data key (HMAC-SHA-256), so a file put
beside the database cannot pass unchecked content off as checked; a record that does not verify
is ignored, and only a verified one is ever unpickled, by an unpickler that makes no object but
strings, bytes and containers (what was built is unpickled by its own reader: see
`bot.safety.kept`). It holds nothing the content folder does not (no person, no message). No
`telegram`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import json
import logging
import os
import pickle
import threading
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bot.safety
from bot.content import strict_yaml

log = logging.getLogger(__name__)

FORMAT = 3  # 2: the risk detector built from the lists is kept too; 3: pickled, not as JSON
# The checking code: every check of the content lives in these two packages (the YAML walk,
# the safety lists' checks and the texts' checks are what a record lets a start skip).
_CODE = tuple(
    sorted(
        [
            *Path(strict_yaml.__file__).parent.glob("*.py"),
            *Path(bot.safety.__file__).parent.glob("*.py"),
        ]
    )
)
_code_digest: bytes | None = None


def _checking_code() -> bytes:
    """The source of the checks a record lets the loader skip: a new version, a new key."""
    global _code_digest
    if _code_digest is None:
        digest = hashlib.sha256(f"content-record {FORMAT}\0".encode())
        for path in _CODE:
            name = f"{path.parent.name}/{path.name}"
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
        _code_digest = digest.digest()
    return _code_digest


class CheckedRecord:
    """Where the record lives (beside the database) and the key that signs it."""

    def __init__(self, path: Path, data_key: bytes) -> None:
        self.path = path
        self._key = hmac.new(data_key, b"content checked record", hashlib.sha256).digest()

    @property
    def signing_key(self) -> bytes:
        """The key records are signed with (derived from the data key, never the data key)."""
        return self._key

    @classmethod
    def signed_with(cls, path: Path, signing_key: bytes) -> CheckedRecord:
        """A record at `path` signed with `signing_key` (a child process checking content
        for the bot: `bot.content.apart`)."""
        record = cls.__new__(cls)
        record.path, record._key = path, signing_key
        return record

    def _sign(self, body: bytes) -> str:
        return hmac.new(self._key, body, hashlib.sha256).hexdigest()

    def vouches(self, key: str) -> bytes | None:
        """The record's body, if it is signed by this bot and for exactly `key`; not parsed yet
        (some megabytes: a load that already has what it needs never parses them)."""
        try:
            raw = self.path.read_bytes()
        except OSError:
            return None
        signature, _, body = raw.partition(b"\n")
        if not hmac.compare_digest(signature, self._sign(body).encode()):
            log.warning(
                "the content record does not verify (normal once after DATA_KEYS changed): "
                "content is checked in full"
            )
            return None
        # The body is what this bot wrote (`write`): its key on a line, then the parts.
        return body if body.startswith(_header(key)) else None

    def read(self, key: str) -> dict[str, dict[str, Any]] | None:
        """The files (each as JSON) and what was built from them (each as bytes), by name, if
        the record is for exactly `key` and signed by this bot."""
        body = self.vouches(key)
        return None if body is None else _parts(body, key)

    def write(self, key: str, files: dict[str, str], built: dict[str, bytes]) -> None:
        """Keep the files a full check found sound (JSON), and what was built from them."""
        parts = {"files": files, "built": built}
        body = _header(key) + pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL)
        partial = self.path.with_name(self.path.name + ".partial")
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # the first start
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(self._sign(body).encode() + b"\n" + body)
            os.replace(partial, self.path)
        except OSError as exc:  # a read-only folder: starts stay correct, only slower
            log.info("could not keep the content record: %s", exc.strerror or exc)


def _header(key: str) -> bytes:
    """A record's first line: its format and key (a start compares it before anything else)."""
    return json.dumps({"key": key, "format": FORMAT}).encode() + b"\n"


class _PlainUnpickler(pickle.Unpickler):
    """Strings, bytes and containers only: no class, no function is ever looked up."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"a content record holds no {module}.{name}")


def _parts(body: bytes, key: str) -> dict[str, dict[str, Any]] | None:
    """A record's files (JSON) and what was built from them (bytes), by name (None: not one)."""
    header = _header(key)
    if not body.startswith(header):
        return None
    try:
        parts = _PlainUnpickler(io.BytesIO(body[len(header) :])).load()
    except Exception:  # a signed record this code cannot read: check in full
        return None
    kinds = {"files": str, "built": bytes}
    if not isinstance(parts, dict) or set(parts) != set(kinds):
        return None
    for name, kind in kinds.items():
        part = parts[name]
        if not isinstance(part, dict) or not all(isinstance(v, kind) for v in part.values()):
            return None
    return parts


class ContentFiles:
    """Every content file of one load, read once; parsed from its bytes, or taken from a record
    that vouches for these exact bytes (`checked`: the checks a record covers may be skipped)."""

    def __init__(self, directory: Path, record: CheckedRecord | None = None) -> None:
        if not _CODE:  # installed without its sources: no way to tell one version from another
            record = None
        self._directory = directory
        self._bytes: dict[str, bytes] = {}
        digest = hashlib.sha256(_checking_code() if record is not None else b"")
        if directory.is_dir():
            for path in sorted(directory.glob("*.yaml")) + sorted(directory.glob("*/*.yaml")):
                name = path.relative_to(directory).as_posix()
                try:
                    self._bytes[name] = path.read_bytes()
                except OSError:
                    continue  # parse() reports it, by file
                digest.update(name.encode() + b"\0" + self._bytes[name] + b"\0")
        self.key = digest.hexdigest()
        self._record = record
        self._vouched = record.vouches(self.key) if record is not None else None
        self._checked = self._vouched is not None
        self._parts: dict[str, dict[str, Any]] | None = None  # read when first needed
        self._as_json: dict[str, str] = {}
        self._to_build: dict[str, Callable[[], bytes]] = {}
        self._recordable = True

    @property
    def checked(self) -> bool:
        """True when a full check of exactly these files and this code found no error."""
        return self._checked

    def _from_record(self, part: str) -> dict[str, Any]:
        """The record's `files` (JSON) or `built` (bytes), by name, read the first time one is
        asked for. Were a record this bot signed not to parse, the files are parsed from their
        bytes (the very bytes the record vouches for) and the detector built from them."""
        if self._parts is None:
            parts = _parts(self._vouched, self.key) if self._vouched is not None else None
            self._parts = parts or {"files": {}, "built": {}}
            # The record's bytes are read: let them go now. Kept, they stood beside the detector
            # being unpickled, at the very peak of a restart's memory (7 MB of 22 MB transient).
            self._vouched = None
        return self._parts[part]

    def parse(self, path: Path) -> Any:
        """The file's data. Raises like `strict_yaml.load`, or OSError / UnicodeDecodeError."""
        try:
            name = path.relative_to(self._directory).as_posix()
        except ValueError:
            name = None
        if name is not None and self.checked and name in self._from_record("files"):
            return json.loads(self._from_record("files")[name])  # new objects, as YAML gives
        raw = self._bytes.get(name) if name is not None else None
        data = strict_yaml.load((raw if raw is not None else path.read_bytes()).decode())
        if name is None or raw is None:
            self._recordable = False
        elif self._record is not None:
            self._remember(name, data)
        return data

    def _remember(self, name: str, data: Any) -> None:
        """The file as JSON, taken now (before any caller could change the data). A file JSON
        does not give back exactly (a date, a number as a key) means no record."""
        try:
            text = json.dumps(data, ensure_ascii=False)
            same = json.loads(text) == data
        except (TypeError, ValueError):
            same = False
        if same:
            self._as_json[name] = text
        else:
            self._recordable = False

    @property
    def recording(self) -> bool:
        """True when a load without errors will write a record of what it parsed."""
        return self._record is not None and not self.checked

    def raw(self, path: Path) -> bytes | None:
        """The bytes of a content file as this load read them (None: not one of its files)."""
        try:
            return self._bytes.get(path.relative_to(self._directory).as_posix())
        except ValueError:
            return None

    def built(self, name: str) -> bytes | None:
        """What a load of these very files built and kept under `name`, as the bytes its
        builder gave (`remember`); None: build it."""
        return self._from_record("built").get(name) if self.checked else None

    def remember(self, name: str, state: Callable[[], bytes]) -> None:
        """Keep what `state()` returns under `name` in the record written next (called then,
        once: after the load's checks, so it describes what they found sound)."""
        self._to_build[name] = state

    def keep(self) -> None:
        """After a load without errors: write the record for the next start (when these files
        did not come from one already)."""
        if self._record is not None and not self.checked and self._recordable:
            built = {name: state() for name, state in self._to_build.items()}
            self._record.write(self.key, self._as_json, built)


class Loaded:
    """What starts a record vouched for loaded in this process, by what it was made of: the
    record's key (the checking code and every file's name and bytes), the folder and its
    subfolders, the default locale and the day (verification dates). Loading the same again
    gives the same content and the same warnings, so a start takes it from here while
    something still holds it (the live content; the tests hold the shipped content for the
    whole run): keeping costs no memory. The content is immutable (`/reload` swaps in a new
    one); only a load without an error is kept."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: dict[tuple[str, ...], tuple[weakref.ref[Any], tuple[Any, ...]]] = {}

    @staticmethod
    def key_of(
        files: ContentFiles, directory: Path, default_locale: str, today: dt.date
    ) -> tuple[str, ...] | None:
        """None when no record vouches for the files (a full check: nothing is taken)."""
        if not files.checked:
            return None
        folders = sorted(p.name for p in directory.iterdir() if p.is_dir())
        where = str(directory.resolve())
        return (files.key, where, "\0".join(folders), default_locale, today.isoformat())

    def get(self, key: tuple[str, ...] | None) -> tuple[Any, list[Any]] | None:
        """The content and the problems (warnings) its load found, if still held."""
        with self._lock:
            entry = self._kept.get(key) if key is not None else None
            content = entry[0]() if entry is not None else None
            return None if entry is None or content is None else (content, list(entry[1]))

    def put(self, key: tuple[str, ...] | None, content: Any, problems: list[Any]) -> None:
        if key is None:
            return
        with self._lock:
            for old in [k for k, (ref, _) in self._kept.items() if ref() is None]:
                del self._kept[old]
            self._kept[key] = (weakref.ref(content), tuple(problems))


LOADED = Loaded()
