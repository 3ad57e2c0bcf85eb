"""Durability: a restart or a crash at any relay step loses nothing and doubles nothing.

A crash is played by stopping the application and leaving the database exactly as a process
killed at that step would have left it; then a new `Application` starts on the same file.
"""

from __future__ import annotations

import json

from bot.harness import Harness
from bot.polling import inbox_context
from bot.standin import SimUser
from bot.storage.inbox_repo import InboxRepository
from tests.test_relay import connect


async def crash_with_update_unhandled(h: Harness, user: SimUser, text: str) -> dict:
    """The bot fetched `text`, stored it in its inbox, confirmed it to Telegram, then died."""
    await h.stop_bot()
    await user.send(text)
    (update,) = h.standin.take_pending()
    # what the poller stores: the update, encrypted, before confirming it
    await h.start_bot_paused()
    core = h.core
    sealed = core.cipher.encrypt(json.dumps(update).encode(), inbox_context(update["update_id"]))
    await InboxRepository(core.db).store([(update["update_id"], sealed, False)], core.clock())
    return update


async def relayed_then_stopped(h: Harness, text: str) -> tuple[SimUser, SimUser, dict]:
    """A chat in which the visitor's `text` was relayed; then the bot stopped. Returns the two
    people and the update that carried `text`."""
    visitor, volunteer = await connect(h)
    await visitor.send(text)
    await h.settle()
    update = h.standin.delivered_updates()[-1]
    await h.stop_bot()
    return visitor, volunteer, update


