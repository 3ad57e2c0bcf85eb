"""The crisis contacts: honest about how we know each one, complete for every country in the
research, cautious where the police are a danger; `content check` catches each broken rule."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.content.i18n import FSI, LRI, PDI, t
from bot.content.loader import load_content
from bot.content.problems import Problem
from bot.screens import contact_text, crisis, emergency_text

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"

# Every country the two pieces of desk research name, by region of the picker.
MENA = ["DZ", "BH", "EG", "IQ", "JO", "KW", "LB", "LY", "MA", "OM", "PS", "QA", "SA", "SD"]
MENA += ["SY", "TN", "AE", "YE"]
RESEARCHED = [*MENA, "AT", "BE", "FR", "DE", "IE", "IT", "LI", "PL", "PT", "ES", "CH", "GB"]
RESEARCHED += ["BY", "KZ", "RU", "TR", "UA", "AU", "CN", "HK", "IR", "JP", "PK", "SG", "TW"]
RESEARCHED += ["AR", "BR", "CA", "CL", "CO", "MX", "US"]


@pytest.fixture(scope="module")
def content() -> Any:
    loaded, problems = load_content(CONTENT)
    assert loaded is not None, [str(p) for p in problems if p.severity == "error"]
    return loaded


# ---- the shipped facts ---------------------------------------------------------------------


def test_every_researched_country_is_in_the_picker(content: Any) -> None:
    en = content.locale("en")
    assert set(RESEARCHED) <= set(en.countries)
    in_regions = [cc for region in en.regions for cc in region.countries]
    assert sorted(in_regions) == sorted(en.countries)  # each in exactly one region
    assert {"BH", "OM", "LY", "SD", "YE"} <= set(en.regions[0].countries)


def test_nothing_says_checked_because_nothing_was_called(content: Any) -> None:
    en = content.locale("en")
    states = [c.verification.state for c in en.contacts]
    assert "called" not in states
    for contact in en.contacts:
        if contact.confidence != "high":  # low, unverified, secondary: not yet confirmed
            assert contact.verification.state == "unconfirmed", contact.id
        assert "check" not in contact_text(en, contact).split("\n")[-1].lower()
    # The five medium-confidence contacts once shown as checked are now "not yet confirmed".
    for cid in ("trevor-project", "trans-lifeline", "switchboard", "lgbt-youthline"):
        contact = next(c for c in en.contacts if c.id == cid)
        assert contact_text(en, contact).endswith(t(en, "crisis.state_unconfirmed"))
    embrace = next(c for c in en.contacts if c.id == "embrace-lifeline")
    assert embrace.verification.state == "unconfirmed"


def test_no_number_the_research_does_not_state(content: Any) -> None:
    """Spot checks of what the research says must not be listed."""
    en = content.locale("en")
    values = {r.value for c in en.contacts for r in c.reach}
    values |= {n.value for e in en.emergency.values() for n in e.numbers}
    for never in ("16328", "121", "164", "+961 71 916 146", "182", "183", "110 "):
        assert never not in values, never  # aggregator-only, disputed or left out on purpose
    assert not en.emergency["DZ"].numbers  # police number disputed: none used
    assert not en.emergency["CH"].numbers  # 112 not separately sourced
    assert not any(c for c in en.contacts if "befrienders cairo" in c.name.lower())


def test_no_path_of_a_machine_in_the_content() -> None:
    for path in CONTENT.rglob("*.yaml"):
        assert "/work/" not in path.read_text(encoding="utf-8"), path


def test_police_is_risky_across_the_arab_world(content: Any) -> None:
    en = content.locale("en")
    for cc in MENA:
        assert en.police_risky(cc), cc
        assert en.cautions(cc), cc
    assert not en.police_risky("GB") and not en.police_risky("FR")
    assert en.police_risky(None) and en.police_risky("-")  # unknown: never suggest police
    assert "attempt_public" in en.cautions("JO") and "police_run" in en.cautions("JO")
    assert "attempt_crime" in en.cautions("KW") and "attempt_unclear" in en.cautions("AE")


def test_the_issue_s_wording_fixes(content: Any) -> None:
    en, ar = content.locale("en"), content.locale("ar")
    embrace = next(c for c in ar.contacts if c.id == "embrace-lifeline")
    assert "فجر اليوم التالي" in embrace.hours  # 08:30 to 05:30 runs overnight
    youthline = next(c for c in en.contacts if c.id == "lgbt-youthline")
    assert "Ontario only" in youthline.name
    assert "reach in United Kingdom" not in crisis(en, "GB").text
    assert "United Kingdom" in crisis(en, "GB").text


# ---- what a visitor reads ------------------------------------------------------------------


def test_egypt_lists_no_crisis_line_honestly_with_its_caution(content: Any) -> None:
    en = content.locale("en")
    text = crisis(en, "EG").text
    assert t(en, "crisis.no_line", country="Egypt") in text
    assert "Ambulance: 123" in text and t(en, "crisis.state_unconfirmed") in text
    assert t(en, "crisis.caution_entrapment") in text
    assert t(en, "crisis.caution_morality_laws") in text
    assert t(en, "crisis.meet_warning") in text
    assert "(crisis line)" not in text  # nothing in Egypt is presented as a crisis line
    assert "Find A Helpline (a directory of helplines, not a helpline)" in text
    assert t(en, "button.talk") in [b.label for row in crisis(en, "EG").rows for b in row]


def test_lebanon_lists_its_crisis_line_first(content: Any) -> None:
    en = content.locale("en")
    text = crisis(en, "LB").text
    assert text.index("Embrace Lifeline (crisis line)") < text.index("Helem (organisation)")
    assert "no crisis line" not in text and t(en, "crisis.caution_same_sex_crime") in text


def test_no_country_sees_the_international_options_only(content: Any) -> None:
    en = content.locale("en")
    for choice, intro in (("-", "crisis.intro"), ("XX", "crisis.intro_other")):
        text = crisis(en, choice).text
        assert text.startswith(t(en, intro))
        assert "Rainbow Railroad" in text and "Find A Helpline" in text
        assert "1564" not in text and t(en, "crisis.caution_intro") not in text


def test_emergency_number_carries_its_caution_wherever_it_is_listed(content: Any) -> None:
    en = content.locale("en")
    jordan = emergency_text(en, "JO")
    assert "Emergency number: 911" in jordan
    assert t(en, "crisis.caution_police_run") in jordan
    assert t(en, "crisis.caution_attempt_public") in jordan
    uk = emergency_text(en, "GB")
    assert "999" in uk and en.emergency_note.strip() in uk  # the general note, not a warning
    assert emergency_text(en, "LB") != ""  # no number, but the caution still shows
    for cc, notes in en.emergency.items():
        if notes.numbers:
            text = emergency_text(en, cc)
            assert t(en, "crisis.caution_intro") in text or en.emergency_note.strip() in text


def test_arabic_crisis_screen_isolates_numbers_and_links(content: Any) -> None:
    ar = content.locale("ar")
    text = crisis(ar, "JO").text
    assert f"{LRI}911{PDI}" in text and f"{LRI}https://rainbow-street.org{PDI}" in text
    assert t(ar, "crisis.caution_police_run") in text


def test_rtl_isolates_commands_aliases_and_codes(content: Any) -> None:
    en, ar = content.locale("en"), content.locale("ar")
    note = t(ar, "privacy.note")
    assert f"{LRI}/exit{PDI}" in note and "/exit" in t(en, "privacy.note")
    assert LRI not in t(en, "privacy.note")
    commands = 0
    for key in ar.strings:
        text = t(ar, key)
        commands += text.count(f"{LRI}/")
        bare = re.findall(r"(?<![\w/.:\u2066])/[a-z]+", text)
        assert bare == [], (key, bare)
    assert commands > 20  # the help texts name every command
    said = t(ar, "volunteer.alias_saved", alias="River")
    assert f"{FSI}River{PDI}" in said
    assert t(en, "volunteer.alias_saved", alias="River") == en.strings[
        "volunteer.alias_saved"
    ].format(alias="River")


# ---- content check, rule by rule -----------------------------------------------------------


def _broken(
    tmp_path: Path, edit: Any, locale: str = "en", file: str = "crisis.yaml"
) -> list[Problem]:
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    path = copy / locale / file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _, problems = load_content(copy)
    return [p for p in problems if p.severity != "warning"]


def _contact(data: dict, cid: str) -> dict:
    return next(c for c in data["contacts"] if c["id"] == cid)


def _messages(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


RULES = {
    "called without date or admin": (
        lambda d: _contact(d, "embrace-lifeline").update(verification={"state": "called"}),
        r"contacts\.embrace-lifeline\.verification: confirmed by calling needs the date",
    ),
    "own page for a medium-confidence contact": (
        lambda d: _contact(d, "embrace-lifeline").update(
            verification={"state": "own_page", "month": "2026-11"}
        ),
        r"embrace-lifeline\.verification: medium confidence .* cannot be 'found on its own page'",
    ),
    "own page without a month": (
        lambda d: _contact(d, "qlife").update(verification={"state": "own_page"}),
        r"qlife\.verification: found on its own page needs the month",
    ),
    "not yet confirmed with a date": (
        lambda d: _contact(d, "helem").update(
            verification={"state": "unconfirmed", "date": "2026-11-02"}
        ),
        r"helem\.verification: not yet confirmed takes no date",
    ),
    "called in the future": (
        lambda d: _contact(d, "qlife").update(
            verification={"state": "called", "date": "2099-01-01", "by": "Sam"}
        ),
        r"qlife\.verification: date is in the future",
    ),
    "an unknown state": (
        lambda d: _contact(d, "qlife").update(verification={"state": "checked"}),
        r"contacts\.\d+\.verification\.state",
    ),
    "a contact without a source": (
        lambda d: _contact(d, "qlife").pop("source"),
        r"contacts\.\d+\.source: Field required",
    ),
    "a source naming a path on a computer": (
        lambda d: _contact(d, "qlife").update(source="/home/me/research.md"),
        r"qlife\.source: names a path on a computer",
    ),
    "a country without its caution decision": (
        lambda d: d["emergency"].pop("EG"),
        r"emergency\.EG: no emergency entry",
    ),
    "risky police without a reason": (
        lambda d: d["emergency"]["JO"].update(cautions=[]),
        r"emergency\.JO\.cautions: police_risky needs at least one reason",
    ),
    "reasons on a country marked safe": (
        lambda d: d["emergency"]["GB"].update(cautions=["arrests"]),
        r"emergency\.GB\.police_risky: cautions are given",
    ),
    "an emergency number without source or state": (
        lambda d: d["emergency"]["LB"].update(numbers=[{"value": "140", "service": "all"}]),
        r"emergency\.LB\.source: a number needs its source",
    ),
    "a malformed emergency number": (
        lambda d: d["emergency"]["GB"]["numbers"][0].update(value="nine-nine-nine"),
        r"emergency\.GB\.numbers\.0: not a phone number",
    ),
    "a country in no region": (
        lambda d: d["regions"][0]["countries"].remove("YE"),
        r"countries\.YE: in no region",
    ),
    "a country in two regions": (
        lambda d: d["regions"][1]["countries"].append("EG"),
        r"regions\.europe: EG is also in mena",
    ),
    "a crisis line with no way to reach it": (
        lambda d: _contact(d, "embrace-lifeline").update(reach=[]),
        r"embrace-lifeline\.reach: a crisis line needs a way to reach it",
    ),
}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_content_check_enforces_each_crisis_rule(tmp_path: Path, rule: str) -> None:
    edit, expected = RULES[rule]
    out = _messages(_broken(tmp_path, edit))
    assert re.search(expected, out), out


def test_a_caution_needs_its_words(tmp_path: Path) -> None:
    def drop(data: dict) -> None:
        del data["crisis"]["caution_arrests"]

    out = _messages(_broken(tmp_path, drop, file="ui.yaml"))
    assert "no text crisis.caution_arrests in ui.yaml" in out


def test_only_a_call_may_say_checked(tmp_path: Path) -> None:
    def boast(data: dict) -> None:
        data["crisis"]["state_own_page"] = "Checked on its website in {date}."

    out = _messages(_broken(tmp_path, boast, file="ui.yaml"))
    assert "only calling lets a contact say checked" in out


def test_a_translation_missing_a_region_is_incomplete(tmp_path: Path) -> None:
    problems = _broken(tmp_path, lambda d: d["regions"].pop(), locale="ar")
    assert any(p.key == "regions.americas" and p.severity == "incomplete" for p in problems)


def test_content_check_exits_non_zero_with_the_list(tmp_path: Path) -> None:
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    path = copy / "en" / "crisis.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        'verification: {state: own_page, month: "2026-11"}', "verification: {state: called}", 1
    )
    text = text.replace(
        "    cautions: [police_run, attempt_public, morality_laws]", "    cautions: []", 1
    )
    path.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "content", "check", str(copy)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "confirmed by calling needs the date and the admin" in result.stdout
    assert "emergency.JO.cautions: police_risky needs at least one reason" in result.stdout
