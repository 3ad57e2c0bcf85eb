"""Canned replies end to end: /canned, a preview, sent as is through the relay (screened, the
neutral first line, once however often pressed), or sent back to edit; English and Arabic."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.content.loader import load_content
from bot.harness import Harness
from tests.conftest import CONTENT, press, say
from tests.helpline import chat_in
from tests.test_relay import connect, en, last_text


def canned(h: Harness, locale: str, reply_id: str) -> tuple[str, str]:
    reply = next(r for r in h.core.content.current.canned_for(locale) if r.id == reply_id)
    return reply.name, reply.text


async def test_send_as_is_goes_through_the_relay_once(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await connect(h, first_name="Karim", language_code="en")
    msg = await say(h, volunteer, "/canned")
    assert "Which reply for Visitor" in msg["text"]
    name, text = canned(h, "en", "greeting")
    msg = await press(h, volunteer, name)
    assert "will read:\n\n" + text in msg["text"]
    assert "In your language" not in msg["text"]  # same language: shown once
    before = len(visitor.history())
    preview = volunteer.last_bot_message()
    data = next(
        b["callback_data"] for r in volunteer.buttons(preview) for b in r if "Send" in b["text"]
    )
    await press(h, volunteer, "Send as is")
    assert last_text(visitor) == en(h, "discreet.first_line") + "\n" + text
    assert volunteer.last_bot_message()["text"].endswith(text)
    assert en(h, "canned.sent") in volunteer.last_bot_message()["text"]
    # pressed again (a double tap, a replayed update): nothing more reaches the visitor
    await volunteer.press_data(data, preview["message_id"])
    await h.settle()
    assert len(visitor.history()) == before + 1
    # the visitor's reply to it answers the preview in the volunteer's chat
    await visitor.send("thank you", reply_to=visitor.history()[-1]["message_id"])
    await h.settle()
    assert volunteer.history()[-1]["reply_to_message"]["message_id"] == preview["message_id"]


async def test_edit_first_and_arabic_visitor(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await chat_in(h, "ar")
    await say(h, volunteer, "/canned")
    name, _ = canned(h, "en", "grounding")
    msg = await press(h, volunteer, name)  # names in the volunteer's language
    _, arabic = canned(h, "ar", "grounding")
    _, english = canned(h, "en", "grounding")
    assert arabic in msg["text"] and "In your language:\n" + english in msg["text"]
    before = len(visitor.history())
    await press(h, volunteer, "Edit first")
    assert volunteer.texts()[-1] == arabic  # the words alone, no neutral line, to copy
    assert en(h, "canned.edit_hint") in volunteer.texts()[-2]
    assert len(visitor.history()) == before  # nothing sent yet
    await volunteer.send(arabic + " 🌿")
    await h.settle()
    assert last_text(visitor).endswith(arabic + " 🌿")
    # Back to the list, then send as is: the visitor reads Arabic
    await say(h, volunteer, "/canned")
    await press(h, volunteer, canned(h, "en", "closing")[0])
    await press(h, volunteer, "Send as is")
    assert last_text(visitor).endswith(canned(h, "ar", "closing")[1])


async def test_canned_is_for_volunteers_in_a_chat(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await connect(h)
    msg = await say(h, visitor, "/canned")
    assert en(h, "unknown.command") in msg["text"]  # like any unknown command
    await say(h, volunteer, "/end")
    msg = await say(h, volunteer, "/canned")
    assert en(h, "relay.no_chat") in msg["text"]
    # a button of a chat that has ended (or someone else's) has expired
    await volunteer.press_data("cn:s1.greeting")
    await h.settle()
    assert en(h, "expired.text") in last_text(volunteer)
    await visitor.press_data("cn:l1")
    await h.settle()
    assert en(h, "expired.text") in last_text(visitor)


def test_content_check_of_canned_replies(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "ar" / "canned.yaml").write_text(
        "replies:\n  - id: greeting\n    name: x\n    text: see t.me/somebot\n"
        "  - id: made-up\n    name: y\n    text: z\n",
        encoding="utf-8",
    )
    loaded, problems = load_content(content)
    assert loaded is None
    assert any("no Telegram links" in p.message for p in problems)
    (content / "ar" / "canned.yaml").write_text(
        "replies:\n  - id: greeting\n    name: x\n    text: hi\n  - id: made-up\n    name: y\n"
        "    text: z\n",
        encoding="utf-8",
    )
    loaded, problems = load_content(content)
    assert loaded is None and any(p.message == "not in English" for p in problems)
    (content / "ar" / "canned.yaml").write_text(
        "replies:\n  - id: greeting\n    name: x\n    text: hi\n", encoding="utf-8"
    )
    loaded, problems = load_content(content)
    assert loaded is not None
    assert any(p.severity == "incomplete" and "closing" in p.key for p in problems)
    assert loaded.canned_for("ar")[-1].text == loaded.canned_for("en")[-1].text  # English
