"""Settings, read once at start from the environment and an optional `.env` file.

Every setting is parsed here and nowhere else, so that a missing or malformed value stops the
bot at start-up with one line that names it (see `SettingsError`), instead of a traceback
minutes later in the middle of someone's conversation.
"""

from __future__ import annotations

import base64
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
# What the relay may carry besides text. Contacts, locations and documents are never relayed:
# they carry identifying data (a phone number, a place, file metadata).
RELAYABLE_MEDIA = frozenset({"text", "sticker", "photo", "voice", "video", "animation"})


class SettingsError(Exception):
    """A setting is missing or malformed. The message is one line naming the setting."""


@dataclass(frozen=True)
class Listen:
    host: str
    port: int

    @classmethod
    def parse(cls, value: str) -> Listen:
        """`9464` (127.0.0.1), `127.0.0.1:9464`, `0.0.0.0:9464` or `[::1]:9464`."""
        value = value.strip()
        host, _, port = value.rpartition(":")
        host = host.strip("[]") or "127.0.0.1"
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError(value)
        return cls(host, int(port))


@dataclass(frozen=True)
class Settings:
    """Everything the bot reads from its environment. See `.env.example` for each meaning."""

    token: str
    data_keys: tuple[bytes, ...]
    api_base_url: str = DEFAULT_API_BASE_URL
    database_path: Path = Path("data/bot.sqlite3")
    admin_ids: frozenset[int] = field(default_factory=frozenset)
    content_dir: Path = Path("content")
    default_locale: str = "en"
    retention_days: int = 7
    visitor_retention_days: int = 90
    log_level: str = "INFO"
    log_format: str = "text"
    health_listen: Listen | None = None
    webhook_url: str = ""
    webhook_secret: str = field(default="", repr=False)
    webhook_listen: Listen = Listen("127.0.0.1", 8443)
    webhook_max_connections: int = 40
    rate_limit: bool = True
    risk_model: bool = True
    risk_model_readier: bool = True  # RISK_MODEL=on: the model's readier pair (careful: its own)
    caseload_limit: int = 1
    invite_ttl_hours: int = 24
    visitor_idle_minutes: int = 10
    volunteer_reply_minutes: int = 3
    queue_timeout_minutes: int = 60
    relay_media: frozenset[str] = frozenset({"text", "sticker"})
    flood_limit: int = 20
    shift_reminder_hours: int = 4
    transfer_timeout_minutes: int = 3
    mentor_wait_hours: int = 48
    # Where the record of the last full content check is kept (bot/content/checked.py); not
    # read from the environment: beside the database unless a caller (the tests) says otherwise.
    content_record: Path | None = None

    @property
    def content_record_path(self) -> Path:
        db = self.database_path
        return self.content_record or db.with_name(db.name + ".content-checked")

    def __repr__(self) -> str:  # never print secrets, even by accident
        return (
            f"Settings(api_base_url={self.api_base_url!r}, database_path={self.database_path!r}, "
            f"admins={len(self.admin_ids)}, content_dir={self.content_dir!r}, "
            f"default_locale={self.default_locale!r}, retention_days={self.retention_days}, "
            f"log_level={self.log_level!r}, rate_limit={self.rate_limit})"
        )


# 32 random bytes hold about 30 different values; fewer than this many is no random key (all
# zeros, one byte repeated, a short pattern, words): the chance for a real one is below 1e-20.
MIN_DISTINCT_KEY_BYTES = 16


def decode_data_key(text: str) -> bytes:
    """A data key is 32 random bytes in URL-safe base64 (what `python -m bot keygen` prints)."""
    raw = base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
    if len(raw) != 32:
        raise ValueError("a data key must be 32 bytes")
    return raw


def looks_random(key: bytes) -> bool:
    """False for a key anyone could guess: all zeros, one byte repeated, a pattern, words."""
    return len(set(key)) >= MIN_DISTINCT_KEY_BYTES


RISK_MODELS = ("on", "careful", "off")  # the values of RISK_MODEL


def setting_values(
    environ: Mapping[str, str] | None = None, env_file: Path | None = Path(".env")
) -> dict[str, str]:
    """Every setting as given: the process environment wins over the `.env` file."""
    values: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(os.environ if environ is None else environ)
    return values


