"""The bot's HTTP client for the Bot API: PTB's `BaseRequest` on an aiohttp session.

Why not PTB's default (httpx)? Measured on this project (README, Performance): with a dozen
updates in flight, httpcore's connection pool walks every pooled connection on each request
and polls each idle socket with a system call, so the CPU cost of a call grows with the
concurrency the relay needs to keep up with Telegram's round trip. aiohttp's connector hands
out a free connection in constant time and parses HTTP in C. PTB documents `BaseRequest` as
the place to plug in another HTTP library; this is that, and nothing more: it turns aiohttp's
errors into PTB's (`TimedOut`, `NetworkError`), so retries and error handling are unchanged.

Proxies from the environment (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`) are
honoured, as httpx does, but HTTP proxies only (no SOCKS); they are read once per host, not on
every call (aiohttp's `trust_env` would look them up, and read `~/.netrc`, in a thread on every
request: a fifth of the relay's CPU, measured).

Timeouts follow PTB's (5 s to connect, write and read; 1 s for a free pooled connection), with
two differences: aiohttp counts the wait for a pooled connection inside the connect timeout, and
has no write timeout, so the whole call is bounded by the sum of the four instead.
"""

from __future__ import annotations

import functools
import urllib.request
from collections.abc import Callable

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

DEFAULT_TIMEOUT = 5.0  # seconds, PTB's own default for connecting and reading
POOL_TIMEOUT = 1.0  # seconds to wait for a free connection before a call counts as timed out
# PTB passes this marker for "no timeout given for this call: use the request's default"
_NOT_GIVEN = type(BaseRequest.DEFAULT_NONE)


class AiohttpRequest(BaseRequest):
    """Bot API calls over one `aiohttp.ClientSession` with at most `connection_pool_size`
    connections open at once."""

    def __init__(
        self,
        connection_pool_size: int = 1,
        *,
        read_timeout: float | None = DEFAULT_TIMEOUT,
        connect_timeout: float | None = DEFAULT_TIMEOUT,
        write_timeout: float | None = DEFAULT_TIMEOUT,
        pool_timeout: float | None = POOL_TIMEOUT,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        self.pool_size = connection_pool_size
        self.on_error = on_error  # told the kind of each failed call (metrics); never its text
        self.default_read_timeout = read_timeout
        self.default_write_timeout = write_timeout
        self.default_connect_timeout = connect_timeout
        self.default_pool_timeout = pool_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self.default_read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self.pool_size),
                headers={"User-Agent": self.USER_AGENT},
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: float | object | None = BaseRequest.DEFAULT_NONE,
        write_timeout: float | object | None = BaseRequest.DEFAULT_NONE,
        connect_timeout: float | object | None = BaseRequest.DEFAULT_NONE,
        pool_timeout: float | object | None = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """One call; returns (HTTP status, body). PTB reads the body and raises its errors."""
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        read = _given(read_timeout, self.default_read_timeout)
        connect = _given(connect_timeout, self.default_connect_timeout)
        pool = _given(pool_timeout, self.default_pool_timeout)
        write = _given(write_timeout, self.default_write_timeout)
        phases = (connect, pool, write, read)
        timeout = aiohttp.ClientTimeout(
            # aiohttp has no write timeout of its own: the whole call is bounded by the sum of
            # the phases instead, so a stalled upload cannot hang forever
            total=None if None in phases else sum(p for p in phases if p is not None),
            # aiohttp's `connect` covers waiting for a free pooled connection plus connecting
            connect=None if connect is None or pool is None else connect + pool,
            sock_connect=connect,
            sock_read=read,
        )
        try:
            async with self._session.request(
                method, url, data=_body(request_data), timeout=timeout, proxy=_proxy_for(url)
            ) as response:
                body = await response.read()
        # The class name only, and no chained cause: aiohttp's messages may hold the URL, and
        # with it the bot token, which no traceback should carry.
        except TimeoutError as err:  # aiohttp's timeouts are TimeoutErrors
            self._failed("timeout")
            raise TimedOut(f"Timed out (aiohttp.{type(err).__name__})") from None
        except aiohttp.ClientError as err:
            self._failed("network")
            raise NetworkError(f"aiohttp.{type(err).__name__}") from None
        if response.status >= 400:
            self._failed(
                _ERROR_KINDS.get(response.status, "server" if response.status >= 500 else "other")
            )
        return response.status, body

    def _failed(self, kind: str) -> None:
        if self.on_error is not None:
            self.on_error(kind)


_ERROR_KINDS = {429: "flood_wait", 403: "forbidden", 400: "bad_request"}


def _proxy_for(url: str) -> str | None:
    scheme, _, rest = url.partition("://")
    return _env_proxy(scheme, rest.split("/", 1)[0])


@functools.lru_cache(maxsize=16)
def _env_proxy(scheme: str, host: str) -> str | None:
    """The proxy the environment names for this host (`HTTPS_PROXY`, `HTTP_PROXY`, then
    `ALL_PROXY`), unless `NO_PROXY` exempts it; read once per host."""
    if urllib.request.proxy_bypass(host):
        return None
    proxies = urllib.request.getproxies()
    return proxies.get(scheme) or proxies.get("all")


def _given(value: float | object | None, default: float | None) -> float | None:
    """The timeout for one call: PTB's "not given" marker means this request's default;
    None means no timeout at all."""
    if isinstance(value, _NOT_GIVEN):
        return default
    return None if value is None else float(value)  # type: ignore[arg-type]


def _body(request_data: RequestData | None) -> aiohttp.FormData | dict[str, str] | None:
    """Form fields as PTB encodes them (JSON values as strings), multipart when files go up."""
    if request_data is None:
        return None
    if not request_data.contains_files:
        return request_data.json_parameters
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form
