"""Privacy by construction: the database file, its WAL and the logs name nobody."""

from __future__ import annotations

import io
import struct
from pathlib import Path

from bot.harness import Harness

SECRET_TEXT = "my brother found my messages last night"
NAME, LAST, USERNAME = "Yasmeen", "Haddad", "yasmeen_h_1999"
USER_ID = 5_987_654_321


def needles(user_id: int) -> list[bytes]:
    """Every way an id, a name or a text could sit in a SQLite file or a log line."""
    out = [str(user_id).encode(), struct.pack(">q", user_id), struct.pack("<q", user_id)]
    for text in (SECRET_TEXT, NAME, LAST, USERNAME):
        out += [text.encode("utf-8"), text.encode("utf-16-le"), text.lower().encode()]
    return out


async def use_the_bot(h: Harness) -> None:
    u = h.standin.user(
        USER_ID, first_name=NAME, last_name=LAST, username=USERNAME, language_code="ar"
    )
    sent = {}
    for text in ("/start", SECRET_TEXT, "/crisis", "/settings", f"{SECRET_TEXT} again"):
        sent[text] = await u.send(text)
        await h.settle()
    await u.press(0)
    await u.edit(sent[SECRET_TEXT]["message_id"], SECRET_TEXT + " (edited)")
    await u.send_sticker()
    await h.settle()


def scan(path: Path, user_id: int) -> list[bytes]:
    data = path.read_bytes() if path.exists() else b""
    return [n for n in needles(user_id) if n in data]


async def test_database_and_wal_hold_no_identifiers(harness: Harness) -> None:
    await use_the_bot(harness)
    db_path = harness.settings.database_path
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists()  # WAL mode is on, so the scan really covers it
    assert scan(db_path, USER_ID) == [] and scan(wal, USER_ID) == []
    await harness.stop_bot()  # checkpoint and close: the main file after the WAL is folded in
    assert scan(db_path, USER_ID) == []


async def test_logs_hold_no_identifiers(harness: Harness, log_output: io.StringIO) -> None:
    await use_the_bot(harness)
    harness.standin.fail_next(  # errors are logged too
        "sendMessage",
        error_code=403,
        description="Forbidden: bot was blocked by the user",
        chat_id=USER_ID,
    )
    await harness.standin.user(USER_ID).send("/start")
    await harness.settle()
    logs = log_output.getvalue().encode()
    assert logs, "logging is captured"
    assert [n for n in needles(USER_ID) if n in logs] == []
    assert harness.settings.token.split(":")[1].encode() not in logs


async def test_relay_leaves_no_identifiers_or_texts_at_rest(
    harness: Harness, log_output: io.StringIO
) -> None:
    """Volunteers and relayed text are covered too: DB, WAL and logs after a whole chat."""
    from tests.test_relay import onboard

    h = harness
    volunteer = await onboard(h, "River Song")
    visitor = h.standin.user(USER_ID, first_name=NAME, last_name=LAST, username=USERNAME)
    await visitor.send("/talk")
    await h.settle()
    await visitor.press(h.core.content.current.locale("en").strings["button.consent"])
    await h.settle()
    await volunteer.send("/next")
    await h.settle()
    await visitor.send(SECRET_TEXT)
    await volunteer.send("I'm so sorry. Are you safe now?")
    await h.settle()
    await visitor.send("/end")
    await h.settle()
    assert SECRET_TEXT in volunteer.texts()  # it really was relayed
    db_path = h.settings.database_path
    wal = db_path.with_name(db_path.name + "-wal")
    volunteer_needles = [
        str(volunteer.id).encode(),
        b"Real name of River Song",
        b"river_tg",
        b"Are you safe now",
    ]
    for path in (db_path, wal):
        data = path.read_bytes()
        assert [n for n in needles(USER_ID) if n in data] == []
        assert [n for n in volunteer_needles if n in data] == []
    logs = log_output.getvalue().encode()
    assert [n for n in needles(USER_ID) + volunteer_needles if n in logs] == []


def test_tracebacks_and_exception_texts_are_redacted(log_output: io.StringIO) -> None:
    import logging

    try:
        int(f"{NAME} {USER_ID}")
    except ValueError:
        logging.getLogger("handlers.example").exception("a handler failed")
    text = log_output.getvalue()
    assert "Traceback" in text and "a handler failed" in text
    assert str(USER_ID) not in text


