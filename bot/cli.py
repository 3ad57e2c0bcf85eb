"""`python -m bot` (also the `peer-support-bot` console script).

    python -m bot [run]             run the bot (long polling)
    python -m bot webhook           run the bot on Telegram's webhook (WEBHOOK_URL, _SECRET)
    python -m bot keygen            print a new data key for DATA_KEYS
    python -m bot content check [DIR]   validate content; non-zero exit on errors
    python -m bot playground        try the bot in the terminal: no token, no network
    python -m bot risk              rate lines on stdin: high, elevated or none (phrase lists)
    python -m bot risk --eval F.tsv recall and false positives on labelled lines
    python -m bot risk --explain    the same, each line followed by what of the lists fired
    python -m bot stats [--days N]  the figures of /stats
    python -m bot rotate-keys       new pseudonym key; everything under the newest data key
    python -m bot healthcheck       ask the running bot's /healthz (HEALTH_LISTEN): 0 if healthy
    python -m bot backup DEST       a consistent copy of the database, even while the bot runs
    python -m bot restore SRC       replace the database with a backup the keys open (bot stopped)

`keygen`, `content check`, `risk` and `playground` need no settings at all.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
from pathlib import Path

from bot.config import RISK_MODELS, Settings, SettingsError, load_settings, setting_values

# The content loader, crypto and the bot itself are imported where they are used: the
# container's HEALTHCHECK runs `python -m bot healthcheck` every few seconds and must start fast.

STOP_GRACE_SECONDS = 20  # within compose's stop_grace_period and systemd's TimeoutStopSec (30 s)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot (default)")
    sub.add_parser("webhook", help="run the bot on Telegram's webhook instead of long polling")
    sub.add_parser("keygen", help="print a new data key")
    content = sub.add_parser("content", help="content tools")
    content_sub = content.add_subparsers(dest="action", required=True)
    check = content_sub.add_parser("check", help="validate content")
    check.add_argument("directory", nargs="?", default=None, help="content folder")
    playground = sub.add_parser("playground", help="chat with the bot in this terminal, offline")
    playground.add_argument("--tui", action="store_true", help="everyone side by side (Textual)")
    playground.add_argument("--demo", action="store_true", help="the whole story, by itself")
    risk = sub.add_parser("risk", help="rate lines from standard input: high, elevated or none")
    risk.add_argument(
        "--eval",
        dest="eval_file",
        type=Path,
        default=None,
        metavar="FILE.tsv",
        help="recall and false positives on labelled lines: label<TAB>lang<TAB>text",
    )
    risk.add_argument(
        "--lists-only",
        action="store_true",
        help="the phrase lists alone, without the statistical model beside them",
    )
    risk.add_argument(
        "--careful",
        action="store_true",
        help="the model's stricter thresholds, as the bot with RISK_MODEL=careful (without this "
        "or --lists-only: as RISK_MODEL in the environment or .env says, on by default)",
    )
    risk.add_argument(
        "--explain",
        action="store_true",
        help="after each line, the phrases, rules and exclusions of the lists found in it",
    )
    stats = sub.add_parser("stats", help="aggregate figures, as /stats shows them")
    stats.add_argument("--days", type=int, default=7, help="period in days (default 7)")
    sub.add_parser(
        "rotate-keys", help="new pseudonym key, and everything under the newest data key"
    )
    sub.add_parser("healthcheck", help="0 if the running bot's /healthz says ok (HEALTH_LISTEN)")
    backup = sub.add_parser("backup", help="a consistent copy of the database, while it runs")
    backup.add_argument("dest", type=Path, help="a file, or a folder for a dated file")
    restore = sub.add_parser("restore", help="replace the database with a backup (bot stopped)")
    restore.add_argument("source", type=Path, help="the backup file")
    args = parser.parse_args(argv)

    if args.command == "keygen":
        from bot.crypto import generate_data_key

        print(generate_data_key())
        return 0
    if args.command == "content":
        return content_check(Path(args.directory) if args.directory else _content_dir())
    if args.command == "risk":
        from bot.safety import run_risk_cli

        try:
            if args.careful and args.lists_only:
                print("--careful and --lists-only cannot be used together", file=sys.stderr)
                return 2
            mode = "careful" if args.careful else "off" if args.lists_only else "on"
            if not (args.careful or args.lists_only):  # as the bot of these settings reads
                mode = _setting("RISK_MODEL").lower() or "on"
                if mode not in RISK_MODELS:
                    print("RISK_MODEL must be on, careful or off", file=sys.stderr)
                    return 2
            return run_risk_cli(
                _content_dir(),
                sys.stdin,
                sys.stdout,
                args.eval_file,
                mode == "off",
                args.explain,
                readier=mode == "on",
            )
        except BrokenPipeError:  # the reader stopped early (`... | head`): not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
    if args.command == "healthcheck":
        return healthcheck()
    if args.command == "playground":
        from bot.playground import run_playground

        return asyncio.run(run_playground(_content_dir(), tui=args.tui, demo=args.demo))
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"Cannot start: {exc}", file=sys.stderr)
        return 2
    if args.command == "stats":
        return asyncio.run(print_stats(settings, max(1, min(args.days, 365))))
    if args.command == "rotate-keys":
        return asyncio.run(rotate(settings))
    if args.command == "backup":
        return make_backup(settings, args.dest)
    if args.command == "restore":
        return restore_backup(settings, args.source)
    return asyncio.run(run(settings, webhook=args.command == "webhook"))


async def print_stats(settings: Settings, days: int) -> int:
    """The figures of /stats, in the default language, from the database alone."""
    import time

    from bot.content.i18n import t
    from bot.content.loader import load_content
    from bot.stats import compute, report_lines
    from bot.storage.db import Database
    from bot.storage.stats_repo import StatsRepository
    from bot.storage.topics_repo import TopicRepository

    content, _ = load_content(settings.content_dir, settings.default_locale)
    db = Database(settings.database_path)
    await db.open()
    try:
        report = await compute(StatsRepository(db), days, time.time(), TopicRepository(db))
    finally:
        await db.close()
    if content is None:
        for key, value in report.lines().items():
            print(f"{key}: {value}")
    else:
        print(t(content.locale(None), "admin.stats", **report_lines(content, report)))
    return 0


async def rotate(settings: Settings) -> int:
    """`rotate-keys`: new pseudonyms, everything under the newest data key; all or nothing."""
    from bot.crypto import DataCipher, DecryptionError
    from bot.rotation import RotationError, rotate_keys
    from bot.storage.db import Database, StorageError

    db = Database(settings.database_path)
    try:
        await db.open()
        counts = await rotate_keys(db, DataCipher(settings.data_keys), settings.admin_ids)
    except (DecryptionError, RotationError, StorageError) as exc:
        print(f"Cannot rotate: {exc}. Nothing was changed.", file=sys.stderr)
        return 2
    finally:
        await db.close()
    print(f"New pseudonym key: {counts.get('people', 0)} people have new pseudonyms.")
    for column, changed in counts.items():
        if column not in {"people", "visitors", "staff"}:
            print(f"{column}: {changed}")
    lifted = counts.get("blocks.pseudonym unknown", 0)
    if lifted:
        print(f"{lifted} block(s) lifted: that visitor's rows were gone, so it cannot follow.")
    print("Done. Keys other than the first in DATA_KEYS can now be removed.")
    return 0


def make_backup(settings: Settings, dest: Path) -> int:
    from bot.storage.backup import BackupError, backup

    try:
        result = backup(settings.database_path, dest)
    except BackupError as exc:
        print(f"Cannot back up: {exc}", file=sys.stderr)
        return 2
    print(f"Backup written: {result.path} ({result.size:,} bytes, {result.tables} tables).")
    print("Keep it away from DATA_KEYS. Rows purged later still live in this copy until you")
    print("delete it: keep backups no longer than RETENTION_DAYS.")
    return 0


def restore_backup(settings: Settings, source: Path) -> int:
    from bot.crypto import DataCipher
    from bot.storage.backup import BackupError, restore

    try:
        replaced = restore(source, settings.database_path, DataCipher(settings.data_keys))
    except BackupError as exc:
        print(f"Cannot restore: {exc}. Nothing was changed.", file=sys.stderr)
        return 2
    print(f"Restored {source} into {settings.database_path}.")
    if replaced.exists():
        print(f"The database it replaced is kept at {replaced}: delete it once all is well.")
    return 0


def healthcheck() -> int:
    """For a container's HEALTHCHECK: needs HEALTH_LISTEN only, and starts in milliseconds."""
    from dotenv import dotenv_values

    from bot.config import Listen

    value = os.environ.get("HEALTH_LISTEN") or dotenv_values(".env").get("HEALTH_LISTEN") or ""
    if not value:
        print("HEALTH_LISTEN is not set: the health endpoint is off", file=sys.stderr)
        return 2
    try:
        listen = Listen.parse(value)
    except ValueError:
        print("HEALTH_LISTEN must be a port or an address and port", file=sys.stderr)
        return 2
    from bot.health import probe

    return probe(listen)


