"""Language picked right: Telegram's `language_code` to the closest locale present, the
language menu in each language's own name (two a row, paged), and the command menus published
per language. Stub locales stand in for the translators' files, which arrive later."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from bot.callbacks import Action, parse
from bot.content.loader import Content, load_content
from bot.harness import Harness
from bot.screens import LANGUAGES_PER_PAGE, language_picker
from handlers.commands import menu_languages
from tests.conftest import CONTENT, FakeClock, press, running_harness, say

# The twelve languages of the founding text, with the regional variants of this session.
NAMES = {
    "fr": "Français",
    "de": "Deutsch",
    "it": "Italiano",
    "pl": "Polski",
    "tr": "Türkçe",
    "ru": "Русский",
    "ja": "日本語",
    "pt": "Português (Brasil)",
    "pt-PT": "Português (Portugal)",
    "es": "Español (Latinoamérica)",
    "es-ES": "Español (España)",
    "zh": "简体中文",
    "zh-Hant": "繁體中文",
}
PARENTS = {"pt-PT": "pt", "es-ES": "es"}


def stub_locales(
    tmp_path: Path, names: dict[str, str] = NAMES, parents: dict[str, str] = PARENTS
) -> Path:
    """A copy of the content with a stub `ui.yaml` per locale: its meta and a menu text that
    names it (so a test can see which locale answered)."""
    copy = tmp_path / "content"

    def translations(folder: str, entries: list[str]) -> list[str]:
        """The shipped translations are left out: the stubs stand in for them."""
        if Path(folder) != CONTENT:
            return []
        return [e for e in entries if (CONTENT / e).is_dir() and e not in {"en", "ar"}]

    shutil.copytree(CONTENT, copy, ignore=translations)
    for code, name in names.items():
        parent = f"  parent: {parents[code]}\n" if code in parents else ""
        (copy / code).mkdir()
        (copy / code / "ui.yaml").write_text(
            f"meta:\n  language_name: {name}\n{parent}"
            "  review: {status: needs-native-review}\n"
            f'menu:\n  text: "menu [{code}]"\n'
            f'commands:\n  start: "start [{code}]"\n',
            encoding="utf-8",
        )
    return copy


@pytest.fixture(scope="module")
def fourteen(tmp_path_factory: pytest.TempPathFactory) -> Content:
    content, problems = load_content(stub_locales(tmp_path_factory.mktemp("langs")))
    assert content is not None, [str(p) for p in problems if p.severity == "error"]
    assert len(content.locales) == 15
    return content


@pytest.mark.parametrize(
    ("telegram", "locale"),
    [
        ("en", "en"),
        ("en-gb", "en"),
        ("en-US", "en"),
        ("ar", "ar"),
        ("ar-EG", "ar"),
        ("pt-br", "pt"),
        ("pt", "pt"),
        ("pt-pt", "pt-PT"),
        ("pt-ao", "pt-PT"),  # Angola writes European Portuguese (CLDR's parent)
        ("pt-mz", "pt-PT"),
        ("zh-hans", "zh"),
        ("zh-cn", "zh"),
        ("zh-sg", "zh"),
        ("zh", "zh"),
        ("zh-hant", "zh-Hant"),
        ("zh-tw", "zh-Hant"),
        ("zh-hk", "zh-Hant"),
        ("zh-mo", "zh-Hant"),
        ("zh-Hant-TW", "zh-Hant"),
        ("es-419", "es"),
        ("es-mx", "es"),
        ("es-ar", "es"),
        ("es", "es"),
        ("es-es", "es-ES"),
        ("ru-RU", "ru"),
        ("ja-jp", "ja"),
        ("de-ch", "de"),
        ("tr", "tr"),
        ("uk", "en"),  # not present: the default
        ("fa", "en"),
        ("x", "en"),
        ("", "en"),
        (None, "en"),
        ("not a language code at all, and far too long to be one", "en"),
    ],
)
def test_match_language(fourteen: Content, telegram: str | None, locale: str) -> None:
    assert fourteen.match_language(telegram) == locale


def test_match_language_without_the_variant_falls_back_to_the_language(
    tmp_path: Path,
) -> None:
    content, _ = load_content(stub_locales(tmp_path, {"zh": "简体中文", "es-ES": "Español"}, {}))
    assert content is not None
    assert content.match_language("zh-tw") == "zh"  # Simplified beats English for a Chinese reader
    assert content.match_language("es-mx") == "es-ES"
    assert Content(content.locales, default_locale="ar").match_language("fa") == "ar"


def test_the_language_menu_lists_each_language_in_its_own_name(fourteen: Content) -> None:
    en = fourteen.locale("en")
    screen = language_picker(en, list(fourteen.locales.values()))
    language_rows = screen.rows[:-1]
    assert all(len(row) == 2 for row in language_rows[:-1]) and len(language_rows[-1]) in (1, 2)
    labels = [b.label for row in language_rows for b in row]
    assert set(labels) == {*NAMES.values(), "English", "العربية"}
    codes = [b.action.arg for row in language_rows for b in row]
    assert codes == sorted(codes, key=str.lower)  # never moves when the reader's language changes
    assert all(parse(f"{b.action.name}:{b.action.arg}") == b.action for b in screen.rows[0])
    assert [b.action.name for b in screen.rows[-1]] == ["menu", "crisis"]


def test_the_language_menu_pages_beyond_sixteen(fourteen: Content) -> None:
    en = fourteen.locale("en")
    many = list(fourteen.locales.values()) * 2  # 30 buttons
    first = language_picker(en, many, 0)
    assert sum(len(r) for r in first.rows[:-2]) == LANGUAGES_PER_PAGE
    assert [b.action for b in first.rows[-2]] == [Action("lang", "?1")]
    second = language_picker(en, many, 1)
    assert [b.action for b in second.rows[-2]] == [Action("lang", "?0")]
    assert sum(len(r) for r in second.rows[:-2]) == 30 - LANGUAGES_PER_PAGE
    assert language_picker(en, many, 99).rows == second.rows  # a stale page: the last one
    assert parse("lang:?1") == Action("lang", "?1") and parse("lang:?abc") is None


def test_one_menu_per_language_present(fourteen: Content) -> None:
    assert menu_languages(fourteen) == {
        "ar": "ar",
        "de": "de",
        "en": "en",
        "es": "es",
        "fr": "fr",
        "it": "it",
        "ja": "ja",
        "pl": "pl",
        "pt": "pt",
        "ru": "ru",
        "tr": "tr",
        "zh": "zh",
    }


async def test_language_code_to_first_reply_menu_and_command_menus(
    tmp_path: Path, clock: FakeClock, log_output: io.StringIO
) -> None:
    content = stub_locales(tmp_path)
    async with running_harness(tmp_path, clock, content=content, rate_limit=False) as h:
        await check_first_replies_and_menus(h)


async def check_first_replies_and_menus(h: Harness) -> None:
    for telegram, locale in (("pt-br", "pt"), ("zh-hk", "zh-Hant"), ("es-mx", "es")):
        user = h.standin.user(language_code=telegram)
        assert f"menu [{locale}]" in (await say(h, user, "/start"))["text"]
    # Published at start, per language: each with its base locale's words.
    published = {
        c.params.get("language_code"): c.params["commands"][0]["description"]
        for c in h.standin.calls_to("setMyCommands")
        if c.params.get("scope", {}).get("type") == "all_private_chats"
    }
    assert published[None] == "Menu"  # the default: English
    for language in ("de", "es", "fr", "it", "ja", "pl", "pt", "ru", "tr", "zh"):
        assert published[language] == f"start [{language}]"
    # Picking a regional variant gives the chat its own menu, in that variant.
    user = h.standin.user(language_code="pt-br")
    await say(h, user, "/language")
    assert "Português (Portugal)" in [b["text"] for row in user.buttons() for b in row]
    msg = await press(h, user, "Português (Portugal)")
    assert "menu [pt-PT]" in msg["text"]
    chat_menus = [
        c for c in h.standin.calls_to("setMyCommands") if c.params["scope"].get("type") == "chat"
    ]
    assert chat_menus[-1].params["commands"][0]["description"] == "start [pt-PT]"