async def test_relayed_texts_carry_no_link_to_an_account(harness: Harness) -> None:
    """A mention by account, or a link hidden behind text that opens Telegram (`tg://user`,
    `t.me/...`), would let the other side open a profile: such texts are re-sent without them.
    Texts with nothing but plain formatting and ordinary links are copied by Telegram."""
    from tests.test_relay import connect

    h = harness
    visitor, volunteer = await connect(h)
    friend = {"id": 7_123_456_789, "is_bot": False, "first_name": "Sam"}
    text = "ask Sam or me, or see this"
    await visitor.send(
        text,
        entities=[
            {"type": "text_mention", "offset": 4, "length": 3, "user": friend},
            {"type": "text_link", "offset": 11, "length": 2, "url": f"tg://user?id={USER_ID}"},
            {"type": "text_link", "offset": 18, "length": 3, "url": f"https://t.me/{USERNAME}"},
            {"type": "bold", "offset": 22, "length": 4},
        ],
    )
    await visitor.send("just plain words")
    await visitor.send(
        "a useful page",
        entities=[
            {"type": "text_link", "offset": 9, "length": 4, "url": "https://example.org/help"}
        ],
    )
    await volunteer.send("thank you", entities=[{"type": "italic", "offset": 0, "length": 5}])
    await h.settle()
    received = [m for m in h.standin.chat_history(volunteer.id) if m.get("text") == text]
    assert len(received) == 1
    assert [e["type"] for e in received[0].get("entities", [])] == ["bold"]
    assert "plain words" in " ".join(volunteer.texts())
    copies = [c for c in h.standin.calls_to("copyMessage") if c.chat_id == volunteer.id]
    assert len(copies) == 2  # the plain texts; the other was re-sent without the links
    (page,) = [m for m in h.standin.chat_history(volunteer.id) if m.get("text") == "a useful page"]
    assert page["entities"][0]["url"] == "https://example.org/help"
    # the volunteer's words go to the visitor behind the neutral line, formatting kept
    (back,) = [m for m in h.standin.chat_history(visitor.id) if "thank you" in m.get("text", "")]
    assert [e["type"] for e in back.get("entities", [])] == ["italic"]


async def test_a_waiting_visitors_link_to_an_account_is_not_held(harness: Harness) -> None:
    """What a visitor writes while waiting is copied later by message id (the words are never
    stored), so it cannot be screened then: a message linking to an account is not held."""
    from tests.conftest import say
    from tests.test_relay import en, onboard, queue_visitor

    h = harness
    volunteer = await onboard(h, "River Song")
    visitor = await queue_visitor(h)
    friend = {"id": 7_123_456_789, "is_bot": False, "first_name": "Sam"}
    await visitor.send(
        "this is Sam", entities=[{"type": "text_mention", "offset": 8, "length": 3, "user": friend}]
    )
    await h.settle()
    assert visitor.texts()[-1].endswith(en(h, "queue.held_not_plain"))  # after the neutral line
    await visitor.send("words only")
    await h.settle()
    await say(h, volunteer, "/next")
    texts = volunteer.texts()
    assert "words only" in texts and not any("this is Sam" in t for t in texts)


async def test_a_held_message_edited_to_link_an_account_is_no_longer_held(
    harness: Harness,
) -> None:
    """A held message is copied later, as it then is: an edit while waiting is checked again."""
    from tests.conftest import say
    from tests.test_relay import en, onboard, queue_visitor

    h = harness
    volunteer = await onboard(h, "River Song")
    visitor = await queue_visitor(h)
    held = await visitor.send("this is Sam")
    await h.settle()
    friend = {"id": 7_123_456_789, "is_bot": False, "first_name": "Sam"}
    await visitor.edit(
        held["message_id"],
        "this is Sam",
        entities=[{"type": "text_mention", "offset": 8, "length": 3, "user": friend}],
    )
    await h.settle()
    assert visitor.texts()[-1].endswith(en(h, "queue.held_not_plain"))
    await say(h, volunteer, "/next")
    assert not any("this is Sam" in t for t in volunteer.texts())
