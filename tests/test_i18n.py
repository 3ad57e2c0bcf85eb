"""The i18n layer: plural forms (Fluent selects with CLDR's rules through Babel), numbers,
durations and month names by region, and `content check` catching what translators can get
wrong. The last test renders every text of every locale present, so new locales are covered
the moment they are merged."""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.content.formats import babel_locale, formats
from bot.content.i18n import day_month_year, month_year, t
from bot.content.loader import Content, load_content
from bot.content.messages import analyse, is_fluent, required_forms, to_ftl, variables

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@pytest.fixture(scope="module")
def content() -> Content:
    loaded, _ = load_content(CONTENT)
    assert loaded is not None
    return loaded


def copy_with(tmp_path: Path, files: dict[str, str]) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    for name, text in files.items():
        path = copy / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return copy


# A small Polish and Russian content, written for this test (the translators' files come later):
# one count with every form those languages have, and a duration.
PL = """\
meta:
  language_name: Polski
  review: {status: needs-native-review}
volunteer:
  caseload_full: "{ $limit -> [one] Masz już otwartą jedną rozmowę. [few] Masz już { $limit } otwarte rozmowy. [many] Masz już { $limit } otwartych rozmów. *[other] Masz już { $limit } otwartej rozmowy. } Zakończ najpierw jedną."
  blocked: "Rozmowa zakończona, osoba zablokowana na { DAYS($days) } (numer {ref})."
"""  # noqa: E501
RU = """\
meta:
  language_name: Русский
  review: {status: needs-native-review}
volunteer:
  caseload_full: "{ $limit -> [one] У вас уже { $limit } открытый чат. [few] У вас уже { $limit } открытых чата. [many] У вас уже { $limit } открытых чатов. *[other] У вас уже { $limit } открытого чата. } Сначала завершите один."
  blocked: "Чат завершён, человек заблокирован на { DAYS($days) } (номер {ref})."
"""  # noqa: E501


@pytest.fixture(scope="module")
def slavic(tmp_path_factory: pytest.TempPathFactory) -> Content:
    copy = copy_with(tmp_path_factory.mktemp("slavic"), {"pl/ui.yaml": PL, "ru/ui.yaml": RU})
    loaded, problems = load_content(copy)
    assert loaded is not None, [str(p) for p in problems if p.severity == "error"]
    return loaded


def test_arabic_has_six_plural_forms(content: Content) -> None:
    ar = content.locale("ar")
    said = {n: t(ar, "volunteer.caseload_full", limit=n) for n in (0, 1, 2, 3, 11, 100)}
    assert said[0].startswith("لا يمكنك")  # zero
    assert "لديك محادثة مفتوحة" in said[1]  # one: no number at all
    assert "محادثتان مفتوحتان" in said[2]  # two: the dual
    assert "٣ محادثات" in said[3]  # few: plural, Arabic-Indic digit
    assert "١١ محادثة" in said[11]  # many: singular after 11-99
    assert "١٠٠ محادثة" in said[100]  # other
    assert len(set(said.values())) == 6


def test_english_counts_read_right(content: Content) -> None:
    en = content.locale("en")
    assert "a chat open" in t(en, "volunteer.caseload_full", limit=1)
    assert "2 chats open" in t(en, "volunteer.caseload_full", limit=2)
    connected = lambda n: t(en, "volunteer.connected", visitor="7F3A", minutes=n, urgent="")  # noqa: E731
    assert "They waited less than a minute." in connected(0)
    assert "They waited 1 minute." in connected(1)
    assert "They waited 12 minutes." in connected(12)
    assert "blocked for 1 day " in t(en, "volunteer.blocked", days=1, ref="R")
    assert t(en, "admin.stats", days="1").startswith("Last 1 day (")  # a figure given as text
    assert t(en, "admin.stats", days="30").startswith("Last 30 days (")
    assert "one problem." in t(en, "admin.reload_failed", count=1, problems="-")
    assert "expires in 24 hours" in t(en, "admin.invite", hours=24, link="L")
    assert "(s)" not in "".join(en.strings.values())


def test_arabic_durations_take_their_cldr_forms(content: Content) -> None:
    ar = content.locale("ar")
    waited = lambda n: t(ar, "volunteer.connected", visitor="7F3A", minutes=n, urgent="")  # noqa: E731
    assert "انتظار لم يبلغ دقيقة" in waited(0)
    assert "مدته دقيقة." in waited(1)
    assert "مدته دقيقتان." in waited(2)
    assert "مدته ٥ دقائق." in waited(5)
    assert "مدته ١١ دقيقة." in waited(11)
    assert "٦ ساعات" in t(ar, "admin.invite", hours=6, link="L")
    assert "٢٤ ساعة" in t(ar, "admin.invite", hours=24, link="L")
    assert "ومدة الحظر ٧ أيام" in t(ar, "volunteer.blocked", days=7, ref="R")
    for key in ("queue.estimate_minutes", "volunteer.queue", "volunteer.connected"):
        assert "بالدقائق" not in ar.strings[key]  # no more "minutes: 3" dodges


