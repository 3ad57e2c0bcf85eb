"""The crisis answer as plain data, for every country and both locales (no Telegram needed)."""

from __future__ import annotations

import pytest

from bot import crisis_reply
from bot.content.loader import load_content
from bot.content.model import LocaleContent
from bot.safety import RiskAssessment
from bot.visitors import NO_COUNTRY
from tests.conftest import CONTENT

SELF_HIGH = RiskAssessment("high", frozenset({"intent"}))
SELF_ELEVATED = RiskAssessment("elevated", frozenset({"mention"}))
OTHERS = RiskAssessment("high", frozenset({"others"}))
BOTH = RiskAssessment("high", frozenset({"others", "intent"}))


@pytest.fixture(scope="module", params=["en", "ar"])
def loc(request: pytest.FixtureRequest) -> LocaleContent:
    loaded, _ = load_content(CONTENT)
    return loaded.locale(request.param)


def countries(loc: LocaleContent) -> list[str | None]:
    return [None, NO_COUNTRY, "XX", *sorted(loc.countries)]


def text_of(loc: LocaleContent, country: str | None, risk: RiskAssessment) -> str:
    where = crisis_reply.Where()
    return "\n\n".join(s.text for s in crisis_reply.reply(loc, country, risk, where))


def test_only_crisis_lines_are_offered_as_crisis_lines(loc: LocaleContent) -> None:
    for country in countries(loc):
        for risk in (SELF_HIGH, SELF_ELEVATED):
            screens = crisis_reply.reply(loc, country, risk, crisis_reply.Where())
            paragraphs = "\n\n".join(s.text for s in screens).split("\n\n")
            heading = {loc.strings["safety.lines_high"], loc.strings["safety.lines_elevated"]}
            under_lines = False
            for paragraph in paragraphs:
                if paragraph in heading:
                    under_lines = True
                    continue
                contact = next((c for c in loc.contacts if paragraph.startswith(c.name)), None)
                if contact is None:
                    under_lines = False
                elif under_lines:
                    assert contact.type == "crisis_line", (country, contact.id)


def test_no_lines_said_once_and_the_volunteer_comes_first(loc: LocaleContent) -> None:
    for country in loc.countries:
        local, _ = loc.contacts_for(country)
        if any(c.type == "crisis_line" for c in local):
            continue
        first, *_ = crisis_reply.reply(loc, country, SELF_HIGH, crisis_reply.Where())
        no_lines = loc.strings["safety.no_lines"].format(country=loc.countries[country])
        assert first.text.count(no_lines) == 1
        assert first.rows[0][0].action.name == "urgent"


def test_not_alone_once_in_every_answer(loc: LocaleContent) -> None:
    word = "alone" if loc.code == "en" else "بهذا وحدك"  # not "أنت وحدك" (only you)
    for country in countries(loc):
        for risk in (SELF_HIGH, SELF_ELEVATED, OTHERS, BOTH):
            assert text_of(loc, country, risk).count(word) <= 1, (country, risk)


def test_danger_from_others_never_suggests_police_where_that_is_dangerous(
    loc: LocaleContent,
) -> None:
    shown = 0
    for country in countries(loc):
        text = text_of(loc, country, OTHERS)
        numbers = loc.emergency.get(country or "")
        values = [n.value for n in numbers.numbers] if numbers else []
        if loc.police_risky(country):
            assert not any(v in text for v in values), country
            assert "police" not in text.lower() and "شرطة" not in text, country
        elif values:
            shown += 1
            assert any(v in text for v in values), country  # where it is safe, they are there
    assert shown > 0


def test_danger_from_others_links_the_guide(loc: LocaleContent) -> None:
    (screen,) = crisis_reply.reply(loc, "JO", OTHERS, crisis_reply.Where())
    guide = [b for row in screen.rows for b in row if b.action.name == "gd"]
    ids = [loc.steps[int(b.action.arg)].id for b in guide]
    assert ids == list(crisis_reply.OTHERS_GUIDE_STEPS)


def test_in_a_chat_no_volunteer_button(loc: LocaleContent) -> None:
    for country in countries(loc):
        for risk in (SELF_HIGH, OTHERS):
            screens = crisis_reply.reply(loc, country, risk, crisis_reply.Where(may_talk=False))
            actions = [b.action.name for s in screens for row in s.rows for b in row]
            assert "urgent" not in actions


def test_services_from_anywhere_come_after_the_volunteer_and_before_directories(
    loc: LocaleContent,
) -> None:
    """No text or chat line in the research works from anywhere yet; when one is added it is
    offered after the volunteer and before the directories."""
    line = next(c for c in loc.contacts if c.type == "crisis_line")
    anywhere = line.model_copy(
        update={"id": "anywhere-chat", "name": "Anywhere Chat", "countries": ["global"]}
    )
    anywhere = anywhere.model_copy(update={"anywhere": True})
    richer = loc.model_copy(update={"contacts": (*loc.contacts, anywhere)})
    first, rest = crisis_reply.reply(richer, "SY", SELF_HIGH, crisis_reply.Where())
    assert first.rows[0][0].action.name == "urgent"
    later = rest.text
    directory = next(c for c in loc.contacts if c.type == "directory")
    assert later.index(richer.strings["safety.anywhere"]) < later.index("Anywhere Chat")
    assert later.index("Anywhere Chat") < later.index(directory.name)