async def test_update_stored_before_a_crash_is_handled_after_restart(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await connect(h)
    await crash_with_update_unhandled(h, visitor, "sent just before the crash")
    await h.resume()
    await h.settle()
    assert volunteer.texts().count("sent just before the crash") == 1


async def test_crash_between_claim_and_copy_sends_once(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await connect(h)
    update = await crash_with_update_unhandled(h, visitor, "claimed, never sent")
    session = (await h.core.db.fetchone("SELECT id FROM sessions"))[0]
    await h.core.relay.pairs.claim(session, "visitor", update["message"]["message_id"])
    await h.resume()
    await h.settle()
    assert volunteer.texts().count("claimed, never sent") == 1


async def test_crash_after_relay_before_done_does_not_double(harness: Harness) -> None:
    h = harness
    _, volunteer, update = await relayed_then_stopped(h, "relayed, then the crash")
    await h.start_bot_paused()
    # the inbox row as it was before being marked done
    sealed = h.core.cipher.encrypt(json.dumps(update).encode(), inbox_context(update["update_id"]))
    await h.core.db.execute(
        "UPDATE inbox SET done = 0, payload = ? WHERE update_id = ?", (sealed, update["update_id"])
    )
    await h.resume()
    await h.settle()
    assert volunteer.texts().count("relayed, then the crash") == 1


async def test_redelivered_update_is_not_handled_twice(harness: Harness) -> None:
    h = harness
    visitor, volunteer, update = await relayed_then_stopped(h, "only once please")
    h.standin.redeliver(update)  # Telegram never saw the confirming offset
    await h.start_bot()
    await h.settle()
    await volunteer.send("and back")
    await h.settle()
    assert volunteer.texts().count("only once please") == 1
    assert visitor.texts()[-1].endswith("and back")


async def test_one_batch_with_a_redelivery_and_new_messages(harness: Harness) -> None:
    """A `getUpdates` answer is stored in one write: the redelivered update in it is skipped,
    the new ones around it are each handled once, in order."""
    h = harness
    visitor, volunteer, update = await relayed_then_stopped(h, "first")
    await visitor.send("second")
    h.standin.redeliver(update)
    await visitor.send("third")
    await h.start_bot()
    await h.settle()
    relayed = [t for t in volunteer.texts() if t.endswith(("first", "second", "third"))]
    assert [t.rsplit("\n", 1)[-1] for t in relayed] == ["first", "second", "third"]


async def test_inbox_holds_no_text_once_handled(harness: Harness) -> None:
    h = harness
    visitor, _ = await connect(h)
    await visitor.send("private words")
    await h.settle()
    rows = await h.core.db.fetchall("SELECT done, payload FROM inbox")
    assert rows and all(done == 1 and payload is None for done, payload in rows)


async def test_telegram_errors_mid_chat(harness: Harness) -> None:
    """429 and 5xx are retried (the message arrives once); a 403 ends the chat kindly."""
    h = harness
    visitor, volunteer = await connect(h)
    h.standin.fail_next(
        "copyMessage", error_code=429, description="Too Many Requests: retry after 1"
    )
    await visitor.send("through a 429")
    h.standin.fail_next("copyMessage", error_code=502, description="Bad Gateway")
    await visitor.send("through a 502")
    await h.settle()
    texts = volunteer.texts()
    assert texts.count("through a 429") == 1 and texts.count("through a 502") == 1
    assert texts.index("through a 429") < texts.index("through a 502")  # still in order
    h.standin.fail_next(
        "sendMessage",
        error_code=403,
        description="Forbidden: bot was blocked by the user",
        chat_id=visitor.id,
    )
    await volunteer.send("are you there?")
    await h.settle()
    assert "has ended" in volunteer.texts()[-1]


async def test_retention_purges_closed_chats_and_keeps_anonymous_facts(
    harness: Harness, clock
) -> None:
    from bot.app import retention

    h = harness
    visitor, _ = await connect(h)
    await visitor.send("hello")
    await h.settle()
    await visitor.send("/end")
    await h.settle()
    await visitor.press("😊")
    await h.settle()
    db = h.core.db
    await retention(h.application)
    assert (await db.fetchone("SELECT count(*) FROM sessions"))[0] == 1  # within the window
    clock.advance((h.settings.retention_days + 1) * 86400)
    await retention(h.application)
    assert (await db.fetchone("SELECT count(*) FROM sessions"))[0] == 0
    assert (await db.fetchone("SELECT count(*) FROM message_pairs"))[0] == 0
    assert (await db.fetchone("SELECT count(*) FROM chat_messages"))[0] == 0
    assert (await db.fetchone("SELECT count(*) FROM inbox"))[0] == 0
    assert await db.fetchall("SELECT rating FROM chat_facts") == [(5,)]


async def test_visitors_silent_for_long_are_forgotten_but_not_volunteers_or_waiters(
    harness: Harness, clock
) -> None:
    """VISITOR_RETENTION_DAYS: a visitor's row (language, country, encrypted chat id) goes
    after that long without a word. Admins named in settings, volunteers, and anyone waiting
    or in a chat, stay."""
    from bot.app import retention
    from tests.conftest import ADMIN_ID
    from tests.test_relay import onboard, queue_visitor

    h = harness
    gone = h.standin.user(language_code="ar")
    await gone.send("/start")
    await h.settle()
    await onboard(h, "River Song")
    waiting = await queue_visitor(h)
    clock.advance((h.settings.visitor_retention_days - 1) * 86400)
    await retention(h.application)
    assert (await h.core.db.fetchone("SELECT count(*) FROM visitors"))[0] == 4  # + the admin
    clock.advance(2 * 86400)
    await retention(h.application)
    remaining = {bytes(r[0]) for r in await h.core.db.fetchall("SELECT pseudonym FROM visitors")}
    pseudonym = h.core.visitors.pseudonym
    assert pseudonym(gone.id) not in remaining
    assert pseudonym(waiting.id) in remaining  # still in the queue
    assert pseudonym(ADMIN_ID) in remaining  # admins named in settings are reached this way
    assert len(remaining) == 3  # the admin, the volunteer and the waiting visitor
    await gone.send("/start")  # coming back is a fresh start, in their language again
    await h.settle()
    assert pseudonym(gone.id) in {
        bytes(r[0]) for r in await h.core.db.fetchall("SELECT pseudonym FROM visitors")
    }


async def test_held_ids_nobody_will_pass_on_are_purged(harness: Harness) -> None:
    from bot.app import retention
    from tests.test_relay import onboard, queue_visitor

    h = harness
    await onboard(h, "River Song")
    waiting = await queue_visitor(h)
    await waiting.send("still waiting")
    await h.settle()
    queue = h.core.relay.queue
    await h.core.db.execute(  # as a crash in the middle of passing on could leave behind
        "INSERT INTO waiting_messages (visitor, message_id) VALUES (?, ?)", (b"x" * 32, 7)
    )
    await retention(h.application)
    assert await queue.held_messages(b"x" * 32) == []
    assert len(await queue.held_messages(h.core.visitors.pseudonym(waiting.id))) == 1