def load_settings(
    environ: Mapping[str, str] | None = None, env_file: Path | None = Path(".env")
) -> Settings:
    """Read settings; the process environment wins over the `.env` file."""
    values = setting_values(environ, env_file)

    def get(name: str, default: str | None = None) -> str:
        value = values.get(name, "").strip()
        if value:
            return value
        if default is None:
            raise SettingsError(f"{name} is required but not set (see .env.example)")
        return default

    token = get("TELEGRAM_BOT_TOKEN")
    if ":" not in token or not token.split(":", 1)[0].isdigit():
        raise SettingsError("TELEGRAM_BOT_TOKEN does not look like a bot token (<digits>:<secret>)")

    try:
        keys = tuple(decode_data_key(k) for k in get("DATA_KEYS").split(",") if k.strip())
    except (ValueError, TypeError):
        raise SettingsError(
            "DATA_KEYS must be comma-separated keys made by `python -m bot keygen`"
        ) from None
    if not keys:
        raise SettingsError("DATA_KEYS is required but not set (see .env.example)")
    for position, key in enumerate(keys, start=1):
        if not looks_random(key):
            raise SettingsError(
                f"DATA_KEYS key {position} is not random (zeros, a repeated pattern or words): "
                "make each key with `python -m bot keygen`"
            )

    base_url = get("TELEGRAM_API_BASE_URL", DEFAULT_API_BASE_URL)
    if not base_url.startswith(("https://", "http://")):
        raise SettingsError("TELEGRAM_API_BASE_URL must start with https:// or http://")

    try:
        admin_ids = frozenset(int(x) for x in get("ADMIN_IDS", "").replace(" ", "").split(",") if x)
    except ValueError:
        raise SettingsError("ADMIN_IDS must be comma-separated numeric Telegram ids") from None

    try:
        retention = int(get("RETENTION_DAYS", "7"))
        if not 1 <= retention <= 365:
            raise ValueError
    except ValueError:
        raise SettingsError("RETENTION_DAYS must be a whole number of days from 1 to 365") from None

    log_level = get("LOG_LEVEL", "INFO").upper()
    if log_level not in logging.getLevelNamesMapping():
        raise SettingsError("LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")

    log_format = get("LOG_FORMAT", "text").lower()
    if log_format not in {"text", "json"}:
        raise SettingsError("LOG_FORMAT must be text or json")

    health: Listen | None = None
    if get("HEALTH_LISTEN", ""):
        try:
            health = Listen.parse(get("HEALTH_LISTEN"))
        except ValueError:
            raise SettingsError(
                "HEALTH_LISTEN must be a port (9464) or an address and port (127.0.0.1:9464)"
            ) from None

    webhook_url = get("WEBHOOK_URL", "")
    if webhook_url and not webhook_url.startswith(("https://", "http://")):
        raise SettingsError("WEBHOOK_URL must be the https:// address Telegram will call")
    webhook_secret = get("WEBHOOK_SECRET", "")
    if webhook_secret and not (
        16 <= len(webhook_secret) <= 256
        and all(c.isascii() and (c.isalnum() or c in "_-") for c in webhook_secret)
    ):
        raise SettingsError(
            "WEBHOOK_SECRET must be 16 to 256 characters of A-Z, a-z, 0-9, _ and - "
            "(python -m bot keygen makes a good one)"
        )
    try:
        webhook_listen = Listen.parse(get("WEBHOOK_LISTEN", "127.0.0.1:8443"))
    except ValueError:
        raise SettingsError(
            "WEBHOOK_LISTEN must be a port (8443) or an address and port (127.0.0.1:8443)"
        ) from None

    rate = get("TELEGRAM_RATE_LIMIT", "on").lower()
    if rate not in {"on", "off"}:
        raise SettingsError("TELEGRAM_RATE_LIMIT must be on or off")

    risk_model = get("RISK_MODEL", "on").lower()
    if risk_model not in RISK_MODELS:
        raise SettingsError("RISK_MODEL must be on, careful or off")

    def number(name: str, default: int, low: int, high: int, unit: str) -> int:
        try:
            value = int(get(name, str(default)))
            if not low <= value <= high:
                raise ValueError
        except ValueError:
            raise SettingsError(
                f"{name} must be a whole number of {unit} from {low} to {high}"
            ) from None
        return value

    media = frozenset(x.strip().lower() for x in get("RELAY_MEDIA", "text,sticker").split(","))
    unknown = media - RELAYABLE_MEDIA
    if unknown or "text" not in media:
        raise SettingsError(
            "RELAY_MEDIA must list text plus any of: " + ", ".join(sorted(RELAYABLE_MEDIA))
        )

    locale = get("DEFAULT_LOCALE", "en")
    if not locale.replace("_", "-").replace("-", "").isalpha():
        raise SettingsError("DEFAULT_LOCALE must be a language code such as en or ar")

    return Settings(
        token=token,
        data_keys=keys,
        api_base_url=base_url,
        database_path=Path(get("DATABASE_PATH", "data/bot.sqlite3")),
        admin_ids=admin_ids,
        content_dir=Path(get("CONTENT_DIR", "content")),
        default_locale=locale,
        retention_days=retention,
        visitor_retention_days=number("VISITOR_RETENTION_DAYS", 90, 7, 3650, "days"),
        log_level=log_level,
        log_format=log_format,
        health_listen=health,
        webhook_url=webhook_url,
        webhook_secret=webhook_secret,
        webhook_listen=webhook_listen,
        webhook_max_connections=number("WEBHOOK_MAX_CONNECTIONS", 40, 1, 100, "connections"),
        rate_limit=rate == "on",
        risk_model=risk_model != "off",
        risk_model_readier=risk_model == "on",
        caseload_limit=number("CASELOAD_LIMIT", 1, 1, 10, "chats"),
        invite_ttl_hours=number("INVITE_TTL_HOURS", 24, 1, 24 * 14, "hours"),
        visitor_idle_minutes=number("VISITOR_IDLE_MINUTES", 10, 1, 24 * 60, "minutes"),
        volunteer_reply_minutes=number("VOLUNTEER_REPLY_MINUTES", 3, 1, 120, "minutes"),
        queue_timeout_minutes=number("QUEUE_TIMEOUT_MINUTES", 60, 5, 24 * 60, "minutes"),
        relay_media=media,
        flood_limit=number("FLOOD_LIMIT", 20, 3, 600, "messages a minute"),
        shift_reminder_hours=number("SHIFT_REMINDER_HOURS", 4, 1, 24, "hours"),
        transfer_timeout_minutes=number("TRANSFER_TIMEOUT_MINUTES", 3, 1, 30, "minutes"),
        mentor_wait_hours=number("MENTOR_WAIT_HOURS", 48, 1, 24 * 14, "hours"),
    )
