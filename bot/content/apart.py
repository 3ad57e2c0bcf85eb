"""A full check of the content in a child process: the bot keeps only what it uses.

A full check (every YAML file parsed and walked, the risk detector built from every locale's
lists, every phrase assessed as written) makes some hundred megabytes of short-lived objects.
Freed, most of them stay in the heap of the process that made them (half-used pages of Python's
allocator and glibc's, which `release_freed_memory` cannot give back): with the content
loaded, the bot sat at 184 MB after a first start against 116 MB after a restart, and a /reload
took it to about 200 MB. So the bot checks content in full in a child process
(`python -m bot.content.apart`): the child checks, says every problem it found, and writes the
content record (`bot.content.checked`); the bot then takes the content from that record, as a
restart does, unpickling the detector as it was built. Every start and every /reload ends with
the heap of a restart.

* A start the record vouches for (a restart) runs here: nothing is checked.
* A full check of lists this process checked itself and still holds (`bot.safety.kept`, byte
  for byte: the tests hold the shipped lists for the whole run) runs here: it builds nothing
  big. A detector restored from a record is not such a one: a full check never trusts a record.
* Any other full check (a first start, a start after a content change, every /reload and every
  upload of the running bot) runs in the child: a few seconds, as the same check took here
  (the lists' detector was built again at each of them: nothing held it beside the model).
  Its problems are the full check's, warnings too; content with an error is refused as
  before, and on /reload the old content stays live.
* Where the child cannot run, or its record cannot be used (a folder the bot cannot write,
  files changed meanwhile), the check runs here, as it did before: slower to give memory
  back, never wrong.

The child reads its request on stdin (the record's signing key, derived from the data key,
never the data key itself, and never on a command line) and answers on stdout. No `telegram`.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

from bot.content.checked import CheckedRecord, ContentFiles
from bot.content.loader import Content, Problem, load_content
from bot.content.model import BASE_LOCALE
from bot.safety import lists
from bot.safety.model import SHIPPED_NAME

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]  # where the `bot` package is imported from
CHILD_TIMEOUT = 600.0  # seconds; a full check takes a few


def load(
    directory: Path,
    default_locale: str,
    record: CheckedRecord,
    *,
    model: bool,
    readier: bool = False,
    full: bool = False,
    today: dt.date | None = None,
) -> tuple[Content | None, list[Problem]]:
    """The content of `directory` and the problems found: a start (`full=False`: a record that
    vouches for the files is used) or a full check (`full=True`: /reload, every problem said).
    Either writes the record of a full check beside the database."""
    today = today or dt.date.today()
    if not full:
        files = ContentFiles(directory, record)
        if files.checked:  # a restart
            return load_content(
                directory, default_locale, today, model=model, readier=readier, files=files
            )
    here = None if full else record  # a full check never uses a record
    if not directory.is_dir() or lists.KEPT.holds(directory):
        return load_content(
            directory, default_locale, today, record=here, model=model, readier=readier
        )
    checking = record.path.with_name(
        f"{record.path.name}.{os.getpid()}-{secrets.token_hex(4)}.checking"
    )
    try:
        child = CheckedRecord.signed_with(checking, record.signing_key)
        problems = _in_child(directory, default_locale, today, child)
        if problems is not None and any(p.severity == "error" for p in problems):
            return None, problems
        if problems is not None and _put(checking, record.path):
            files = ContentFiles(directory, record)
            if files.checked:  # the very files the child checked
                content, found = load_content(
                    directory, default_locale, today, model=model, readier=readier, files=files
                )
                if content is not None:
                    return content, problems
                if any(p.file == SHIPPED_NAME for p in found):
                    return None, found  # the installation's model, not the content: said once
    finally:
        _put(checking, None)
    log.info("content checked in this process: its record could not be used")
    return load_content(directory, default_locale, today, record=here, model=model, readier=readier)


def _put(checking: Path, record: Path | None) -> bool:
    """The child's record put in place of `record` (None: removed); False if there is none."""
    try:
        if record is None:
            checking.unlink(missing_ok=True)
        else:
            os.replace(checking, record)
    except OSError:
        return False
    return True


def check(
    directory: Path, default_locale: str = BASE_LOCALE, today: dt.date | None = None
) -> list[Problem]:
    """Every problem a full check of `directory` finds (an upload staged beside the content),
    in a child unless this process holds its lists checked; no record is written."""
    today = today or dt.date.today()
    if directory.is_dir() and not lists.KEPT.holds(directory):
        found = _in_child(directory, default_locale, today, None)
        if found is not None:
            return found
    return load_content(directory, default_locale, today)[1]


def _in_child(
    directory: Path, default_locale: str, today: dt.date, record: CheckedRecord | None
) -> list[Problem] | None:
    """The problems a full check in a child process found (it writes `record` if the content
    has no error); None when the child could not say."""
    request = {
        "directory": str(directory),
        "default_locale": default_locale,
        "today": today.isoformat(),
        "record": None if record is None else str(record.path),
        "key": None if record is None else record.signing_key.hex(),
    }
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    started = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bot.content.apart"],
            input=json.dumps(request).encode(),
            stdout=subprocess.PIPE,
            cwd=ROOT,
            env=env,
            timeout=CHILD_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("could not check the content in a child process: %s", exc)
        return None
    try:
        answer = json.loads(done.stdout) if done.returncode == 0 else None
        problems = [Problem(*found) for found in answer["problems"]]
    except (ValueError, TypeError, KeyError):
        log.warning("the content check in a child process failed (exit %s)", done.returncode)
        return None
    log.info("content checked in a child process in %.1f s", time.monotonic() - started)
    return problems


def main() -> None:
    """The child: a full check of the content a request names; its problems on stdout."""
    request = json.loads(sys.stdin.buffer.read())
    record = None
    if request["record"] is not None:
        record = CheckedRecord.signed_with(Path(request["record"]), bytes.fromhex(request["key"]))
    _, problems = load_content(
        Path(request["directory"]),
        request["default_locale"],
        dt.date.fromisoformat(request["today"]),
        record=record,
    )
    found = [[p.file, p.key, p.message, p.severity] for p in problems]
    sys.stdout.buffer.write(json.dumps({"problems": found}, ensure_ascii=False).encode())


if __name__ == "__main__":
    main()