@pytest.mark.parametrize(
    ("n", "pl", "ru"),
    [
        (1, "jedną rozmowę", "1 открытый чат"),
        (2, "2 otwarte rozmowy", "2 открытых чата"),
        (4, "4 otwarte rozmowy", "4 открытых чата"),
        (5, "5 otwartych rozmów", "5 открытых чатов"),
        (12, "12 otwartych rozmów", "12 открытых чатов"),
        (21, "21 otwartych rozmów", "21 открытый чат"),
        (22, "22 otwarte rozmowy", "22 открытых чата"),
        (25, "25 otwartych rozmów", "25 открытых чатов"),
    ],
)
def test_polish_and_russian_plural_forms(slavic: Content, n: int, pl: str, ru: str) -> None:
    assert pl in t(slavic.locale("pl"), "volunteer.caseload_full", limit=n)
    assert ru in t(slavic.locale("ru"), "volunteer.caseload_full", limit=n)


@pytest.mark.parametrize(
    ("days", "pl", "ru"),
    [
        (1, "1 dzień", "1 день"),
        (3, "3 dni", "3 дня"),
        (5, "5 dni", "5 дней"),
        (21, "21 dni", "21 день"),
    ],
)
def test_polish_and_russian_durations(slavic: Content, days: int, pl: str, ru: str) -> None:
    assert f"na {pl} " in t(slavic.locale("pl"), "volunteer.blocked", days=days, ref="R")
    assert f"на {ru} " in t(slavic.locale("ru"), "volunteer.blocked", days=days, ref="R")


def test_required_plural_forms_come_from_cldr() -> None:
    forms = {code: required_forms(babel_locale(code)) for code in ("ar", "pl", "ru", "en", "ja")}
    assert forms["ar"] == {"zero", "one", "two", "few", "many", "other"}
    assert forms["pl"] == forms["ru"] == {"one", "few", "many", "other"}
    assert forms["en"] == {"one", "other"}
    assert forms["ja"] == {"other"}
    assert required_forms(babel_locale("fr")) == {"one", "other"}  # "many" is for millions


@pytest.mark.parametrize(
    ("country", "month"),
    [
        ("SY", "كانون الثاني"),
        ("LB", "كانون الثاني"),
        ("JO", "كانون الثاني"),
        ("IQ", "كانون الثاني"),
        ("PS", "كانون الثاني"),
        ("DZ", "جانفي"),
        ("TN", "جانفي"),
        ("EG", "يناير"),
        (None, "يناير"),  # no country: CLDR's Arabic
        ("-", "يناير"),  # rather not say
        ("XX", "يناير"),  # another country
        ("FR", "يناير"),  # no Arabic of France in CLDR
    ],
)
def test_arabic_month_names_follow_the_visitors_country(
    content: Content, country: str | None, month: str
) -> None:
    ar = content.locale("ar")
    assert month_year(ar, dt.date(2026, 1, 4), country) == f"{month} ٢٠٢٦"
    assert day_month_year(ar, dt.date(2026, 1, 4), country) == f"٤ {month} ٢٠٢٦"


def test_english_dates_by_region(content: Content) -> None:
    en = content.locale("en")
    assert day_month_year(en, dt.date(2026, 12, 4)) == "4 December 2026"  # meta region GB
    assert day_month_year(en, dt.date(2026, 12, 4), "US") == "December 4, 2026"
    assert month_year(en, dt.date(2026, 11, 1), "LB") == "November 2026"


def test_the_crisis_screen_dates_a_check_in_the_visitors_months(content: Content) -> None:
    from bot.crisis_screens import verification_text
    from bot.screens import crisis

    ar = content.locale("ar")
    local, glob = ar.contacts_for("LB")
    dated = [c.verification for c in local + glob if c.verification.when is not None]
    assert dated, "a contact shown for Lebanon with a date"
    screen = crisis(ar, "LB").text
    for verification in dated:
        assert verification_text(ar, verification, "LB") in screen
    assert "كانون" in screen or "تشرين" in screen or "آب" in screen or "أيلول" in screen
    assert not re.search(r"\b20\d\d\b", screen)  # years in Arabic-Indic digits


def test_numbers_take_the_locales_digits_but_identifiers_stay_latin(content: Content) -> None:
    ar, en = content.locale("ar"), content.locale("en")
    assert t(ar, "page.position", n=3, total=17) == "صفحة ٣ من ١٧"
    assert t(en, "page.position", n=3, total=1234) == "3 of 1,234"
    assert formats("ar", "arab", None, None).number(1234) == "١٬٢٣٤"
    escalation = t(ar, "supervisor.escalation", chat=12, volunteer="V", visitor="7F3A")
    assert "/join\u2069 \u206812\u2069" in escalation and "١٢" not in escalation


