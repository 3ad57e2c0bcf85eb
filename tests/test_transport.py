"""The aiohttp transport (bot/transport.py) speaks the Bot API as PTB's own does.

Every end-to-end test already runs through it; these cover what they do not reach: uploads,
file downloads, and the translation of aiohttp's failures into PTB's errors.
"""

from __future__ import annotations

import traceback
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import Bot
from telegram.error import BadRequest, NetworkError, TimedOut

from bot.standin import BotAPIStandIn
from bot.transport import AiohttpRequest, _env_proxy, _proxy_for
from tests.conftest import free_port

SPEC = Path("/work/shared/data/telegram-bot-api/api.json")


@pytest.fixture
async def standin() -> AsyncIterator[BotAPIStandIn]:
    server = BotAPIStandIn(api_spec=SPEC)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
    assert server.spec_violations == []
    assert server.internal_errors == []


def bot_on(base_url: str, base_file_url: str, token: str, **request: float) -> Bot:
    return Bot(
        token,
        base_url=base_url,
        base_file_url=base_file_url,
        request=AiohttpRequest(4, **request),
        get_updates_request=AiohttpRequest(1),
    )


async def test_upload_download_and_api_errors(standin: BotAPIStandIn) -> None:
    user = standin.user(first_name="Uploader")
    standin.state.private_chat(user.as_dict())
    async with bot_on(standin.base_url, standin.base_file_url, standin.token) as bot:
        assert (await bot.get_me()).is_bot
        sent = await bot.send_document(user.id, b"line one\n", filename="notes.txt")
        assert sent.document is not None and sent.document.file_name == "notes.txt"
        telegram_file = await bot.get_file(sent.document.file_id)
        assert bytes(await telegram_file.download_as_bytearray()) == b"line one\n"
        with pytest.raises(BadRequest):  # Telegram's own refusals still arrive as PTB's errors
            await bot.send_message(user.id, "")


async def test_an_unreachable_server_is_a_network_error_without_the_token() -> None:
    port = free_port()  # a port nothing listens on
    token = "123456:SECRET-TOKEN"
    base = f"http://127.0.0.1:{port}"
    with pytest.raises(NetworkError) as caught:
        async with bot_on(f"{base}/bot", f"{base}/file/bot", token):  # asks for getMe
            pass
    assert not isinstance(caught.value, TimedOut)
    # aiohttp's own message names the URL, token and all: it must not ride along as a cause
    assert "SECRET" not in "".join(traceback.format_exception(caught.value))


async def test_a_slow_answer_is_timed_out(standin: BotAPIStandIn) -> None:
    user = standin.user(first_name="Patient")
    standin.state.private_chat(user.as_dict())
    async with bot_on(
        standin.base_url, standin.base_file_url, standin.token, read_timeout=0.05
    ) as bot:
        standin.latency = 0.3
        with pytest.raises(TimedOut):
            await bot.send_message(user.id, "hello")


async def test_an_unopened_request_refuses_to_send() -> None:
    with pytest.raises(RuntimeError, match="not initialized"):
        await AiohttpRequest().do_request("http://127.0.0.1:9/", "GET")


def test_proxies_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ALL_PROXY", "http://proxy.example:3128")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    _env_proxy.cache_clear()
    try:
        assert _proxy_for("https://api.telegram.org/botX/getMe") == "http://proxy.example:3128"
        assert _proxy_for("http://127.0.0.1:8081/botX/getMe") is None
        monkeypatch.setenv("HTTPS_PROXY", "http://tls-proxy.example:8080")
        _env_proxy.cache_clear()
        assert _proxy_for("https://api.telegram.org/botX/getMe") == "http://tls-proxy.example:8080"
    finally:
        _env_proxy.cache_clear()
