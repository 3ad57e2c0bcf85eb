"""Webhook mode (issue 14 part 3): the stand-in delivers to the bot's webhook as Telegram does
(one update at a time, retried until a 2xx), and the bot gives the guarantees of polling."""

from __future__ import annotations

import io
import json
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.config import Listen
from bot.harness import Harness, offline_settings
from bot.polling import inbox_context
from bot.storage.inbox_repo import InboxRepository
from tests.conftest import (
    ADMIN_ID,
    CONTENT,
    SECOND_ADMIN_ID,
    FakeClock,
    api_spec,
    free_port,
)
from tests.test_relay import connect, last_text

SECRET = "a-webhook-secret-0123456789"


@pytest.fixture
async def hooked(
    tmp_path: Path, clock: FakeClock, log_output: io.StringIO
) -> AsyncIterator[Harness]:
    port = free_port()
    settings = offline_settings(
        tmp_path / "data" / "bot.sqlite3",
        CONTENT,
        admin_ids=frozenset({ADMIN_ID, SECOND_ADMIN_ID}),
        rate_limit=False,
        webhook_url=f"http://127.0.0.1:{port}/telegram/hook",
        webhook_secret=SECRET,
        webhook_listen=Listen("127.0.0.1", port),
    )
    h = Harness(settings, api_spec=api_spec(), clock=clock, webhook=True)
    await h.start()
    try:
        yield h
    finally:
        await h.stop()
    assert h.standin.spec_violations == [], h.standin.spec_violations


async def test_a_whole_chat_over_the_webhook_in_order(hooked: Harness) -> None:
    h = hooked
    (hook,) = h.standin.calls_to("setWebhook")
    assert hook.params["secret_token"] == SECRET
    assert int(hook.params["max_connections"]) == 40
    visitor, volunteer = await connect(h)
    for i in range(20):
        await visitor.send(f"line {i}")
    await h.settle()
    assert volunteer.texts()[-20:] == [f"line {i}" for i in range(20)]
    await volunteer.send("I read every line")
    await h.settle()
    assert last_text(visitor).endswith("I read every line")
    assert h.standin.calls_to("getUpdates") == []  # nothing was polled
    assert h.standin.webhook.failures == 0


async def test_many_chats_at_once_each_in_order(hooked: Harness) -> None:
    h = hooked
    pairs = [await connect(h, alias) for alias in ("River Song", "Noor Ali", "Sage Bell")]
    for i in range(15):
        for n, (visitor, _) in enumerate(pairs):
            await visitor.send(f"chat {n} line {i}")
    await h.settle()
    for n, (_, volunteer) in enumerate(pairs):
        assert volunteer.texts()[-15:] == [f"chat {n} line {i}" for i in range(15)]
    assert h.standin.webhook.max_in_flight > 1  # several chats were delivered at once


async def test_a_request_without_the_secret_is_refused(hooked: Harness) -> None:
    h = hooked
    url = h.settings.webhook_url
    person = {"id": 7, "is_bot": False, "first_name": "x"}
    chat = {"id": 7, "type": "private"}
    message = {"message_id": 1, "date": 0, "chat": chat, "from": person, "text": "/start"}
    update = {"update_id": 1, "message": message}
    async with aiohttp.ClientSession() as session:
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong-secret-0123456789"}):
            async with session.post(url, json=update, headers=headers) as response:
                assert response.status == 401
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with session.post(url, data=b"not json", headers=headers) as response:
            assert response.status == 400
    assert await InboxRepository(h.core.db).pending() == []
    assert h.standin.calls_to("sendMessage") == []


async def test_updates_sent_while_the_bot_is_down_arrive_once_after_it_is_back(
    hooked: Harness,
) -> None:
    h = hooked
    visitor, volunteer = await connect(h)
    await h.stop_bot()  # a crash or a restart: the webhook stays set, Telegram keeps trying
    await visitor.send("written while the bot was down")
    await visitor.send("and a second one")
    await h.start_bot()
    await h.settle()
    assert volunteer.texts()[-2:] == ["written while the bot was down", "and a second one"]
    assert h.standin.webhook.failures >= 1  # refused while down, retried until it worked


async def test_an_update_stored_before_a_crash_is_handled_once(hooked: Harness) -> None:
    h = hooked
    visitor, volunteer = await connect(h)
    await h.stop_bot()
    await visitor.send("stored, answered 200, then the process died")
    (update,) = h.standin.take_pending()
    await h.start_bot_paused()
    core = h.core
    sealed = core.cipher.encrypt(json.dumps(update).encode(), inbox_context(update["update_id"]))
    await InboxRepository(core.db).store([(update["update_id"], sealed, False)], core.clock())
    await h.resume()
    await h.settle()
    # Telegram did not see the 200 and sends the same update again: recognised, not doubled
    h.standin.redeliver(update)
    await h.settle()
    assert volunteer.texts().count("stored, answered 200, then the process died") == 1
