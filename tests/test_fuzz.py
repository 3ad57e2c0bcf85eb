"""Fuzzing: thousands of odd but possible updates, and a few impossible ones.

Hypothesis writes batches of updates of every kind the bot may get (texts, commands with and
without arguments, entities, stickers, photos, documents, voice, contacts, locations, venues,
dice, forwarded and reply messages, edits, callback queries with forged data, blocking and
unblocking, groups and channels, fields and update kinds this PTB version does not know) with
hostile text: right-to-left and bidi controls, zero-width and combining characters, emoji ZWJ
sequences, markup look-alikes, texts at and past Telegram's 4096 characters. They are pushed
straight into the stand-in's update queue, so PTB parses them exactly like real ones, while a
volunteer chat is open (the relay sees them too). After every batch: no handler raised (no
ERROR in the logs), the stand-in saw nothing it could not answer, and every call the bot made
fits the Bot API (checked on exit). Then the bot still answers `/start`, and the database, its
WAL and the logs hold no id, name, username or text from the run.

Deterministic (derandomized, no shrinking: the bot keeps its state between batches, so a
failing batch is reported as generated) and about ten thousand updates in well under a minute.
FUZZ_REPORT names a file for a summary of the calls Telegram (the stand-in) refused.
"""

from __future__ import annotations

import asyncio
import copy
import io
import itertools
import json
import os
import re
import struct
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from bot.harness import Harness
from bot.standin import SimUser
from bot.standin.formatting import detect_bot_commands, utf16_len
from tests.conftest import ADMIN_ID, FakeClock, running_harness
from tests.test_relay import connect

BATCHES = 100
BATCH_SIZE = 100  # updates per batch: BATCHES x BATCH_SIZE = 10,000 updates
BOT_USERNAME = "support_test_bot"
COMMANDS = [
    "start", "help", "exit", "forget", "menu", "crisis", "talk", "settings", "language",
    "guide", "resources", "cancel", "end", "duty", "queue", "next", "reload", "invite",
    "signoff", "revoke", "volunteers", "stats", "promote", "demote", "block", "unblock",
    "escalate", "note", "notes", "hours", "join", "takeover", "blocks", "audit", "rollback",
]  # fmt: skip
START_ARGS = ["crisis", "guide", "resources", "talk", "v_forged-invite-code", "x" * 64, "🙂"]
SPECIALS = [
    "\u200f", "\u200e", "\u202e", "\u202d", "\u2066", "\u2067", "\u2069", "\u061c",
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u0301", "\u0336", "\u0489",
    "e\u0301\u0301\u0301\u0301", "👩‍❤️‍💋‍👩", "🏳️‍🌈", "🏳️‍⚧️", "🇸🇾", "👍🏿", "🧑🏽‍🤝‍🧑🏻",
    "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", "\U0001f9d1\u200d",
    "ﷺ", "𝕏𝔂", "مرحبا يا صديقي", "שלום", "سلام", "\n", "\r\n", "\t", "<b>", "</i>", "&amp;",
    "*bold*", "_it_", "[link](https://example.com)", "`code`", "||spoiler||", "\\", "{name}",
    "{}", "%s", "@support_test_bot", "@someone_else", "#tag", "+15555550123",
    "https://t.me/x?start=talk", "/start", "/next@support_test_bot", "\u0000", "\x7f",
]  # fmt: skip
CALLBACK_DATA = [
    "tp:1-0-d", "tp:1-fff-23", "tp:999999-1-0", "tp:1-zz-d",
    "menu", "crisis", "consent", "cancel", "here", "end", "talk", "settings", "lang:en",
    "lang:ar", "lang:xx", "country:ZZ", "country:-", "se:0", "se:9999", "se:-1", "guide:0",
    "guide:99999", "rate:1-5", "rate:999999-5", "rate:1-99", "rate:x-y", "rate:", "signoff:1",
    "signoff:abc", "duty:end", "duty:back", "duty:stay", "forget:yes", "exit", "::", ":",
    "a" * 64, "é" * 32,
]  # fmt: skip
LANGUAGES = ["en", "ar", "fa", "haw", None, "zh-hans", "ar-SY", "EN", "x" * 35]


# --- what to send ------------------------------------------------------------------------------


