"""Tests for the Bot API stand-in, driven by python-telegram-bot itself.

Using PTB's real ``Bot``/``Application`` as the client proves the stand-in speaks the wire
protocol PTB expects (form encoding, error mapping, polling loop), which is the whole point
of the stand-in.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyKeyboardMarkup,
    ReplyParameters,
    Update,
)
from telegram.error import BadRequest, Conflict, Forbidden, RetryAfter
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot.standin import ApiCall, BotAPIStandIn, SimUser, StandInUsageError, utf16_len

SPEC = Path("/work/shared/data/telegram-bot-api/api.json")
TOKEN = "123456:TEST-TOKEN"
START = 1_750_000_000.0


class FakeClock:
    """A controllable wall clock (unix seconds) to simulate days passing instantly."""

    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def fast_request() -> HTTPXRequest:
    # The stand-in is plain HTTP; skipping TLS setup saves ~0.1 s per Bot.
    return HTTPXRequest(httpx_kwargs={"verify": False})


def make_bot(standin: BotAPIStandIn) -> Bot:
    return Bot(
        TOKEN,
        base_url=standin.base_url,
        base_file_url=standin.base_file_url,
        request=fast_request(),
        get_updates_request=fast_request(),
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def standin(clock: FakeClock) -> AsyncIterator[BotAPIStandIn]:
    server = BotAPIStandIn(
        token=TOKEN,
        bot_username="support_test_bot",
        bot_first_name="Support",
        api_spec=SPEC,
        clock=clock,
    )
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
    # Every normal test must use the API exactly as specified.
    assert server.spec_violations == []
    assert server.internal_errors == []


@pytest.fixture
async def bot(standin: BotAPIStandIn) -> AsyncIterator[Bot]:
    async with make_bot(standin) as b:
        yield b


def keyboard(*labels: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=f"cb:{label.lower()}")] for label in labels]
    )


# ----------------------------------------------------------------- basics


async def test_get_me_and_base_urls(standin: BotAPIStandIn, bot: Bot) -> None:
    assert standin.base_url.startswith("http://127.0.0.1:")
    assert standin.base_url.endswith("/bot")
    assert standin.base_file_url.endswith("/file/bot")
    assert bot.username == "support_test_bot"
    assert bot.id == 123456
    assert bot.bot.can_join_groups is True
    assert bot.bot.supports_inline_queries is False
    me = standin.calls_to("getMe")[0]
    assert me.ok and me.result["is_bot"] is True and me.chat_id is None


async def test_echo_round_trip_through_application(standin: BotAPIStandIn) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None and update.effective_message.text
        await update.effective_message.reply_text(update.effective_message.text)

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"start args={context.args}")

    application = (
        Application.builder()
        .token(TOKEN)
        .base_url(standin.base_url)
        .request(fast_request())
        .get_updates_request(fast_request())
        .build()
    )
    application.add_handler(CommandHandler("start", start))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    user = standin.user(first_name="Alex", username="alex")

    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0.0, timeout=5)

        await user.send("hi")
        await user.send("/start crisis")
        await standin.wait_delivered()
        await application.update_queue.join()

        await application.updater.stop()
        await application.stop()

    assert user.texts() == ["hi", "start args=['crisis']"]
    methods = [c.method for c in standin.calls]
    assert methods[:3] == ["getMe", "deleteWebhook", "getUpdates"]
    # PTB confirms the last batch on shutdown with a non-blocking getUpdates.
    last_poll = standin.calls_to("getUpdates")[-1]
    assert last_poll.params["timeout"] == 0 and last_poll.ok
    assert "forwardMessage" not in methods
    reply = standin.calls_to("sendMessage")[0]
    assert reply.chat_id == user.id and reply.ok
    assert reply.result["from"]["username"] == "support_test_bot"


async def test_button_flow_through_application(standin: BotAPIStandIn) -> None:
    async def menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("Ready?", reply_markup=keyboard("Yes", "No"))

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("Noted")
        await query.edit_message_text(f"You chose {query.data}")

    application = (
        Application.builder()
        .token(TOKEN)
        .base_url(standin.base_url)
        .request(fast_request())
        .get_updates_request(fast_request())
        .build()
    )
    application.add_handler(CommandHandler("menu", menu))
    application.add_handler(CallbackQueryHandler(pressed))
    user = standin.user()
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0.0, allowed_updates=Update.ALL_TYPES)
        await user.send("/menu")
        await standin.wait_delivered()
        await application.update_queue.join()
        query = await user.press("No")
        await standin.wait_delivered()
        await application.update_queue.join()
        await application.updater.stop()
        await application.stop()

    assert user.texts() == ["You chose cb:no"]
    assert user.buttons() == []  # edit without reply_markup removed the keyboard
    assert user.callback_answer(query["id"]) == {"text": "Noted"}


async def test_command_gets_bot_command_entity(standin: BotAPIStandIn) -> None:
    user = standin.user()
    message = await user.send("/start crisis")
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert message["chat"] == {"id": user.id, "type": "private", "first_name": "Sam"}
    plain = await user.send("no command here")
    assert "entities" not in plain
    assert plain["message_id"] == message["message_id"] + 1


async def test_user_ids_are_distinct_and_stable(standin: BotAPIStandIn) -> None:
    first, second = standin.user(), standin.user()
    assert first.id != second.id and first.id > 5_000_000_000
    assert standin.user(first.id) is first
    chosen = standin.user(42, first_name="Kim")
    assert (chosen.id, chosen.first_name, chosen.language_code) == (42, "Kim", "en")


# -------------------------------------------------------------- getUpdates


async def test_offset_limit_and_confirmation(standin: BotAPIStandIn, bot: Bot) -> None:
    user = standin.user()
    for text in ("one", "two", "three"):
        await user.send(text)

    first = await bot.get_updates()
    assert [u.message.text for u in first if u.message] == ["one", "two", "three"]
    ids = [u.update_id for u in first]
    assert ids == sorted(ids) and len(set(ids)) == 3
    # Not confirmed yet: the same updates come again.
    assert [u.update_id for u in await bot.get_updates()] == ids
    assert [u.update_id for u in await bot.get_updates(limit=1)] == ids[:1]
    # offset confirms everything below it.
    assert [u.update_id for u in await bot.get_updates(offset=ids[1])] == ids[1:]
    assert [u.update_id for u in await bot.get_updates()] == ids[1:]

    waiter = asyncio.create_task(standin.wait_delivered())
    await asyncio.sleep(0)
    assert not waiter.done()
    assert await bot.get_updates(offset=ids[-1] + 1) == ()
    await asyncio.wait_for(waiter, 1)

    info = await bot.get_webhook_info()
    assert info.url == "" and info.pending_update_count == 0


async def test_wait_delivered_without_updates_returns_at_once(standin: BotAPIStandIn) -> None:
    await asyncio.wait_for(standin.wait_delivered(), 0.5)


async def test_long_poll_wakes_up_when_update_arrives(standin: BotAPIStandIn, bot: Bot) -> None:
    user = standin.user()
    poll = asyncio.create_task(bot.get_updates(timeout=20))
    await standin.wait_polling()
    started = time.monotonic()
    await user.send("wake up")
    updates = await asyncio.wait_for(poll, 5)
    assert time.monotonic() - started < 1.0
    assert [u.message.text for u in updates if u.message] == ["wake up"]


async def test_long_poll_times_out_empty(standin: BotAPIStandIn, bot: Bot) -> None:
    assert await bot.get_updates(timeout=1) == ()
    assert standin.calls_to("getUpdates")[-1].result == []


async def test_concurrent_get_updates_conflict(standin: BotAPIStandIn, bot: Bot) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=20))
    await standin.wait_polling()
    async with make_bot(standin) as second_instance:
        assert await second_instance.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await asyncio.wait_for(poll, 5)
    conflict = [c for c in standin.calls_to("getUpdates") if not c.ok]
    assert [c.error_code for c in conflict] == [409]


async def test_stop_releases_pending_long_poll(standin: BotAPIStandIn, bot: Bot) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=20))
    await standin.wait_polling()
    started = time.monotonic()
    await standin.stop()
    assert await asyncio.wait_for(poll, 5) == ()
    assert time.monotonic() - started < 2.0


async def test_allowed_updates_filter(standin: BotAPIStandIn, bot: Bot) -> None:
    user = standin.user()
    await user.send("hello")
    sent = await bot.send_message(user.id, "pick", reply_markup=keyboard("Yes"))
    await user.press("Yes", sent.to_dict())
    only_callbacks = await bot.get_updates(allowed_updates=["callback_query"])
    assert [u.callback_query is not None for u in only_callbacks] == [True]
    await user.send("ignored, not allowed")
    assert len(await bot.get_updates()) == 1  # the setting persists
    await bot.get_updates(allowed_updates=[])  # empty list: back to the default set
    await user.send("seen again")
    texts = [u.message.text for u in await bot.get_updates() if u.message]
    assert texts == ["seen again"]


async def test_drop_pending_updates(standin: BotAPIStandIn, bot: Bot) -> None:
    user = standin.user()
    await user.send("stale")
    assert await bot.delete_webhook(drop_pending_updates=True) is True
    assert await bot.get_updates() == ()
    await asyncio.wait_for(standin.wait_delivered(), 0.5)


# ------------------------------------------------------------------ errors


async def test_retry_after_via_fail_next(
    standin: BotAPIStandIn, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # PTB 22 opt-in: retry_after as timedelta
    user = standin.user()
    await user.send("hi")
    standin.fail_next(
        "sendMessage",
        error_code=429,
        description="Too Many Requests: retry after 7",
        retry_after=7,
    )
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(user.id, "first try")
    assert caught.value.retry_after == timedelta(seconds=7)
    failed = standin.calls_to("sendMessage")[0]
    assert (failed.ok, failed.error_code) == (False, 429)
    assert (await bot.send_message(user.id, "second try")).text == "second try"
    assert user.texts() == ["second try"]


async def test_fail_next_targets_one_chat(standin: BotAPIStandIn, bot: Bot) -> None:
    alice, bob = standin.user(), standin.user()
    await alice.send("hi")
    await bob.send("hi")
    standin.fail_next(
        "sendMessage",
        error_code=403,
        description="Forbidden: user is deactivated",
        chat_id=bob.id,
        times=2,
    )
    await bot.send_message(alice.id, "fine")
    for _ in range(2):
        with pytest.raises(Forbidden, match="user is deactivated"):
            await bot.send_message(bob.id, "nope")
    await bot.send_message(bob.id, "works again")
    assert bob.texts() == ["works again"] and alice.texts() == ["fine"]


async def test_blocked_user_gets_403(standin: BotAPIStandIn, bot: Bot) -> None:
    user = standin.user()
    await user.send("hi")
    old = await bot.send_message(user.id, "before")
    user.block_bot()
    assert user.blocked
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(user.id, "after")
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.edit_message_text("edited", chat_id=user.id, message_id=old.message_id)
    with pytest.raises(Forbidden):
        await bot.copy_message(user.id, user.id, old.message_id)
    with pytest.raises(StandInUsageError):
        await user.send("can't write while blocked")
    updates = await bot.get_updates()
    member = updates[-1].my_chat_member
    assert member is not None
    assert (member.old_chat_member.status, member.new_chat_member.status) == ("member", "kicked")

    user.unblock_bot()
    await bot.send_message(user.id, "welcome back")
    assert user.texts() == ["before", "welcome back"]


async def test_unknown_chat_and_empty_text(standin: BotAPIStandIn, bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(777, "hello?")
    user = standin.user()
    await user.send("hi")
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(user.id, "   \n ")


async def test_text_too_long_counts_utf16(standin: BotAPIStandIn, bot: Bot) -> None:
    user = standin.user()
    await user.send("hi")
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(user.id, "x" * 4097)
    emoji = "😀" * 2048  # 2 UTF-16 code units each: exactly 4096
    assert utf16_len(emoji) == 4096
    assert (await bot.send_message(user.id, emoji)).text == emoji
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(user.id, emoji + "😀")


async def test_callback_data_over_64_bytes(standin: BotAPIStandIn, bot: Bot) -> None:
    user = standin.user()
    await user.send("hi")
    ok = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="a" * 64)]])
    await bot.send_message(user.id, "fits", reply_markup=ok)
    for data in ("a" * 65, "é" * 33):  # the limit is in UTF-8 bytes
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("bad", callback_data=data)]])
        with pytest.raises(BadRequest) as caught:
            await bot.send_message(user.id, "too much", reply_markup=markup)
        assert "button_data_invalid" in str(caught.value).lower()
    assert user.texts() == ["fits"]


async def test_unknown_method_is_404(standin: BotAPIStandIn) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.post(f"{standin.base_url}{TOKEN}/sendTelepathy", data={})
        wrong_token = await client.post(f"{standin.base_url}654321:WRONG/getMe")
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    assert wrong_token.status_code == 401
    assert standin.spec_violations == ["sendTelepathy: unknown method (not in Bot API 10.1)"]
    standin.spec_violations.clear()


async def test_spec_violation_for_unknown_parameter(standin: BotAPIStandIn, bot: Bot) -> None:
    user = standin.user()
    await user.send("hi")
    with pytest.warns(UserWarning, match="Please use 'Bot.sendMessage'"):
        result = await bot.do_api_request(
            "sendMessage", api_kwargs={"chat_id": user.id, "text": "hi", "foo": "bar"}
        )
    assert result["text"] == "hi"  # still answered like Telegram would
    assert standin.spec_violations == ["sendMessage: unknown parameter 'foo'"]

    async with httpx.AsyncClient() as client:
        lower = await client.post(
            f"{standin.base_url}{TOKEN}/sendmessage", data={"chat_id": user.id, "text": "x"}
        )
        missing = await client.post(f"{standin.base_url}{TOKEN}/sendMessage", data={"text": "x"})
    assert lower.json()["ok"] is True
    assert missing.status_code == 400
    assert missing.json()["description"] == "Bad Request: chat_id is empty"
    assert standin.spec_violations[1:] == [
        "sendmessage: method name case differs from the spec's 'sendMessage'",
        "sendMessage: missing required parameter 'chat_id'",
    ]
    standin.spec_violations.clear()


async def test_string_fields_stay_strings_and_json_bodies_work(
    standin: BotAPIStandIn, bot: Bot
) -> None:
    user = standin.user()
    await user.send("hi")
    assert (await bot.send_message(user.id, "123")).text == "123"
    assert (await bot.send_message(user.id, "true")).text == "true"
    async with httpx.AsyncClient() as client:
        response = await client.post(
            f"{standin.base_url}{TOKEN}/sendMessage",
            json={"chat_id": user.id, "text": "via json", "protect_content": True},
        )
    body = response.json()
    assert body["ok"] and body["result"]["has_protected_content"] is True
    assert standin.calls_to("sendMessage")[-1].params["protect_content"] is True
    assert user.texts() == ["123", "true", "via json"]


# ------------------------------------------------------ messages and history


async def test_edit_and_delete(standin: BotAPIStandIn, bot: Bot) -> None:
    user = standin.user()
    await user.send("hi")
    sent = await bot.send_message(user.id, "Choose", reply_markup=keyboard("Yes", "No"))
    assert [[b["text"] for b in row] for row in user.buttons()] == [["Yes"], ["No"]]

    edited = await bot.edit_message_text(
        "Chosen", chat_id=user.id, message_id=sent.message_id, reply_markup=keyboard("Undo")
    )
    assert isinstance(edited, object) and user.texts() == ["Chosen"]
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text(
            "Chosen", chat_id=user.id, message_id=sent.message_id, reply_markup=keyboard("Undo")
        )
    # Omitting reply_markup removes the keyboard (a real modification).
    await bot.edit_message_text("Chosen", chat_id=user.id, message_id=sent.message_id)
    assert user.buttons() == []
    await bot.edit_message_reply_markup(user.id, sent.message_id, reply_markup=keyboard("A"))
    assert user.last_bot_message()["reply_markup"]["inline_keyboard"][0][0]["text"] == "A"
    assert user.last_bot_message()["edit_date"] == int(START)

    with pytest.raises(BadRequest, match="Message can't be edited"):
        await bot.edit_message_text("mine now", chat_id=user.id, message_id=1)
    assert await bot.delete_message(user.id, sent.message_id) is True
    assert user.bot_messages() == []
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(user.id, sent.message_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("gone", chat_id=user.id, message_id=sent.message_id)
    assert [m["text"] for m in user.history()] == ["hi"]


async def test_48_hour_delete_rule(standin: BotAPIStandIn, bot: Bot, clock: FakeClock) -> None:
    user = standin.user()
    hello = await user.send("hi")
    old = await bot.send_message(user.id, "old")
    clock.advance(48 * 3600)
    recent = await bot.send_message(user.id, "recent")
    with pytest.raises(BadRequest, match="Message can't be deleted for everyone"):
        await bot.delete_message(user.id, old.message_id)
    assert await bot.delete_messages(user.id, [old.message_id, recent.message_id, 999]) is True
    assert [m["message_id"] for m in user.history()] == [hello["message_id"], old.message_id]
    with pytest.raises(BadRequest):
        await bot.delete_messages(user.id, list(range(1, 102)))
    async with httpx.AsyncClient() as client:
        empty = await client.post(
            f"{standin.base_url}{TOKEN}/deleteMessages",
            data={"chat_id": user.id, "message_ids": "[]"},
        )
    assert empty.status_code == 400


async def test_message_ids_are_shared_per_chat(standin: BotAPIStandIn, bot: Bot) -> None:
    alice, bob = standin.user(), standin.user()
    a1 = await alice.send("a1")
    b1 = await bob.send("b1")
    a2 = await bot.send_message(alice.id, "to alice")
    a3 = await alice.send("a3")
    assert (a1["message_id"], a2.message_id, a3["message_id"]) == (1, 2, 3)
    assert b1["message_id"] == 1
    assert a2.chat.type == "private" and a2.from_user.id == 123456
    assert a2.date.timestamp() == int(START)


async def test_copy_message_shape_and_protect_content(standin: BotAPIStandIn, bot: Bot) -> None:
    seeker, supporter = standin.user(), standin.user(first_name="Jo")
    original = await seeker.send("I need someone to talk to")
    await supporter.send("/start")
    copied = await bot.copy_message(
        supporter.id, seeker.id, original["message_id"], protect_content=True
    )
    assert copied.message_id == 2
    copy_call = standin.calls_to("copyMessage")[0]
    assert copy_call.result == {"message_id": 2}
    assert copy_call.params["protect_content"] is True
    received = supporter.last_bot_message()
    assert received is not None
    assert received["text"] == "I need someone to talk to"
    assert received["from"]["is_bot"] is True
    assert received["has_protected_content"] is True
    assert "forward_origin" not in received
    assert standin.calls_to("forwardMessage") == []
    with pytest.raises(BadRequest, match="Message to copy not found"):
        await bot.copy_message(supporter.id, seeker.id, 999)
    ids = await bot.copy_messages(supporter.id, seeker.id, [original["message_id"], 50])
    assert [m.message_id for m in ids] == [3]


async def test_forward_message_carries_origin(standin: BotAPIStandIn, bot: Bot) -> None:
    user = standin.user()
    message = await user.send("forward me")
    forwarded = await bot.forward_message(user.id, user.id, message["message_id"])
    assert forwarded.forward_origin is not None
    assert forwarded.text == "forward me"
    assert len(standin.calls_to("forwardMessage")) == 1


async def test_reply_parameters(standin: BotAPIStandIn, bot: Bot) -> None:
    user = standin.user()
    question = await user.send("question")
    answer = await bot.send_message(
        user.id, "answer", reply_parameters=ReplyParameters(question["message_id"])
    )
    assert answer.reply_to_message is not None
    assert answer.reply_to_message.text == "question"
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await bot.send_message(user.id, "x", reply_parameters=ReplyParameters(999))
    loose = await bot.send_message(
        user.id, "x", reply_parameters=ReplyParameters(999, allow_sending_without_reply=True)
    )
    assert loose.reply_to_message is None
    reply = await user.send("thanks", reply_to=answer.message_id)
    assert reply["reply_to_message"]["text"] == "answer"


async def test_parse_modes(standin: BotAPIStandIn, bot: Bot) -> None:
    user = standin.user()
    await user.send("hi")
    html = await bot.send_message(user.id, "<b>Hi</b> &amp; <i>you</i> 😀", parse_mode="HTML")
    assert html.text == "Hi & you 😀"
    assert [(e.type, e.offset, e.length) for e in html.entities] == [
        ("bold", 0, 2),
        ("italic", 5, 3),
    ]
    with pytest.raises(BadRequest, match='unsupported start tag "br"'):
        await bot.send_message(user.id, "a<br>b", parse_mode="HTML")
    with pytest.raises(BadRequest, match="must be escaped"):
        await bot.send_message(user.id, "Hello. World", parse_mode="MarkdownV2")
    md = await bot.send_message(user.id, r"*Bold* and \. dot", parse_mode="MarkdownV2")
    assert md.text == "Bold and . dot"
    assert md.entities[0].type == "bold"


async def test_user_media_updates_parse_in_ptb(standin: BotAPIStandIn, bot: Bot) -> None:
    user = standin.user()
    await user.send_sticker(emoji="🌈")
    await user.send_photo(caption="look")
    await user.send_document(file_name="letter.pdf")
    await user.send_contact()
    await user.send_location()
    await user.send_voice(duration=4)
    updates = await bot.get_updates()
    messages = [u.message for u in updates if u.message]
    assert messages[0].sticker.emoji == "🌈"
    assert messages[1].photo[-1].width == 1280 and messages[1].caption == "look"
    assert messages[2].document.file_name == "letter.pdf"
    assert messages[3].contact.user_id == user.id
    assert messages[4].location.latitude == pytest.approx(52.520008)
    assert messages[5].voice is not None
    file = await bot.get_file(messages[2].document.file_id)
    data = await file.download_as_bytearray()
    assert data.startswith(b"stand-in document")
    resent = await bot.send_sticker(user.id, messages[0].sticker.file_id)
    assert resent.sticker.emoji == "🌈"
    photo = await bot.send_photo(
        user.id, "AgAC-custom-photo", caption="<b>c</b>", parse_mode="HTML"
    )
    assert photo.caption == "c" and photo.photo[-1].file_id == "AgAC-custom-photo"
    document = await bot.send_document(user.id, b"hello", filename="hello.txt")
    assert document.document.file_name == "hello.txt"


async def test_user_edit_queues_edited_message(standin: BotAPIStandIn, bot: Bot) -> None:
    user = standin.user()
    sent = await user.send("tpyo")
    await user.edit(sent["message_id"], "typo")
    updates = await bot.get_updates()
    assert updates[-1].edited_message is not None
    assert updates[-1].edited_message.text == "typo"
    assert user.history()[0]["text"] == "typo"


# --------------------------------------------------------------- callbacks


async def test_press_button_and_answer(standin: BotAPIStandIn, bot: Bot) -> None:
    user = standin.user()
    await user.send("hi")
    sent = await bot.send_message(user.id, "Are you safe?", reply_markup=keyboard("Yes", "No"))
    query = await user.press("Yes")
    second = await user.press(1)
    updates = await bot.get_updates()
    callback = updates[-2].callback_query
    assert callback is not None and callback.data == "cb:yes"
    assert callback.message is not None and callback.message.message_id == sent.message_id
    assert callback.from_user.id == user.id
    assert updates[-1].callback_query.data == "cb:no"

    assert await bot.answer_callback_query(query["id"], text="Thanks") is True
    assert user.callback_answer(query["id"]) == {"text": "Thanks"}
    answer_call = standin.calls_to("answerCallbackQuery")[0]
    assert answer_call.chat_id == user.id
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query["id"])
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query("12345")
    assert await bot.answer_callback_query(second["id"]) is True

    with pytest.raises(StandInUsageError, match="not found"):
        await user.press("Maybe")
    with pytest.raises(StandInUsageError, match="out of range"):
        await user.press(5)


async def test_press_data_forged_and_inaccessible(standin: BotAPIStandIn, bot: Bot) -> None:
    user = standin.user()
    await user.send("hi")
    sent = await bot.send_message(user.id, "menu", reply_markup=keyboard("Open"))
    await bot.delete_message(user.id, sent.message_id)
    await user.press_data("admin:delete_all", message_id=sent.message_id)
    update = (await bot.get_updates())[-1]
    assert update.callback_query is not None
    assert update.callback_query.data == "admin:delete_all"
    assert update.callback_query.message is not None
    assert update.callback_query.message.date.timestamp() == 0  # InaccessibleMessage


# ---------------------------------------------------------- groups, settings


async def test_group_membership_and_leave(standin: BotAPIStandIn, bot: Bot) -> None:
    user = standin.user()
    standin.add_to_group(user, -100123, "Some group")
    update = (await bot.get_updates())[-1]
    member = update.my_chat_member
    assert member is not None and member.chat.type == "group"
    assert member.new_chat_member.status == "member"
    sent = await bot.send_message(-100123, "I only work in private chats")
    assert sent.chat.type == "group" and sent.chat.title == "Some group"
    assert (await bot.get_chat(-100123)).title == "Some group"
    assert await bot.leave_chat(-100123) is True
    assert standin.left_chats == {-100123}
    with pytest.raises(Forbidden):
        await bot.send_message(-100123, "still here?")
    assert [m["text"] for m in standin.chat_history(-100123)] == ["I only work in private chats"]


async def test_commands_and_settings(standin: BotAPIStandIn, bot: Bot) -> None:
    user = standin.user()
    await user.send("hi")
    assert await bot.set_my_commands([BotCommand("start", "Begin"), BotCommand("help", "Help")])
    assert await bot.set_my_commands([BotCommand("hilfe", "Hilfe")], language_code="de")
    assert await bot.set_my_commands([BotCommand("end", "End")], scope=BotCommandScopeChat(user.id))
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    assert [c.command for c in await bot.get_my_commands(language_code="de")] == ["hilfe"]
    scoped = await bot.get_my_commands(scope=BotCommandScopeChat(user.id))
    assert [c.command for c in scoped] == ["end"]
    assert await bot.delete_my_commands(language_code="de") is True
    assert await bot.get_my_commands(language_code="de") == ()
    with pytest.raises(BadRequest):
        await bot.set_my_commands([BotCommand("Bad Command", "x")])
    assert await bot.set_my_description("A peer-support bot") is True
    assert (await bot.get_my_description()).description == "A peer-support bot"
    assert await bot.set_my_short_description("Peer support") is True
    assert await bot.set_chat_menu_button() is True
    assert await bot.send_chat_action(user.id, "typing") is True
    chat = await bot.get_chat(user.id)
    assert chat.first_name == "Sam" and chat.type == "private"


async def test_reply_keyboard_is_kept_on_the_chat(standin: BotAPIStandIn, bot: Bot) -> None:
    user = standin.user()
    await user.send("hi")
    sent = await bot.send_message(
        user.id, "How do you feel?", reply_markup=ReplyKeyboardMarkup([["Good", "Bad"]])
    )
    assert sent.reply_markup is None  # Message.reply_markup only ever holds inline keyboards
    assert user.reply_keyboard() == [["Good", "Bad"]]


# ------------------------------------------------------------- observation


async def test_observers_and_wait_for(standin: BotAPIStandIn, bot: Bot) -> None:
    seen: list[ApiCall] = []
    standin.on_call.append(seen.append)
    user = standin.user()
    await user.send("hi")
    future_call = asyncio.create_task(
        standin.wait_for(lambda c: c.method == "sendMessage" and c.params["text"] == "later")
    )
    await bot.send_message(user.id, "now")
    past = await standin.wait_for(lambda c: c.method == "sendMessage")
    assert past.params["text"] == "now"
    assert not future_call.done()
    await bot.send_message(user.id, "later")
    found = await asyncio.wait_for(future_call, 1)
    assert found.result["text"] == "later"
    assert [c.method for c in seen] == ["sendMessage", "sendMessage"]
    with pytest.raises(TimeoutError):
        await standin.wait_for(lambda c: c.method == "banChatMember", timeout=0.05)


async def test_history_is_a_copy(standin: BotAPIStandIn, bot: Bot) -> None:
    user: SimUser = standin.user()
    await user.send("hi")
    history: list[dict[str, Any]] = user.history()
    history[0]["text"] = "tampered"
    assert user.history()[0]["text"] == "hi"
    assert json.dumps(standin.chat_history(user.id))  # JSON-serialisable


async def test_latency_is_added(clock: FakeClock) -> None:
    server = BotAPIStandIn(TOKEN, api_spec=None, latency=0.05, clock=clock)
    await server.start()
    try:
        async with make_bot(server) as slow_bot:
            started = time.monotonic()
            await slow_bot.get_me()
            assert time.monotonic() - started >= 0.05
    finally:
        await server.stop()
    assert server.spec is None and server.spec_violations == []


async def test_without_spec_decodes_heuristically(clock: FakeClock) -> None:
    async with BotAPIStandIn(TOKEN, api_spec=None, clock=clock) as server:
        user = server.user()
        await user.send("hi")
        async with make_bot(server) as plain_bot:
            assert (await plain_bot.send_message(user.id, "42")).text == "42"
            await plain_bot.send_message(user.id, "kb", reply_markup=keyboard("Go"))
        assert server.calls_to("sendMessage")[0].params["chat_id"] == user.id
        assert user.buttons()[0][0]["callback_data"] == "cb:go"
    assert BotAPIStandIn.load_spec(None) is None
    assert BotAPIStandIn.load_spec(Path("/nonexistent/api.json")) is None
    assert BotAPIStandIn.load_spec(SPEC)["version"].startswith("Bot API")


async def test_a_simulated_user_cannot_send_more_than_telegram_accepts(
    standin: BotAPIStandIn,
) -> None:
    """Telegram clients split a text over 4,096 UTF-16 code units and refuse a caption over
    1,024: the stand-in's users do too, so no test feeds the bot what Telegram never sends."""
    user = standin.user(first_name="Ada")
    await user.send("🙂" * 2048)  # 4,096 code units: one message
    with pytest.raises(StandInUsageError, match="4096"):
        await user.send("a" * 4097)
    with pytest.raises(StandInUsageError, match="4096"):
        await user.send("🙂" * 2049)
    own = await user.send("short")
    with pytest.raises(StandInUsageError, match="4096"):
        await user.edit(own["message_id"], "x" * 5000)
    await user.send_photo(caption="c" * 1024)
    with pytest.raises(StandInUsageError, match="1024"):
        await user.send_photo(caption="c" * 1025)
    with pytest.raises(StandInUsageError, match="1024"):
        await user.send_document(caption="ب" * 1025)
