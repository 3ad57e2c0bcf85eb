"""What a visitor's screen shows, and what it lets others reach: the neutral first line leads a
volunteer's captions, no visible link to an account crosses from a volunteer, and the visitor's
command menu says nothing about what the bot is for."""

from __future__ import annotations

import json
import re

import pytest

from bot.harness import Harness
from tests.conftest import running_harness, say
from tests.test_relay import connect, en

TELEGRAM = re.compile(r"t\.me|telegram\.|tg:|@SomeBot|@some_helper", re.IGNORECASE)


@pytest.fixture
async def harness(tmp_path, clock, log_output):
    """Volunteers may send photos here (RELAY_MEDIA), as an operator may allow."""
    async with running_harness(
        tmp_path, clock, rate_limit=False, relay_media=frozenset({"text", "sticker", "photo"})
    ) as h:
        yield h


def entity(kind: str, text: str, part: str) -> dict:
    """A Bot API entity of `kind` over `part` of `text` (ASCII here, so offsets are simple)."""
    return {"type": kind, "offset": text.index(part), "length": len(part)}


async def test_a_volunteers_caption_starts_with_the_neutral_line(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await connect(h)
    await volunteer.send_photo(caption="a picture of the sea for you")
    await volunteer.send_photo()  # no caption: nothing to lead
    await h.settle()
    photos = [m for m in visitor.bot_messages() if m.get("photo")]
    assert len(photos) == 2
    assert photos[0]["caption"] == f"{en(h, 'discreet.first_line')}\na picture of the sea for you"
    assert "caption" not in photos[1]
    assert all(c.params.get("protect_content") for c in h.standin.calls_to("copyMessage"))
    # the other way, a visitor's caption reaches the volunteer as it was written
    await visitor.send_photo(caption="and one of mine")
    await h.settle()
    (mine,) = [m for m in volunteer.bot_messages() if m.get("photo")]
    assert mine["caption"] == "and one of mine"


async def test_a_volunteers_long_caption_still_leads_with_the_neutral_line(
    harness: Harness,
) -> None:
    h = harness
    visitor, volunteer = await connect(h)
    words = "sea " * 255  # 1020 characters: over Telegram's 1024 with the line in front
    await volunteer.send_photo(caption=words)
    await h.settle()
    line = en(h, "discreet.first_line")
    photo, text = visitor.bot_messages()[-2:]
    assert (
        photo["caption"] == line and text["text"].startswith(f"{line}\n") and "sea" in text["text"]
    )


async def test_no_visible_link_to_an_account_reaches_a_visitor(harness: Harness) -> None:
    """`t.me`, `telegram.me`, `telegram.dog`, `tg://` links and @names, with or without the
    entities Telegram marks them with, are taken out of a volunteer's words; the volunteer is
    told why; ordinary links and formatting stay."""
    h = harness
    visitor, volunteer = await connect(h)
    text = (
        "try https://t.me/SomeBot?start=x or @SomeBot, also tg://resolve?domain=SomeBot, "
        "telegram.me/some_helper, x.t.me, telegram.dog/SomeBot and https://example.org/help"
    )
    await volunteer.send(
        text,
        entities=[
            entity("url", text, "https://t.me/SomeBot?start=x"),
            entity("mention", text, "@SomeBot"),
            entity("url", text, "https://example.org/help"),
            entity("bold", text, "try"),
        ],
    )
    await h.settle()
    (got,) = [m for m in visitor.bot_messages() if "example.org" in m.get("text", "")]
    assert not TELEGRAM.search(got["text"]), got["text"]
    assert got["text"].startswith(en(h, "discreet.first_line") + "\ntry ")
    kinds = {e["type"]: e for e in got.get("entities", [])}
    assert set(kinds) == {"url", "bold"}
    units = got["text"].encode("utf-16-le")  # Telegram counts offsets in UTF-16 units
    start, length = kinds["url"]["offset"], kinds["url"]["length"]
    assert units[2 * start : 2 * (start + length)].decode("utf-16-le") == "https://example.org/help"
    assert volunteer.texts()[-1].endswith(en(h, "volunteer.account_link_removed"))


async def test_a_message_that_is_only_a_link_to_an_account_is_not_sent(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await connect(h)
    before = len(visitor.bot_messages())
    await say(h, volunteer, "@SomeBot")
    await say(h, volunteer, "https://telegram.me/SomeBot")
    assert len(visitor.bot_messages()) == before
    assert volunteer.texts()[-1].endswith(en(h, "volunteer.account_link_only"))
    # and a caption: the photo goes, under the neutral line alone
    await volunteer.send_photo(caption="t.me/SomeBot")
    await h.settle()
    assert visitor.bot_messages()[-1]["caption"] == en(h, "discreet.first_line")


async def test_an_edit_cannot_add_a_link_to_an_account(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await connect(h)
    sent = await volunteer.send("write to my friend")
    await h.settle()
    await volunteer.edit(sent["message_id"], "write to my friend @some_helper today")
    await h.settle()
    texts = [m.get("text", "") for m in visitor.history()]
    assert any(t.endswith("write to my friend  today") for t in texts), texts
    assert not any(TELEGRAM.search(t) for t in texts)
    assert volunteer.texts()[-1].endswith(en(h, "volunteer.account_link_removed"))


async def test_a_visitors_words_reach_the_volunteer_unchanged(harness: Harness) -> None:
    """Only the volunteer -> visitor direction is screened this way: a visitor may name an
    account (their volunteer cannot open a visitor's phone)."""
    h = harness
    visitor, volunteer = await connect(h)
    await say(h, visitor, "they wrote to me from @someone_else")
    assert "they wrote to me from @someone_else" in volunteer.texts()


NOT_NEUTRAL = re.compile(
    r"urgent|crisis|volunteer|wipe|quick exit|delete|everything about|support|safe|queer|lgbt"
    r"|عاجل|أزمة|متطوع|حذف|خروج|دعم|بياناتي|طوارئ",
    re.IGNORECASE,
)


def menu_seen(h: Harness, chat_id: int, language: str) -> list[str]:
    """The command descriptions a private chat shows, as Telegram picks them: the chat's own
    menu if it has one, else the menu for private chats in its language, else the default."""
    commands = h.standin.state.commands

    def key(scope: dict, lang: str) -> tuple[str, str]:
        return json.dumps(scope, sort_keys=True), lang

    chat = {"type": "chat", "chat_id": chat_id}
    private = {"type": "all_private_chats"}
    for scope, lang in ((chat, language), (chat, ""), (private, language), (private, "")):
        if key(scope, lang) in commands:
            return [c["description"] for c in commands[key(scope, lang)]]
    return []


async def test_the_visitor_command_menu_is_neutral_at_all_times(harness: Harness) -> None:
    """It shows on the visitor's screen: nothing in it may say what the bot is for, in any
    language, before or after a language change, /exit or /forget."""
    h = harness
    published = [
        c.params for c in h.standin.calls_to("setMyCommands")
        if c.params["scope"]["type"] == "all_private_chats"
    ]  # fmt: skip
    assert {p.get("language_code") for p in published} >= {None, "ar"}
    for menu in published:
        assert len(menu["commands"]) == 8
        assert [
            c["description"] for c in menu["commands"] if NOT_NEUTRAL.search(c["description"])
        ] == []
    u = h.standin.user(language_code="en")
    await say(h, u, "/start")
    await say(h, u, "/language")
    await u.press("العربية")  # the chat gets its own menu, in Arabic
    await h.settle()
    seen = menu_seen(h, u.id, "en")
    assert seen and all(re.search(r"[\u0600-\u06FF]", d) for d in seen)
    for step in ("/exit", "/forget"):
        await say(h, u, step)
        assert seen and not [d for d in menu_seen(h, u.id, "en") if NOT_NEUTRAL.search(d)]
    await u.press(h.core.content.current.locale("ar").strings["button.forget_yes"])
    await h.settle()
    assert [c.params["scope"] for c in h.standin.calls_to("deleteMyCommands")] == [
        {"type": "chat", "chat_id": u.id}
    ]  # forgotten: the chat's own menu (their chosen language) goes too
    seen = menu_seen(h, u.id, "en")
    assert seen and not [d for d in seen if NOT_NEUTRAL.search(d)]
