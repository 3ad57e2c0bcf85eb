"""The guide and self-esteem pieces for people in hostile families (issue 10, item 4): every
topic is written in English and in Arabic under the same id, every screen fits one Telegram
message and stays phone-length, and the words keep the team's safe-messaging rules (no
numbers or services of their own, no police by default, "you are not alone" at most once)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.content.i18n import t
from bot.content.loader import Content, load_content
from bot.screens import guide, self_esteem, split_text
from bot.visitors import DELETE_WINDOW

CONTENT = Path(__file__).resolve().parent.parent / "content"
LOCALES = ("en", "ar")
ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")
# Phone-length: the rendered screen (title, text, page number) reads in a screen or two on a
# phone. Telegram's own limit is 4096; this is the one we write to.
PHONE_LENGTH = 1700

# Each topic the issue lists, and the piece that carries it: (file, id).
TOPICS = {
    "writing a safety plan": ("guide", "safety-plan"),
    "digital safety on Telegram": ("guide", "digital-safety"),
    "what the quick exit does and does not remove": ("guide", "quick-exit"),
    "being confined or having a phone taken": ("guide", "confined"),
    "forced marriage": ("guide", "forced-marriage"),
    "conversion practices": ("guide", "conversion"),
    "blackmail and sextortion": ("guide", "blackmail"),
    "dating-app entrapment": ("guide", "dating-apps"),
    "what to do if arrested": ("guide", "if-arrested"),
    "shelters": ("guide", "shelter"),
    "chosen family": ("self_esteem", "chosen-family"),
    "faith and religious family": ("self_esteem", "faith-family"),
    "finding community safely": ("self_esteem", "your-people"),
}
FILES = {"guide": ("guide.yaml", "steps"), "self_esteem": ("self_esteem.yaml", "pieces")}
# Pieces that send the reader to the Urgent help button by its name.
POINT_TO_URGENT_HELP = {
    "guide": (
        "safety-plan",
        "if-it-goes-badly",
        "confined",
        "forced-marriage",
        "conversion",
        "blackmail",
        "if-arrested",
        "shelter",
    ),
    "self_esteem": ("bad-day",),
}
NOT_ALONE = {"en": re.compile(r"\bnot alone\b", re.I), "ar": re.compile(r"لست\S* وحد|لستم وحد")}
# Sending someone to the police: never the default here, where police can be the danger.
POLICE_ADVICE = {
    "en": re.compile(r"\b(call|contact|tell|go to|report (it )?to) the police\b", re.I),
    "ar": re.compile(r"(الاتصال|التواصل|الذهاب|إبلاغ|اتصل|أبلغ)\S* (ب|إلى )?ال?شرطة"),
}


def raw(locale: str, kind: str) -> list[dict[str, str]]:
    """The file as written (no English fallback), so a missing translation cannot hide."""
    name, key = FILES[kind]
    return yaml.safe_load((CONTENT / locale / name).read_text(encoding="utf-8"))[key]


def texts(item: dict[str, str]) -> list[str]:
    return [item[f] for f in ("title", "body", "exercise") if f in item]


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.fixture(scope="module")
def content() -> Content:
    loaded, problems = load_content(CONTENT)
    assert loaded is not None, problems
    return loaded


@pytest.mark.parametrize("kind", list(FILES))
def test_same_ids_in_the_same_order_in_both_locales(kind: str) -> None:
    assert [i["id"] for i in raw("ar", kind)] == [i["id"] for i in raw("en", kind)]


@pytest.mark.parametrize("topic", list(TOPICS))
def test_every_topic_is_written_in_english_and_arabic(topic: str) -> None:
    kind, item_id = TOPICS[topic]
    en = {i["id"]: i for i in raw("en", kind)}
    ar = {i["id"]: i for i in raw("ar", kind)}
    assert item_id in en and item_id in ar, topic
    for field in texts(en[item_id]):
        assert field.strip()
    for field in texts(ar[item_id]):
        assert ARABIC_LETTER.search(field), (item_id, field[:40])  # a translation, not English


def test_the_guide_starts_with_safety() -> None:
    ids = [s["id"] for s in raw("en", "guide")]
    assert ids[:4] == ["is-it-safe", "safety-plan", "digital-safety", "quick-exit"]
    assert ids.index("to-yourself") > ids.index("quick-exit")


@pytest.mark.parametrize("locale", LOCALES)
def test_every_screen_fits_one_message_and_a_phone(content: Content, locale: str) -> None:
    loc = content.locale(locale)
    screens = [guide(loc, i) for i in range(len(loc.steps))]
    screens += [self_esteem(loc, i) for i in range(len(loc.pieces))]
    for screen in screens:
        assert screen is not None
        # As the visitor gets it with discreet previews on (the default).
        sent = f"{t(loc, 'discreet.first_line')}\n{screen.text}"
        assert split_text(sent) == [sent], screen.text[:40]
        assert utf16(sent) <= PHONE_LENGTH, (screen.text[:40], utf16(sent))


@pytest.mark.parametrize("locale", LOCALES)
def test_safe_messaging(locale: str) -> None:
    every = [(i["id"], text) for kind in FILES for i in raw(locale, kind) for text in texts(i)]
    said = [item_id for item_id, text in every if NOT_ALONE[locale].search(text)]
    assert len(said) <= 1, said
    for item_id, text in every:
        # Contacts live in crisis.yaml, checked and in one place: no numbers or links here.
        assert not re.search(r"\d[\d\s-]{2,}\d|https?:|www\.|@\w", text), item_id
        assert not POLICE_ADVICE[locale].search(text), item_id
        assert "crisis contacts in this bot" not in text, item_id  # the button has a name


@pytest.mark.parametrize("locale", LOCALES)
def test_the_urgent_help_button_is_called_by_its_name(content: Content, locale: str) -> None:
    label = t(content.locale(locale), "button.crisis")
    name = re.sub(r"^\W+", "", label)  # without its emoji
    for kind, ids in POINT_TO_URGENT_HELP.items():
        items = {i["id"]: i for i in raw(locale, kind)}
        for item_id in ids:
            assert name in items[item_id]["body"], (item_id, name)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_quick_exit_step_says_what_exit_really_does(locale: str) -> None:
    step = next(s for s in raw(locale, "guide") if s["id"] == "quick-exit")
    hours = DELETE_WINDOW // 3600
    assert step["body"].count(f"{hours} ") >= 2  # the window, and what is older than it
    assert "/exit" in step["body"] and "/forget" in step["body"]


def test_arabic_lines_start_right_to_left() -> None:
    """A line whose first letter is Latin (a command, a name) flips to left-to-right."""
    for kind in FILES:
        for item in raw("ar", kind):
            for text in texts(item):
                for line in text.splitlines():
                    first = next((ch for ch in line if ch.isalpha()), "")
                    assert not ("a" <= first.lower() <= "z"), (item["id"], line)
