"""End to end over the stand-in: the country picker (region, then country), forged choices
refused kindly, and what a visitor in Egypt, in Lebanon or with no country sees."""

from __future__ import annotations

from bot.callbacks import MAX_BYTES
from bot.content.i18n import t
from bot.content.model import LocaleContent
from bot.harness import Harness
from bot.standin import SimUser
from tests.conftest import press, say


def _en(h: Harness) -> LocaleContent:
    assert h.core is not None
    return h.core.content.current.locale("en")


def labels(user: SimUser) -> list[str]:
    return [b["text"] for row in user.buttons() for b in row]


def callback_data(user: SimUser) -> list[str]:
    return [b["callback_data"] for row in user.buttons() for b in row if "callback_data" in b]


async def test_region_then_country_then_contacts(harness: Harness) -> None:
    en = _en(harness)
    u = harness.standin.user()
    await say(harness, u, "/start")
    msg = await say(harness, u, "/crisis")
    assert t(en, "crisis.ask_country").split("\n")[0] in msg["text"]
    # The first step is short: the regions, another country, rather not say.
    assert labels(u)[: len(en.regions)] == [r.name for r in en.regions]
    assert t(en, "button.other_country") in labels(u) and t(en, "button.prefer_not") in labels(u)
    assert all(len(d.encode()) <= MAX_BYTES for d in callback_data(u))

    msg = await press(harness, u, "Middle East and North Africa")
    assert t(en, "crisis.ask_country_in", region="Middle East and North Africa") in msg["text"]
    for name in ("Bahrain", "Oman", "Libya", "Sudan", "Yemen", "Egypt", "Lebanon"):
        assert name in labels(u), name
    assert all(len(d.encode()) <= MAX_BYTES for d in callback_data(u))

    msg = await press(harness, u, "Egypt")
    assert msg["text"].split("\n")[1] == t(en, "crisis.intro_country", country="Egypt")
    assert t(en, "crisis.no_line", country="Egypt") in msg["text"]
    assert t(en, "crisis.caution_entrapment") in msg["text"]
    assert "08008880700" in msg["text"] and "Find A Helpline" in msg["text"]
    assert t(en, "button.talk") in labels(u)  # a volunteer is one tap away
    # Remembered: /crisis goes straight to Egypt's contacts, and settings name it.
    msg = await say(harness, u, "/crisis")
    assert "08008880700" in msg["text"]
    msg = await say(harness, u, "/settings")
    assert "Egypt" in msg["text"]


async def test_lebanon_shows_its_crisis_line_first(harness: Harness) -> None:
    en = _en(harness)
    u = harness.standin.user()
    await say(harness, u, "/start")
    await say(harness, u, "/crisis")
    await press(harness, u, "Middle East and North Africa")
    msg = await press(harness, u, "Lebanon")
    text = msg["text"]
    assert text.index("Embrace Lifeline (crisis line)") < text.index("Helem (organisation)")
    assert t(en, "crisis.caution_same_sex_crime") in text
    assert t(en, "crisis.no_line", country="Lebanon") not in text


async def test_no_country_and_another_country_show_international_options(
    harness: Harness,
) -> None:
    en = _en(harness)
    u = harness.standin.user()
    await say(harness, u, "/start")
    await say(harness, u, "/crisis")
    msg = await press(harness, u, t(en, "button.prefer_not"))
    assert t(en, "crisis.intro") in msg["text"] and "Rainbow Railroad" in msg["text"]
    assert t(en, "crisis.caution_intro") not in msg["text"]
    await press(harness, u, t(en, "button.change_country"))
    msg = await press(harness, u, t(en, "button.other_country"))
    assert t(en, "crisis.intro_other") in msg["text"] and "Find A Helpline" in msg["text"]
    msg = await say(harness, u, "/settings")
    assert t(en, "settings.country_other") in msg["text"]
    # From inside a region, the other regions are one tap back.
    await say(harness, u, "/crisis")
    await press(harness, u, t(en, "button.change_country"))
    await press(harness, u, "Europe")
    msg = await press(harness, u, t(en, "button.other_region"))
    assert t(en, "crisis.ask_country").split("\n")[0] in msg["text"]


async def test_forged_picker_values_are_refused_kindly(harness: Harness) -> None:
    en = _en(harness)
    u = harness.standin.user()
    await say(harness, u, "/start")
    for data in ("region:atlantis", "region:MENA", "country:QQ", "country:eg", "region:"):
        query = await u.press_data(data)
        await harness.settle()
        assert u.callback_answer(query["id"])["text"] == t(en, "expired.button"), data
        assert t(en, "expired.text") in u.last_bot_message()["text"], data
    msg = await say(harness, u, "/settings")
    assert t(en, "settings.country_unset") in msg["text"]  # nothing was saved


async def test_arabic_picker_reads_arabic(harness: Harness) -> None:
    assert harness.core is not None
    ar = harness.core.content.current.locale("ar")
    u = harness.standin.user(language_code="ar")
    await say(harness, u, "/start")
    await say(harness, u, "/crisis")
    assert labels(u)[0] == ar.regions[0].name
    await press(harness, u, ar.regions[0].name)
    msg = await press(harness, u, ar.countries["OM"])
    assert ar.countries["OM"] in msg["text"]
    assert "\u20669999\u2069" in msg["text"]  # isolated, so it reads right in RTL
    assert t(ar, "crisis.caution_police_run") in msg["text"]