def test_one_line_selects_become_fluent() -> None:
    text = "{ $n -> [one] one chat *[other] { $n } chats } open, {name}."
    assert is_fluent(text) and not is_fluent("Hello {name}, {count} left.")
    assert to_ftl(text) == (
        "{ $n ->\n    [one] one chat\n    *[other] { $n } chats\n    } open, { $name }."
    )
    found = analyse(text)
    assert found.errors == () and found.variables == {"n", "name"}
    assert found.plurals == (("n", frozenset({"one", "other"})),)
    assert variables("Plain {a} and {b}") == {"a", "b"}


BROKEN = """\
meta:
  language_name: Français
  review: {status: needs-native-review}
volunteer:
  caseload_full: "{ $limit -> [one] Une conversation ouverte *[other] { $limit } conversations } ; {limit}"
  blocked: "Bloqué pour { DAYS($jours) } (référence {ref})."
  queue: "En attente : { $waiting -> [one] une personne *[other] {waiting} }, urgent {urgent}, { NUMBER($minutes, minimumIntegerDigits: 99) }"
  connected: "{ $minutes -> [one] une minute [other] plusieurs }"
admin:
  stats: "{ $days -> [one] Dernier jour [plural] Derniers jours *[other] x }"
  reload_failed: "Contenu non rechargé : {count} problèmes. {problems}"
date:
  month_1: janvier
"""  # noqa: E501
ARABIC_MISSING_FORMS = """\
meta:
  language_name: العربية (اختبار)
  direction: rtl
  review: {status: needs-native-review}
volunteer:
  caseload_full: "{ $limit -> [one] محادثة واحدة *[other] { $limit } محادثات }"
"""


def test_content_check_catches_what_translators_can_get_wrong(tmp_path: Path) -> None:
    copy = copy_with(tmp_path, {"fr/ui.yaml": BROKEN, "ar-XA/ui.yaml": ARABIC_MISSING_FORMS})
    result = subprocess.run(
        [sys.executable, "-m", "bot", "content", "check", str(copy)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    out = result.stdout
    assert result.returncode == 1
    fr = "content/fr/ui.yaml"
    # A different placeholder, in a Fluent text and in a plain one.
    assert f"error: {fr}: volunteer.blocked: placeholders differ from English (days, ref)" in out
    # Fluent syntax, named by file and key: no default variant.
    assert re.search(rf"error: {fr}: volunteer.connected: Fluent syntax: .*default", out)
    # Only variables, selects and durations: no NUMBER() with options that could freeze the bot.
    assert f"error: {fr}: volunteer.queue: only {{ $name }}, selects and" in out
    assert f"error: {fr}: admin.stats: not a plural form: plural" in out
    # English counts {count} with plural forms; this text writes "{count} problèmes".
    assert f"incomplete: {fr}: admin.reload_failed: English counts {{count}}" in out
    # A retired month key is only a warning: delete it.
    assert f"warning: {fr}: date.month_1: no longer used" in out
    # Arabic needs six forms; a variant of ar checks against Arabic's rules.
    assert re.search(
        r"incomplete: content/ar-XA/ui.yaml: volunteer.caseload_full: plural forms missing for "
        r"\{ \$limit \}: zero, two, few, many \(.* needs zero, one, two, few, many, other\)",
        out,
    )


def test_a_missing_plural_form_still_renders_the_default(tmp_path: Path) -> None:
    copy = copy_with(
        tmp_path,
        {
            "ar-XA/ui.yaml": ARABIC_MISSING_FORMS.replace("العربية (اختبار)", "عربي").replace(
                "meta:\n", "meta:\n  parent: ar\n", 1
            )
        },
    )
    loaded, problems = load_content(copy)
    assert loaded is not None
    variant = loaded.locale("ar-XA")
    assert t(variant, "volunteer.caseload_full", limit=2) == "٢ محادثات"  # the * form
    assert any("plural forms missing" in p.message for p in problems)


def sample_values(text: str, english: str, n: int) -> dict[str, object]:
    counted = analyse(english).counts | (analyse(text).counts if is_fluent(text) else set())
    names = variables(text) | variables(english)
    return {name: n if name in counted else f"<{name}>" for name in names}


def test_every_text_renders_in_every_locale(
    content: Content, caplog: pytest.LogCaptureFixture
) -> None:
    """Every ui key in every locale present, with sample values (each count as 0, 1, 2, 3, 5,
    11, 21, 100, 1001): no missing key, no leftover brace, no Fluent error."""
    en = content.locale("en")
    assert len(content.locales) >= 2
    caplog.set_level(logging.ERROR, logger="bot.content")
    for code, loc in content.locales.items():
        for key in en.strings:
            assert key in loc.strings, (code, key)
            for n in (0, 1, 2, 3, 5, 11, 21, 100, 1001):
                text = t(loc, key, **sample_values(loc.strings[key], en.strings[key], n))
                assert text and "{" not in text and "}" not in text, (code, key, n, text)
                assert "???" not in text, (code, key, n)
                if not is_fluent(loc.strings[key]) and not is_fluent(en.strings[key]):
                    break  # a plain text reads the same for every number
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