@dataclass
class Op:
    """One thing a person (or Telegram) does; `kind` picks the update, the rest fills it."""

    kind: str
    who: int
    text: str = ""
    number: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"Op({self.kind}, who={self.who}, text={self.text[:40]!r}, n={self.number})"


piece = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
    st.sampled_from(SPECIALS),
)
short_text = st.lists(piece, min_size=1, max_size=10).map("".join)
huge_text = st.tuples(
    st.sampled_from([*SPECIALS[:40], "a", "ب", "🙂"]), st.integers(4000, 4200)
).map(lambda t: (t[0] * 4200)[: t[1]])


def fit(text: str, limit: int = 4080) -> str:
    """Short enough that text + a token is one Telegram message (SimUser refuses more)."""
    while utf16_len(text) > limit:
        text = text[: -max(1, (utf16_len(text) - limit) // 2)]
    return text


any_text = st.one_of(*[short_text] * 6, huge_text)  # one text in seven is huge
command_text = st.builds(
    lambda name, at, args: f"/{name}{'@' + BOT_USERNAME if at else ''}{' ' + args if args else ''}",
    st.one_of(st.sampled_from(COMMANDS), st.from_regex(r"[a-z_]{1,20}", fullmatch=True)),
    st.booleans(),
    st.one_of(st.just(""), st.sampled_from(START_ARGS), short_text),
)
unknown_fields = st.dictionaries(
    st.from_regex(r"future_[a-z]{1,8}", fullmatch=True),
    st.one_of(st.integers(), short_text, st.lists(st.integers(), max_size=3), st.just({"a": 1})),
    max_size=2,
)
entity_types = st.sampled_from(
    ["bold", "italic", "underline", "strikethrough", "spoiler", "code", "pre", "url",
     "text_link", "mention", "hashtag", "cashtag", "bot_command", "email", "phone_number",
     "blockquote", "expandable_blockquote", "custom_emoji", "text_mention"]
)  # fmt: skip

KINDS = {
    "text": 40, "command": 10, "entities": 8, "sticker": 4, "photo": 3, "document": 2,
    "voice": 2, "contact": 2, "location": 2, "venue": 1, "dice": 1, "forwarded": 3,
    "reply": 3, "edit": 5, "callback": 5, "block": 1, "group": 2, "channel": 2,
    "unknown_update": 2, "unknown_fields": 4,
}  # fmt: skip
kind_strategy = st.sampled_from([k for k, weight in KINDS.items() for _ in range(weight)])


@st.composite
def ops(draw: st.DrawFn, people: int) -> Op:
    kind = draw(kind_strategy)
    who = draw(st.integers(0, people - 1))
    text = draw(command_text if kind == "command" else any_text)
    number = draw(st.integers(0, 2**31))
    extra: dict[str, Any] = {}
    if kind == "entities":
        length = utf16_len(text)
        spans = draw(
            st.lists(
                st.tuples(entity_types, st.integers(0, 10**4), st.integers(0, 10**4)), max_size=4
            )
        )
        entities = []
        for entity_type, start, size in spans:
            offset = start % max(length, 1)
            span = 1 + size % max(length - offset, 1)
            entities.append({"type": entity_type, "offset": offset, "length": span})
        extra["entities"] = entities
    if kind in {"unknown_fields", "unknown_update"}:
        extra["fields"] = draw(unknown_fields)
    if kind == "callback":
        extra["data"] = draw(st.one_of(st.sampled_from(CALLBACK_DATA), st.text(max_size=64)))
    return Op(kind, who, text, number, extra)


# --- pushing updates ---------------------------------------------------------------------------


class Pusher:
    """Turns ops into updates in the stand-in, the way Telegram would build them."""

    def __init__(self, h: Harness, people: list[SimUser]) -> None:
        self.h = h
        self.state = h.standin.state
        self.people = people
        self.count = 0
        self.tokens: list[str] = []
        self._numbers = itertools.count(1)

    def token(self) -> str:
        """A marker put into every text, so the privacy scan can look for the texts."""
        value = f"fzq{next(self._numbers):06d}x"
        self.tokens.append(value)
        return value

    def push(self, kind: str, payload: dict[str, Any]) -> dict[str, Any] | None:
        update = self.state.updates.push(kind, payload)
        self.count += update is not None
        return update

    def message(self, user: SimUser, content: dict[str, Any], *, edited: bool = False) -> None:
        chat = self.state.private_chat(user.as_dict())
        stored = self.state.add_message(chat, user.as_dict(), content)
        self.push("edited_message" if edited else "message", copy.deepcopy(stored))

    async def run(self, op: Op) -> None:
        user = self.people[op.who]
        if user.blocked and op.kind not in {"group", "channel", "unknown_update"}:
            user.unblock_bot()
            self.count += 1
        text = op.text if op.text.strip() else "·"
        before = self.count
        await self._run(op, user, text)
        if self.count == before:
            raise AssertionError(f"{op!r} pushed nothing")

    async def _run(self, op: Op, user: SimUser, text: str) -> None:
        state = self.state
        kind = op.kind
        if kind in {"text", "unknown_fields"}:
            body = {"text": f"{text} {self.token()}"}
            body.update(op.extra.get("fields", {}))
            self.message(user, body)
        elif kind == "command":
            full = f"{text} {self.token()}" if op.number % 3 == 0 else text
            self.message(user, {"text": full, "entities": detect_bot_commands(full)})
        elif kind == "entities":
            self.message(user, {"text": text, "entities": op.extra["entities"]})
        elif kind == "sticker":
            await user.send_sticker(text[:2] or "🙂")
            self.count += 1
        elif kind == "photo":
            caption = f"{fit(text[:900], 1000)} {self.token()}" if op.number % 2 else None
            await user.send_photo(caption=caption)
            self.count += 1
        elif kind == "document":
            await user.send_document(caption=self.token())
            self.count += 1
        elif kind == "voice":
            await user.send_voice(duration=op.number % 600)
            self.count += 1
        elif kind == "contact":
            await user.send_contact()
            self.count += 1
        elif kind == "location":
            await user.send_location(op.number % 180 - 90.0, op.number % 360 - 180.0)
            self.count += 1
        elif kind == "venue":
            self.message(user, {
                "venue": {"location": {"latitude": 1.5, "longitude": 2.5},
                          "title": self.token(), "address": text[:100]},
                "location": {"latitude": 1.5, "longitude": 2.5},
            })  # fmt: skip
        elif kind == "dice":
            self.message(user, {"dice": {"emoji": "🎲", "value": 1 + op.number % 6}})
        elif kind == "forwarded":
            origin = {"type": "hidden_user", "sender_user_name": self.token(), "date": 1}
            self.message(user, {"text": f"{text} {self.token()}", "forward_origin": origin})
        elif kind == "reply":
            chat = state.private_chat(user.as_dict())
            ids = list(chat.messages)
            await user.send(
                f"{fit(text)} {self.token()}", reply_to=ids[op.number % len(ids)] if ids else None
            )
            self.count += 1
        elif kind == "edit":
            chat = state.private_chat(user.as_dict())
            own = [
                m for m in chat.messages.values()
                if m.get("from", {}).get("id") == user.id and "text" in m
            ]  # fmt: skip
            if own:
                await user.edit(
                    own[op.number % len(own)]["message_id"], f"{fit(text)} {self.token()}"
                )
                self.count += 1
            else:  # an edit of a message the bot never saw
                self.push("edited_message", {
                    "message_id": 1 + op.number % 10_000, "date": 1, "edit_date": 2,
                    "chat": dict(chat.info), "from": user.as_dict(), "text": self.token(),
                })  # fmt: skip
        elif kind == "callback":
            chat = state.private_chat(user.as_dict())
            target = None if op.number % 4 else 1 + op.number % 50_000  # maybe a deleted one
            await user.press_data(op.extra["data"], target if target not in chat.messages else None)
            self.count += 1
        elif kind == "block":
            user.block_bot()
            self.count += 1
        elif kind == "group":
            group_id = -100_000_000_000 - op.number % 3
            if op.number % 5 == 0 or group_id not in state.chats:
                self.h.standin.add_to_group(user, group_id, f"Group {self.token()}")
                self.count += 1
            else:
                chat = state.chats[group_id]
                stored = state.add_message(chat, user.as_dict(), {"text": f"{text} {self.token()}"})
                self.push("message", copy.deepcopy(stored))
        elif kind == "channel":
            chat = state.group_chat(-100_777_000_000 - op.number % 2, self.token(), "channel")
            stored = state.add_message(chat, {}, {"text": f"{text} {self.token()}"})
            del stored["from"]
            stored["sender_chat"] = dict(chat.info)
            self.push("channel_post" if op.number % 2 else "edited_channel_post", stored)
        elif kind == "unknown_update":
            placeholder = {"message_id": 1, "date": 1, "chat": {"id": 1, "type": "private"}}
            update = self.push("message", placeholder)
            assert update is not None
            del update["message"]  # an update kind this PTB version has never heard of
            update["future_update_kind"] = {
                "id": op.number,
                "note": self.token(),
                **op.extra["fields"],
            }
        else:  # pragma: no cover - KINDS and this switch must list the same kinds
            raise AssertionError(kind)


# --- the test ----------------------------------------------------------------------------------


def error_lines(log: str) -> list[str]:
    return [line for line in log.splitlines() if " ERROR " in line or " CRITICAL " in line]


TOKEN = re.compile(rb"fzq\d{6}x|f\x00z\x00q\x00(?:\d\x00){6}x\x00")  # UTF-8 or UTF-16


def leaks(data: bytes, people: list[SimUser]) -> list[bytes]:
    """Ids, names, usernames and text markers of the run found in `data` (a file, the logs).

    Every text carried a marker (`Pusher.token`), so one regex finds any text that leaked."""
    needles: list[bytes] = []
    for person in people:
        needles += [str(person.id).encode(), struct.pack(">q", person.id),
                    struct.pack("<q", person.id)]  # fmt: skip
        for name in (person.first_name, person.last_name, person.username):
            if name:
                needles += [name.encode(), name.encode("utf-16-le")]
    return [n for n in needles if n in data] + TOKEN.findall(data)


def make_people(h: Harness, count: int) -> list[SimUser]:
    return [
        h.standin.user(
            first_name=f"Fuzzname{k}Q", last_name=f"Fuzzlast{k}Q", username=f"fuzz_user_{k}_q",
            language_code=LANGUAGES[k % len(LANGUAGES)],
        )
        for k in range(count)
    ]  # fmt: skip


def test_fuzzed_updates_never_break_the_bot(tmp_path: Path, log_output: io.StringIO) -> None:
    clock = FakeClock()
    with asyncio.Runner() as runner:
        harness_cm = running_harness(tmp_path, clock, rate_limit=False)
        h: Harness = runner.run(harness_cm.__aenter__())
        try:
            visitor, volunteer = runner.run(connect(h, first_name="Fuzzvisitor", username="fz_v_q"))
            people = [visitor, volunteer, h.standin.user(ADMIN_ID), *make_people(h, 12)]
            pusher = Pusher(h, people)
            seen_log = len(log_output.getvalue())
            batch_number = 0

            async def play(batch: list[Op]) -> None:
                for op in batch:
                    await pusher.run(op)
                await h.settle()

            @settings(
                max_examples=BATCHES, derandomize=True, deadline=None, database=None,
                phases=[Phase.generate], suppress_health_check=list(HealthCheck),
            )  # fmt: skip
            @given(batch=st.lists(ops(len(people)), min_size=BATCH_SIZE, max_size=BATCH_SIZE))
            def batch_of_updates(batch: list[Op]) -> None:
                nonlocal seen_log, batch_number
                if batch_number % 1000 == 999:
                    clock.advance(61)  # a new minute: flood control lets people speak again
                batch_number += 1
                runner.run(play(batch))
                log = log_output.getvalue()
                new_errors = error_lines(log[seen_log:])
                seen_log = len(log)
                assert not new_errors, (new_errors, batch)
                assert h.standin.internal_errors == [], (h.standin.internal_errors, batch)
                assert h.standin.spec_violations == [], (h.standin.spec_violations, batch)

            batch_of_updates()
            assert pusher.count >= BATCHES * BATCH_SIZE, pusher.count

            async def still_answers() -> None:
                fresh = h.standin.user(first_name="Afterwards")
                await fresh.send("/start")
                await h.settle()
                assert fresh.bot_messages(), "the bot no longer answers /start"

            runner.run(still_answers())
            if os.environ.get("FUZZ_REPORT"):  # what Telegram refused, for a human to read
                refused = Counter(
                    (c.method, c.description) for c in h.standin.calls if not c.ok
                )  # fmt: skip
                Path(os.environ["FUZZ_REPORT"]).write_text(
                    json.dumps({"updates": pusher.count, "refused": [
                        [m, d, n] for (m, d), n in refused.most_common()
                    ]}, indent=1)
                )  # fmt: skip
            db_path = h.settings.database_path
            wal = db_path.with_name(db_path.name + "-wal")
            assert pusher.tokens, "texts carried markers"
            for path in (db_path, wal):
                data = path.read_bytes() if path.exists() else b""
                assert leaks(data, people) == [], f"{path.name} holds {leaks(data, people)[:5]}"
            assert leaks(log_output.getvalue().encode(), people) == []
        finally:
            runner.run(harness_cm.__aexit__(None, None, None))


# --- updates Telegram would never send: the bot must survive them anyway ----------------------


def _message(user: SimUser, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "message_id": 1, "date": 1, "from": user.as_dict(),
        "chat": {"id": user.id, "type": "private"}, "text": "a secret text QZX",
    }  # fmt: skip
    base.update(fields)
    return {k: v for k, v in base.items() if v is not None}


PARSABLE_BUT_WRONG: dict[str, Callable[[SimUser], dict[str, Any]]] = {
    "text is a number": lambda u: _message(u, text=12345),
    "user id is a string": lambda u: _message(u, **{"from": {**u.as_dict(), "id": "abc"}}),
    "no sender": lambda u: _message(u, **{"from": None}),
    "entity out of range": lambda u: _message(
        u, text="/start", entities=[{"type": "bot_command", "offset": 50, "length": 9}]
    ),
    "message id is a string": lambda u: _message(u, message_id="one"),
    "unknown chat type": lambda u: _message(u, chat={"id": u.id, "type": "martian"}),
    "no chat": lambda u: _message(u, chat=None),
}
UNPARSABLE: dict[str, Callable[[SimUser], Any]] = {
    "chat is a string": lambda u: _message(u, chat="oops"),
    "date is a string": lambda u: _message(u, date="yesterday"),
    "entities is a string": lambda u: _message(u, entities="bold"),
    "sticker without its fields": lambda u: _message(u, text=None, sticker={"file_id": "x"}),
    "empty message": lambda u: {},
}


async def _push_then_start(h: Harness, payloads: list[Any], timeout: float) -> SimUser:  # noqa: ASYNC109
    for payload in payloads:
        h.standin.state.updates.push("message", payload)
    fresh = h.standin.user(first_name="AfterTheStorm")
    await fresh.send("/start")
    await h.standin.wait_delivered(timeout=timeout)
    assert h.application is not None
    await h.application.update_queue.join()
    return fresh


async def test_wrong_typed_fields_that_ptb_parses_leave_the_bot_up(harness: Harness) -> None:
    """Errors in handlers are caught, logged without personal data, and the bot carries on."""
    h = harness
    sender = h.standin.user(first_name="Malformed")
    h.standin.state.private_chat(sender.as_dict())
    payloads = [make(sender) for make in PARSABLE_BUT_WRONG.values()]
    fresh = await _push_then_start(h, payloads, timeout=10)
    assert fresh.bot_messages(), "the bot no longer answers /start"
    assert h.standin.internal_errors == []


@pytest.mark.parametrize("case", ["chat is a string", "date is a string", "empty message"])
async def test_an_unparsable_update_does_not_stall_polling(harness: Harness, case: str) -> None:
    h = harness
    sender = h.standin.user(first_name="Malformed")
    h.standin.state.private_chat(sender.as_dict())
    try:
        fresh = await _push_then_start(h, [UNPARSABLE[case](sender)], timeout=2)
    except TimeoutError:
        pytest.fail(f"{case}: polling stalled; /start was never fetched")
    assert fresh.bot_messages()


async def test_an_unparsable_update_leaves_no_text_in_the_logs(
    harness: Harness, log_output: io.StringIO
) -> None:
    """The poller reads updates one by one and skips what it cannot read, logging no content
    (PTB's own get_updates would log the whole raw batch, names and texts included)."""
    h = harness
    sender = h.standin.user(first_name="Malformed", username="malformed_secret_handle")
    h.standin.state.private_chat(sender.as_dict())
    update = h.standin.state.updates.push("message", UNPARSABLE["date is a string"](sender))
    assert update is not None
    other = h.standin.user()
    await other.send("/start")
    await h.settle()
    assert other.texts(), "the bot still answers"
    logs = log_output.getvalue()
    assert "skipped an update" in logs
    for secret in ("a secret text QZX", "Malformed", "malformed_secret_handle"):
        assert secret not in logs, json.dumps(secret)
