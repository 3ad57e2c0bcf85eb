"""Aggregate figures for operators: `/metrics` (Prometheus text format) and `/healthz`.

Privacy rule, enforced by a test that scrapes the endpoint: no label carries an id, an alias,
the language of a single person or any text. The only labels are fixed, closed sets (the
direction of a relayed message, the kind of a Telegram error, urgent or not). Figures that
come from the database are read when scraped; counters live in memory and start at zero with
each process, as Prometheus expects.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from bot.storage.health_repo import HealthRepository

__all__ = ["CONTENT_TYPE_LATEST", "ERROR_KINDS", "Metrics"]

# Telegram errors by kind: a closed set, never the error's text (it may name a chat).
ERROR_KINDS = ("flood_wait", "timeout", "network", "server", "forbidden", "bad_request", "other")
DIRECTIONS = ("to_volunteer", "to_visitor")


class Metrics:
    """One per process, held by the core."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.waiting = Gauge(
            "bot_people_waiting", "People waiting for a volunteer", ["urgency"], registry=r
        )
        self.on_duty = Gauge("bot_volunteers_on_duty", "Volunteers on duty", registry=r)
        self.chats_open = Gauge("bot_chats_open", "Chats open between two people", registry=r)
        self.inbox_backlog = Gauge(
            "bot_inbox_backlog", "Updates stored but not yet handled", registry=r
        )
        self.relayed = Counter(
            "bot_messages_relayed",
            "Messages relayed between visitors and volunteers",
            ["direction"],
            registry=r,
        )
        self.relay_latency = Histogram(
            "bot_relay_latency_seconds",
            "From a message's arrival at the bot to its copy delivered",
            buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
            registry=r,
        )
        self.telegram_errors = Counter(
            "bot_telegram_errors", "Failed Bot API calls, by kind", ["kind"], registry=r
        )
        self.content_version = Gauge(
            "bot_content_version",
            "Short hash of the content now live (always 1)",
            ["version"],
            registry=r,
        )
        self.last_contact = Gauge(
            "bot_last_update_contact_timestamp_seconds",
            "When Telegram was last reached for updates (getUpdates answered, or a webhook call)",
            registry=r,
        )
        for direction in DIRECTIONS:
            self.relayed.labels(direction)
        for kind in ERROR_KINDS:
            self.telegram_errors.labels(kind)
        self._content = ""
        self.contact_at: float | None = None

    # -- events, called from the bot -------------------------------------------------------
    def contacted(self) -> None:
        self.contact_at = self.clock()
        self.last_contact.set(self.contact_at)

    def relayed_one(self, direction: str, seconds: float | None) -> None:
        self.relayed.labels(direction if direction in DIRECTIONS else DIRECTIONS[0]).inc()
        if seconds is not None and seconds >= 0:
            self.relay_latency.observe(seconds)

    def telegram_error(self, kind: str) -> None:
        self.telegram_errors.labels(kind if kind in ERROR_KINDS else "other").inc()

    def content_live(self, version: str) -> None:
        if version != self._content:
            if self._content:
                self.content_version.remove(self._content)
            self._content = version
            self.content_version.labels(version).set(1)

    # -- reading ------------------------------------------------------------------------
    async def scrape(self, repo: HealthRepository) -> bytes:
        counts = await repo.counts()
        self.waiting.labels("urgent").set(counts.waiting_urgent)
        self.waiting.labels("other").set(counts.waiting_other)
        self.on_duty.set(counts.on_duty)
        self.chats_open.set(counts.chats_open)
        self.inbox_backlog.set(counts.inbox_backlog)
        return generate_latest(self.registry)