def _content_dir() -> Path:
    """CONTENT_DIR if set (environment or .env), else ./content; no other setting is needed."""
    return Path(_setting("CONTENT_DIR") or "content")


def _setting(name: str) -> str:
    """One setting as `load_settings` reads it, spaces stripped ("" when unset or empty: the
    default then applies)."""
    return setting_values().get(name, "").strip()


def content_check(directory: Path) -> int:
    from bot.content.loader import load_content

    _, problems = load_content(directory)
    failing = [p for p in problems if p.severity != "warning"]
    for problem in problems:
        print(problem)
    if failing:
        warnings = len(problems) - len(failing)
        print(f"{len(failing)} problem(s), {warnings} warning(s) in {directory}")
        return 1
    print(f"content OK: {directory} ({len(problems)} warning(s))")
    return 0


async def run(settings: Settings, *, webhook: bool = False) -> int:
    from bot.app import build_application, configure_logging, start_bot, stop_bot
    from bot.content.loader import ContentError
    from bot.core import Core
    from bot.safety.model import SHIPPED_NAME
    from bot.storage.db import StorageError

    configure_logging(settings)
    try:
        core = await Core.open(settings)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        # a damaged or missing risk model is the installation's fault, not the content's
        model = next((p for p in exc.problems if p.file == SHIPPED_NAME), None)
        if model is not None:
            reason = f"{model.file}: {model.message}"
        else:
            reason = f"content in {settings.content_dir} has errors"
        print(f"Cannot start: {reason}", file=sys.stderr)
        return 2
    except StorageError as exc:
        print(f"Cannot start: {exc}", file=sys.stderr)
        return 2
    try:
        application = build_application(core, webhook=webhook)
    except SettingsError as exc:
        await core.close()
        print(f"Cannot start: {exc}", file=sys.stderr)
        return 2
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        try:
            await start_bot(application)
        except StorageError as exc:  # e.g. another process holds the database
            print(f"Cannot start: {exc}", file=sys.stderr)
            return 2
        await stop.wait()
    finally:
        # No new updates; what is being handled finishes (within a bound: what is left stays in
        # the inbox and is handled at the next start, nothing is lost).
        try:
            await asyncio.wait_for(stop_bot(application), STOP_GRACE_SECONDS)
        except TimeoutError:
            print(
                f"Stopped after {STOP_GRACE_SECONDS} s with updates still being handled: they "
                "are handled at the next start.",
                file=sys.stderr,
            )
        await core.close()
    return 0
