"""`/stats`: zero shown as zero, small numbers suppressed, a bad argument shows the usage."""

from __future__ import annotations

from bot.harness import Harness
from bot.stats import count
from tests.conftest import ADMIN_ID, say
from tests.test_relay import en


def test_count_suppresses_one_to_four_only() -> None:
    assert [count(n) for n in (0, 1, 4, 5, 12)] == ["0", "<5", "<5", "5", "12"]


async def test_fresh_service_shows_zero_not_suppressed(harness: Harness) -> None:
    admin = harness.standin.user(ADMIN_ID)
    msg = await say(harness, admin, "/stats")
    assert "Chats: 0 (answered 0, not answered 0)" in msg["text"]
    assert "Visitors: 0" in msg["text"]
    figures = msg["text"].split("show as <5)", 1)[1]  # after the heading that explains it
    assert "<5" not in figures


async def test_stats_bad_argument_shows_usage(harness: Harness) -> None:
    admin = harness.standin.user(ADMIN_ID)
    for bad in ("/stats abc", "/stats 0", "/stats 400", "/stats 7 8", "/stats -3"):
        msg = await say(harness, admin, bad)
        assert msg["text"].endswith(en(harness, "admin.stats_usage")), bad
    msg = await say(harness, admin, "/stats 30")
    assert "Last 30 days" in msg["text"]
