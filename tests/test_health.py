"""/healthz and /metrics (issue 14 part 4): real figures, and no label that names a person."""

from __future__ import annotations

import io
import re
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.config import Listen
from bot.harness import Harness
from tests.conftest import FakeClock, running_harness
from tests.test_relay import connect, last_text

# Every label a metric may carry, and the closed set of values it may take.
ALLOWED_LABELS = {
    "urgency": {"urgent", "other"},
    "direction": {"to_volunteer", "to_visitor"},
    "kind": {"flood_wait", "timeout", "network", "server", "forbidden", "bad_request", "other"},
    "version": None,  # checked below: 12 hex digits
}


@pytest.fixture
async def health_harness(
    tmp_path: Path, clock: FakeClock, log_output: io.StringIO
) -> AsyncIterator[Harness]:
    async with running_harness(
        tmp_path, clock, rate_limit=False, health_listen=Listen("127.0.0.1", 0)
    ) as h:
        yield h


def _url(h: Harness, path: str) -> str:
    return f"http://127.0.0.1:{h.application.bot_data['health'].port}{path}"


async def _get(h: Harness, path: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(_url(h, path)) as response:
        return response.status, await response.text()


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


async def test_healthz_says_ok_with_the_database_and_telegram_reached(
    health_harness: Harness,
) -> None:
    status, body = await _get(health_harness, "/healthz")
    assert status == 200
    assert '"status": "ok"' in body and '"database": "ok"' in body
    assert '"inbox_backlog": 0' in body
    status, _ = await _get(health_harness, "/anything-else")
    assert status == 404


async def test_metrics_count_the_relay_and_name_no_one(health_harness: Harness) -> None:
    h = health_harness
    visitor, volunteer = await connect(h, first_name="Karim", username="karim_secret")
    h.standin.fail_next("copyMessage", error_code=502, description="Bad Gateway")
    await visitor.send("hello, is anyone there")
    await h.settle()
    assert last_text(volunteer) == "hello, is anyone there"
    await volunteer.send("I'm here")
    await h.settle()

    status, text = await _get(h, "/metrics")
    assert status == 200
    samples = _samples(text)
    assert samples[("bot_messages_relayed_total", (("direction", "to_volunteer"),))] == 1
    assert samples[("bot_messages_relayed_total", (("direction", "to_visitor"),))] == 1
    assert samples[("bot_chats_open", ())] == 1
    assert samples[("bot_volunteers_on_duty", ())] == 1
    assert samples[("bot_people_waiting", (("urgency", "urgent"),))] == 0
    assert samples[("bot_telegram_errors_total", (("kind", "server"),))] == 1
    assert samples[("bot_relay_latency_seconds_count", ())] == 2

    # privacy: only closed sets of label values, and nothing of anyone in the whole text
    for (_, labels), _value in samples.items():
        for name, value in labels:
            if name == "le":
                continue
            assert name in ALLOWED_LABELS, name
            allowed = ALLOWED_LABELS[name]
            assert re.fullmatch(r"[0-9a-f]{12}", value) if allowed is None else value in allowed, (
                name,
                value,
            )
    for secret in (
        str(visitor.id),
        str(volunteer.id),
        "Karim",
        "karim_secret",
        "River",
        "hello",
        "Visitor ",
    ):
        assert secret not in text
