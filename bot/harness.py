"""The real bot wired to the local Bot API stand-in: used by the playground and the tests.

`Harness` starts a `BotAPIStandIn` on 127.0.0.1 and the real `Application` against it over real
HTTP, on a real SQLite file. `settle()` waits (without sleeping) until the bot has fetched and
fully handled every update sent so far; `restart()` stops the application and builds a new one
on the same database, as a process restart would.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from telegram.ext import Application

from bot.app import build_application, menus_published, start_bot, stop_bot
from bot.config import Settings, decode_data_key
from bot.core import Core
from bot.crypto import generate_data_key
from bot.standin import BotAPIStandIn

# The official Bot API as JSON, beside the project (`../shared/data/...`); optional.
DEFAULT_SPEC = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "telegram-bot-api" / "api.json"
)


def offline_settings(
    database_path: Path, content_dir: Path, *, admin_ids: frozenset[int] = frozenset(), **changes
) -> Settings:
    """Settings for a bot that talks only to the stand-in: a fresh random key, no real token."""
    base = Settings(
        token="123456:PLAYGROUND-TOKEN",
        data_keys=(decode_data_key(generate_data_key()),),
        database_path=database_path,
        content_dir=content_dir,
        admin_ids=admin_ids,
    )
    return replace(base, **changes)


class Harness:
    def __init__(
        self,
        settings: Settings,
        *,
        api_spec: Path | None = None,
        clock: Callable[[], float] = time.time,
        latency: float = 0.0,
        poll_timeout: float = 10,
        webhook: bool = False,
    ) -> None:
        self.standin = BotAPIStandIn(
            token=settings.token, api_spec=api_spec, clock=clock, latency=latency
        )
        self._settings = settings
        self._clock = clock
        self._poll_timeout = poll_timeout
        self._webhook = webhook  # receive through Telegram's webhook instead of polling
        self.core: Core | None = None
        self.application: Application | None = None

    @property
    def settings(self) -> Settings:
        return self._settings

    async def start(self) -> None:
        await self.standin.start()
        self._settings = replace(self._settings, api_base_url=self.standin.base_url)
        await self.start_bot()

    async def start_bot(self) -> None:
        await self.start_bot_paused()
        await self.resume()

    async def start_bot_paused(self) -> None:
        """Open the core on the database without starting the bot (to set up a crash scene)."""
        self.core = await Core.open(self._settings, clock=self._clock)

    async def resume(self) -> None:
        """Start the bot on the core opened by `start_bot_paused()`."""
        assert self.core is not None
        self.application = build_application(self.core, webhook=self._webhook)
        await start_bot(self.application, poll_timeout=self._poll_timeout)
        await menus_published(self.application)  # tests see the menus as Telegram would

    async def stop_bot(self) -> None:
        if self.application is not None:
            await stop_bot(self.application)
            self.application = None
        if self.core is not None:
            await self.core.close()
            self.core = None

    async def restart(self) -> None:
        await self.settle()
        await self.stop_bot()
        await self.start_bot()

    async def stop(self) -> None:
        await self.stop_bot()
        await self.standin.stop()

    async def settle(self) -> None:
        """Return once every update sent so far has been fetched and handled by the bot."""
        await self.standin.wait_delivered()
        if self.application is not None:
            await self.application.update_queue.join()
