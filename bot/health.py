"""An optional small HTTP endpoint for operators: `/healthz` and `/metrics`.

Off unless `HEALTH_LISTEN` is set; bound to 127.0.0.1 unless an address is given with it.
Answers only GET on those two paths; everything else is 404, with no body that says what the
service is. Nothing it serves names a person: see `bot/metrics.py`.
"""

from __future__ import annotations

import json
import logging

from aiohttp import web

from bot.config import Listen
from bot.metrics import CONTENT_TYPE_LATEST, Metrics
from bot.storage.health_repo import HealthRepository

log = logging.getLogger(__name__)

# Long polling reaches Telegram at least every poll timeout (10 s) plus the read margin: a
# silence much longer than that means the bot cannot reach Telegram, or is stuck.
POLLING_STALE_AFTER = 90.0


class HealthServer:
    def __init__(
        self, listen: Listen, metrics: Metrics, repo: HealthRepository, *, mode: str = "polling"
    ) -> None:
        self.listen = listen
        self.metrics = metrics
        self.repo = repo
        self.mode = mode
        self._runner: web.AppRunner | None = None
        app = web.Application()
        app.router.add_get("/healthz", self.healthz)
        app.router.add_get("/metrics", self.scrape)
        self._app = app

    @property
    def port(self) -> int:
        """The port bound (useful with port 0 in tests)."""
        assert self._runner is not None
        for site in self._runner.sites:
            server = getattr(site, "_server", None)
            if server is not None and server.sockets:
                return int(server.sockets[0].getsockname()[1])
        return self.listen.port

    async def start(self) -> None:
        self._runner = web.AppRunner(self._app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.listen.host, self.listen.port).start()
        log.info("health and metrics on %s:%s", self.listen.host, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def status(self) -> tuple[int, dict[str, object]]:
        body: dict[str, object] = {"mode": self.mode}
        try:
            await self.repo.ping()
            counts = await self.repo.counts()
            body["database"] = "ok"
            body["inbox_backlog"] = counts.inbox_backlog
        except Exception as exc:
            body.update(status="unhealthy", database=type(exc).__name__)
            return 503, body
        contact = self.metrics.contact_at
        if contact is None:
            body["status"] = "starting"
            return 503, body
        age = max(0.0, self.metrics.clock() - contact)
        body["last_contact_seconds"] = round(age, 1)
        # A webhook is only called when someone writes: a quiet night is not a failure.
        stale = self.mode == "polling" and age > POLLING_STALE_AFTER
        body["status"] = "unhealthy" if stale else "ok"
        return (503 if stale else 200), body

    async def healthz(self, request: web.Request) -> web.Response:
        code, body = await self.status()
        return web.Response(status=code, text=json.dumps(body), content_type="application/json")

    async def scrape(self, request: web.Request) -> web.Response:
        try:
            payload = await self.metrics.scrape(self.repo)
        except Exception as exc:
            log.warning("metrics: the database did not answer: %s", type(exc).__name__)
            return web.Response(status=503, text="database unavailable\n")
        return web.Response(body=payload, headers={"Content-Type": CONTENT_TYPE_LATEST})


def probe(listen: Listen, timeout: float = 3.0) -> int:
    """`python -m bot healthcheck` (the container's HEALTHCHECK): 0 if /healthz says ok."""
    import urllib.error
    import urllib.request

    host = "127.0.0.1" if listen.host in {"0.0.0.0", "::", ""} else listen.host
    if ":" in host:
        host = f"[{host}]"
    url = f"http://{host}:{listen.port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            print(response.read().decode())
            return 0 if response.status == 200 else 1
    except urllib.error.HTTPError as exc:
        print(exc.read().decode() or exc.reason)
        return 1
    except OSError as exc:
        print(f"no answer from {url}: {type(exc).__name__}")
        return 1
